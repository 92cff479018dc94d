import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

const SCREENSHOTS = path.join(import.meta.dirname, 'screenshots');

/** A REGISTER whose CSeq line lost its colon: a parse error at line 7, column 6. */
const BROKEN = [
  'REGISTER sip:atlanta.example.com SIP/2.0',
  'Via: SIP/2.0/UDP 10.0.0.10:5060;branch=z9hG4bKnashds7',
  'Max-Forwards: 70',
  'To: Alice <sip:alice@atlanta.example.com>',
  'From: Alice <sip:alice@atlanta.example.com>;tag=456248',
  'Call-ID: 843817637684230@998sdasdh09',
  'CSeq 1826 REGISTER',
  'Content-Length: 0',
  '',
  '',
].join('\n');

/** Column 6 of line 7: where the colon should be, after "CSeq" and the space (which HCOLON allows). */
const BROKEN_OFFSET = BROKEN.indexOf('CSeq 1826') + 'CSeq '.length;

async function openLab(page: Page) {
  await page.goto('/message-lab/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Message lab');
}

// No test may log an error in the page (a failed hydration, an exception in a component). Failed
// loads are left out: the navigation prefetches sections (Lessons, Labs...) not built yet.
let pageErrors: string[] = [];
test.beforeEach(({ page }) => {
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      pageErrors.push(message.text());
    }
  });
});
test.afterEach(() => {
  expect(pageErrors).toEqual([]);
});

test('a broken message is rejected with its line and column, and shown in the message', async ({
  page,
}) => {
  await openLab(page);
  await expect(page).toHaveTitle('Message lab · SIP Lab');
  await expect(page.getByRole('link', { name: 'Message lab', exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  );

  const textarea = page.getByLabel('SIP message');
  // The sample INVITE is there from the start, and a server would accept it.
  await expect(textarea).toHaveValue(/^INVITE sip:bob@biloxi\.example\.com SIP\/2\.0\n/);
  const status = page.getByRole('status');
  await expect(status).toContainText('Accepted');

  await textarea.fill(BROKEN);
  // A plain sentence first, what a server does next, then the grammar rule only when asked for.
  await expect(status).toContainText('Rejected with 400');
  await expect(status).toContainText(
    'The CSeq header has no colon after its name: write “CSeq: ” and then the value.',
  );
  await expect(status).toContainText('A server would answer “400 header "CSeq" has no colon”');
  await expect(status).not.toContainText('response');
  const verdict = page.getByRole('region', { name: 'Verdict' });
  await expect(verdict).toContainText('Line 7, column 6');
  const rule = verdict.getByText('HCOLON after the header name');
  await expect(rule).toBeHidden();
  await verdict.getByText('The grammar rule').click();
  await expect(rule).toBeVisible();

  // The line with the problem is highlighted in the rendering of the message, the column marked.
  const rendering = page.getByRole('region', { name: 'The message, with line 7 highlighted' });
  const highlighted = rendering.locator('[data-error-line]');
  await expect(highlighted).toHaveCount(1);
  await expect(highlighted).toHaveAttribute('data-error-line', '7');
  await expect(highlighted).toContainText('CSeq 1826 REGISTER');
  await expect(highlighted.locator('mark')).toHaveCount(1);
  await expect(page.getByRole('heading', { name: 'Line by line' })).toBeVisible();
  await expect(
    page.getByText('The message does not parse, so it cannot be explained'),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Show in message' }).click();
  await expect(textarea).toBeFocused();
  const selection = await textarea.evaluate((el: HTMLTextAreaElement) => [
    el.selectionStart,
    el.selectionEnd,
  ]);
  expect(selection).toEqual([BROKEN_OFFSET, BROKEN_OFFSET + 1]);

  await page.screenshot({ path: path.join(SCREENSHOTS, 'message-lab-error.png'), fullPage: true });
});

test('the malformed Via example names the Via header and its column', async ({ page }) => {
  await openLab(page);
  await page.getByRole('button', { name: 'Malformed Via' }).click();
  const status = page.getByRole('status');
  await expect(status).toContainText('Rejected with 400');
  await expect(status).toContainText(
    'The Via header has “:” after “SIP/2.0/UDP 10.0.0.10:5060”, where SIP expects a “;” and a parameter (such as ;branch=z9hG4bK…), a “,” and another Via, or the end of the line.',
  );
  await expect(page.getByRole('region', { name: 'Verdict' })).toContainText('Line 2, column 32');
  await expect(page.locator('[data-error-line]')).toHaveAttribute('data-error-line', '2');

  // The message still parses, so its lines are explained and the Via line is marked.
  const viaRow = page.getByRole('row', { name: /^Via: SIP\/2\.0\/UDP 10\.0\.0\.10:5060:branch/ });
  await expect(viaRow).toContainText('Problem');
  await expect(viaRow).toContainText('The Via header has “:” after');
  await expect(viaRow).toContainText('Bad Via header: unexpected ":" at line 2, column 32');
  // The parsed fields panel shows the error where the Via values would be.
  const fields = page.getByRole('region', { name: 'Parsed fields' });
  await expect(fields).toContainText('Does not parse: The Via header has “:” after');
  await expect(fields).toContainText('Bad Via header: unexpected ":" (line 2, column 32)');

  await page.getByRole('button', { name: 'Missing Call-ID' }).click();
  await expect(status).toContainText('Rejected with 400');
  await expect(page.getByRole('region', { name: 'Verdict' })).toContainText(
    'this one lacks Call-ID',
  );
  await expect(page.getByRole('button', { name: 'Show in message' })).toHaveCount(0);
});

test('the INVITE example is accepted and explained; the dark theme keeps it readable', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await openLab(page);
  const textarea = page.getByLabel('SIP message');
  await textarea.fill('not a SIP message');
  await expect(page.getByRole('status')).toContainText('Rejected');

  await page.getByRole('button', { name: 'INVITE', exact: true }).click();
  const status = page.getByRole('status');
  await expect(status).toContainText('Accepted');
  await expect(status).toContainText('A server would go on to handle this INVITE');
  await expect(page.locator('[data-error-line]')).toHaveCount(0);

  const viaRow = page.getByRole('row', { name: /^Via: SIP\/2\.0\/UDP 10\.0\.0\.10:5060;branch/ });
  await expect(viaRow).toContainText('One hop the request has taken');
  await expect(viaRow).toContainText('branch z9hG4bK776asdhds');
  await expect(viaRow).toContainText('RFC 3261 §20.42');

  const fields = page.getByRole('region', { name: 'Parsed fields' });
  const via = fields.getByRole('region', { name: 'Via' });
  await expect(via).toContainText('UDP');
  await expect(via).toContainText('10.0.0.10:5060');
  await expect(via).toContainText('z9hG4bK776asdhds');
  await expect(fields.getByRole('region', { name: 'Body' })).toContainText('207 bytes');

  await page.screenshot({ path: path.join(SCREENSHOTS, 'message-lab-ok.png'), fullPage: true });

  // The 200 OK example: a response, accepted.
  await page.getByRole('button', { name: '200 OK' }).click();
  await expect(status).toContainText('Accepted');
  await expect(status).toContainText('match it to the transaction it answers');

  // Editing the text updates the verdict after a short pause.
  await textarea.fill((await textarea.inputValue()).replace(/Call-ID: [^\n]*\n/, ''));
  await expect(status).toContainText('Discarded');
  await expect(status).toContainText('lacks Call-ID');
  await expect(status).toContainText('nobody answers a response');
  await expect(status).not.toContainText('would answer');

  await page.getByRole('button', { name: 'INVITE', exact: true }).click();
  await page.getByRole('button', { name: 'Toggle dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(21, 24, 29)');
  await expect(textarea).toHaveCSS('background-color', 'rgb(29, 33, 40)');
  await expect(textarea).toHaveCSS('color', 'rgb(228, 231, 235)');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'message-lab-dark.png'), fullPage: true });
});

