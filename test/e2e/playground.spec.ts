import path from 'node:path';
import { expect, test } from '@playwright/test';
import {
  stepOnce,
  widget,
  ladder,
  statePanel,
  counter,
  stepButton,
  stepUntilLadderShows,
} from './simulator-widget';

const SCREENSHOTS = path.join(import.meta.dirname, 'screenshots');

test('registration: REGISTER, then 200 OK, then the registrar holds the binding', async ({
  page,
}) => {
  await page.goto('/playground/?scenario=registration');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Playground');
  await expect(page.getByLabel('Scenario')).toHaveValue('registration');
  await expect(counter(page)).toContainText('Step 0 of 6');
  await expect(ladder(page)).toContainText('Nothing has happened yet');

  await stepUntilLadderShows(page, 'REGISTER');
  await expect(ladder(page)).not.toContainText('200 OK');
  await stepUntilLadderShows(page, '200 OK');

  // REGISTER comes first, then the 200 OK, each an arrow between the two lifelines.
  const rows = ladder(page).getByRole('button', { name: /registrar|alice/ });
  const names = await rows.evaluateAll((els) => els.map((e) => e.textContent ?? ''));
  const register = names.findIndex((n) => n.includes('alice to registrar: REGISTER'));
  const ok = names.findIndex((n) => n.includes('registrar to alice: 200 OK'));
  expect(register).toBeGreaterThanOrEqual(0);
  expect(ok).toBeGreaterThan(register);

  // Once the 200 OK has arrived, the registrar's state lists Alice's binding.
  await stepOnce(page);
  const registrar = statePanel(page)
    .locator('details')
    .filter({ has: page.locator('summary', { hasText: /^registrar/ }) });
  await expect(registrar).toContainText('Bindings');
  await expect(registrar).toContainText('sip:alice@a.example.com');
  await expect(registrar).toContainText('sip:alice@10.0.0.10:5060');
  await expect(page).toHaveURL(/scenario=registration&step=5$/);

  await page.screenshot({ path: path.join(SCREENSHOTS, 'playground-registration.png') });
});

test('lost INVITE: Timer A fires and the INVITE is sent again', async ({ page }) => {
  await page.goto('/playground/?scenario=lost-invite');
  await expect(counter(page)).toContainText('Step 0 of');

  await stepUntilLadderShows(page, 'INVITE');
  await expect(ladder(page)).toContainText('lost');
  await stepUntilLadderShows(page, 'retransmission');
  await expect(ladder(page)).toContainText('Timer A fires');
  await expect(
    ladder(page).getByRole('button', { name: /alice to proxy: INVITE \(retransmission\)/ }),
  ).toBeVisible();
  // The inspector shows the step's message: the retransmitted INVITE.
  const inspector = widget(page).getByRole('region', { name: 'Inspector' });
  await expect(inspector).toContainText('INVITE (retransmission)');

  await page.screenshot({ path: path.join(SCREENSHOTS, 'playground-lost-invite.png') });
});

test('Back shows exactly the view before the last Step', async ({ page }) => {
  await page.goto('/playground/?scenario=lost-invite&step=9');
  await expect(counter(page)).toContainText('Step 9 of', { timeout: 30_000 });
  // The run's full length is counted in the background ("of 9+" until then): wait for it, so the
  // two views compared below differ only by what Back restores.
  await expect(counter(page)).toContainText(/Step 9 of \d+t/, { timeout: 30_000 });

  const view = async () => ({
    counter: await counter(page).textContent(),
    ladder: await ladder(page).textContent(),
    state: await statePanel(page).textContent(),
    inspector: await widget(page).getByRole('region', { name: 'Inspector' }).textContent(),
  });
  const before = await view();
  await stepButton(page).click();
  await expect(counter(page)).toContainText('Step 10 of');
  expect(await view()).not.toEqual(before);

  await widget(page).getByRole('button', { name: 'Back', exact: true }).click();
  await expect(counter(page)).toContainText('Step 9 of');
  expect(await view()).toEqual(before);
  await expect(page).toHaveURL(/step=9$/);

  await page.screenshot({ path: path.join(SCREENSHOTS, 'playground-back.png') });
});

test('a link with a step opens at that step', async ({ page }) => {
  await page.goto('/playground/?scenario=registration&step=5');
  await expect(counter(page)).toContainText('Step 5 of 6', { timeout: 30_000 });
  await expect(counter(page)).toContainText('t = 0.040 s');
  await expect(ladder(page)).toContainText('REGISTER');
  await expect(ladder(page)).toContainText('200 OK');
  await expect(page.getByLabel('Step number')).toHaveValue('5');

  // Choosing another scenario starts it at step 0 and says so in the URL.
  await page.getByLabel('Scenario').selectOption('call-trapezoid');
  await expect(widget(page)).toHaveAccessibleName(/the SIP trapezoid/);
  await expect(counter(page)).toContainText('Step 0 of');
  await expect(page).toHaveURL(/scenario=call-trapezoid&step=0$/);

  await page.screenshot({ path: path.join(SCREENSHOTS, 'playground-link.png') });
});

test('without a query the playground opens registration at step 0', async ({ page }) => {
  await page.goto('/playground/');
  await expect(page.getByLabel('Scenario')).toHaveValue('registration');
  await expect(counter(page)).toContainText('Step 0 of 6');
  await expect(page.getByText(/Alice's phone tells the registrar/)).toBeVisible();
});

test('keyboard: arrows, "." and "," step, "r" resets, Space plays to the end', async ({ page }) => {
  await page.goto('/playground/?scenario=registration');
  await expect(counter(page)).toContainText('Step 0 of 6');

  await widget(page).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(counter(page)).toContainText('Step 2 of 6');
  await page.keyboard.press('.');
  await expect(counter(page)).toContainText('Step 3 of 6');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press(',');
  await expect(counter(page)).toContainText('Step 1 of 6');
  await page.keyboard.press('r');
  await expect(counter(page)).toContainText('Step 0 of 6');

  // Tab reaches the controls; Space on the widget itself plays, and play stops at the end.
  await widget(page).focus();
  await page.keyboard.press(' ');
  await expect(widget(page).getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(counter(page)).toContainText('Step 6 of 6', { timeout: 15_000 });
  await expect(widget(page).getByRole('button', { name: 'Play' })).toBeVisible();
  await expect(counter(page)).toContainText('end of run');

  await page.screenshot({ path: path.join(SCREENSHOTS, 'playground-keyboard.png') });
});

test('dark theme', async ({ page }) => {
  await page.goto('/playground/?scenario=call-trapezoid&step=14');
  await page.getByRole('button', { name: 'Toggle dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(widget(page)).toHaveCSS('background-color', 'rgb(29, 33, 40)');
  await expect(counter(page)).toContainText('Step 14 of');
  await ladder(page)
    .getByRole('button', { name: /proxy-a to proxy-b: INVITE/ })
    .click();
  await expect(widget(page).getByRole('region', { name: 'Inspector' })).toContainText(
    'What proxy-a changed',
  );
  await page.screenshot({ path: path.join(SCREENSHOTS, 'playground-dark.png') });
});

test.describe('at 1024×768', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('forking fits and stays usable', async ({ page }) => {
    await page.goto('/playground/?scenario=forking&step=16');
    await expect(counter(page)).toContainText('Step 16 of');
    await expect(ladder(page)).toContainText('180 Ringing');
    // Nothing overflows the page sideways.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'playground-1024.png') });
  });
});
