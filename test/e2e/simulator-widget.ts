import { expect, type Locator, type Page } from '@playwright/test';

// The simulator widget's parts, as a person finds them (by role and accessible name), shared by the
// specs that drive the playground, the lessons and the labs.

export function widget(page: Page): Locator {
  return page.getByRole('region', { name: /^Simulator: / });
}

export function ladder(page: Page): Locator {
  return widget(page).getByRole('region', { name: 'Ladder diagram' });
}

export function inspector(page: Page): Locator {
  return widget(page).getByRole('region', { name: 'Inspector' });
}

export function statePanel(page: Page): Locator {
  return widget(page).getByRole('region', { name: 'Element state' });
}

/** "Step 3 of 39". */
export function counter(page: Page): Locator {
  return widget(page).getByRole('status');
}

export function stepButton(page: Page): Locator {
  return widget(page).getByRole('button', { name: 'Step', exact: true });
}

/** The step the counter shows ("Step 3 of 39" → 3). */
export async function currentStep(page: Page): Promise<number> {
  const text = (await counter(page).textContent()) ?? '';
  return Number(/Step (\d+)/.exec(text)?.[1] ?? '0');
}

/**
 * Presses Step once and waits until the page shows the next step. The run lives in a worker, so
 * the page answers a press a moment later; reading the ladder before then would see the last step.
 */
export async function stepOnce(page: Page): Promise<void> {
  const next = (await currentStep(page)) + 1;
  await stepButton(page).click();
  await expect(counter(page)).toContainText(new RegExp(`Step ${next} of`));
}

/** Presses Step, one step at a time, until the ladder shows `text` (at most `limit` presses). */
export async function stepUntilLadderShows(page: Page, text: string, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if ((await ladder(page).textContent())?.includes(text)) return;
    await stepOnce(page);
  }
  await expect(ladder(page)).toContainText(text);
}