test('a Content-Length smaller than the body: a warning, and the cut shown in the message', async ({
  page,
}) => {
  await openLab(page);
  const textarea = page.getByLabel('SIP message');
  const text = (await textarea.inputValue()).replace('Content-Length: 207', 'Content-Length: 150');
  await textarea.fill(text);
  const verdict = page.getByRole('region', { name: 'Verdict' });
  // The message is still accepted, but not as written: the last bytes are dropped.
  await expect(page.getByRole('status')).toContainText('Accepted');
  const warning = verdict.getByRole('note', { name: 'Warning' });
  await expect(warning).toContainText(
    'Content-Length says the body has 150 bytes, but 207 bytes follow the empty line. The message ends where Content-Length says: the last 57 bytes are not part of it',
  );
  await expect(warning).toContainText('RFC 3261 §18.3');

  // 150 bytes into the body (CR LF line ends) is inside "a=rtpmap:8 PCMA/8000", on line 19.
  const cut = page.getByRole('region', { name: 'The body, cut by Content-Length at line 19' });
  await expect(cut).toContainText('a=rtpmap:8 P✂ Content-Length ends the message here');
  await expect(cut.locator('del')).toHaveCount(3);
  await expect(cut.locator('del').first()).toContainText('CMA/8000');
  await expect(cut.locator('del').last()).toContainText('a=sendrecv');

  await warning.getByRole('button', { name: 'Show the cut in the message' }).click();
  await expect(textarea).toBeFocused();
  const selection = await textarea.evaluate((el: HTMLTextAreaElement) => [
    el.selectionStart,
    el.selectionEnd,
  ]);
  const at = text.indexOf('a=rtpmap:8 P') + 'a=rtpmap:8 P'.length;
  expect(selection).toEqual([at, text.length]);
  await cut.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'message-lab-cut.png') });

  // The SDP lines kept are explained like headers, with their RFC 4566 sections.
  const mLine = page.getByRole('row', { name: /^m=audio 49170 RTP\/AVP 0 8 101/ });
  await expect(mLine).toContainText('Media description');
  await expect(mLine).toContainText('receives on port 49170');
  await expect(mLine).toContainText('RFC 4566 §5.14');
  await expect(page.getByRole('row', { name: /^c=IN IP4 10\.0\.0\.10/ })).toContainText(
    'RFC 4566 §5.7',
  );
});

test('the intro and the hint say one thing about line ends', async ({ page }) => {
  await openLab(page);
  await expect(page.locator('.lead')).not.toContainText('CRLF');
  await expect(page.locator('.lead')).not.toContainText('LF');
  await expect(page.locator('#sip-message-hint')).toContainText(
    'Content-Length counts two bytes for each line end in the body',
  );
});

test.describe('on a 1024×768 laptop screen', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('the error view fits without horizontal scrolling', async ({ page }) => {
    await openLab(page);
    await page.getByRole('button', { name: 'Malformed Via' }).click();
    await expect(page.getByRole('status')).toContainText('Rejected');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'message-lab-1024.png'),
      fullPage: true,
    });
  });
});
