import path from 'node:path';
import { expect, test } from '@playwright/test';
import { widget, ladder, inspector, counter, stepUntilLadderShows } from './simulator-widget';

// The playground's links keep every change: "Copy link" in one page, the link opened in another
// shows the same run (the dropped message, the toggle, the link's latency), step, filter and
// inspected message. A link to a step past the run's end, or with parts that cannot be used, says so.
const SCREENSHOTS = path.join(import.meta.dirname, 'screenshots');

test('Copy link, then the link in a new page: same run, step, dropped message, toggle, link and filter', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/playground/?scenario=call-trapezoid');
  await stepUntilLadderShows(page, 'INVITE');
  await inspector(page).getByRole('button', { name: 'Drop this message' }).click();
  await expect(ladder(page)).toContainText('INVITE — lost');

  // A toggle and a link setting (the playground opens "Change the network"), then steps on.
  const recordRoute = widget(page).getByRole('checkbox', { name: 'Record-Route' }).first();
  const wasOn = await recordRoute.isChecked();
  await recordRoute.setChecked(!wasOn);
  await widget(page).getByLabel('Latency of alice–proxy-a in ms').fill('120');
  await expect(widget(page).getByRole('region', { name: 'Network topology' })).toContainText(
    '120 ms',
  );
  await stepUntilLadderShows(page, 'retransmission');
  const step = (await counter(page).textContent())?.match(/Step (\d+) of/)?.[1];
  expect(step).toBeDefined();

  // The ladder filtered to one element, and a message chosen for the inspector.
  await ladder(page)
    .getByRole('button', { name: /^Filter and search/ })
    .click();
  await ladder(page).getByLabel('Element').selectOption('proxy-a');
  await ladder(page)
    .getByRole('button', { name: /alice to proxy-a: INVITE \(retransmission\)/ })
    .first()
    .click();
  await expect(inspector(page)).toContainText('INVITE (retransmission)');

  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('scenario=call-trapezoid');
  expect(link).toContain(`step=${step}`);
  expect(link).toContain('drop=1');
  expect(link).toContain('link=alice~proxy-a:120:0');
  expect(link).toContain('el=proxy-a');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'sharing-before.png') });

  const other = await context.newPage();
  await other.goto(link);
  await expect(counter(other)).toContainText(`Step ${step} of`, { timeout: 30_000 });
  await expect(ladder(other)).toContainText('INVITE — lost');
  await expect(widget(other).getByText('Datagram #1 (INVITE alice → proxy-a)')).toBeVisible();
  const otherToggle = widget(other).getByRole('checkbox', { name: 'Record-Route' }).first();
  if (wasOn) await expect(otherToggle).not.toBeChecked();
  else await expect(otherToggle).toBeChecked();
  await expect(widget(other).getByLabel('Latency of alice–proxy-a in ms')).toHaveValue('120');
  await expect(ladder(other).getByLabel('Element')).toHaveValue('proxy-a');
  await expect(ladder(other)).toContainText(/\d+ of \d+ rows shown/);
  await expect(inspector(other)).toContainText('INVITE (retransmission)');
  await expect(inspector(other).getByRole('button', { name: 'Follow the steps' })).toBeVisible();
  await other.screenshot({ path: path.join(SCREENSHOTS, 'sharing-after.png') });
});

test('old links (scenario and step) still open, and stay short', async ({ page }) => {
  await page.goto('/playground/?scenario=registration&step=4');
  await expect(counter(page)).toContainText('Step 4 of 6');
  await expect(page).toHaveURL(/\?scenario=registration&step=4$/);
});

test('a step past the end of the run says so', async ({ page }) => {
  await page.goto('/playground/?scenario=registration&step=71');
  await expect(counter(page)).toContainText('Step 6 of 6', { timeout: 30_000 });
  await expect(widget(page)).toContainText(
    'This link asked for step 71, but the run ends at step 6: you see its last step.',
  );
  // The notice goes once the reader moves.
  await widget(page).getByRole('button', { name: 'Back', exact: true }).click();
  await expect(counter(page)).toContainText('Step 5 of 6');
  await expect(widget(page)).not.toContainText('This link asked for step 71');
});

test('parts of a link that cannot be used are named, the rest is kept', async ({ page }) => {
  await page.goto(
    '/playground/?scenario=call-trapezoid&step=abc&drop=1,x&rr=nobody:on&link=alice~proxy-a:5:7',
  );
  const note = page.locator('.playground-note');
  await expect(note).toContainText('Parts of this link could not be used');
  await expect(note).toContainText('step=abc is not a step number');
  await expect(note).toContainText('drop: “x” is not a datagram number');
  await expect(note).toContainText('“nobody” is not a proxy of this scenario');
  await expect(note).toContainText('the loss must be 0 to 1');
  await expect(counter(page)).toContainText('Step 0 of');
  // drop=1 was kept: the first INVITE is lost once sent.
  await stepUntilLadderShows(page, 'INVITE — lost');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'sharing-bad-link.png') });
});
