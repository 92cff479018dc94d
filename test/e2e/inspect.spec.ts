import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Download, type Page } from '@playwright/test';
import { callsOf, readCapture } from '../../sim/capture';
import { captureFindings } from '../../sim/session';
import { bigCapture } from './big-capture';

const SCREENSHOTS = path.join(import.meta.dirname, 'screenshots');
const CAPTURES = path.join(import.meta.dirname, '../fixtures/captures');
const ZEEK = path.join(CAPTURES, 'zeek-sip-wireshark.pcap');
const MERMAID = path.join(import.meta.dirname, '../../node_modules/mermaid/dist/mermaid.min.js');

/** What the sim layers find in the zeek capture: the page must show the same. */
const zeek = (() => {
  const result = readCapture(new Uint8Array(readFileSync(ZEEK)));
  return {
    messages: result.messages.length,
    calls: callsOf(result.messages),
    findings: captureFindings(result.messages.filter((m) => m.error === undefined)).length,
  };
})();

let pageErrors: string[] = [];
test.beforeEach(({ page }) => {
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      pageErrors.push(message.text());
  });
});
test.afterEach(() => {
  expect(pageErrors).toEqual([]);
});

async function openInspect(page: Page) {
  await page.goto('/inspect/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inspect a capture');
}

async function openZeek(page: Page) {
  await openInspect(page);
  await page.getByLabel('Open a capture').setInputFiles(ZEEK);
  await expect(page.locator('.insp-summary')).toContainText(
    `${zeek.messages} SIP messages, ${zeek.calls.length} calls`,
  );
}

const position = (page: Page) => page.getByRole('group', { name: 'Move through the messages' });

test('a real capture: calls, one call drawn, Step and Back, line explanations, RFC findings', async ({
  page,
}) => {
  await openZeek(page);
  await expect(page).toHaveTitle('Inspect a capture · SIP Lab');
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inspect' }),
  ).toHaveAttribute('aria-current', 'page');

  // One row per Call-ID, all drawn at first.
  const calls = page.getByRole('region', { name: 'Calls' });
  await expect(calls.getByRole('checkbox')).toHaveCount(zeek.calls.length);
  for (const box of await calls.getByRole('checkbox').all()) await expect(box).toBeChecked();
  await expect(page.locator('#insp-ladder-title')).toContainText(`(${zeek.messages} messages)`);
  await expect(position(page)).toContainText(`message 1 of ${zeek.messages}`);

  // Elements by address, with a guessed kind.
  const elements = page.getByRole('region', { name: 'Elements' });
  await expect(elements.getByRole('textbox')).toHaveCount(3);
  await expect(elements.getByLabel('Kind of 192.168.1.2:5060')).toHaveValue('user-agent');

  // Only the INVITE that ended in 408 (the second call).
  const call = zeek.calls[1]!;
  await page.getByRole('button', { name: 'Draw none' }).click();
  await expect(page.locator('#insp-ladder-title')).toContainText('(0 messages)');
  await calls.getByRole('checkbox', { name: new RegExp(`Call-ID ${call.callId}`) }).check();
  await expect(page.locator('#insp-ladder-title')).toContainText(`(${call.messages} messages)`);
  await expect(position(page)).toContainText(`message 1 of ${call.messages}`);
  await expect(calls.getByRole('row').filter({ hasText: '408' })).toContainText('INVITE');

  // Renaming an element renames its lane.
  await elements.getByLabel('Name of 192.168.1.2:5060').fill('phone');
  await expect(page.locator('.insp-ladder-head')).toContainText('phone');
  await expect(page.locator('.insp-ladder-head')).not.toContainText('192.168.1.2:5060');

  // Step and Back move the current message; the inspector follows.
  const inspector = page.getByRole('region', { name: 'Inspector' });
  const ladder = page.getByRole('list', { name: 'Messages in time order' });
  await expect(ladder.locator('[aria-current="true"]')).toHaveAccessibleName(/INVITE from phone/);
  await expect(inspector.getByRole('heading', { level: 3 })).toHaveText('INVITE');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(position(page)).toContainText(`message 2 of ${call.messages}`);
  const second = await ladder.locator('[aria-current="true"]').getAttribute('aria-label');
  expect(second).not.toMatch(/^0\.000 s/);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(position(page)).toContainText(`message 3 of ${call.messages}`);
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(position(page)).toContainText(`message 2 of ${call.messages}`);
  await expect(ladder.locator('[aria-current="true"]')).toHaveAttribute('aria-label', second!);
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(inspector.getByRole('heading', { level: 3 })).toHaveText('INVITE');

  // The message line by line; a header line explained with its RFC section.
  const lines = inspector.getByRole('list', { name: 'The message as sent, line by line' });
  await lines.getByRole('button', { name: /^Via:/ }).first().click();
  await expect(inspector.locator('.sim-explain')).toContainText(/Via:.*RFC 3261 §\d/);
  await expect(inspector.getByText('Call-ID', { exact: true })).toBeVisible();

  // The RFC check: every finding of sim/rules, each with its rule and section.
  const findings = page.getByRole('region', { name: 'Findings' });
  await expect(page.locator('#insp-findings-title')).toContainText(`(${zeek.findings} findings)`);
  await expect(findings.getByRole('row').nth(1)).toContainText(/RFC 3261 §\d/);
  await expect(page.locator('.insp-summary')).toContainText(`${zeek.findings} RFC findings`);
  // A finding on a drawn message opens it.
  await calls.getByRole('checkbox').first().check();
  // The ladder (and with it which findings can open their message) follows the choice of calls.
  await expect(page.locator('#insp-ladder-title')).toContainText(
    `(${zeek.calls[0]!.messages + call.messages} messages)`,
  );
  const show = findings.getByRole('button').first();
  const label = (await show.textContent())!.replace(/^#\d+ /, '');
  await show.click();
  await expect(inspector.getByRole('heading', { level: 3 })).toContainText(label);
  await expect(inspector.getByRole('heading', { name: 'RFC check' })).toBeVisible();
  await page.screenshot({
    path: path.join(SCREENSHOTS, 'inspect-desktop-light.png'),
    fullPage: true,
  });

  // Dark theme.
  await page.getByRole('button', { name: 'Toggle dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({
    path: path.join(SCREENSHOTS, 'inspect-desktop-dark.png'),
    fullPage: true,
  });
});

