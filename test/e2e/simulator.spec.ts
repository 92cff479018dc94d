import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { widget, ladder, inspector, counter, stepUntilLadderShows } from './simulator-widget';

// The simulator widget's own features, exercised through the playground.
const SCREENSHOTS = path.join(import.meta.dirname, 'screenshots');

test('"Drop this message" on the first INVITE replays the run with it lost', async ({ page }) => {
  await page.goto('/playground/?scenario=call-trapezoid');
  await stepUntilLadderShows(page, 'INVITE');
  await expect(counter(page)).toContainText('Step 2 of 39');
  await expect(inspector(page)).toContainText('datagram #1');

  await inspector(page).getByRole('button', { name: 'Drop this message' }).click();
  // The run is rebuilt from its seed and kept at the same step.
  await expect(counter(page)).toContainText('Step 2 of');
  await expect(ladder(page)).toContainText('INVITE — lost');
  await expect(inspector(page)).toContainText('Lost: INVITE is dropped — fault: dropped by you');
  await expect(widget(page).getByText('Datagram #1 (INVITE alice → proxy-a)')).toBeVisible();

  await stepUntilLadderShows(page, 'retransmission');
  await expect(ladder(page)).toContainText('Timer A fires');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'simulator-drop.png') });

  await widget(page).getByRole('button', { name: 'Remove all my faults' }).click();
  await expect(ladder(page)).not.toContainText('lost');
  await expect(ladder(page)).not.toContainText('retransmission');
});

test('the inspector explains lines, shows what a proxy changed, and the causes', async ({
  page,
}) => {
  await page.goto('/playground/?scenario=call-trapezoid&step=12');
  await ladder(page)
    .getByRole('button', { name: /proxy-a to proxy-b: INVITE/ })
    .click();

  await expect(inspector(page).getByRole('heading', { name: 'INVITE', exact: true })).toBeVisible();
  await expect(inspector(page)).toContainText('What proxy-a changed');
  await expect(inspector(page)).toContainText('Max-Forwards 70 → 69');
  await expect(inspector(page)).toContainText('+ Via SIP/2.0/UDP 10.0.0.2:5060');

  await inspector(page)
    .getByRole('button', { name: /^Max-Forwards: 69$/ })
    .click();
  await expect(inspector(page)).toContainText('RFC 3261 §20.22');
  await expect(inspector(page)).toContainText('How many more hops');

  // The chain of causes leads back to Alice's action; a cause opens in the inspector.
  const causes = inspector(page).getByRole('list').filter({ hasText: 'alice calls' });
  await expect(causes).toContainText('proxy-a receives INVITE from alice');
  await causes.getByRole('button', { name: 'alice sends INVITE to proxy-a' }).click();
  await expect(inspector(page)).toContainText('alice → proxy-a');
  await expect(inspector(page).getByRole('button', { name: 'Follow the steps' })).toBeVisible();

  // Highlight: the INVITE transaction alice–proxy-a also holds proxy-a's 100 Trying.
  const grouped = ladder(page).locator('.sim-row-grouped');
  await expect(grouped).toHaveCount(2);
  await ladder(page).getByLabel('Highlight').selectOption('dialog');
  await expect(grouped).toHaveCount(await ladder(page).locator('.sim-row-message').count());
  await ladder(page).getByLabel('Highlight').selectOption('none');
  await expect(grouped).toHaveCount(0);

  await page.screenshot({ path: path.join(SCREENSHOTS, 'simulator-inspector.png') });
});

test('"Show as table" gives the same rows as an accessible table', async ({ page }) => {
  await page.goto('/playground/?scenario=lost-invite&step=8');
  await ladder(page).getByRole('button', { name: 'Show as table' }).click();
  const table = ladder(page).getByRole('table');
  await expect(table.getByRole('columnheader')).toHaveText([
    'Time',
    'From',
    'To',
    'Message',
    'Notes',
  ]);
  await expect(table).toContainText('retransmission');
  await expect(table).toContainText('✗ lost');
  await expect(table).toContainText('Timer A fires');
  await table.getByRole('button', { name: '100 Trying' }).click();
  await expect(inspector(page)).toContainText('proxy → alice');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'simulator-table.png') });
});

test('toggles and link settings replay the run', async ({ page }) => {
  await page.goto('/playground/?scenario=bye-no-record-route&step=25');
  await expect(ladder(page).getByRole('button', { name: /alice to bob: BYE/ })).toBeVisible();

  await widget(page).getByRole('checkbox', { name: 'Record-Route' }).check();
  await expect(counter(page)).toContainText('Step 25 of');
  // With Record-Route, the BYE goes through the proxy.
  const byeViaProxy = ladder(page).getByRole('button', { name: /alice to proxy: BYE/ });
  for (let i = 0; i < 20 && (await byeViaProxy.count()) === 0; i++)
    await widget(page).getByRole('button', { name: 'Step', exact: true }).click();
  await expect(byeViaProxy).toBeVisible();

  await widget(page).getByLabel('Proxy kind').selectOption('stateless-proxy');
  await expect(statePanelText(page)).resolves.toContain('Stateless proxy');

  await widget(page).getByLabel('Latency of alice–proxy in ms').fill('200');
  await expect(widget(page).getByRole('region', { name: 'Network topology' })).toContainText(
    '200 ms',
  );
  await widget(page).getByLabel('Loss of alice–proxy in %').fill('50');
  await expect(widget(page).getByRole('region', { name: 'Network topology' })).toContainText(
    'loss 50 %',
  );
  await page.screenshot({ path: path.join(SCREENSHOTS, 'simulator-toggles.png') });
});

async function statePanelText(page: Page): Promise<string> {
  return (await widget(page).getByRole('region', { name: 'Element state' }).textContent()) ?? '';
}

test('forking and the trapezoid draw every element and the messages in flight', async ({
  page,
}) => {
  await page.goto('/playground/?scenario=forking&step=12');
  const topology = widget(page).getByRole('region', { name: 'Network topology' });
  for (const name of ['alice', 'proxy', 'registrar', 'bob-desk', 'bob-mobile'])
    await expect(topology.getByRole('group', { name: new RegExp(`^${name}: `) })).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'simulator-forking.png') });

  await page.goto('/playground/?scenario=call-trapezoid&step=9');
  // Step 9: proxy-b's INVITE to Bob has just left, its 100 Trying to proxy-a is on its way.
  await expect(topology.locator('.sim-dot')).toHaveCount(2);
  await expect(topology.locator('.sim-dot').filter({ hasText: 'INVITE' })).toHaveCount(1);
  await expect(topology.locator('.sim-dot').filter({ hasText: '100 Trying' })).toHaveCount(1);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'simulator-trapezoid.png') });
});
