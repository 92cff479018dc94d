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
  await expect(page.locator('.lab-list-item')).toHaveCount(7);
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
  await expect(page.getByText(/Send this file to your instructor/)).toBeVisible();

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

/** zod's own words, which must never reach a page. */
const ZOD_WORDS =
  /Too small|Too big|Invalid input|Invalid option|Invalid discriminator|Unrecognized key|expected (string|number|array|object|record|int)|received (undefined|string|number|object)|[<>]=\d/;

async function expectNoZodWords(page: Page): Promise<void> {
  expect(await page.locator('main').innerText()).not.toMatch(ZOD_WORDS);
}

/** The builder's list of problems. */
function problems(page: Page): Locator {
  return page.getByRole('region', { name: 'Problems' });
}

/**
 * Builds, in /labs/build, a lab from nothing by clicking; returns its share link. The check recorded
 * from the run passes before the student does anything, the builder says so, and the lab is fixed by
 * letting the student register instead of the timeline.
 */
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

  // alice's AOR is in the registrar's domain by default; a bad registrar URI is a sentence.
  const list = page.getByRole('group', { name: 'Elements and links' });
  await list.getByRole('button', { name: 'alice', exact: true }).click();
  await expect(page.getByLabel('Address of record (AOR)', { exact: true })).toHaveValue(
    'sip:alice@example.com',
  );
  const registrarField = page.getByLabel('Registrar (SIP URI)', { exact: true });
  await registrarField.fill('not a uri');
  await expect(
    page.getByText('Write a SIP URI such as sip:alice@a.example.com (not “not a uri”).').first(),
  ).toBeVisible();
  await registrarField.fill('');
  await expect(page.getByText(/Write a SIP URI such as/)).toHaveCount(0);

  // The timeline: alice registers at 0 s.
  await page.getByRole('button', { name: 'Add timeline action' }).click();
  await expect(page.getByLabel('Who', { exact: true })).toHaveValue('alice');
  await expect(page.getByLabel('Does', { exact: true })).toHaveValue('register');
  await expect(page.getByLabel('At (s)', { exact: true })).toHaveValue('0');

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

  // The lab's own timeline registers alice: both checks pass before the student does anything.
  const warning = page.getByRole('status', { name: 'Checks that pass with no work' });
  await expect(warning).toContainText(
    '2 checks pass with no work done: a student who does nothing scores 3 of 3 points.',
    { timeout: 30_000 },
  );
  await page.getByRole('button', { name: 'Try it as a student' }).click();
  await expect(
    page
      .getByRole('region', { name: 'Student preview' })
      .getByText(/^A student who does nothing scores 3 of 3 points/),
  ).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({
    path: path.join(SCREENSHOTS, 'labs-builder-no-work.png'),
    fullPage: true,
  });

  // The fix: the register leaves the timeline, and the student may register instead.
  await page.getByRole('button', { name: 'Remove timeline action 1' }).click();
  await page.getByRole('checkbox', { name: 'register', exact: true }).check();
  await expect(problems(page)).toContainText(
    'No check passes before the student does anything (a student who does nothing scores 0 of 3).',
    { timeout: 30_000 },
  );
  await expect(warning).toHaveCount(0);

  // A question, with its right answer (which the link will carry only as a hash).
  await page.getByRole('button', { name: 'Add question to task 1' }).click();
  await page.getByLabel('Question', { exact: true }).fill('Who answers a REGISTER?');
  await page.getByLabel('Choices (one a line)').fill('a proxy\na registrar');
  await page.getByLabel('The right one').selectOption({ label: '2. a registrar' });

  await expect(
    page.getByText('The lab is valid: it can be run, shared and exported.'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Share link' }).click();
  const link = await page.getByLabel('Lab link', { exact: true }).inputValue();
  expect(link).toContain('/labs/play/#');
  return link;
}

/** The lab in a link, decoded as anyone could: raw DEFLATE in base64url. */
function decodeLink(link: string): Record<string, unknown> {
  const fragment = link.slice(link.indexOf('#') + 1);
  return JSON.parse(
    zlib.inflateRawSync(Buffer.from(fragment, 'base64url')).toString('utf8'),
  ) as Record<string, unknown>;
}

test('a lab built from nothing in the builder, shared as a link, passes in a fresh browser', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const link = await buildRegisterLab(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'labs-builder.png'), fullPage: true });

  // The link holds no right answer and no solution: the question's answer is a salted hash.
  const shared = decodeLink(link);
  const text = JSON.stringify(shared);
  expect(text).not.toContain('"correct"');
  expect(text).not.toContain('"accept"');
  expect(shared['solution']).toEqual({ actions: [] });
  const question = (shared['tasks'] as { checks: Record<string, unknown>[] }[])[0]!.checks.find(
    (c) => c['kind'] === 'answer',
  )!;
  expect(question['choices']).toEqual(['a proxy', 'a registrar']);
  expect(question['answerHashes']).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/)]);

  const student = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const play = await student.newPage();
  await play.goto(link);
  await expect(play.getByRole('heading', { level: 1 })).toHaveText('Register alice');
  await expect(play.locator('.lab-instructions')).toContainText('<script>alert(1)</script>');
  await play.getByLabel('Your name or student id').fill('Sam');
  // Nothing done yet: no point.
  await checkMyWork(play);
  await expect(results(play)).toContainText('Score: 0 of 4 points');
  // The work: register alice, answer the question (checked against its hash, in the browser).
  await play.getByRole('button', { name: 'Add to the timeline' }).click();
  await play.getByRole('radio', { name: 'a proxy' }).check();
  await checkMyWork(play);
  await expect(results(play)).toContainText('Score: 3 of 4 points');
  await play.getByRole('radio', { name: 'a registrar' }).check();
  await checkMyWork(play);
  await expectAllPassed(play);
  await expect(results(play)).toContainText('Score: 4 of 4 points');
  await play.screenshot({ path: path.join(SCREENSHOTS, 'labs-shared.png'), fullPage: true });

  // The lab is now listed in that browser.
  await play.goto('/labs/');
  await expect(play.getByRole('link', { name: 'Register alice' })).toBeVisible();
  await play.screenshot({ path: path.join(SCREENSHOTS, 'labs-list-saved.png'), fullPage: true });
  await student.close();
});

