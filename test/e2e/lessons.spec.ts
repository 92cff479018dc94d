import path from 'node:path';
import { expect, test } from '@playwright/test';

const SCREENSHOTS = path.join(import.meta.dirname, 'screenshots');

test.describe('lessons', () => {
  test('the registration lesson: step its simulation, answer its self-checks, see progress on the home page', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.goto('/learn/registration/');
    await expect(page.getByRole('heading', { level: 1, name: 'Registration' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'On this page' })).toBeVisible();

    // The embedded simulation: step until the registrar's 401 and the second REGISTER are in the ladder.
    const sim = page.locator('.lesson-sim').first();
    const step = sim.getByRole('button', { name: 'Step', exact: true });
    await expect(step).toBeVisible();
    for (let i = 0; i < 40 && (await sim.getByText('401 Unauthorized').count()) === 0; i++)
      await step.click();
    await expect(sim.getByText('401 Unauthorized').first()).toBeVisible();
    await sim.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'lesson-simulation.png') });

    // Predict the next message: a wrong pick says why, and a right click after it does not count.
    const progressOf = (id: string): Promise<unknown> =>
      page.evaluate((key) => {
        const progress = JSON.parse(localStorage.getItem('sip-lab-progress') ?? '{}') as Record<
          string,
          unknown
        >;
        return progress[key];
      }, id);
    let predict = page.locator('[data-predict]').first();
    await predict.getByRole('button', { name: '200 OK' }).click();
    await expect(predict).toContainText(
      'Not this time: 200 OK is not next. The 200 OK comes only once credentials check out, and this REGISTER carries none.',
    );
    await expect(predict).toContainText('The simulation sends 401 Unauthorized next');
    await expect(predict).toContainText(
      'Why: The registrar wants proof that this is Alice: a REGISTER without credentials gets 401 Unauthorized',
    );
    await predict.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'lesson-predict-wrong.png') });
    await predict.getByRole('button', { name: '401 Unauthorized' }).click();
    await expect(predict).toContainText(
      '401 Unauthorized is the right answer, but only your first pick counts',
    );
    await expect(predict.getByText(/^Right\./)).toHaveCount(0);
    expect(await progressOf('registration-next')).toBeUndefined();

    // On a later visit a right first pick counts.
    await page.reload();
    predict = page.locator('[data-predict]').first();
    await predict.getByRole('button', { name: '401 Unauthorized' }).click();
    await expect(predict.getByText(/^Right\./)).toBeVisible();
    await expect(predict).toContainText('Why: The registrar wants proof');
    expect(await progressOf('registration-next')).toBe(true);

    // The self-check: a wrong answer first, then the right one for each quiz.
    const quiz1 = page.locator('[data-quiz="registration-1"]');
    await quiz1.getByLabel(/her address of record/).check();
    await quiz1.getByRole('button', { name: 'Check answer' }).click();
    await expect(quiz1.getByText(/Not quite\./)).toBeVisible();
    await expect(quiz1.getByText(/goes into the To header/)).toBeVisible();
    await quiz1.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'lesson-quiz-wrong.png') });
    await quiz1.getByLabel(/the registrar's domain/).check();
    await quiz1.getByRole('button', { name: 'Check answer' }).click();
    await expect(quiz1.getByText(/^Right\./)).toBeVisible();
    // The feedback does not say "Right." twice.
    await expect(quiz1.getByText(/Right\. Right\./)).toHaveCount(0);
    const answers: Record<string, RegExp> = {
      'registration-2': /new branch and a higher CSeq/,
      'registration-3': /Contact: \* and Expires: 0/,
    };
    for (const [id, label] of Object.entries(answers)) {
      const q = page.locator(`[data-quiz="${id}"]`);
      await q.getByLabel(label).check();
      await q.getByRole('button', { name: 'Check answer' }).click();
      await expect(q.getByText(/^Right\./)).toBeVisible();
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, 'lesson-quiz-right.png') });

    // Progress survives a reload: the home page lists the lesson as done.
    await page.goto('/');
    await page.reload();
    const item = page.locator('[data-lesson="registration"]');
    await expect(item.getByText('✓ Done')).toBeVisible();
    await expect(
      page.locator('[data-lesson="transactions"]').getByText('Not started'),
    ).toBeVisible();
    await item.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'home-progress.png') });
    // The home page offers to continue with the first lesson not yet done.
    await expect(page.getByRole('link', { name: /^Continue the course: 1\. / })).toHaveAttribute(
      'href',
      '/learn/what-is-sip/',
    );
    await expect(page.locator('[data-continue]')).toContainText('1 of 17 lessons done.');
  });

  for (const scheme of ['light', 'dark'] as const) {
    test.describe(`at 1440×900, ${scheme}`, () => {
      test.use({ colorScheme: scheme });

      test(`a lesson keeps its contents beside the text (${scheme})`, async ({ page }) => {
        await page.goto('/learn/transactions/');
        const contents = page.getByRole('navigation', { name: 'On this page' });
        await expect(contents.getByRole('link', { name: 'Check yourself' })).toBeVisible();
        await expect(contents.getByRole('button', { name: 'Contents' })).toBeHidden();
        await expect(
          page.locator('.lesson-sim').first().getByRole('button', { name: 'Step', exact: true }),
        ).toBeVisible({ timeout: 20_000 });
        const over = await page.evaluate(
          () => document.scrollingElement!.scrollWidth - window.innerWidth,
        );
        expect(over).toBeLessThanOrEqual(0);
        await page.screenshot({ path: path.join(SCREENSHOTS, `lesson-desktop-${scheme}.png`) });
        await page
          .getByRole('heading', { name: 'The four state machines, in outline' })
          .scrollIntoViewIfNeeded();
        await page.screenshot({
          path: path.join(SCREENSHOTS, `lesson-desktop-table-${scheme}.png`),
        });
      });
    });
  }

  test('every lesson renders with its simulation, and the glossary answers its links', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.goto('/learn/');
    const links = page.locator('.lesson-list a');
    await expect(links).toHaveCount(17);
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    for (const href of hrefs) {
      await page.goto(href);
      await expect(page.locator('article.lesson h1')).toBeVisible();
      await expect(
        page.locator('.lesson-sim').first().getByRole('button', { name: 'Step', exact: true }),
      ).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Check yourself' })).toBeVisible();
    }
    await page.goto('/learn/transactions/');
    await page.locator('a.term').first().click();
    await expect(page).toHaveURL(/\/glossary\/#/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'glossary.png') });
  });
});
