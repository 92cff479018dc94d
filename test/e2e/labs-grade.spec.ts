import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

// Grading in the browser (/labs/grade): a built-in lab, two submission files (one good, one bad), a
// row per student, and "Export CSV" with the lines `sip lab grade --csv` prints for the same files.
// Nothing leaves the browser; the page works on a phone without sideways scrolling.
const SCREENSHOTS = path.join(import.meta.dirname, 'screenshots');
const ROOT = path.join(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

/** A submission file made by the command line (`sip lab submission`), as a student's page makes it. */
function submission(lab: string, student: string, withoutSolution = false): string {
  const out = execFileSync(
    TSX,
    [
      'cli/sip.ts',
      'lab',
      'submission',
      lab,
      student,
      ...(withoutSolution ? ['--without-solution'] : []),
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return out;
}

/** The CLI's CSV for files in a folder, named as the page names them (the file name alone). */
function cliCsv(dir: string, lab: string, files: string[]): string[] {
  let out = '';
  try {
    out = execFileSync(
      TSX,
      [path.join(ROOT, 'cli/sip.ts'), 'lab', 'grade', lab, ...files, '--csv'],
      { cwd: dir, encoding: 'utf8' },
    );
  } catch (e) {
    // Exit status 1 when a submission could not be graded: the output is still the CSV.
    out = String((e as { stdout?: string }).stdout ?? '');
  }
  return out.trimEnd().split('\n');
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
  expect(width).toBeLessThanOrEqual(390);
}

test('grade two submissions of a built-in lab in the browser, and export the CSV', async ({
  page,
}) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sip-lab-grade-'));
  const good = submission('record-route', 'Ann Lee');
  fs.writeFileSync(path.join(dir, 'ann.json'), good);
  // A bad one: Bo's file was edited by hand (its lab hash no longer matches the lab).
  const edited = { ...JSON.parse(submission('record-route', 'Bo Chen')), labHash: '0'.repeat(64) };
  fs.writeFileSync(path.join(dir, 'bo.json'), JSON.stringify(edited));

  await page.goto('/labs/grade/');
  await expect(page.getByRole('heading', { level: 1, name: 'Grade submissions' })).toBeVisible();
  await expect(page.getByText('no file leaves it')).toBeVisible();
  // Nothing is sent anywhere: no request leaves the page after it loaded.
  const requests: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('data:') && !r.url().startsWith('blob:')) requests.push(r.url());
  });

  await page.getByLabel('A built-in lab').selectOption({ label: 'Keep the proxy on the BYE path' });
  await expect(page.getByText('Grading against Keep the proxy on the BYE path')).toBeVisible();
  await page
    .getByLabel('Submissions', { exact: true })
    .setInputFiles([path.join(dir, 'ann.json'), path.join(dir, 'bo.json')]);
  const table = page.getByRole('table');
  await expect(page.getByText('2 submissions: 1 graded, 1 could not be graded.')).toBeVisible({
    timeout: 30_000,
  });
  const ann = table.getByRole('row', { name: /ann\.json/ });
  await expect(ann.getByRole('cell').nth(1)).toHaveText('Ann Lee');
  await expect(ann.getByRole('cell').nth(2)).toHaveText('5');
  await expect(ann.getByRole('cell').nth(3)).toHaveText('5');
  await expect(ann).toContainText('Passed (2/2)');
  const bo = table.getByRole('row', { name: /bo\.json/ });
  await expect(bo).toContainText('Bo Chen');
  await expect(bo).toContainText('Not graded: This submission was made for another version');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'labs-grade.png'), fullPage: true });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  const csv = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  expect(csv[0]).toBe('file,student,check,passed,points,max,message');
  expect(csv).toContain('ann.json,Ann Lee,TOTAL,Passed,5,5,');
  expect(csv.find((l) => l.startsWith('bo.json,'))).toMatch(/^bo\.json,Bo Chen,ERROR,,,,/);
  // The same lines as the command line's, for the same files.
  expect(csv).toEqual(
    cliCsv(dir, path.join(ROOT, 'content/labs/record-route.json'), ['ann.json', 'bo.json']),
  );
  // Only the site's own static files may be fetched: scripts under /_next/, and the page data Next
  // prefetches for links in view (`?_rsc=`). Nothing about the submissions goes anywhere.
  expect(
    requests.filter((u) => !u.includes('/_next/') && !new URL(u).searchParams.has('_rsc')),
  ).toEqual([]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a lab file chosen as a submission, and a submission chosen as the lab, say where they go', async ({
  page,
}) => {
  await page.goto('/labs/grade/');
  await page.getByLabel('Or a lab file (JSON)').setInputFiles({
    name: 'ann.json',
    mimeType: 'application/json',
    buffer: Buffer.from(submission('record-route', 'Ann Lee')),
  });
  await expect(page.locator('.lab-error')).toContainText(
    "the file ann.json is a student's submission, not a lab: add it under Submissions below",
  );
  await page
    .getByLabel('Or a lab file (JSON)')
    .setInputFiles(path.join(ROOT, 'content/labs/record-route.json'));
  await expect(page.getByText('Grading against Keep the proxy on the BYE path')).toBeVisible();
  await page.getByLabel('Submissions', { exact: true }).setInputFiles({
    name: 'lab.json',
    mimeType: 'application/json',
    buffer: fs.readFileSync(path.join(ROOT, 'content/labs/record-route.json')),
  });
  await expect(page.getByRole('row', { name: /lab\.json/ })).toContainText(
    'This file is a lab, not a submission',
    { timeout: 30_000 },
  );
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the Grade page fits the screen and its controls are big enough to touch', async ({
    page,
  }) => {
    await page.goto('/labs/grade/');
    await page
      .getByLabel('A built-in lab')
      .selectOption({ label: 'Keep the proxy on the BYE path' });
    await page.getByLabel('Submissions', { exact: true }).setInputFiles({
      name: 'ann-lee-with-a-long-file-name.json',
      mimeType: 'application/json',
      buffer: Buffer.from(submission('record-route', 'Ann Lee')),
    });
    await expect(page.getByText('1 submission: 1 graded.')).toBeVisible({ timeout: 30_000 });
    await noSidewaysScroll(page);
    const button = await page.getByRole('button', { name: 'Export CSV' }).boundingBox();
    expect(button?.height ?? 0).toBeGreaterThanOrEqual(44);
    const select = await page.getByLabel('A built-in lab').boundingBox();
    expect(select?.height ?? 0).toBeGreaterThanOrEqual(44);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'labs-grade-phone.png'), fullPage: true });
  });
});
