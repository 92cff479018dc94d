import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { expect, test, type Locator, type Page } from '@playwright/test';

// The labs: the list, a built-in lab solved through the UI, shared links (good and tampered) and the
// builder (a lab built from nothing by clicking, shared, opened in a fresh context and passed).
const SCREENSHOTS = path.join(import.meta.dirname, 'screenshots');

function results(page: Page): Locator {
  return page.getByRole('region', { name: 'Results' });
}

async function checkMyWork(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Check my work', exact: true }).click();
  await expect(results(page).getByText(/^Score: /)).toBeVisible({ timeout: 30_000 });
}

async function expectAllPassed(page: Page): Promise<void> {
  const verdicts = results(page).locator('.lab-verdict');
  const n = await verdicts.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) await expect(verdicts.nth(i)).toHaveText(/^✓ Passed$/);
  await expect(results(page)).not.toContainText('Not passed');
}

test('the list shows the built-in labs with their tasks and points', async ({ page }) => {
  await page.goto('/labs/');
  await expect(page.getByRole('heading', { level: 1, name: 'Labs' })).toBeVisible();
  const item = page.locator('.lab-list-item', {
    has: page.getByRole('link', { name: 'Keep the proxy on the BYE path' }),
  });
  await expect(item).toContainText('By SIP Lab');
  await expect(item).toContainText('1 task');
  await expect(item).toContainText('5 points');
  await expect(page.locator('.lab-list-item')).toHaveCount(6);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'labs-list.png'), fullPage: true });
});

test('a built-in lab solved through the UI passes every check, and the work survives a reload', async ({
  page,
}) => {
  await page.goto('/labs/record-route/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Keep the proxy on the BYE path',
  );
  await expect(page.getByRole('region', { name: /^Simulator: / })).toBeVisible();
  await page.getByLabel('Your name or student id').fill('Ann Lee');

  // Before: nothing done, so checks fail with the task's hint.
  await checkMyWork(page);
  await expect(results(page)).toContainText('Not passed');
  await expect(results(page)).toContainText('Hint:');

  // The solution: switch Record-Route on for the proxy.
  await page.getByRole('checkbox', { name: 'Record-Route' }).check();
  await expect(page.getByText("Set proxy's Record-Route to true")).toBeVisible();
  await checkMyWork(page);
  await expectAllPassed(page);
  await expect(results(page)).toContainText('Score: 5 of 5 points');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'labs-builtin.png'), fullPage: true });

  // The submission file: the lab's id and hash, the student, the actions (the score is recomputed).
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export submission' }).click();
  const file = await (await download).path();
  const submission = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  expect(submission['labId']).toBe('record-route');
  expect(submission['student']).toBe('Ann Lee');
  expect(submission['labHash']).toMatch(/^[0-9a-f]{64}$/);
  expect(submission['actions']).toEqual([
    { kind: 'setting', element: 'proxy', settings: { recordRoute: true } },
  ]);
  expect(submission['claimedScore']).toBe(5);

  await page.reload();
  await expect(page.getByLabel('Your name or student id')).toHaveValue('Ann Lee');
  await expect(page.getByRole('checkbox', { name: 'Record-Route' })).toBeChecked();
  await expect(page.getByText("Set proxy's Record-Route to true")).toBeVisible();
  await checkMyWork(page);
  await expectAllPassed(page);
});

