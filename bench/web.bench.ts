/**
 * `npm run bench:web`: the static export as a browser sees it. Lighthouse (with Debian's Chromium) on
 * the home page and the playground — performance and accessibility scores; the JavaScript each page
 * loads first, measured from the files its HTML references; and the time one Step takes in the
 * playground on a trace of over a thousand messages. Targets: performance ≥ 90, accessibility 100,
 * one Step under 50 ms. Run after `npm run build` (the npm script builds first).
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromium } from '@playwright/test';
import { createStaticServer } from '../cli/serve-static.mjs';

const OUT = join(process.cwd(), 'out');
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
const PAGES = [
  { name: 'home', path: '/' },
  { name: 'playground', path: '/playground/' },
  { name: 'lesson', path: '/learn/registration/' },
  { name: 'message lab', path: '/message-lab/' },
];

function firstLoadJs(pagePath: string): { files: number; bytes: number; gzip: number } {
  const html = readFileSync(join(OUT, pagePath, 'index.html'), 'utf8');
  const srcs = new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1]!));
  let bytes = 0;
  let gzip = 0;
  for (const src of srcs) {
    const file = join(OUT, src.split('?')[0]!);
    bytes += statSync(file).size;
    gzip += gzipSync(readFileSync(file)).length;
  }
  return { files: srcs.size, bytes, gzip };
}

async function main(): Promise<void> {
  const server = createStaticServer(OUT) as import('node:http').Server;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const rows: string[] = [];
  const skipLighthouse = process.argv.includes('--step-only');
  const chrome = skipLighthouse
    ? null
    : await chromeLauncher.launch({
        chromePath: '/usr/bin/chromium',
        chromeFlags: CHROME_FLAGS,
      });
  try {
    for (const p of skipLighthouse || !chrome ? [] : PAGES) {
      const scores: number[] = [];
      let a11y = 0;
      // Three runs, the median performance score (Lighthouse varies on a shared machine).
      for (let i = 0; i < 3; i++) {
        const r = await lighthouse(`${base}${p.path}`, {
          port: chrome!.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
          formFactor: 'desktop',
          screenEmulation: {
            mobile: false,
            width: 1440,
            height: 900,
            deviceScaleFactor: 1,
            disabled: false,
          },
          throttlingMethod: 'simulate',
        });
        if (!r) throw new Error('Lighthouse returned nothing');
        scores.push(Math.round((r.lhr.categories.performance?.score ?? 0) * 100));
        a11y = Math.round((r.lhr.categories.accessibility?.score ?? 0) * 100);
        if (a11y < 100 && i === 0) {
          for (const audit of Object.values(r.lhr.audits))
            if (
              audit.score === 0 &&
              r.lhr.categories.accessibility?.auditRefs.some((ref) => ref.id === audit.id)
            )
              console.log(`  ${p.name}: accessibility audit failed: ${audit.id} — ${audit.title}`);
        }
      }
      scores.sort((a, b) => a - b);
      const js = firstLoadJs(p.path);
      rows.push(
        `| ${p.name} (${p.path}) | ${scores[1]} | ${a11y} | ${js.files} | ${(js.bytes / 1024).toFixed(0)} KB | ${(js.gzip / 1024).toFixed(0)} KB |`,
      );
    }
  } finally {
    await chrome?.kill();
  }
  console.log(
    '| page | performance (median of 3, desktop) | accessibility | first-load scripts | JS | JS gzip |',
  );
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(r);

  // One Step on a long trace, timed in the page: click "Step" and wait until the step counter changes.
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROME_FLAGS.filter((f) => !f.startsWith('--headless')),
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${base}/playground/?scenario=busy-office&step=2000`);
    const counter = page.getByText(/Step \d+ of \d+/).first();
    await counter.waitFor();
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const before = await counter.textContent();
      // The in-page code is a string: tsx's helpers (e.g. __name) do not exist in the page.
      const t = (await page.evaluate(`(async (prev) => {
        const button = [...document.querySelectorAll('button')].find(
          (b) => (b.textContent || '').replace('\u25B6', '').trim() === 'Step',
        );
        if (!button) return -1;
        const t0 = performance.now();
        button.click();
        await new Promise((resolve) => {
          const counter = () => [...document.querySelectorAll('*')].find(
            (n) => n.childElementCount === 0 && /Step \\d+ of \\d+/.test(n.textContent || ''),
          );
          const check = () => {
            const el = counter();
            if (el && el.textContent !== prev) resolve();
            else requestAnimationFrame(check);
          };
          check();
        });
        return performance.now() - t0;
      })(${JSON.stringify(before)})`)) as number;
      if (t < 0) throw new Error('no Step button');
      times.push(t);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    console.log(
      `\nOne Step in the playground on busy-office (1,300+ messages, from step 2000 on): median ${median.toFixed(1)} ms, worst ${times[times.length - 1]!.toFixed(1)} ms over ${times.length} steps (target < 50 ms).`,
    );
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
