/**
 * First-load JavaScript per page (issue 14, "a budget for first-load JavaScript per page"): the
 * scripts a page's exported HTML references (`<script src>`, but not `noModule` ones, which a modern
 * browser skips), gzipped one by one as a server would send them, summed. Read by the budget check (test/e2e/js-budget.spec.ts, after the build of
 * `npm run test:e2e`) and printed by `npm run bench:web`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface PageBudget {
  name: string;
  /** The page's path in the export (trailing slash: out/<path>/index.html). */
  path: string;
  /** Gzipped first-load JavaScript allowed, in KiB. */
  budgetKb: number;
}

/**
 * Budgets, in KiB of gzip. How they were chosen: each is the page's size measured on the build of
 * 2026-12-04 (after the lazy topology and the simulator in a Web Worker, issue 14; the figure at the
 * end of each line) plus about 5 % headroom, rounded up to 5 KiB. A change that crosses one either
 * makes a page heavier on purpose (raise its budget in the same commit and say why) or loads
 * something eagerly that could wait (import it lazily instead).
 */
export const PAGE_BUDGETS: readonly PageBudget[] = [
  { name: 'home', path: '/', budgetKb: 150 }, // 138.1 KiB
  { name: 'playground', path: '/playground/', budgetKb: 255 }, // 240.3 KiB
  { name: 'lesson', path: '/learn/registration/', budgetKb: 150 }, // 140.3 KiB
  { name: 'labs', path: '/labs/', budgetKb: 150 }, // 138.8 KiB
  { name: 'message lab', path: '/message-lab/', budgetKb: 190 }, // 179.2 KiB
  { name: 'glossary', path: '/glossary/', budgetKb: 145 }, // 137.0 KiB
  { name: 'practice', path: '/practice/', budgetKb: 150 }, // 140.3 KiB
];

export interface FirstLoadJs {
  files: number;
  bytes: number;
  gzip: number;
}

/** The exported HTML of a page; a missing page is an error that names the file. */
function pageHtml(outDir: string, pagePath: string): string {
  const file = join(outDir, pagePath, 'index.html');
  if (!existsSync(file))
    throw new Error(`${file} is missing: build the static export first (npm run build)`);
  return readFileSync(file, 'utf8');
}

/** The first-load scripts of one page of the export in `outDir`. */
export function firstLoadJs(outDir: string, pagePath: string): FirstLoadJs {
  const html = pageHtml(outDir, pagePath);
  // A noModule script (Next's polyfills) is never loaded by a browser that runs modules: not counted.
  const srcs = new Set(
    [...html.matchAll(/<script\b([^>]*)>/gi)]
      .map((m) => m[1]!)
      .filter((attrs) => !/\bnomodule\b/i.test(attrs))
      .map((attrs) => /\bsrc="([^"]+\.js)[^"]*"/.exec(attrs)?.[1])
      .filter((src): src is string => src !== undefined),
  );
  let bytes = 0;
  let gzip = 0;
  for (const src of srcs) {
    // A sub-path build (BASE_PATH) prefixes every asset: the file is under out/_next/ all the same.
    const at = src.indexOf('/_next/');
    const file = join(outDir, at >= 0 ? src.slice(at) : src);
    const content = readFileSync(file);
    bytes += content.length;
    gzip += gzipSync(content).length;
  }
  return { files: srcs.size, bytes, gzip };
}