test('a file that is not a capture is refused with the reader’s reason; notices are shown', async ({
  page,
}) => {
  await openInspect(page);
  await page.getByLabel('Open a capture').setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('INVITE sip:bob@example.com SIP/2.0\r\n\r\n'),
  });
  // (The page's own alerts: Next.js keeps an empty route announcer with the role too.)
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('notes.txt is not a capture file:');
  await expect(alert).toContainText(/byte/);

  // A pcap whose one packet has a link type the reader does not decode (147, USER0).
  const pcap = Buffer.alloc(24 + 16 + 4);
  pcap.writeUInt32LE(0xa1b2c3d4, 0);
  pcap.writeUInt16LE(2, 4);
  pcap.writeUInt16LE(4, 6);
  pcap.writeUInt32LE(65535, 16);
  pcap.writeUInt32LE(147, 20);
  pcap.writeUInt32LE(4, 24 + 8);
  pcap.writeUInt32LE(4, 24 + 12);
  await page.getByLabel('Open a capture').setInputFiles({
    name: 'user0.pcap',
    mimeType: 'application/vnd.tcpdump.pcap',
    buffer: pcap,
  });
  await expect(page.locator('.insp-summary')).toContainText('user0.pcap');
  await expect(alert).toHaveCount(0);
  await expect(page.getByRole('note')).toContainText('link type 147');
});

test('a capture dropped on the page opens', async ({ page }) => {
  await openInspect(page);
  const bytes = [...readFileSync(ZEEK)];
  const transfer = await page.evaluateHandle((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], 'dropped.pcap'));
    return dt;
  }, bytes);
  await page.locator('.insp').dispatchEvent('dragover', { dataTransfer: transfer });
  await page.locator('.insp').dispatchEvent('drop', { dataTransfer: transfer });
  await expect(page.locator('.insp-summary')).toContainText(
    `dropped.pcap (pcap, ${zeek.messages} packets)`,
  );
});