test("the builder's defaults: two user agents, a proxy and a registrar; register and invite give 200 OK and an answered call", async ({
  page,
}) => {
  await page.goto('/labs/build/');
  // In the order of the issue: two user agents, a stateful proxy, then a registrar.
  for (const kind of ['user agent', 'user agent', 'stateful proxy', 'registrar'])
    await page.getByRole('button', { name: `Add ${kind}`, exact: true }).click();
  for (const [a, b] of [
    ['alice', 'proxy'],
    ['bob', 'proxy'],
    ['proxy', 'registrar'],
  ] as const) {
    await page.getByLabel('Link from').selectOption(a);
    await page.getByLabel('Link to').selectOption(b);
    await page.getByRole('button', { name: 'Add link', exact: true }).click();
  }
  // The proxy reads the registrar's bindings, in the same domain.
  const list = page.getByRole('group', { name: 'Elements and links' });
  await list.getByRole('button', { name: 'proxy', exact: true }).click();
  await expect(page.getByLabel('Location service (registrar)', { exact: true })).toHaveValue(
    'registrar',
  );
  await expect(page.getByLabel('Domain', { exact: true })).toHaveValue('example.com');
  await list.getByRole('button', { name: 'registrar', exact: true }).click();
  await expect(page.getByLabel('Domain', { exact: true })).toHaveValue('example.com');

  // "Add timeline action" three times: alice and bob register, then alice calls bob.
  for (let i = 0; i < 3; i++)
    await page.getByRole('button', { name: 'Add timeline action' }).click();
  const rows = page.locator('.lab-rows > li');
  await expect(rows.nth(0).getByLabel('Does', { exact: true })).toHaveValue('register');
  await expect(rows.nth(1).getByLabel('Who', { exact: true })).toHaveValue('bob');
  await expect(rows.nth(2).getByLabel('Does', { exact: true })).toHaveValue('invite');
  await expect(rows.nth(2).getByLabel('To (SIP URI)', { exact: true })).toHaveValue(
    'sip:bob@example.com',
  );
  await expect(rows.nth(2).getByLabel('At (s)', { exact: true })).toHaveValue('1');

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const messages = page.getByRole('group', { name: 'Messages of the run' });
  await expect(
    messages.getByRole('checkbox', { name: /registrar → proxy 200 OK$/ }).first(),
  ).toBeVisible({
    timeout: 30_000,
  });
  // The REGISTERs are accepted and the call is answered: 200 OK to the INVITE, then the ACK.
  // Each REGISTER gets its 200 OK; the INVITE is answered (200 OK from bob), then acknowledged.
  await expect(messages.getByRole('checkbox', { name: /registrar → proxy 200 OK$/ })).toHaveCount(
    2,
  );
  await expect(messages.getByRole('checkbox', { name: /proxy → bob 200 OK$/ })).toHaveCount(1);
  await expect(messages.getByRole('checkbox', { name: /bob → proxy 200 OK$/ })).toHaveCount(1);
  await expect(messages.getByRole('checkbox', { name: /proxy → alice 200 OK$/ })).toHaveCount(2);
  await expect(messages.getByRole('checkbox', { name: /alice → bob ACK$/ })).toHaveCount(1);
  await expect(messages).not.toContainText('404');
  await page.getByRole('region', { name: /^Simulator: / }).scrollIntoViewIfNeeded();
  await page.screenshot({
    path: path.join(SCREENSHOTS, 'labs-builder-defaults.png'),
    fullPage: true,
  });
});

