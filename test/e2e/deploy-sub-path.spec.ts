import path from 'node:path';
import { expect } from '@playwright/test';
import {
  BASE_PATH,
  linksOutsideBase,
  serveSubPath,
  test,
  watchRequests,
  type Site,
} from './deploy/sub-path-site';

// The course built with BASE_PATH=/sip-course and served under /sip-course/, as on a code host's
// project page: every page, script, style, worker and link stays under the base path.
test.use({ serviceWorkers: 'allow' });

const SCREENSHOTS = path.join(import.meta.dirname, 'screenshots');

let site: Site;

test.beforeAll(async ({ subPathBuild }) => {
  site = await serveSubPath(subPathBuild);
});

test.afterAll(async () => {
  await site?.close();
});

test('home → a lesson (its simulation) → the playground → a lab checked, all under /sip-course/', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const problems = watchRequests(context, site.origin);
  const visited: string[] = [];
  const noLinkLeaves = async () => {
    visited.push(new URL(page.url()).pathname);
    expect(await linksOutsideBase(page, site.origin), page.url()).toEqual([]);
  };

  await page.goto(site.url('/'));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Styles arrived: the header is laid out by globals.css (a page without them is a plain list).
  await expect(page.locator('.site-header')).toHaveCSS('border-bottom-style', 'solid');
  await noLinkLeaves();

  // A lesson, reached through the site's links, and its simulation stepped.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Lessons' })
    .click();
  await expect(page).toHaveURL(site.url('/learn/'));
  await page
    .locator('.lesson-list')
    .getByRole('link', { name: /Registration/ })
    .click();
  await expect(page).toHaveURL(site.url('/learn/registration/'));
  const sim = page.locator('.lesson-sim').first();
  const step = sim.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 40 && (await sim.getByText('401 Unauthorized').count()) === 0; i++)
    await step.click();
  await expect(sim.getByText('401 Unauthorized').first()).toBeVisible();
  await noLinkLeaves();
  // A link written in the lesson's Markdown, and a glossary term, keep the base path.
  const lessonLinks = await page
    .locator('article.lesson a[href^="/"]')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  expect(lessonLinks.length).toBeGreaterThan(0);
  for (const href of lessonLinks) expect(href.startsWith(`${BASE_PATH}/`), href).toBe(true);

  // The playground, stepped.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Playground' })
    .click();
  await expect(page).toHaveURL(new RegExp(`^${site.url('/playground/')}`));
  const widget = page.getByRole('region', { name: /^Simulator: / });
  await widget.getByRole('button', { name: 'Step', exact: true }).click();
  await widget.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(widget.getByRole('region', { name: 'Ladder diagram' })).toContainText(
    /REGISTER|INVITE/,
  );
  // The playground keeps its place in the URL: under the base path.
  expect(new URL(page.url()).pathname).toBe(`${BASE_PATH}/playground/`);
  await noLinkLeaves();

  // A built-in lab: solved, and checked by the lab's Web Worker (loaded from under the base path).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Labs' }).click();
  await page.getByRole('link', { name: 'Keep the proxy on the BYE path' }).click();
  await expect(page).toHaveURL(site.url('/labs/record-route/'));
  await page.getByRole('checkbox', { name: 'Record-Route' }).check();
  const worker = page.waitForEvent('worker');
  await page.getByRole('button', { name: 'Check my work', exact: true }).click();
  expect(new URL((await worker).url()).pathname.startsWith(`${BASE_PATH}/_next/`)).toBe(true);
  const results = page.getByRole('region', { name: 'Results' });
  await expect(results.getByText('Score: 5 of 5 points')).toBeVisible({ timeout: 30_000 });
  await noLinkLeaves();

  // The glossary and the message lab, reached by the navigation.
  for (const name of ['Glossary', 'Message lab']) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await noLinkLeaves();
  }

  // A full reload of a page reached by client-side navigation is served too.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  expect(visited.every((p) => p.startsWith(`${BASE_PATH}/`))).toBe(true);
  expect(problems).toEqual([]);
});

