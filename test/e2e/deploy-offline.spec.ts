import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from '@playwright/test';
import { buildServiceWorker } from '../../cli/build-sw.mjs';
import {
  BASE_PATH,
  serveSubPath,
  test,
  waitForOfflineReady,
  watchRequests,
} from './deploy/sub-path-site';

// Offline after one visit, and a new deployment picked up after the reader's "Reload". The course is
// the BASE_PATH=/sip-course build, served under /sip-course/.
test.use({ serviceWorkers: 'allow' });

const SCREENSHOTS = path.join(import.meta.dirname, 'screenshots');

test('one visit, then offline: a new lesson stepped, the playground, the glossary and a lab checked', async ({
  page,
  context,
  subPathBuild,
}) => {
  test.setTimeout(120_000);
  const site = await serveSubPath(subPathBuild);
  try {
    // The one visit: the home page. The service worker precaches the course meanwhile.
    const online = watchRequests(context, site.origin);
    await page.goto(site.url('/'));
    expect(await waitForOfflineReady(page)).toBe(site.url('/'));
    // Chrome's own installability check (what Lighthouse's "installable" audit reported). A test
    // context is an incognito profile, where Chrome installs nothing; that is the only error allowed
    // (`npm run bench:install` runs the check in a normal profile).
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
    expect(online).toEqual([]);

    await context.setOffline(true);

    // A lesson not opened before, through the site's links, and its simulation stepped.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Lessons' })
      .click();
    await page
      .locator('.lesson-list')
      .getByRole('link', { name: /Dialogs/ })
      .click();
    await expect(page).toHaveURL(site.url('/learn/dialogs/'));
    await expect(page.locator('article.lesson h1')).toBeVisible();
    const sim = page.locator('.lesson-sim').first();
    const step = sim.getByRole('button', { name: 'Step', exact: true });
    for (let i = 0; i < 6; i++) await step.click();
    await expect(sim.getByRole('region', { name: 'Ladder diagram' })).toContainText('INVITE');

    // The playground, stepped.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Playground' })
      .click();
    const widget = page.getByRole('region', { name: /^Simulator: / });
    await widget.getByRole('button', { name: 'Step', exact: true }).click();
    await widget.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(widget.getByRole('region', { name: 'Ladder diagram' })).toContainText(
      /REGISTER|INVITE/,
    );

    // The glossary, loaded as a whole page (not a client-side move).
    await page.goto(site.url('/glossary/'));
    await expect(page.getByRole('heading', { level: 1, name: 'Glossary' })).toBeVisible();

    // A lab, checked by its Web Worker, and the work still there after an offline reload.
    await page.goto(site.url('/labs/record-route/'));
    await page.getByRole('checkbox', { name: 'Record-Route' }).check();
    await page.getByRole('button', { name: 'Check my work', exact: true }).click();
    const results = page.getByRole('region', { name: 'Results' });
    await expect(results.getByText('Score: 5 of 5 points')).toBeVisible({ timeout: 30_000 });
    await page.reload();
    await expect(page.getByRole('checkbox', { name: 'Record-Route' })).toBeChecked();

    // A page that is not part of the course: the course's own "not found" page, offline too.
    await page.goto(site.url('/no-such-page/'));
    await expect(page.getByRole('link', { name: 'Go to the home page' })).toBeVisible();
  } finally {
    await context.setOffline(false);
    await site.close();
  }
});

test('a new deployment at the same place: "A new version is ready", Reload, and the new files', async ({
  page,
  context,
  subPathBuild,
}) => {
  test.setTimeout(120_000);
  // A copy of the build, served from a folder the test deploys into.
  const root = mkdtempSync(path.join(tmpdir(), 'sip-lab-deploy-'));
  cpSync(subPathBuild, root, { recursive: true });
  const site = await serveSubPath(root);
  try {
    await page.goto(site.url('/'));
    await waitForOfflineReady(page);
    const footer = page.locator('.site-footer');
    await expect(footer).not.toContainText('Version 2');
    await expect(page.getByRole('region', { name: 'New version' })).toHaveCount(0);

    // The new deployment: a changed page (its HTML and the React payload inside it), and the service
    // worker rebuilt with its precache list.
    const home = path.join(root, 'index.html');
    writeFileSync(
      home,
      readFileSync(home, 'utf8').replaceAll('Everything runs in your browser.', 'Version 2.'),
    );
    await buildServiceWorker({ dir: root, basePath: BASE_PATH });

    // The next visit finds it: the banner, while the old version is still what is served.
    await page.reload();
    const banner = page.getByRole('region', { name: 'New version' });
    await expect(banner).toContainText('A new version of SIP Lab is ready.', { timeout: 30_000 });
    await expect(footer).not.toContainText('Version 2');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'deploy-update-prompt.png') });

    // Later: the banner goes and the old version stays, until the next visit asks again.
    await banner.getByRole('button', { name: 'Later' }).click();
    await expect(banner).toHaveCount(0);
    await page.reload();
    await expect(banner).toContainText('A new version of SIP Lab is ready.', { timeout: 30_000 });
    await expect(footer).not.toContainText('Version 2');

    // Reload, from the keyboard: the new worker takes over and the page reloads with the new files.
    const reload = banner.getByRole('button', { name: 'Reload' });
    await reload.focus();
    await expect(reload).toBeFocused();
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await expect(footer).toContainText('Version 2.');
    await expect(banner).toHaveCount(0);

    // The new version is the one kept offline; the old entries are gone.
    await context.setOffline(true);
    await page.reload();
    await expect(footer).toContainText('Version 2.');
  } finally {
    await context.setOffline(false);
    await site.close();
    rmSync(root, { recursive: true, force: true });
  }
});