async function saved(download: Download): Promise<Buffer> {
  return readFileSync((await download.path())!);
}

async function exportAs(page: Page, format: string): Promise<{ name: string; body: Buffer }> {
  await page.getByLabel('Format').selectOption({ label: format });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export ladder' }).click(),
  ]);
  return { name: download.suggestedFilename(), body: await saved(download) };
}

test('the example capture, and every export format', async ({ page, context }) => {
  await openInspect(page);
  await page.getByRole('button', { name: 'Try an example capture' }).click();
  await expect(page.locator('.insp-summary')).toContainText('call-trapezoid.pcap');
  await expect(page.locator('#insp-ladder-title')).toContainText(/\(\d+ messages\)/);
  await expect(page.locator('.insp-ladder-head')).toContainText('User agent');
  // The scenario's element names come with it, and flow into the exports.
  await expect(page.getByLabel('Name of 10.0.0.10:5060')).toHaveValue('alice');

  // The INVITE proxy-a forwarded: the inspector shows what proxy-a changed (§16.6).
  const ladder = page.getByRole('list', { name: 'Messages in time order' });
  await ladder
    .getByRole('button', { name: /: INVITE from proxy-a to /, exact: false })
    .first()
    .click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  const hop = inspector.getByRole('region', { name: 'What the proxy changed' });
  await expect(hop.getByRole('heading', { level: 4 })).toHaveText('What proxy-a changed');
  await expect(hop).toContainText('Max-Forwards 70 → 69');
  await expect(
    hop.getByRole('listitem').filter({ hasText: /^\+ Via SIP\/2\.0\/UDP / }),
  ).toHaveCount(1);
  // The link opens the INVITE proxy-a received, from alice: made by a UA, nothing changed.
  await hop.getByRole('button', { name: /^INVITE it received at / }).click();
  await expect(ladder.locator('[aria-current="true"]')).toHaveAccessibleName(
    /: INVITE from alice to proxy-a/,
  );
  await expect(inspector.getByRole('region', { name: 'What the proxy changed' })).toHaveCount(0);

  const text = await exportAs(page, 'Text');
  expect(text.name).toBe('call-trapezoid.txt');
  expect(text.body.toString()).toContain('INVITE');
  expect(text.body.toString()).toContain('alice');

  const plant = await exportAs(page, 'PlantUML');
  expect(plant.name).toBe('call-trapezoid.puml');
  expect(plant.body.toString()).toMatch(/^@startuml[\s\S]*->[\s\S]*@enduml\s*$/);

  const png = await exportAs(page, 'PNG');
  expect(png.name).toBe('call-trapezoid.png');
  expect([...png.body.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);

  const pcap = await exportAs(page, 'pcap');
  expect(pcap.name).toBe('call-trapezoid.pcap');
  const back = readCapture(new Uint8Array(pcap.body));
  const drawn = Number(
    /\((\d+) messages\)/.exec((await page.locator('#insp-ladder-title').textContent())!)![1],
  );
  expect(back.messages.length).toBe(drawn);
  const [savePcap] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save pcap' }).click(),
  ]);
  expect((await saved(savePcap)).equals(pcap.body)).toBe(true);

  // Mermaid's own parser, in Chromium.
  const mermaid = await exportAs(page, 'Mermaid');
  expect(mermaid.name).toBe('call-trapezoid.mmd');
  const parser = await context.newPage();
  await parser.setContent('<!doctype html><title>mermaid</title>');
  await parser.addScriptTag({ path: MERMAID });
  const parsed = await parser.evaluate(async (source) => {
    const m = (window as unknown as { mermaid: { parse(t: string): Promise<unknown> } }).mermaid;
    const r = (await m.parse(source)) as { diagramType?: string };
    return r.diagramType;
  }, mermaid.body.toString());
  expect(parsed).toBe('sequence');
  // A broken diagram is refused by the same parser (the check can fail).
  const refused = await parser.evaluate(async () => {
    const m = (window as unknown as { mermaid: { parse(t: string): Promise<unknown> } }).mermaid;
    return m.parse('sequenceDiagram\n  A->>: ').then(
      () => false,
      () => true,
    );
  });
  expect(refused).toBe(true);

  // The SVG, opened on its own in Chromium.
  const svg = await exportAs(page, 'SVG');
  expect(svg.name).toBe('call-trapezoid.svg');
  const viewer = await context.newPage();
  await viewer.setContent(
    `<!doctype html><title>svg</title><body style="margin:0;background:#888">${svg.body.toString()}</body>`,
  );
  const drawing = viewer.locator('body > svg');
  const box = (await drawing.boundingBox())!;
  expect(box.width).toBeGreaterThan(300);
  expect(box.height).toBeGreaterThan(200);
  await expect(drawing.locator('text').filter({ hasText: 'INVITE' }).first()).toBeVisible();
  await drawing.screenshot({ path: path.join(SCREENSHOTS, 'export-ladder-svg.png') });
});

