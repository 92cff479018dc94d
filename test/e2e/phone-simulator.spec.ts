import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { widget, ladder, counter } from './simulator-widget';

// The simulator on a phone (390×844, touch) and on desktops (1440×900, 1024×768), light and dark:
// no sideways scrolling of the page, lane names that stay readable (the ladder scrolls sideways in
// its own box with the time column pinned), topology text of 11 px or more, touch targets of 44 px.
const SCREENSHOTS = path.join(import.meta.dirname, 'screenshots');

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
}

/** The lane names: their font size, whether any is cut short, whether two overlap. */
async function laneNames(page: Page) {
  return ladder(page)
    .locator('.sim-ladder-name')
    .evaluateAll((els) => {
      const boxes = els.map((e) => e.getBoundingClientRect());
      let overlap = false;
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++)
          if (boxes[i]!.right > boxes[j]!.left + 0.5 && boxes[j]!.right > boxes[i]!.left + 0.5)
            overlap = true;
      return {
        count: els.length,
        smallest: Math.min(...els.map((e) => parseFloat(getComputedStyle(e).fontSize))),
        cut: els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent),
        overlap,
      };
    });
}

/** The smallest text in the topology as drawn: font size times the drawing's zoom. */
async function smallestTopologyText(page: Page): Promise<{ px: number; text: string }> {
  return widget(page)
    .getByRole('region', { name: 'Network topology' })
    .evaluate((root) => {
      const viewport = root.querySelector('.react-flow__viewport');
      const zoom = viewport ? new DOMMatrix(getComputedStyle(viewport).transform).a : 1;
      let smallest = { px: Infinity, text: '' };
      for (const e of root.querySelectorAll('*')) {
        const own = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent?.trim());
        if (!own || e.getClientRects().length === 0) continue;
        const scaled = e.closest('.react-flow__viewport, .react-flow__edgelabel-renderer');
        const px = parseFloat(getComputedStyle(e).fontSize) * (scaled ? zoom : 1);
        if (px < smallest.px) smallest = { px, text: e.textContent?.trim() ?? '' };
      }
      return smallest;
    });
}

/**
 * Controls in the widget smaller than 44 px (a checkbox counts with its label; links inside a line
 * of text are left out, as WCAG 2.5.8 does).
 */
async function smallTargets(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const out: string[] = [];
    for (const e of root.querySelectorAll<HTMLElement>('button, select, input, summary, a')) {
      if (e.tagName === 'A' && getComputedStyle(e).display === 'inline') continue;
      const target =
        e instanceof HTMLInputElement && e.type === 'checkbox' ? (e.closest('label') ?? e) : e;
      const r = target.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || e.closest('.visually-hidden, [hidden]')) continue;
      if (r.height < 44 - 0.5)
        out.push(
          `${e.tagName} “${(e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 30)}” ${Math.round(r.height)} px`,
        );
    }
    return out;
  });
}

