import type { Locator, Page } from '@playwright/test';
import { test, expect, snapshot as fullPage, useExampleMediaPlan } from './fixtures';

/** The full-page screenshot from the top (a scrolled page draws the sticky header mid-page). */
async function snapshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await fullPage(page, name);
}

/** A figure as the page shows it ("$3.9M", "−$12.50", "1,234", "76.4%") as a plain number. */
function parseShown(text: string): number {
  const m = text.replace(/[,\s$€£]/g, '').match(/(-|−)?[\d.]+[kMBT%]?/);
  if (!m) throw new Error(`no number in “${text}”`);
  const raw = m[0].replace('−', '-');
  const scale: Record<string, number> = { k: 1e3, M: 1e6, B: 1e9, T: 1e12, '%': 0.01 };
  const last = raw.slice(-1);
  return parseFloat(raw) * (scale[last] ?? 1);
}

async function figure(page: Page, name: string): Promise<number> {
  return parseShown((await page.locator(`[data-figure="${name}"] .value`).textContent()) ?? '');
}

/**
 * Opens the optimiser once the sample data is loaded and the baseline fitted, with the
 * example media plan as the working scenario (a first visit starts at zero spend).
 */
async function openOptimiser(page: Page): Promise<Locator> {
  await page.goto('/');
  await expect(page.locator('[data-kpi="newCustomers"]')).toBeVisible({ timeout: 45_000 });
  await useExampleMediaPlan(page);
  await page.getByRole('link', { name: 'Optimise', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Budget optimiser' })).toBeVisible();
  await expect(page.locator('.status')).toContainText('Baseline: BG/NBD', { timeout: 45_000 });
  const run = page.getByRole('button', { name: 'Optimise', exact: true });
  await expect(run).toBeEnabled();
  return run;
}

test('the optimiser beats the current scenario and the equal split, and its budgets can be applied', async ({
  page
}) => {
  const run = await openOptimiser(page);
  // the form starts from the working scenario: customer equity, the example plan's total of 6,500 a week
  await expect(page.getByLabel('KPI')).toHaveValue('customerEquity');
  await expect(page.getByRole('textbox', { name: /^Total media budget per week/ })).toHaveValue('6500');
  await snapshot(page, 'optimise-form');

  await run.click();
  await expect(page.locator('[data-figure="recommended"] .value')).toBeVisible({ timeout: 30_000 });
  const recommended = await figure(page, 'recommended');
  const current = await figure(page, 'current');
  const equal = await figure(page, 'equal-split');
  expect(recommended).toBeGreaterThanOrEqual(current);
  expect(recommended).toBeGreaterThanOrEqual(equal);
  await expect(page.locator('[data-figure="current"] .note')).toContainText('recommendation');
  // an allocation table with the six channels, the bar chart and the response curves
  await expect(page.locator('tr[data-channel]')).toHaveCount(6);
  await expect(page.getByRole('img', { name: /^Bar chart of budget per week by channel/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Response curves of new customers per week/ })).toBeVisible();
  await expect(page.getByText(/evaluations of the scenario engine/)).toBeVisible();

  // the recommended budgets, as the table holds them (the workbench shows whole currency units)
  const recommendedBudget: Record<string, number> = {};
  for (const row of await page.locator('tr[data-channel]').all()) {
    const channel = (await row.getAttribute('data-channel')) ?? '';
    recommendedBudget[channel] = Number(await row.locator('[data-recommended]').getAttribute('data-recommended'));
  }
  const total = Object.values(recommendedBudget).reduce((s, x) => s + x, 0);
  expect(total).toBeCloseTo(6500, 3);
  // the example plan's budgets (levers/catalogue.ts channelDefaults); the recommendation moves money between them
  const before: Record<string, number> = {
    search: 3000,
    social: 1500,
    display: 1000,
    email: 500,
    affiliates: 500,
    stores: 0
  };
  const moved = Object.keys(before).filter((c) => Math.abs(recommendedBudget[c] - before[c]) >= 1);
  expect(moved.length).toBeGreaterThan(0);
  await snapshot(page, 'optimise-result');

  // exports: CSV and JSON
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click()
  ]);
  expect(csv.suggestedFilename()).toMatch(/-optimised-customerequity\.csv$/);
  const [json] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSON' }).click()
  ]);
  expect(json.suggestedFilename()).toMatch(/\.json$/);

  await page.getByRole('button', { name: 'Apply to working scenario' }).click();
  await expect(page.getByText(/^Applied/)).toBeVisible();
  await page.getByRole('link', { name: 'Open the workbench' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('[data-kpi="newCustomers"]')).toBeVisible({ timeout: 45_000 });
  for (const [channel, budget] of Object.entries(recommendedBudget)) {
    const input = page.getByRole('textbox', { name: new RegExp(`^Budget: ${channel}`) });
    await expect(input).toHaveValue(String(Math.round(budget)));
  }
  for (const c of moved) expect(Math.round(recommendedBudget[c]), `${c} changed on the workbench`).not.toBe(before[c]);
});

