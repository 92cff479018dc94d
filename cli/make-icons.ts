/**
 * Draws the app's PNG icons (web app manifest, Apple touch icon) from the SVGs in public/icons/, with
 * Debian's Chromium: `npx tsx cli/make-icons.ts`. The PNGs are committed; run this again after
 * changing an SVG.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const DIR = join(process.cwd(), 'public', 'icons');

/** [source SVG, PNG written, size in pixels, transparent corners?] */
const ICONS: readonly [string, string, number, boolean][] = [
  ['icon.svg', 'icon-192.png', 192, true],
  ['icon.svg', 'icon-512.png', 512, true],
  ['icon-maskable.svg', 'icon-maskable-512.png', 512, false],
  // iOS rounds the corners itself and shows transparency as black: the full-bleed square.
  ['icon-maskable.svg', 'apple-touch-icon.png', 180, false],
];

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  try {
    for (const [source, target, size, transparent] of ICONS) {
      const svg = readFileSync(join(DIR, source), 'utf8').replace(
        '<svg ',
        `<svg width="${size}" height="${size}" `,
      );
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      await page.setContent(
        `<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`,
      );
      await page.screenshot({
        path: join(DIR, target),
        omitBackground: transparent,
        clip: { x: 0, y: 0, width: size, height: size },
      });
      await page.close();
      console.log(`public/icons/${target}: ${size}×${size} from ${source}`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
