import { test } from '@playwright/test';
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
test('probe lessons', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/learn/');
  const hrefs = await page.locator('.lesson-list a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  for (const p of hrefs) {
    await page.goto(p);
    await page.waitForTimeout(800);
    const info = await page.evaluate(() => {
      const w = document.scrollingElement!.scrollWidth;
      const out: string[] = [];
      for (const el of Array.from(document.querySelectorAll('body *'))) {
        const r = (el as HTMLElement).getBoundingClientRect();
        if (r.right > 391 && r.width > 0) {
          const parent = el.parentElement;
          const pr = parent?.getBoundingClientRect();
          if (pr && pr.right > 391) continue;
          out.push(`${el.tagName}.${(el as HTMLElement).className} right=${Math.round(r.right)}`);
        }
      }
      return { w, out: out.slice(0, 8) };
    });
    console.log(p, JSON.stringify(info));
  }
});
