import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { widget, ladder, counter } from './simulator-widget';

// The ladder's filter and search on the busy office (thousands of rows): by element and method, by
// a Call-ID typed in the search, matches marked in the rows and in the inspector; the legend.
// Timings are printed for the report (long tasks on the page's thread while typing), never asserted.
const SCREENSHOTS = path.join(import.meta.dirname, 'screenshots');

/** Starts recording long tasks (over 50 ms) on the page's thread. */
async function recordLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask', buffered: false });
  });
}

async function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.splice(0));
}

/** "12 of 3,456 rows shown" → [12, 3456]; "all 3,456 rows shown" → [3456, 3456]. */
async function shownRows(page: Page): Promise<[number, number]> {
  const text = (await ladder(page).locator('.sim-filter-status').textContent()) ?? '';
  const number = (s: string) => Number(s.replace(/,/g, ''));
  const all = /all ([\d,]+) rows shown/.exec(text);
  if (all) return [number(all[1]!), number(all[1]!)];
  const m = /([\d,]+) of ([\d,]+) rows shown/.exec(text);
  expect(m, text).not.toBeNull();
  return [number(m![1]!), number(m![2]!)];
}

test('busy office: filter by element and method, search a Call-ID, matches marked', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // Past the end: the run is recorded to its last step (and the link says where it ended).
  await page.goto('/playground/?scenario=busy-office&step=100000');
  await expect(counter(page)).toContainText('end of run', { timeout: 180_000 });
  await expect(widget(page)).toContainText(
    /This link asked for step 100000, but the run ends at step \d+/,
  );
  await recordLongTasks(page);

  await ladder(page)
    .getByRole('button', { name: /^Filter and search/ })
    .click();
  const filter = ladder(page).getByRole('search', { name: 'Filter and search the ladder' });

  // By element and method: every row shown is an INVITE that phone3 sends or receives.
  let t0 = Date.now();
  await filter.getByLabel('Element').selectOption('phone3');
  await filter.getByLabel('Method or status').selectOption('INVITE');
  await expect(ladder(page).locator('.sim-filter-status')).toContainText('rows shown');
  await expect(ladder(page).locator('.sim-filter-status')).not.toContainText('Filtering');
  const selectMs = Date.now() - t0;
  const [shown, total] = await shownRows(page);
  expect(total).toBeGreaterThan(1000);
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(total / 20);
  const rows = ladder(page).locator('.sim-ladder-row');
  const names = await rows.evaluateAll((els) => els.map((e) => e.textContent ?? ''));
  expect(names.length).toBeGreaterThan(0);
  for (const n of names) {
    expect(n).toMatch(/phone3/);
    expect(n).toMatch(/: INVITE/);
  }
  await page.screenshot({ path: path.join(SCREENSHOTS, 'ladder-filter-element-method.png') });

  // A Call-ID, typed in the search: only that call's rows, each marked as a match.
  await filter.getByRole('button', { name: 'Clear filter' }).click();
  await expect(ladder(page).locator('.sim-filter-status')).toBeEmpty();
  const callIds = await filter
    .getByLabel('Call', { exact: true })
    .locator('option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ''));
  expect(callIds.length).toBeGreaterThan(50);
  const callId = callIds[Math.floor(callIds.length / 2)]!;
  await longTasks(page);
  t0 = Date.now();
  await filter.getByLabel('Search messages').pressSequentially(callId, { delay: 30 });
  const typingMs = Date.now() - t0;
  await expect(ladder(page).locator('.sim-filter-status')).toContainText('matches');
  await expect(ladder(page).locator('.sim-filter-status')).not.toContainText('Filtering');
  const searchMs = Date.now() - t0;
  const duringTyping = await longTasks(page);
  const [found] = await shownRows(page);
  expect(found).toBeGreaterThan(3);
  expect(found).toBeLessThan(60);
  const shownNow = await rows.count();
  expect(shownNow).toBe(Math.min(found, shownNow));
  await expect(ladder(page).locator('.sim-row-match')).toHaveCount(shownNow);

  // Next match: the inspector shows the message with the Call-ID marked.
  await ladder(page).getByRole('button', { name: 'Next match' }).click();
  const inspector = widget(page).getByRole('region', { name: 'Inspector' });
  await expect(inspector.locator('mark.sim-match').first()).toHaveText(callId);
  await expect(ladder(page).locator('.sim-filter-status')).toContainText('(1 selected)');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'ladder-search-call-id.png') });

  // Without "only rows that match", every row is back and the matches are marked among them.
  await filter.getByLabel('Only rows that match the search').uncheck();
  await expect.poll(async () => (await shownRows(page))[0]).toBe(total);
  await expect(ladder(page).locator('.sim-row-match').first()).toBeVisible();

  console.log(
    `busy office, ${total} rows: element+method filter ${selectMs} ms to the status; typing a ` +
      `${callId.length}-character Call-ID ${typingMs} ms, search done ${searchMs} ms after the ` +
      `first key; long tasks while typing: ${JSON.stringify(duringTyping)}`,
  );
});

test('the legend explains the marks of the ladder', async ({ page }) => {
  await page.goto('/playground/?scenario=lost-invite&step=9');
  await expect(counter(page)).toContainText('Step 9 of', { timeout: 30_000 });
  const legendButton = ladder(page).getByRole('button', { name: 'Legend', exact: true });
  await expect(legendButton).toHaveAttribute('aria-expanded', 'false');
  await legendButton.click();
  await expect(legendButton).toHaveAttribute('aria-expanded', 'true');
  const legend = ladder(page).getByRole('region', { name: 'Legend of the ladder' });
  for (const text of [
    'a message that arrived',
    'in flight',
    '(retransmission)',
    '✗ lost',
    '◆',
    'breaks an RFC rule',
    'matches the search',
    'a timer fires',
    'a user action',
    'what the current step did',
  ])
    await expect(legend).toContainText(text);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'ladder-legend.png') });
  await page.keyboard.press('Escape');
  await expect(legend).toBeHidden();
  await expect(legendButton).toBeFocused();
  await expect(ladder(page)).toContainText('Timer A fires');
});