test('invalid input is explained next to its field and nothing runs', async ({ page }) => {
  const run = await openOptimiser(page);
  const total = page.getByRole('textbox', { name: /^Total media budget per week/ });
  await total.fill('lots');
  await page.getByRole('textbox', { name: 'email minimum per week' }).fill('900');
  await page.getByRole('textbox', { name: 'email maximum per week' }).fill('300');
  await run.click();
  await expect(page.locator('#opt-total-error')).toHaveText('“lots” is not a number.');
  await expect(total).toHaveAttribute('aria-invalid', 'true');
  await expect(total).toBeFocused();
  await expect(page.locator('#opt-max-email-error')).toContainText('The maximum is below the minimum');
  await expect(page.getByRole('alert')).toContainText('Please correct the 2 fields');
  await expect(page.locator('[data-figure]')).toHaveCount(0);
  await snapshot(page, 'optimise-errors');
  // fixed with the keyboard, it runs
  await total.fill('6,500');
  await page.getByRole('textbox', { name: 'email maximum per week' }).fill('');
  await total.press('Enter');
  await expect(page.locator('[data-figure="recommended"] .value')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('#opt-total-error')).toHaveCount(0);
});

test('a running optimisation can be cancelled, and the optimiser runs again afterwards', async ({ page }) => {
  const run = await openOptimiser(page);
  await page.getByRole('checkbox', { name: 'List price change' }).check();
  await page.getByRole('checkbox', { name: 'Personalisation coverage' }).check();
  // The search takes a few hundred ms on the sample data, too short to be sure a scripted
  // pointer gets there first: Cancel is pressed the moment it appears, and what the page
  // showed at that moment is recorded.
  await page.evaluate(() => {
    const w = window as unknown as { seen?: { button: string; status: string } };
    const observer = new MutationObserver(() => {
      const cancel = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Cancel');
      if (!cancel) return;
      observer.disconnect();
      w.seen = {
        button: document.querySelector('button[type="submit"]')?.textContent?.trim() ?? '',
        status: document.querySelector('[role="status"]')?.textContent ?? ''
      };
      cancel.click();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
  await run.click();
  await expect(page.getByText('Cancelled.')).toBeVisible();
  const seen = await page.evaluate(() => (window as unknown as { seen?: { button: string; status: string } }).seen);
  expect(seen?.button).toBe('Optimising…');
  expect(seen?.status).toContain('Optimising…');
  await expect(page.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  await expect(page.locator('[data-figure]')).toHaveCount(0);
  await expect(run).toBeEnabled();
  // the worker was stopped and restarted with the baseline: a new run completes
  await run.click();
  await expect(page.locator('[data-figure="recommended"] .value')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/List price change: /)).toBeVisible();
});