test('a lab with questions: select the lost message in the ladder, answer, and pass', async ({
  page,
}) => {
  await page.goto('/labs/lost-message/');
  await page.getByLabel('Your name or student id').fill('Bo');
  const lost = page.getByLabel('Select the message that was lost.');
  await expect(lost).toBeEnabled({ timeout: 30_000 });
  await lost.selectOption({
    label: (await lost.locator('option', { hasText: '(lost)' }).first().textContent()) ?? '',
  });
  const resent = page.getByLabel('Select a 200 OK that was sent again because of the loss.');
  await resent.selectOption({
    label:
      (await resent
        .locator('option', { hasText: /200 OK \(retransmission\)/ })
        .first()
        .textContent()) ?? '',
  });
  await page.getByRole('radio', { name: /Bob's phone: its UA core resends the 200 OK/ }).check();
  await checkMyWork(page);
  await expectAllPassed(page);
});

/** Builds, in /labs/build, a lab from nothing by clicking; returns its share link. */
async function buildRegisterLab(page: Page): Promise<string> {
  await page.goto('/labs/build/');
  await expect(page.getByRole('heading', { level: 1, name: 'Lab builder' })).toBeVisible();
  await page.getByRole('button', { name: 'Add user agent' }).click();
  await page.getByRole('button', { name: 'Add user agent' }).click();
  await page.getByRole('button', { name: 'Add registrar' }).click();
  const canvas = page.getByRole('group', { name: 'Canvas: the elements and links of the lab' });
  await expect(canvas.getByText('alice', { exact: true })).toBeVisible();
  await expect(canvas.getByText('bob', { exact: true })).toBeVisible();
  await expect(canvas.getByText('registrar', { exact: true })).toBeVisible();

  // Link alice to the registrar with the keyboard form.
  await page.getByLabel('Link from').selectOption('alice');
  await page.getByLabel('Link to').selectOption('registrar');
  await page.getByRole('button', { name: 'Add link', exact: true }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Linked alice and registrar.' }),
  ).toBeVisible();

  // alice registers with the registrar of example.com.
  const list = page.getByRole('group', { name: 'Elements and links' });
  await list.getByRole('button', { name: 'alice', exact: true }).click();
  await expect(page.getByLabel('Address of record (AOR)', { exact: true })).toHaveValue(
    'sip:alice@example.com',
  );
  const registrarField = page.getByLabel('Registrar (SIP URI)', { exact: true });
  await registrarField.fill('not a uri');
  await expect(page.getByText('a SIP URI such as sip:alice@a.example.com').first()).toBeVisible();
  await registrarField.fill('sip:example.com');
  await expect(page.getByText('a SIP URI such as sip:alice@a.example.com')).toHaveCount(0);

  // The timeline: alice registers at 0 s.
  await page.getByRole('button', { name: 'Add timeline action' }).click();
  await expect(page.getByLabel('Who', { exact: true })).toHaveValue('alice');
  await expect(page.getByLabel('Does', { exact: true })).toHaveValue('register');

  await page.getByLabel('Title', { exact: true }).fill('Register alice');
  await page.getByLabel('Author', { exact: true }).fill('Test instructor');
  await page
    .getByLabel('Instructions (Markdown)')
    .fill('# Register\n\nAlice must **register** with the registrar.\n\n<script>alert(1)</script>');
  await expect(
    page
      .getByRole('region', { name: 'Preview of the instructions' })
      .getByText('<script>alert(1)</script>'),
  ).toBeVisible();

  // A task, then a check recorded from the run: the registrar's 200 OK to alice's REGISTER.
  await page.getByRole('button', { name: 'Add task' }).click();
  await page.getByLabel('Task title', { exact: true }).fill('Register alice');
  await page
    .getByLabel('Hint (shown beside a check of this task that did not pass)')
    .fill('alice needs a timeline action "register".');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('region', { name: /^Simulator: / })).toBeVisible();
  const ok = page.getByRole('checkbox', { name: /^#\d+ registrar → alice 200 OK$/ });
  await expect(ok).toBeVisible({ timeout: 30_000 });
  await ok.check();
  await page.getByLabel('Add the checks to').selectOption({ label: 'Register alice' });
  await page.getByRole('button', { name: 'Add checks for the selected messages' }).click();
  await expect(page.getByText('Added 1 message check to “Register alice”.')).toBeVisible();

  // And a state check by hand: the registrar holds alice's binding.
  await page.getByRole('button', { name: 'Add state check to task 1' }).click();
  await expect(page.getByLabel('For the AOR', { exact: true })).toHaveValue(
    'sip:alice@example.com',
  );
  await page.getByLabel('Points').last().fill('2');

  await expect(
    page.getByText('The lab is valid: it can be run, shared and exported.'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Share link' }).click();
  const link = await page.getByLabel('Lab link', { exact: true }).inputValue();
  expect(link).toContain('/labs/play/#');
  return link;
}

test('a lab built from nothing in the builder, shared as a link, passes in a fresh browser', async ({
  page,
  browser,
}) => {
  const link = await buildRegisterLab(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'labs-builder.png'), fullPage: true });

  const student = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const play = await student.newPage();
  await play.goto(link);
  await expect(play.getByRole('heading', { level: 1 })).toHaveText('Register alice');
  await expect(play.locator('.lab-instructions')).toContainText('<script>alert(1)</script>');
  await play.getByLabel('Your name or student id').fill('Sam');
  await checkMyWork(play);
  await expectAllPassed(play);
  await expect(results(play)).toContainText('Score: 3 of 3 points');
  await play.screenshot({ path: path.join(SCREENSHOTS, 'labs-shared.png'), fullPage: true });

  // The lab is now listed in that browser.
  await play.goto('/labs/');
  await expect(play.getByRole('link', { name: 'Register alice' })).toBeVisible();
  await play.screenshot({ path: path.join(SCREENSHOTS, 'labs-list-saved.png'), fullPage: true });
  await student.close();
});

test('a reload of the builder keeps the draft', async ({ page }) => {
  await page.goto('/labs/build/');
  await page.getByRole('button', { name: 'Add user agent' }).click();
  await page.getByRole('button', { name: 'Add stateful proxy' }).click();
  await page.getByLabel('Title', { exact: true }).fill('Draft that must survive');
  await page.getByRole('button', { name: 'Add task' }).click();
  await page.getByRole('button', { name: 'Add message check to task 1' }).click();

  // Link by dragging from alice's handle to the proxy's.
  await page
    .getByRole('group', { name: 'Canvas: the elements and links of the lab' })
    .scrollIntoViewIfNeeded();
  const from = page.locator('.react-flow__node[data-id="alice"] .react-flow__handle-right');
  const to = page.locator('.react-flow__node[data-id="proxy"] .react-flow__handle-left');
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('handles not found');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 10 });
  await page.mouse.up();
  await expect(page.getByText('Linked alice and proxy.')).toBeVisible();

  // Move the proxy by dragging it: its position is saved with the draft.
  const node = page.locator('.react-flow__node[data-id="proxy"]');
  const before = await node.boundingBox();
  if (!before) throw new Error('node not found');
  await page.mouse.move(before.x + 40, before.y + 12);
  await page.mouse.down();
  await page.mouse.move(before.x + 140, before.y + 52, { steps: 10 });
  await page.mouse.up();
  await expect
    .poll(async () => {
      const drafts = JSON.parse(
        (await page.evaluate(() => localStorage.getItem('sip-lab.lab-drafts'))) ?? '[]',
      ) as { doc: { scenario: { elements: { name: string; position?: { x: number } }[] } } }[];
      return drafts[0]?.doc.scenario.elements.find((e) => e.name === 'proxy')?.position?.x;
    })
    .toBeGreaterThan(115);

  await page.reload();
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue('Draft that must survive');
  const list = page.getByRole('group', { name: 'Elements and links' });
  await expect(list.getByRole('button', { name: 'alice', exact: true })).toBeVisible();
  await expect(list.getByRole('button', { name: 'proxy', exact: true })).toBeVisible();
  await expect(list.getByRole('button', { name: 'alice–proxy', exact: true })).toBeVisible();
  await expect(page.getByText('Message check', { exact: true })).toBeVisible();
  await page.screenshot({
    path: path.join(SCREENSHOTS, 'labs-builder-reload.png'),
    fullPage: true,
  });

  // Listed on /labs as a draft.
  await page.goto('/labs/');
  await expect(page.getByRole('link', { name: 'Draft that must survive' })).toBeVisible();
});

test('a tampered lab link shows an error naming the problem, and the page stays usable', async ({
  page,
}) => {
  // "Edit a copy" of a built-in lab, then its share link.
  await page.goto('/labs/record-route/');
  await page.getByRole('link', { name: 'Edit a copy' }).click();
  await expect(
    page.getByText('A copy of the built-in lab “Keep the proxy on the BYE path”'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Share link' }).click();
  const link = await page.getByLabel('Lab link', { exact: true }).inputValue();
  const [base, fragment] = link.split('#') as [string, string];
  expect(fragment.length).toBeGreaterThan(100);

  // Change characters in the middle of the fragment.
  const mid = Math.floor(fragment.length / 2);
  const tampered = `${fragment.slice(0, mid)}AAAAAAAAAA${fragment.slice(mid + 10)}`;
  await page.goto(`${base}#${tampered}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'This lab link cannot be opened',
  );
  await expect(page.getByRole('alert').first()).toContainText('What is wrong');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByLabel('Paste a lab link')).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'labs-tampered.png'), fullPage: true });

  // Cut short, and a character outside base64url: each named.
  await page.goto(`${base}#${fragment.slice(0, 41)}`);
  await expect(page.getByRole('alert').first()).toContainText('the lab link');
  await page.goto(`${base}#abc$def`);
  await expect(page.getByRole('alert').first()).toContainText('not a base64url character');

  // The page stays usable: the good link, pasted, opens the lab.
  await page.getByLabel('Paste a lab link').fill(link);
  await page.getByRole('button', { name: 'Open the link' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Keep the proxy on the BYE path (copy)',
  );
});

/** A lab in a link, encoded as sim/lab's encodeLab does: raw DEFLATE, then base64url. */
function linkFor(lab: unknown): string {
  return `/labs/play/#${zlib.deflateRawSync(Buffer.from(JSON.stringify(lab))).toString('base64url')}`;
}

function recordRouteLab(): Record<string, unknown> {
  const file = path.join(import.meta.dirname, '../../content/labs/record-route.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

test('hostile labs: too many elements is refused with the limit, an endless run never hangs the tab', async ({
  page,
}) => {
  const big = recordRouteLab();
  const scenario = big['scenario'] as { elements: Record<string, unknown>[] };
  for (let i = 0; i < 40; i++)
    scenario.elements.push({
      kind: 'user-agent',
      name: `ua${i}`,
      address: `10.9.0.${i + 10}`,
      aor: `sip:ua${i}@x.example.com`,
    });
  await page.goto(linkFor(big));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'This lab link cannot be opened',
  );
  await expect(page.getByRole('alert').first()).toContainText('scenario.elements');
  await expect(page.getByRole('alert').first()).toContainText('at most 40 elements');

  // A document larger than the limit (it compresses to a short link, and is refused when inflated).
  const huge = recordRouteLab();
  huge['summary'] = 'x'.repeat(300_000);
  await page.goto(linkFor(huge));
  await expect(page.getByRole('alert').first()).toContainText('larger than 200.0 KB');

  // A valid lab that asks for a long run: 1,000 calls over an hour of simulated time.
  const endless = recordRouteLab();
  endless['id'] = 'endless';
  const sc = endless['scenario'] as Record<string, unknown>;
  sc['timeline'] = Array.from({ length: 1000 }, (_, i) => ({
    at: i * 50,
    actor: 'alice',
    action: 'invite',
    to: 'sip:bob@b.example.com',
  }));
  sc['endAt'] = 3_600_000;
  await page.goto(linkFor(endless));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Keep the proxy on the BYE path',
  );
  await page.getByRole('button', { name: 'Check my work', exact: true }).click();
  await expect(results(page)).toContainText('Checking');
  // The run is in a worker: the page still answers while it goes on.
  const counter = page.getByRole('region', { name: /^Simulator: / }).getByRole('status');
  await page
    .getByRole('region', { name: /^Simulator: / })
    .getByRole('button', { name: 'Step', exact: true })
    .click();
  await expect(counter).toContainText('Step 1 of');
  await expect(results(page)).toContainText('Checking');
  await expect(
    results(page)
      .getByText(/^Score: |was stopped/)
      .first(),
  ).toBeVisible({ timeout: 45_000 });
});

test('embed=1 hides the site navigation, and the dark theme keeps the lab readable', async ({
  page,
}) => {
  await page.goto('/labs/register-digest/?embed=1');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Register with digest authentication',
  );
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/labs/register-digest/');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  const name = page.getByLabel('Your name or student id');
  await name.fill('Dana');
  // The password drawn for Dana is in the instructions; type it into the phone's settings.
  const password = (await page.locator('.lab-params dd').nth(1).textContent())?.trim() ?? '';
  expect(password.length).toBeGreaterThan(3);
  await expect(page.locator('.lab-instructions')).toContainText(password);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Add to the timeline' }).click();
  await checkMyWork(page);
  await expectAllPassed(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'labs-dark.png'), fullPage: true });
});

test('the builder imports a lab file, refuses a bad one with the path, and previews it as a student', async ({
  page,
}) => {
  await page.goto('/labs/build/');
  const bad = recordRouteLab();
  (bad['scenario'] as { elements: Record<string, unknown>[] }).elements[2]!['kind'] = 'phone';
  await page.getByLabel('Import file').setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(bad)),
  });
  await expect(page.getByRole('alert').first()).toContainText('scenario.elements[2].kind');
  await expect(page.getByRole('heading', { level: 1, name: 'Lab builder' })).toBeVisible();

  await page.getByLabel('Import file').setInputFiles({
    name: 'truncated.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(recordRouteLab()).slice(0, 300)),
  });
  await expect(page.getByRole('alert').first()).toContainText('not valid JSON');

  await page.getByLabel('Import file').setInputFiles({
    name: 'record-route.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(recordRouteLab())),
  });
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue(
    'Keep the proxy on the BYE path',
  );
  await expect(
    page.getByText('The lab is valid: it can be run, shared and exported.'),
  ).toBeVisible();

  // Try it as a student; the actions taken become the reference solution.
  await page.getByRole('button', { name: 'Try it as a student' }).click();
  const preview = page.getByRole('region', { name: 'Student preview' });
  await preview.getByRole('checkbox', { name: 'Record-Route' }).check();
  await preview.getByRole('button', { name: 'Check my work', exact: true }).click();
  await expect(preview.getByText('Score: 5 of 5 points — every check passed.')).toBeVisible({
    timeout: 30_000,
  });
  await preview
    .getByRole('button', { name: 'Use these actions as the reference solution' })
    .click();
  await expect(page.getByLabel('Actions (JSON)')).toHaveValue(/"recordRoute": true/);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'labs-builder-dark.png'), fullPage: true });
});