test('the playground exports its ladder too', async ({ page, context }) => {
  await page.goto('/playground/?scenario=registration');
  const sim = page.getByRole('region', { name: /^Simulator:/ });
  await expect(sim).toBeVisible();
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  await sim.getByLabel('Format').selectOption({ label: 'Mermaid' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    sim.getByRole('button', { name: 'Export ladder' }).click(),
  ]);
  const text = (await saved(download)).toString();
  expect(text).toContain('sequenceDiagram');
  expect(text).toContain('REGISTER');
  const parser = await context.newPage();
  await parser.setContent('<!doctype html><title>mermaid</title>');
  await parser.addScriptTag({ path: MERMAID });
  await parser.evaluate(async (source) => {
    const m = (window as unknown as { mermaid: { parse(t: string): Promise<unknown> } }).mermaid;
    await m.parse(source);
  }, text);
});

test('a 50 MB capture opens without freezing the page', async ({ page }) => {
  test.setTimeout(300_000);
  const { bytes, copies } = bigCapture(new Uint8Array(readFileSync(ZEEK)), 50 * 1024 * 1024);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sip-inspect-')), 'big.pcap');
  writeFileSync(file, bytes);
  await openInspect(page);
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  const started = Date.now();
  await page.getByLabel('Open a capture').setInputFiles(file);
  await expect(page.getByRole('progressbar', { name: 'Reading big.pcap' })).toBeVisible();
  await expect(page.locator('.insp-summary')).toContainText(
    `${zeek.messages * copies} SIP messages, ${zeek.calls.length * copies} calls`,
    { timeout: 240_000 },
  );
  const opened = Date.now() - started;
  const calls = page.getByRole('region', { name: 'Calls' });
  await expect(calls.getByRole('checkbox').first()).toBeVisible();
  // Virtualized: far fewer rows in the page than calls in the capture.
  expect(await calls.getByRole('checkbox').count()).toBeLessThan(200);
  expect(await page.locator('.insp-ladder-row').count()).toBeLessThan(200);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(position(page)).toContainText('message 2 of');
  const longest = await page.evaluate(() =>
    Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks),
  );
  const count = await page.evaluate(
    () => (window as unknown as { longTasks: number[] }).longTasks.length,
  );
  console.log(
    `50 MB capture (${(bytes.length / 1048576).toFixed(1)} MiB, ${zeek.messages * copies} messages, ${zeek.calls.length * copies} calls): ` +
      `open ${opened} ms; longest main-thread task ${Math.round(longest)} ms (${count} long tasks)`,
  );
  await page.screenshot({ path: path.join(SCREENSHOTS, 'inspect-50mb.png') });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the page fits the width, light and dark', async ({ page }) => {
    await openZeek(page);
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(position(page)).toContainText('message 2 of');
    const overflow = () =>
      page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'inspect-phone-light.png'),
      fullPage: true,
    });
    await page.getByRole('button', { name: 'Toggle dark theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'inspect-phone-dark.png'),
      fullPage: true,
    });
  });
});
