import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';

// "Be the element": the list of exercises, an exercise answered wrong then right with the findings
// shown, "Send it" with a wrong Route (the BYE bypasses the proxy) and Back, the exercise in a lesson,
// and a lab with a "write the message" task built, shared, solved and graded.
const SCREENSHOTS = path.join(import.meta.dirname, 'screenshots');
const ROOT = path.join(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

function sip(...args: string[]): string {
  return execFileSync(TSX, ['cli/sip.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
}

/** The message the real element sends, as `sip exercise solve` prints it, with LF line ends. */
function solved(id: string, seed: number): string {
  return sip('exercise', 'solve', id, '--seed', String(seed)).replace(/\r\n/g, '\n');
}

function exercise(page: Page): Locator {
  return page.getByRole('region', { name: /^Be the element: / });
}

function editor(page: Page): Locator {
  return exercise(page).getByRole('textbox', { name: 'Your message' });
}

function findings(page: Page): Locator {
  return exercise(page).getByRole('region', { name: /another look|Right: / });
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
  expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
}

test('the list shows every exercise by the element played, with its lesson', async ({ page }) => {
  await page.goto('/practice/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Be the element');
  for (const g of [
    'You are a user agent (client)',
    'You are a user agent (server)',
    'You are a proxy',
    'You are a registrar',
    'You are a redirect server',
    'You are a presence server',
  ])
    await expect(page.getByRole('heading', { level: 2, name: g })).toBeVisible();
  await expect(page.locator('.practice-item')).toHaveCount(14);
  await expect(page.getByRole('link', { name: 'Hang up over a route set' })).toHaveAttribute(
    'href',
    '/practice/bye-route/',
  );
  await expect(page.getByText('0 of 14 exercises answered right.')).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'practice-list.png'), fullPage: true });
});