test('problems are plain sentences beside their fields, and go when they are fixed', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.goto('/labs/build/');
  await expect(problems(page)).toContainText('Tasks: Add at least one task.');
  // "Share link" with problems: a banner of sentences, which goes when the problems go.
  await page.getByRole('button', { name: 'Share link' }).click();
  const banner = page.getByRole('alert').filter({ hasText: 'The lab cannot be shared yet' });
  await expect(banner).toContainText('Tasks: Add at least one task.');
  await expectNoZodWords(page);

  await page.getByRole('button', { name: 'Add user agent' }).click();
  await page.getByRole('button', { name: 'Add registrar' }).click();
  await page.getByRole('button', { name: 'Add task' }).click();
  await expect(problems(page)).toContainText(
    'Task 1 “A task for the student”: Checks: Add at least one check to this task.',
  );

  // A method is checked as SIP: "BYEE" is a sentence beside the field, empty is another.
  await page.getByRole('button', { name: 'Add message check to task 1' }).click();
  const method = page.getByLabel('Method or status', { exact: true });
  const field = page.locator('.lab-field', { has: method });
  await method.fill('BYEE');
  const byee = 'No element of this simulator sends "BYEE": did you mean BYE?';
  await expect(field).toContainText(byee);
  await expect(problems(page)).toContainText(`Method or status: ${byee}`);
  await method.fill('');
  const empty = 'Choose the method or status of the message, such as INVITE, 200 or 4xx.';
  await expect(field).toContainText(empty);
  await expect(problems(page)).toContainText(empty);
  await method.fill('700');
  const range = 'A status is a number from 100 to 699, or a class such as 4xx.';
  await expect(field).toContainText(range);
  await expect(problems(page)).toContainText(range);
  await method.fill('REGISTER');
  await expect(field.locator('.lab-field-errors')).toHaveCount(0);

  // A new question needs its text and a right answer.
  await page.getByRole('button', { name: 'Add question to task 1' }).click();
  await expect(
    page.locator('.lab-field', { has: page.getByLabel('Question', { exact: true }) }),
  ).toContainText('Write the question.');
  await page.getByLabel('Question', { exact: true }).fill('Who answers a REGISTER?');
  await page.getByLabel('Choices (one a line)').fill('a proxy\na registrar');
  await expect(problems(page)).toContainText(
    'The right one: Choose the right answer among the choices.',
  );
  await page.screenshot({
    path: path.join(SCREENSHOTS, 'labs-builder-problems.png'),
    fullPage: true,
  });
  await expectNoZodWords(page);

  // "Show" takes the instructor to the field.
  await problems(page).getByRole('button', { name: /^Show/ }).first().click();
  await expect(page.getByLabel('The right one')).toBeFocused();
  await page.getByLabel('The right one').selectOption({ label: '2. a registrar' });

  await expect(
    page.getByText('The lab is valid: it can be run, shared and exported.'),
  ).toBeVisible();
  await expect(banner).toHaveCount(0);
  await expect(page.getByText('The lab has no problem left: press “Share link”')).toBeVisible();
  await expectNoZodWords(page);
});

test('a submission imported into the builder is sent to the Grade page', async ({ page }) => {
  await page.goto('/labs/build/');
  const lab = recordRouteLab();
  await page.getByLabel('Import file').setInputFiles({
    name: 'ann.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        version: 1,
        labId: lab['id'],
        labHash: 'a'.repeat(64),
        student: 'Ann',
        paramSeed: 'record-route/ann',
        actions: [],
      }),
    ),
  });
  const alert = page.getByRole('alert').filter({ hasText: 'submission' });
  await expect(alert).toContainText(
    "This file is a student's submission, not a lab: grade it on the Grade page.",
  );
  await alert.getByRole('link', { name: 'Grade page' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Grade submissions' })).toBeVisible();
});