test.describe('on a phone (390×844, touch)', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the playground (forking) fits, reads and touches well', async ({ page }) => {
    await page.goto('/playground/?scenario=forking&step=16');
    await expect(counter(page)).toContainText('Step 16 of');
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);

    const names = await laneNames(page);
    expect(names.count).toBe(5);
    expect(names.smallest).toBeGreaterThanOrEqual(11);
    expect(names.cut).toEqual([]);
    expect(names.overlap).toBe(false);

    const smallest = await smallestTopologyText(page);
    expect(smallest.px, smallest.text).toBeGreaterThanOrEqual(11);
    expect(await smallTargets(widget(page))).toEqual([]);
    expect(await smallTargets(page.locator('.playground-picker'))).toEqual([]);

    // The four buttons fit on one line, each word whole.
    const buttons = widget(page).locator('.sim-buttons .sim-button');
    const tops = await buttons.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
    expect(new Set(tops).size).toBe(1);
    for (const b of await buttons.all())
      expect(await b.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);

    await page.screenshot({ path: path.join(SCREENSHOTS, 'phone-playground-top.png') });
    await ladder(page).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'phone-playground-ladder.png') });

    // The ladder scrolls sideways in its box; the time column stays, the lane names follow.
    const box = ladder(page).locator('.sim-ladder-scroll');
    const before = await ladder(page).locator('.sim-ladder-name').first().boundingBox();
    await box.evaluate((e) => (e.scrollLeft = 120));
    await expect
      .poll(async () => (await ladder(page).locator('.sim-ladder-name').first().boundingBox())?.x)
      .toBeLessThan((before?.x ?? 0) - 100);
    const boxLeft = (await box.boundingBox())!.x;
    const time = await ladder(page).locator('.sim-ladder-row .sim-row-time').first().boundingBox();
    expect(Math.abs((time?.x ?? -99) - boxLeft)).toBeLessThan(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'phone-playground-ladder-scrolled.png') });

    // Filter and search on a phone.
    await ladder(page)
      .getByRole('button', { name: /^Filter and search/ })
      .click();
    await ladder(page).getByLabel('Element').selectOption('bob-mobile');
    await expect(ladder(page).locator('.sim-filter-status')).toContainText('rows shown');
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    expect(await smallTargets(ladder(page))).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'phone-playground-filter.png') });

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'phone-playground-top-dark.png') });
    await ladder(page).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'phone-playground-ladder-dark.png') });
  });

  test('a lab fits, with readable lane names and topology', async ({ page }) => {
    await page.goto('/labs/lost-message/');
    // The run is ready once the counter knows its length ("Step 0 of 0+" while it loads).
    await expect(counter(page)).toContainText(/Step 0 of [1-9]/, { timeout: 30_000 });
    await widget(page).getByRole('button', { name: 'Step', exact: true }).click();
    await expect(counter(page)).toContainText('Step 1 of');
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    const names = await laneNames(page);
    expect(names.count).toBeGreaterThan(1);
    expect(names.smallest).toBeGreaterThanOrEqual(11);
    expect(names.cut).toEqual([]);
    expect(names.overlap).toBe(false);
    const smallest = await smallestTopologyText(page);
    expect(smallest.px, smallest.text).toBeGreaterThanOrEqual(11);
    expect(await smallTargets(widget(page))).toEqual([]);
    await widget(page).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'phone-lab.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'phone-lab-dark.png') });
  });

  test('the playground with the busy office (14 elements) fits too', async ({ page }) => {
    await page.goto('/playground/?scenario=busy-office&step=60');
    await expect(counter(page)).toContainText('Step 60 of', { timeout: 60_000 });
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    const names = await laneNames(page);
    expect(names.count).toBe(14);
    expect(names.cut).toEqual([]);
    expect(names.overlap).toBe(false);
    const smallest = await smallestTopologyText(page);
    expect(smallest.px, smallest.text).toBeGreaterThanOrEqual(11);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'phone-busy-office.png') });
  });
});

for (const [width, height] of [
  [1440, 900],
  [1024, 768],
] as const) {
  test.describe(`at ${width}×${height}`, () => {
    test.use({ viewport: { width, height } });

    test('the playground with the filter, the legend and topology text of 11 px or more', async ({
      page,
    }) => {
      await page.goto('/playground/?scenario=forking&step=30');
      await expect(counter(page)).toContainText('Step 30 of');
      expect(await pageWidth(page)).toBeLessThanOrEqual(width);
      const smallest = await smallestTopologyText(page);
      expect(smallest.px, smallest.text).toBeGreaterThanOrEqual(11);
      const names = await laneNames(page);
      expect(names.cut).toEqual([]);
      expect(names.overlap).toBe(false);

      await ladder(page)
        .getByRole('button', { name: /^Filter and search/ })
        .click();
      await ladder(page).getByLabel('Search messages').fill('bob-desk');
      await expect(ladder(page).locator('.sim-filter-status')).toContainText('matches');
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({
          path: path.join(SCREENSHOTS, `desktop-${width}-filter-${scheme}.png`),
        });
      }
      await page.emulateMedia({ colorScheme: 'light' });
      await ladder(page).getByRole('button', { name: 'Legend', exact: true }).click();
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({
          path: path.join(SCREENSHOTS, `desktop-${width}-legend-${scheme}.png`),
        });
      }
    });
  });
}
