/**
 * The first-load JavaScript budget (issue 14): each page's gzipped first-load scripts, read from the
 * static export the e2e stage has just built (out/), must stay within its budget (test/build/js-budget.ts).
 * No browser is needed; it runs here because out/ exists only after `npm run build`.
 */
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { PAGE_BUDGETS, firstLoadJs } from '../build/js-budget';

const OUT = join(process.cwd(), process.env.EXPORT_DIR ?? 'out');

for (const page of PAGE_BUDGETS) {
  test(`first-load JavaScript of ${page.name} (${page.path}) is within ${page.budgetKb} KiB gzip`, () => {
    const js = firstLoadJs(OUT, page.path);
    const kb = js.gzip / 1024;
    expect(js.files, `${page.path} references no script: is the export complete?`).toBeGreaterThan(
      0,
    );
    expect(
      kb,
      `${page.name} (${page.path}) loads ${kb.toFixed(1)} KiB of gzipped JavaScript in ${js.files} files, over its budget of ${page.budgetKb} KiB: load the new code lazily, or raise the budget in test/build/js-budget.ts and say why`,
    ).toBeLessThanOrEqual(page.budgetKb);
  });
}