test('stateless-vs-stateful: switching the proxy keeps the first answer, and the forwarded INVITE counts', async ({
  page,
}) => {
  await page.goto('/labs/stateless-vs-stateful/');
  await page.getByLabel('Your name or student id').fill('Kim');
  // Step 1: the stateful proxy absorbs Alice's INVITE retransmission.
  const absorbed = page.getByLabel(
    'Select the INVITE retransmission that the stateful proxy absorbed.',
  );
  await expect(absorbed).toBeEnabled({ timeout: 30_000 });
  const retransmission =
    (await absorbed
      .locator('option', { hasText: 'alice → proxy: INVITE (retransmission)' })
      .textContent()) ?? '';
  await absorbed.selectOption({ label: retransmission });
  // Step 2: switch the proxy to stateless. Task 1's answer stays shown.
  await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'stateless proxy' });
  await expect(absorbed.locator('option:checked')).toHaveText(
    `Your answer: ${retransmission} (in the run before your change)`,
  );
  // Step 3: the INVITE the stateless proxy forwarded: the second copy it sent on to Bob.
  const forwarded = page.getByLabel(
    'Select the INVITE retransmission that the stateless proxy forwarded.',
  );
  await expect(forwarded.locator('option', { hasText: 'proxy → bob: INVITE' })).toHaveCount(2, {
    timeout: 30_000,
  });
  const copy =
    (await forwarded.locator('option', { hasText: 'proxy → bob: INVITE' }).nth(1).textContent()) ??
    '';
  await forwarded.selectOption({ label: copy });
  await page.getByRole('radio', { name: /Both: a proxy forwards every 2xx/ }).check();
  await checkMyWork(page);
  await expectAllPassed(page);
  await expect(results(page)).toContainText('Score: 7 of 7 points');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'labs-stateless.png'), fullPage: true });
});

test('a built-in lab page carries no answer key, in its HTML or its scripts', async ({ page }) => {
  const texts: string[] = [];
  page.on('response', async (r) => {
    const type = r.headers()['content-type'] ?? '';
    if (!/javascript|html|text\/x-component|text\/plain/.test(type)) return;
    try {
      texts.push(await r.text());
    } catch {
      // A response without a body (a redirect, a prefetch cancelled): nothing to read.
    }
  });
  await page.goto('/labs/stateless-vs-stateful/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Stateless versus stateful proxy',
  );
  await page.waitForLoadState('networkidle');
  expect(texts.length).toBeGreaterThan(3);
  for (const t of texts) {
    expect(t).not.toMatch(/\\?"correct\\?":\s*\d/);
    expect(t).not.toMatch(/\\?"choice\\?":\s*(17|28)\b/);
  }
  expect(texts.join('\n')).toMatch(/answerHashes/);
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
  await expect(page.getByRole('alert').first()).toContainText('The lab link');
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
  await expect(page.getByRole('alert').first()).toContainText(
    "Elements: A lab's network has at most 40 elements; this one has 44.",
  );

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
  await page.getByLabel('Password (digest)', { exact: true }).fill(password);
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
  await expect(page.getByRole('alert').first()).toContainText(
    'Element bob: Kind: “phone” is not a kind of element. Choose the kind of element: user agent,',
  );
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

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the builder fits a 390 px screen, and its controls are big enough to touch', async ({
    page,
  }) => {
    await page.goto('/labs/build/');
    for (const kind of ['user agent', 'user agent', 'stateful proxy', 'registrar'])
      await page.getByRole('button', { name: `Add ${kind}`, exact: true }).click();
    await page.getByRole('button', { name: 'Add timeline action' }).click();
    await page.getByRole('button', { name: 'Add task' }).click();
    await page.getByRole('button', { name: 'Add message check to task 1' }).click();
    await page.getByRole('button', { name: 'Add question to task 1' }).click();
    await page.getByRole('button', { name: 'Add fault rule' }).click();
    await page.getByRole('button', { name: 'Share link' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'cannot be shared yet' })).toBeVisible();
    const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
    expect(width).toBeLessThanOrEqual(390);
    for (const name of ['Share link', 'Add user agent', 'Add task', 'Add timeline action']) {
      const box = await page.getByRole('button', { name, exact: true }).boundingBox();
      expect(box?.height ?? 0, name).toBeGreaterThanOrEqual(44);
    }
    const remove = await page
      .getByRole('button', { name: 'Remove timeline action 1' })
      .boundingBox();
    expect(remove?.height ?? 0).toBeGreaterThanOrEqual(44);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'labs-builder-phone.png'),
      fullPage: true,
    });
  });

  test('the list of labs and a broken lab link fit a 390 px screen', async ({ page }) => {
    for (const url of ['/labs/', '/labs/play/#not-a-lab-at-all']) {
      await page.goto(url);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
      expect(width, url).toBeLessThanOrEqual(390);
    }
  });

  test('a built-in lab fits a 390 px screen', async ({ page }) => {
    await page.goto('/labs/record-route/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Keep the proxy on the BYE path',
    );
    await expect(page.getByRole('region', { name: /^Simulator: / })).toBeVisible();
    const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
    expect(width).toBeLessThanOrEqual(390);
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'labs-builtin-phone.png'),
      fullPage: true,
    });
  });
});
