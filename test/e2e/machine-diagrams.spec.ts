import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { widget, counter } from './simulator-widget';

// The state panel's "Diagram" view: each machine drawn from its definition, the current state marked
// aria-current, kept in step with Step and Back (RFC 3261 §17.1.1 Figure 5 with RFC 6026's
// Accepted, §12 dialogs).
const SCREENSHOTS = path.join(import.meta.dirname, 'screenshots');

/** Alice's drawing of the machine with this id (the latest instance). */
function drawing(page: Page, element: string, machine: string): Locator {
  return page
    .getByRole('region', { name: `${element}: state machines` })
    .locator(`figure[data-machine="${machine}"]`)
    .last();
}

function current(figure: Locator): Locator {
  return figure.locator('[data-state][aria-current="true"]');
}

async function stepTo(page: Page, n: number): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const text = (await counter(page).textContent()) ?? '';
    const at = Number(/Step (\d+)/.exec(text)?.[1] ?? '0');
    if (at === n) return;
    await widget(page)
      .getByRole('button', { name: at < n ? 'Step' : 'Back', exact: true })
      .click();
    await expect(counter(page)).toContainText(`Step ${at < n ? at + 1 : at - 1} of`, {
      timeout: 15_000,
    });
  }
  throw new Error(`could not reach step ${n}`);
}

async function showDiagrams(page: Page): Promise<void> {
  // Ready once the run's length is known ("Step 0 of 31", not "Step 0 of 0+").
  await expect(counter(page)).toContainText(/of \d+(?![\d+])/, { timeout: 30_000 });
  await widget(page).getByRole('button', { name: 'Diagram', exact: true }).click();
  await expect(widget(page).locator('.sim-dg-view')).toBeVisible();
}

// Each test steps a whole run on a machine shared with builds: give it room.
test.setTimeout(180_000);

let pageErrors: string[] = [];
test.beforeEach(({ page }) => {
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
});
test.afterEach(() => {
  expect(pageErrors).toEqual([]);
});