test('a lab shared from the builder opens under the base path, and the draft is kept there', async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  const problems = watchRequests(context, site.origin);
  await page.goto(site.url('/labs/record-route/'));
  await page.getByRole('link', { name: 'Edit a copy' }).click();
  await expect(page).toHaveURL(new RegExp(`^${site.url('/labs/build/')}\\?`));
  await expect(page.getByText('The lab is valid: it can be run, shared and exported.')).toBeVisible(
    { timeout: 30_000 },
  );
  // The builder names the draft in the URL, under the base path, so a reload opens it again.
  await expect(page).toHaveURL(new RegExp(`^${site.url('/labs/build/')}\\?draft=`));
  await page.reload();
  await expect(page.getByText('The lab is valid: it can be run, shared and exported.')).toBeVisible(
    {
      timeout: 30_000,
    },
  );

  await page.getByRole('button', { name: 'Share link' }).click();
  const link = await page.getByLabel('Lab link', { exact: true }).inputValue();
  expect(link.startsWith(`${site.url('/labs/play/')}#`), link).toBe(true);

  // Opened in a fresh browser, the link shows the lab.
  const student = await context.browser()!.newContext({ serviceWorkers: 'block' });
  const studentPage = await student.newPage();
  await studentPage.goto(link);
  await expect(studentPage.getByRole('heading', { level: 1 })).toHaveText(
    /Keep the proxy on the BYE path/,
  );
  await studentPage.getByRole('checkbox', { name: 'Record-Route' }).check();
  await studentPage.getByRole('button', { name: 'Check my work', exact: true }).click();
  await expect(
    studentPage.getByRole('region', { name: 'Results' }).getByText(/^Score: 5 of 5 points/),
  ).toBeVisible({ timeout: 30_000 });
  // The labs page of that browser lists it, linked under the base path.
  await studentPage.goto(site.url('/labs/'));
  const opened = studentPage.getByRole('link', { name: /Keep the proxy on the BYE path/ }).last();
  expect(new URL(await opened.evaluate((a) => (a as HTMLAnchorElement).href)).pathname).toBe(
    `${BASE_PATH}/labs/play/`,
  );
  // Its storage is the deployment's own.
  const keys = await studentPage.evaluate(() => Object.keys(localStorage));
  expect(keys.some((k) => k.startsWith(`sip-lab:${'/sip-course'}:labs-opened`))).toBe(true);
  expect(keys.filter((k) => k.startsWith('sip-lab.') || k.startsWith('sip-lab-'))).toEqual([]);
  await student.close();

  expect(problems).toEqual([]);
});

test.describe('installed, on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the app as it opens from the home screen: its manifest, and its pages at a phone size', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    // What the manifest asks for: the start URL of this deployment, standalone, with its icons.
    const manifest = (await (await page.request.get(site.url('/manifest.webmanifest'))).json()) as {
      start_url: string;
      scope: string;
      display: string;
      icons: { src: string; sizes: string; purpose: string }[];
    };
    expect(manifest).toMatchObject({
      start_url: `${BASE_PATH}/`,
      scope: `${BASE_PATH}/`,
      display: 'standalone',
    });
    for (const icon of manifest.icons) {
      const res = await page.request.get(`${site.origin}${icon.src}`);
      expect(res.status(), icon.src).toBe(200);
    }
    expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual(
      expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']),
    );

    // The installed app: the start URL in a window of its own, with no browser interface around the
    // page (Chromium's DevTools cannot emulate display-mode: standalone; the site has no style of its
    // own for it, so the page at the phone's size is what the app window shows).
    await page.goto(`${site.origin}${manifest.start_url}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'installed-home.png') });
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Lessons' })
      .tap();
    await page
      .locator('.lesson-list')
      .getByRole('link', { name: /Dialogs/ })
      .tap();
    await expect(page.locator('article.lesson h1')).toBeVisible();
    await page.locator('.lesson-sim').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'installed-lesson.png') });
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Playground' })
      .tap();
    await page
      .getByRole('region', { name: /^Simulator: / })
      .getByRole('button', { name: 'Step', exact: true })
      .tap();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'installed-playground.png') });
  });
});
