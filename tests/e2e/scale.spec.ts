/**
 * Scale from the data (issue 13 item 5): a first visit shows the baseline (no change on
 * any KPI, paid channels at zero spend with a prompt), the seeds' media plan is an example
 * to load, large relative changes read as a ratio, and Compare takes its reference from ?ref=.
 */
import type { Page } from '@playwright/test';
import { test, expect, snapshot } from './fixtures';

async function openWorkbench(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.locator('[data-kpi="newCustomers"]')).toBeVisible({ timeout: 45_000 });
  await expect(page.locator('.status')).toContainText('Baseline: BG/NBD');
}

test('the first visit shows the baseline, with a prompt to the channel levers and the example media plan', async ({
  page
}) => {
  await openWorkbench(page);
  // every KPI card reads "no change": the working scenario is the baseline
  const cards = page.locator('[data-kpi] .kpi');
  const n = await cards.count();
  expect(n).toBeGreaterThanOrEqual(4); // CAC, CLV/CAC and ROI are undefined without media
  for (let i = 0; i < n; i++) await expect(cards.nth(i)).toHaveAttribute('aria-label', /no change/);
  await expect(page.locator('[data-kpi] .delta.good, [data-kpi] .delta.bad')).toHaveCount(0);
  const prompt = page.getByTestId('zero-spend-prompt');
  await expect(prompt).toContainText('Paid channels are at zero spend');
  await snapshot(page, 'scale-first-visit');

  // the prompt's button opens the channel levers and focuses the first budget
  await prompt.getByRole('button', { name: 'Set channel budgets' }).click();
  await expect(page.getByRole('textbox', { name: /^Budget: search/ })).toBeFocused();

  // the example: the seed media plan's budgets, and the prompt goes away
  await prompt.getByRole('button', { name: 'Load the example media plan' }).click();
  await expect(page.getByRole('textbox', { name: /^Budget: search/ })).toHaveValue('3000');
  await expect(page.getByRole('textbox', { name: 'Scenario name' })).toHaveValue('Example: seed media plan');
  await expect(prompt).toHaveCount(0);
  // every relative change on the cards is a percentage up to 1,000% or a ratio above ("×12.3")
  await expect(page.locator('[data-kpi="customerEquity"] .delta')).not.toContainText('(0.00%)');
  for (const rel of await page.locator('[data-kpi] .delta .rel').allTextContents()) {
    const t = rel.trim().replace(/^\(|\)$/g, '');
    if (t.startsWith('×')) expect(Number(t.slice(1).replace(/,/g, ''))).toBeGreaterThan(11);
    else expect(Math.abs(Number(t.replace(/[+%,]/g, '').replace('−', '-')))).toBeLessThanOrEqual(1000);
  }
  await snapshot(page, 'scale-example-loaded');
});

test('Compare takes its reference from ?ref= and can change it on the page', async ({ page }) => {
  await openWorkbench(page);
  await page.goto('/compare?s=baseline,example-seed-media&ref=example-seed-media');
  const table = page.getByRole('table', { name: 'KPIs by scenario' });
  await expect(table.locator('thead th').nth(1)).toHaveText('Example: seed media plan (reference)', {
    timeout: 45_000
  });
  await expect(table.locator('thead th').nth(2)).toHaveText('Baseline (no levers)');
  // the baseline spends nothing: its costs are below the reference's
  await expect(table.locator('tr[data-kpi-row="costs"] td').nth(1).locator('.delta')).toHaveClass(/good/);
  await page.getByLabel('Reference (differences are taken from it)').selectOption('baseline');
  await expect(page).toHaveURL(/ref=baseline/);
  await expect(table.locator('thead th').nth(1)).toHaveText('Baseline (no levers) (reference)');
  await snapshot(page, 'compare-reference');
});