test('lost-invite: Alice’s INVITE client transaction lights up Figure 5 as the run goes', async ({
  page,
}) => {
  await page.goto('/playground/?scenario=lost-invite');
  await showDiagrams(page);
  await stepTo(page, 1);
  const ict = drawing(page, 'alice', 'INVITE client transaction');
  await expect(current(ict)).toHaveText('Calling');
  await expect(ict.locator('[data-state]')).toHaveText([
    'Calling',
    'Proceeding',
    'Completed',
    'Accepted',
    'Terminated',
  ]);
  // The INVITE is lost; Timer A fires and it is sent again: Calling again, by the Timer A arrow.
  await stepTo(page, 3);
  await expect(current(ict)).toHaveText('Calling');
  await expect(ict.locator('.sim-dg-last')).toContainText('Calling → Calling');
  await expect(ict.locator('.sim-dg-last')).toContainText('Timer A fires / Reset A, INVITE sent');
  await expect(ict.locator('.sim-dg-edge[data-taken]')).toHaveCount(1);
  await expect(ict.locator('figcaption')).toContainText(/B \d/);
  // The transition links to the trace event that caused it.
  await ict.getByRole('button', { name: /caused by event #\d+/ }).click();
  await expect(widget(page).getByRole('region', { name: 'Inspector' })).toContainText(/Timer A/i);
  await stepTo(page, 8);
  await expect(current(ict)).toHaveText('Proceeding');
  await stepTo(page, 18);
  await expect(current(ict)).toHaveText('Accepted');
  await expect(ict.locator('.sim-dg-last')).toContainText('2xx / 2xx to TU');
  await stepTo(page, 30);
  await expect(current(ict)).toHaveText('Terminated');
  await expect(ict.locator('.sim-dg-last')).toContainText('Timer M fires');
  // Back shows the step before: Accepted again.
  await stepTo(page, 29);
  await expect(current(ict)).toHaveText('Accepted');
});

test('call-trapezoid: a dialog goes from Early to Confirmed', async ({ page }) => {
  await page.goto('/playground/?scenario=call-trapezoid');
  await showDiagrams(page);
  const dialog = drawing(page, 'alice', 'dialog');
  let early = -1;
  for (let n = 1; n <= 39; n++) {
    await stepTo(page, n);
    if ((await dialog.count()) === 0) continue;
    const state = await current(dialog).textContent();
    if (early < 0 && state === 'Early') early = n;
    if (state === 'Confirmed') {
      expect(early, 'the dialog was Early before it was Confirmed').toBeGreaterThan(0);
      await expect(dialog.locator('.sim-dg-last')).toContainText('Early → Confirmed');
      return;
    }
  }
  throw new Error('the dialog never became Confirmed');
});

/** Steps on until the figure's current state is `state` (the figure may appear on the way). */
async function stepUntil(
  page: Page,
  figure: Locator,
  state: string,
  last: number,
): Promise<number> {
  for (;;) {
    const text = (await counter(page).textContent()) ?? '';
    const at = Number(/Step (\d+)/.exec(text)?.[1] ?? '0');
    if ((await figure.count()) > 0 && (await current(figure).textContent()) === state) return at;
    if (at >= last) throw new Error(`${state} never shown by step ${last}`);
    await stepTo(page, at + 1);
  }
}

test('call-trapezoid: the caller’s and callee’s calls and the proxy’s response context', async ({
  page,
}) => {
  await page.goto('/playground/?scenario=call-trapezoid');
  await showDiagrams(page);
  const caller = drawing(page, 'alice', 'outgoing call');
  const callee = drawing(page, 'bob', 'incoming call');
  const context = drawing(page, 'proxy-a', 'response context');
  await stepTo(page, 1);
  await expect(current(caller)).toHaveText('Calling');
  const ringing = await stepUntil(page, caller, 'Ringing', 39);
  await expect(caller.locator('.sim-dg-last')).toContainText('→ Ringing');
  await expect(current(callee)).toHaveText('Ringing');
  await expect(current(context)).toHaveText('Collecting');
  const inCall = await stepUntil(page, caller, 'In call', 39);
  expect(inCall).toBeGreaterThan(ringing);
  await expect(current(context)).toHaveText('Accepted');
  await stepUntil(page, callee, 'In call', 39);
  await stepUntil(page, caller, 'Ending', 39);
  await stepUntil(page, caller, 'Ended', 39);
  // Back: the call is still ending.
  const ended = Number(/Step (\d+)/.exec((await counter(page).textContent()) ?? '')?.[1]);
  await stepTo(page, ended - 1);
  await expect(current(caller)).toHaveText('Ending');
});

test('registration-digest: the registration is challenged, then registered; the registrar’s binding is active', async ({
  page,
}) => {
  await page.goto('/playground/?scenario=registration-digest');
  await showDiagrams(page);
  const registration = drawing(page, 'alice', 'registration');
  await stepTo(page, 1);
  await expect(current(registration)).toHaveText('Registering');
  await stepUntil(page, registration, 'Challenged', 20);
  await expect(registration.locator('.sim-dg-last')).toContainText('Challenged');
  await stepUntil(page, registration, 'Registered', 20);
  await expect(registration.locator('figcaption')).toContainText('registration refresh');
  await expect(current(drawing(page, 'registrar', 'binding'))).toHaveText('Active');
});

for (const scheme of ['light', 'dark'] as const) {
  for (const device of ['desktop', 'phone'] as const) {
    test.describe(`${device}, ${scheme}`, () => {
      test.use({
        colorScheme: scheme,
        ...(device === 'phone'
          ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
          : {}),
      });
      test(`screenshots of the diagrams (${device}, ${scheme})`, async ({ page }) => {
        await page.goto('/playground/?scenario=lost-invite');
        await showDiagrams(page);
        await stepTo(page, 3);
        // The state panel scrolls: each picture is the panel, scrolled to the drawing.
        const panel = widget(page).getByRole('region', { name: 'Element state' });
        const shot = async (loc: Locator, name: string) => {
          await loc.evaluate((el) => el.scrollIntoView({ block: 'start' }));
          await panel.screenshot({
            path: path.join(SCREENSHOTS, `diagram-${name}-${device}-${scheme}.png`),
          });
        };
        await shot(drawing(page, 'alice', 'INVITE client transaction'), 'ict-timer-a');
        await stepTo(page, 18);
        await shot(drawing(page, 'alice', 'dialog'), 'dialog-confirmed');
        await shot(drawing(page, 'bob', 'INVITE server transaction'), 'ist-accepted');
        await stepTo(page, 25);
        await shot(drawing(page, 'alice', 'non-INVITE client transaction'), 'nict-completed');
        await page.goto('/playground/?scenario=call-trapezoid');
        await showDiagrams(page);
        await stepTo(page, 8);
        await shot(widget(page).getByRole('region', { name: 'Element state' }), 'panel-trapezoid');
        if (device === 'desktop') await shot(widget(page), 'widget-trapezoid');
        await stepUntil(page, drawing(page, 'alice', 'outgoing call'), 'In call', 39);
        await shot(drawing(page, 'alice', 'outgoing call'), 'call-caller-in-call');
        await shot(drawing(page, 'bob', 'incoming call'), 'call-callee');
        await shot(drawing(page, 'proxy-a', 'response context'), 'response-context-accepted');
        await page.goto('/playground/?scenario=forking');
        await showDiagrams(page);
        await stepTo(page, 12);
        await shot(widget(page).getByRole('region', { name: 'Element state' }), 'panel-forking');
        await page.goto('/playground/?scenario=registration-digest');
        await showDiagrams(page);
        await stepUntil(page, drawing(page, 'alice', 'registration'), 'Registered', 20);
        await shot(drawing(page, 'alice', 'registration'), 'registration-registered');
        await shot(drawing(page, 'registrar', 'binding'), 'binding-active');
        await page.goto('/playground/?scenario=subscribe-notify');
        await showDiagrams(page);
        await stepUntil(page, drawing(page, 'alice', 'subscription'), 'Active', 20);
        await shot(drawing(page, 'alice', 'subscription'), 'subscription-active');
      });
    });
  }
}
