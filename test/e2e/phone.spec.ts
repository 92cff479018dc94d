import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

// Every page at a phone's size (390×844, touch): nothing scrolls sideways, the lesson contents fold
// into a "Contents" button, and what a finger taps is at least 44 px high.
const SCREENSHOTS = path.join(import.meta.dirname, 'screenshots');

test.use({
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
});

let pageErrors: string[] = [];
test.beforeEach(({ page }) => {
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
});
test.afterEach(() => {
  expect(pageErrors).toEqual([]);
});

/** How far the page reaches beyond the screen's width (0 when nothing scrolls sideways). */
async function sideways(page: Page): Promise<number> {
  return page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);
}

/**
 * The visible controls (links, buttons, fields, quiz options) lower than 44 px, outside `skip`.
 * A link inside a sentence is left out, as WCAG 2.5.5 leaves out inline links.
 */
async function smallTargets(page: Page, skip = '.lesson-sim'): Promise<string[]> {
  return page.evaluate((skipSelector) => {
    const out: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>(
      'a[href], button, summary, select, textarea, .quiz-option',
    );
    for (const el of controls) {
      if (el.closest(skipSelector) || el.closest('.skip-link')) continue;
      // A link in a table cell is part of the table's text, like a link in a sentence.
      if (el.tagName === 'A' && el.closest('td')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const block = el.closest('p, li, dd, h1, h2, h3, h4, figcaption') ?? el.parentElement;
      const blockText = block?.textContent?.trim() ?? '';
      if (el.tagName === 'A' && blockText.length > (el.textContent?.trim().length ?? 0)) continue;
      if (box.height < 44)
        out.push(`${el.tagName} “${el.textContent?.trim()}” ${Math.round(box.height)} px`);
    }
    return out;
  }, skip);
}

test('the home page fits the phone, with big enough targets and Start the course', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Start the course: 1\. / })).toBeVisible();
  expect(await sideways(page)).toBeLessThanOrEqual(0);
  expect(await smallTargets(page)).toEqual([]);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'phone-home.png'), fullPage: true });
});

test('a lesson: the contents fold into a button that opens and closes them, nothing sideways', async ({
  page,
}) => {
  await page.goto('/learn/transactions/');
  await expect(page.getByRole('heading', { level: 1, name: 'Transactions' })).toBeVisible();
  const contents = page.getByRole('navigation', { name: 'On this page' });
  const toggle = contents.getByRole('button', { name: 'Contents' });
  const firstLink = contents.getByRole('link', { name: 'The four state machines, in outline' });

  // Closed: only the bar shows, opaque, and no taller than a button's row.
  await expect(toggle).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(firstLink).toBeHidden();
  const bar = await contents.boundingBox();
  expect(bar!.height).toBeLessThan(70);
  const background = await contents.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(background).toMatch(/^rgb\(/); // rgb(), not rgba(): nothing shows through

  // Wait for the embedded simulations, then: nothing may scroll sideways.
  await expect(
    page.locator('.lesson-sim').first().getByRole('button', { name: 'Step', exact: true }),
  ).toBeVisible();
  expect(await sideways(page)).toBeLessThanOrEqual(0);
  expect(await smallTargets(page)).toEqual([]);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'phone-lesson.png') });

  // Scrolled down, the bar stays at the top and what is under it cannot be tapped through it.
  await page.getByRole('heading', { name: 'Check yourself' }).scrollIntoViewIfNeeded();
  const pinned = await contents.boundingBox();
  expect(pinned!.y).toBe(0);
  const hit = await page.evaluate(
    ([x, y]) => document.elementFromPoint(x!, y!)?.closest('nav')?.getAttribute('aria-label'),
    [200, pinned!.height / 2],
  );
  expect(hit).toBe('On this page');

  // Open: the list shows over the page; a link takes the reader there and closes it.
  await toggle.tap();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(firstLink).toBeVisible();
  expect(await smallTargets(page)).toEqual([]);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'phone-lesson-contents.png') });
  await firstLink.tap();
  await expect(page).toHaveURL(/#the-four-state-machines-in-outline$/);
  await expect(firstLink).toBeHidden();
  // The heading is not hidden under the pinned bar.
  const heading = await page
    .getByRole('heading', { name: 'The four state machines, in outline' })
    .boundingBox();
  const barNow = await contents.boundingBox();
  expect(heading!.y).toBeGreaterThanOrEqual(barNow!.y + barNow!.height - 1);

  // The button closes it too, and so does Escape.
  await toggle.tap();
  await expect(firstLink).toBeVisible();
  await toggle.tap();
  await expect(firstLink).toBeHidden();
  await toggle.tap();
  await page.keyboard.press('Escape');
  await expect(firstLink).toBeHidden();
  await expect(toggle).toBeFocused();
});

test.describe('a lesson in the dark theme', () => {
  test.use({ colorScheme: 'dark' });

  test('reads the same, with an opaque contents bar', async ({ page }) => {
    await page.goto('/learn/registration/');
    await expect(page.getByRole('heading', { level: 1, name: 'Registration' })).toBeVisible();
    const contents = page.getByRole('navigation', { name: 'On this page' });
    await expect(contents).toHaveCSS('background-color', 'rgb(21, 24, 29)');
    await expect(
      page.locator('.lesson-sim').first().getByRole('button', { name: 'Step', exact: true }),
    ).toBeVisible();
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'phone-lesson-dark.png') });
    await contents.getByRole('button', { name: 'Contents' }).tap();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'phone-lesson-dark-contents.png') });
  });
});

test('every lesson fits the phone', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/learn/');
  expect(await sideways(page)).toBeLessThanOrEqual(0);
  const hrefs = await page
    .locator('.lesson-list a')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  expect(hrefs).toHaveLength(17);
  const wide: string[] = [];
  for (const href of hrefs) {
    await page.goto(href);
    await expect(
      page.locator('.lesson-sim').first().getByRole('button', { name: 'Step', exact: true }),
    ).toBeVisible();
    const over = await sideways(page);
    if (over > 0) wide.push(`${href} by ${over} px`);
  }
  expect(wide).toEqual([]);
});

test('the message lab fits the phone', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/message-lab/');
  await expect(page.getByRole('status')).toContainText('Accepted');
  expect(await sideways(page)).toBeLessThanOrEqual(0);
  expect(await smallTargets(page)).toEqual([]);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'phone-message-lab.png'), fullPage: true });

  await page.getByRole('button', { name: 'Malformed Via' }).tap();
  await expect(page.getByRole('status')).toContainText('Rejected');
  expect(await sideways(page)).toBeLessThanOrEqual(0);
  await page.screenshot({
    path: path.join(SCREENSHOTS, 'phone-message-lab-error.png'),
    fullPage: true,
  });
});

test('the glossary and the lesson list fit the phone', async ({ page }) => {
  for (const url of ['/learn/', '/glossary/', '/labs/']) {
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await sideways(page), url).toBeLessThanOrEqual(0);
  }
});