test('a wrong answer, then a right one: the findings name the parts, and progress is kept', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const seed = 42;
  const right = solved('bye-route', seed);
  const noRoute = right.replace(/^Route: .*\n/m, '');
  await page.goto(`/practice/bye-route/?seed=${seed}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hang up over a route set');
  await expect(exercise(page)).toHaveAttribute('data-seed', String(seed));
  await expect(exercise(page).locator('.bte-prompt')).toContainText('hangs up: end the call');
  await expect(exercise(page).getByRole('heading', { name: /^What .* knows$/ })).toBeVisible();
  await expect(exercise(page).getByText('Route set', { exact: true })).toBeVisible();
  // The editor starts empty for a user agent's new request.
  await expect(editor(page)).toHaveValue('');

  // Not SIP yet: the codec's error in place, and no Send it.
  await editor(page).fill('BYE erin');
  await expect(
    exercise(page).getByText(/^This is not a SIP message yet — line 1, column/),
  ).toBeVisible();
  await expect(exercise(page).getByRole('button', { name: 'Send it' })).toBeDisabled();

  // A wrong answer: the route set left out, and the CSeq not incremented.
  const wrong = noRoute.replace(
    /^CSeq: (\d+) BYE$/m,
    (_m, n: string) => `CSeq: ${Number(n) - 1} BYE`,
  );
  await editor(page).fill(wrong);
  await exercise(page).getByRole('button', { name: 'Check', exact: true }).click();
  await expect(findings(page).getByRole('heading', { level: 3 })).toHaveText(
    '2 parts need another look.',
  );
  const route = findings(page).locator('[data-part="Route"]');
  await expect(route).toHaveAttribute('data-verdict', 'missing');
  await expect(route).toContainText('which proxies asked to stay on the path?');
  await expect(findings(page).locator('[data-part="CSeq number"]')).toHaveAttribute(
    'data-verdict',
    'wrong',
  );
  await route.getByText('The rule, and what was expected').click();
  await expect(route).toContainText('RFC 3261 §12.2.1.1');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'practice-wrong.png'), fullPage: true });

  // Right, with the header fields in another order and compact forms.
  const lines = right.trimEnd().split('\n');
  const rewritten = [lines[0], ...lines.slice(1).reverse()]
    .join('\n')
    .replace(/^Via:/m, 'v:')
    .replace(/^From:/m, 'f:');
  await editor(page).fill(rewritten + '\n\n');
  await exercise(page).getByRole('button', { name: 'Check', exact: true }).click();
  await expect(findings(page).getByRole('heading', { level: 3 })).toHaveText(
    /^Right: this is the message the element sends \(\d+ parts checked\)\.$/,
  );
  await page.screenshot({ path: path.join(SCREENSHOTS, 'practice-right.png'), fullPage: true });

  await page.goto('/practice/');
  await expect(page.getByText('1 of 14 exercises answered right.')).toBeVisible();
  await expect(page.locator('[data-exercise="bye-route"] .practice-done')).toHaveText('✓ done');
});

test('Send it with a wrong Route sends the BYE the wrong way, and Back undoes it', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const seed = 42;
  const show = JSON.parse(
    sip('exercise', 'show', 'bye-route', '--seed', String(seed), '--json'),
  ) as {
    element: { name: string };
  };
  const caller = show.element.name;
  const right = solved('bye-route', seed);
  await page.goto(`/practice/bye-route/?seed=${seed}`);
  await editor(page).fill(right.replace(/^Route: .*\n/m, ''));
  await exercise(page).getByRole('button', { name: 'Send it' }).click();

  const run = exercise(page).locator('.bte-run');
  await expect(run.getByRole('heading', { name: 'Your message in the network' })).toBeVisible();
  const ladder = run.getByRole('region', { name: 'Ladder diagram' });
  // The BYE written without its Route goes straight to the callee's phone: the proxy never sees it.
  await expect(
    ladder.getByRole('button', { name: new RegExp(`${caller} to bob: BYE`) }),
  ).toBeVisible();
  await expect(
    ladder.getByRole('button', { name: new RegExp(`${caller} to proxy: BYE`) }),
  ).toHaveCount(0);
  await expect(editor(page)).toBeHidden();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'practice-send-it.png'), fullPage: true });

  await run.getByRole('button', { name: 'Back to my message' }).click();
  await expect(run).toHaveCount(0);
  await expect(editor(page)).toBeVisible();
  await expect(editor(page)).toHaveValue(right.replace(/^Route: .*\n/m, ''));

  // The right message goes through the proxy.
  await editor(page).fill(right);
  await exercise(page).getByRole('button', { name: 'Send it' }).click();
  await expect(
    exercise(page)
      .getByRole('region', { name: 'Ladder diagram' })
      .getByRole('button', { name: new RegExp(`${caller} to proxy: BYE`) }),
  ).toBeVisible();
});

test('an exercise without a seed gets one in the URL; New values draws another', async ({
  page,
}) => {
  await page.goto('/practice/stateful-invite/');
  await expect(page).toHaveURL(/\/practice\/stateful-invite\/\?seed=\d+$/);
  const first = new URL(page.url()).searchParams.get('seed');
  // A proxy starts from the INVITE it received.
  await expect(editor(page)).toHaveValue(/^INVITE sip:/);
  await exercise(page).getByRole('button', { name: 'New values' }).click();
  await expect(page).not.toHaveURL(new RegExp(`seed=${first}$`));
  await expect(exercise(page)).toHaveAttribute(
    'data-seed',
    new URL(page.url()).searchParams.get('seed')!,
  );
});

test('the digest exercise offers a calculator for the response', async ({ page }) => {
  await page.goto('/practice/register-digest/?seed=5');
  await expect(editor(page)).toHaveValue(/^REGISTER sip:/);
  await exercise(page).getByText('Digest calculator (MD5, qop=auth)').click();
  await exercise(page).getByLabel('cnonce').fill('0a4f113b');
  await expect(exercise(page).locator('.bte-digest-out output')).toHaveText(/^[0-9a-f]{32}$/);
});

test('the exercise in a lesson', async ({ page }) => {
  await page.goto('/learn/record-routing/');
  const embedded = exercise(page);
  await expect(embedded).toContainText('Be the element: Hang up over a route set', {
    timeout: 30_000,
  });
  await expect(embedded.getByRole('link', { name: 'Open on its own page' })).toHaveAttribute(
    'href',
    '/practice/bye-route/?seed=15',
  );
  await expect(page.getByRole('link', { name: 'an exercise of its own' })).toHaveAttribute(
    'href',
    '/practice/stateful-invite/',
  );
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the list and an exercise fit a 390 px screen', async ({ page }) => {
    await page.goto('/practice/');
    await noSidewaysScroll(page);
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'practice-list-phone.png'),
      fullPage: true,
    });
    await page.goto('/practice/uas-ok/?seed=8');
    await expect(editor(page)).toHaveValue(/^INVITE sip:/);
    await noSidewaysScroll(page);
    await exercise(page).getByRole('button', { name: 'Check', exact: true }).click();
    await expect(findings(page)).toBeVisible();
    await noSidewaysScroll(page);
    const box = await exercise(page)
      .getByRole('button', { name: 'Check', exact: true })
      .boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'practice-phone.png'), fullPage: true });
  });
});

test('a lab with a "write the message" task: built, shared, solved and graded', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sip-lab-write-'));

  // Build: alice registers with the registrar; the task asks for alice's REGISTER.
  await page.goto('/labs/build/');
  await page.getByRole('button', { name: 'Add user agent' }).click();
  await page.getByRole('button', { name: 'Add registrar' }).click();
  await page.getByLabel('Link from').selectOption('alice');
  await page.getByLabel('Link to').selectOption('registrar');
  await page.getByRole('button', { name: 'Add link', exact: true }).click();
  await page.getByRole('button', { name: 'Add timeline action' }).click();
  await expect(page.getByLabel('Does', { exact: true })).toHaveValue('register');
  await page.getByLabel('Title', { exact: true }).fill('Write the REGISTER');
  await page.getByRole('button', { name: 'Add task' }).click();
  await page.getByLabel('Task title', { exact: true }).fill('Register by hand');
  await page.getByRole('button', { name: 'Add “write the message” to task 1' }).click();
  await expect(page.getByLabel('Its message: a method or a status')).toHaveValue('REGISTER');
  await page
    .getByLabel('What the student is asked (optional)')
    .fill("Write the REGISTER alice's phone sends");
  const checkId = await page.getByLabel('Id', { exact: true }).last().inputValue();
  await page
    .getByLabel('Actions (JSON)')
    .fill(JSON.stringify([{ kind: 'write', check: checkId, text: '{{message}}' }]));
  await expect(page.getByText('The lab is valid: it can be run, shared and exported.')).toBeVisible(
    {
      timeout: 30_000,
    },
  );
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({
    path: path.join(SCREENSHOTS, 'practice-lab-builder.png'),
    fullPage: true,
  });

  // The lab file: the command line solves it (its solution's {{message}} is the element's message).
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export file' }).click();
  const labFile = path.join(dir, 'lab.json');
  fs.copyFileSync(await (await download).path(), labFile);
  expect(sip('lab', 'solve', labFile)).toMatch(/Score: 1\/1 — every check passed/);
  const reference = JSON.parse(sip('lab', 'submission', labFile, 'Sam')) as {
    actions: { text: string }[];
  };
  const register = reference.actions[0]!.text;
  expect(register).toMatch(/^REGISTER sip:/);

  // Shared: the link carries no expected message.
  await page.getByRole('button', { name: 'Share link' }).click();
  const link = await page.getByLabel('Lab link', { exact: true }).inputValue();
  const callId = /^Call-ID: (.*)$/m.exec(register)![1]!;
  expect(decodeURIComponent(link)).not.toContain(callId);

  // Solved by a student, first wrong, then right.
  const student = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const play = await student.newPage();
  await play.goto(link);
  await expect(play.getByRole('heading', { level: 1 })).toHaveText('Write the REGISTER');
  await play.getByLabel('Your name or student id').fill('Sam');
  const task = play.locator('.lab-write');
  await task.getByText('What alice knows at that moment').click();
  await expect(task).toContainText("alice's phone");
  await task
    .getByRole('textbox', { name: 'Your message' })
    .fill(register.replace(/^Contact: .*\n/m, ''));
  await task.getByRole('button', { name: 'Save my message' }).click();
  await play.getByRole('button', { name: 'Check my work', exact: true }).click();
  const results = play.getByRole('region', { name: 'Results' });
  await expect(results).toContainText('Score: 0 of 1 points', { timeout: 30_000 });
  await expect(results).toContainText(
    '1 part to fix: Contact missing (RFC 3261 §8.1.1.8, RFC 3261 §12.1.1)',
  );
  await task.getByRole('textbox', { name: 'Your message' }).fill(register);
  await task.getByRole('button', { name: 'Save my message' }).click();
  await play.getByRole('button', { name: 'Check my work', exact: true }).click();
  await expect(results).toContainText('Score: 1 of 1 points', { timeout: 30_000 });
  await play.screenshot({
    path: path.join(SCREENSHOTS, 'practice-lab-solved.png'),
    fullPage: true,
  });
  const exported = play.waitForEvent('download');
  await play.getByRole('button', { name: 'Export submission' }).click();
  const subFile = path.join(dir, 'sam.json');
  fs.copyFileSync(await (await exported).path(), subFile);
  await student.close();

  // Graded by replay, on the Grade page and by the command line.
  await page.goto('/labs/grade/');
  await page.getByLabel('Or a lab file (JSON)').setInputFiles(labFile);
  await expect(page.getByText('Grading against Write the REGISTER')).toBeVisible();
  await page.getByLabel('Submissions', { exact: true }).setInputFiles(subFile);
  const row = page.getByRole('row', { name: /sam\.json/ });
  await expect(row).toContainText('Sam', { timeout: 30_000 });
  await expect(row.getByRole('cell').nth(2)).toHaveText('1');
  await page.screenshot({
    path: path.join(SCREENSHOTS, 'practice-lab-graded.png'),
    fullPage: true,
  });
  expect(sip('lab', 'grade', labFile, subFile)).toMatch(/Sam/);
  fs.rmSync(dir, { recursive: true, force: true });
});
