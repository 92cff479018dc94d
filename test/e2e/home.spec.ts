import path from 'node:path';
import { expect, test } from '@playwright/test';

const SCREENSHOTS = path.join(import.meta.dirname, 'screenshots');

const NAV_LINKS = [
  ['Home', '/'],
  ['Lessons', '/learn/'],
  ['Playground', '/playground/'],
  ['Message lab', '/message-lab/'],
  ['Practice', '/practice/'],
  ['Inspect', '/inspect/'],
  ['Labs', '/labs/'],
] as const;

test('home page shows the heading, the navigation and a working theme toggle', async ({ page }) => {
  await page.goto('/');

  await expect(page).toHaveTitle('SIP Lab');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Learn SIP, one message at a time',
  );
  await expect(page.getByRole('main')).toContainText('RFC 3261');

  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const [name, href] of NAV_LINKS) {
    await expect(nav.getByRole('link', { name, exact: true })).toHaveAttribute('href', href);
  }
  await expect(nav.getByRole('link', { name: 'Home', exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  );
  for (const name of ['Lessons', 'Playground', 'Message lab', 'Inspect a capture', 'Labs']) {
    await expect(page.getByRole('main').getByRole('link', { name, exact: true })).toBeVisible();
  }

  const html = page.locator('html');
  const toggle = page.getByRole('button', { name: 'Toggle dark theme' });
  // The browser prefers light (playwright.config.ts), and nothing is stored yet.
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(html).not.toHaveAttribute('data-theme');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'home-light.png'), fullPage: true });

  await toggle.click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(21, 24, 29)');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'home-dark.png'), fullPage: true });

  // The choice is remembered across page loads.
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');

  await toggle.click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(248, 248, 245)');
  expect(await page.evaluate(() => localStorage.getItem('sip-lab-theme'))).toBe('light');
});

test.describe('with a dark system preference', () => {
  test.use({ colorScheme: 'dark' });

  test('the theme follows prefers-color-scheme until the reader chooses', async ({ page }) => {
    await page.goto('/');
    const toggle = page.getByRole('button', { name: 'Toggle dark theme' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(21, 24, 29)');

    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(248, 248, 245)');
  });
});

test('an unknown address shows the not-found page with status 404', async ({ page }) => {
  const response = await page.goto('/no-such-page/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Learn SIP, one message at a time',
  );
});
