import type { Page } from '@playwright/test';
import { test, expect, snapshot, useExampleMediaPlan } from './fixtures';

/** The first visit loads the sample data and fits it; results appear once the fitted baseline is in. */
async function openWorkbench(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.locator('[data-kpi="newCustomers"]')).toBeVisible({ timeout: 45_000 });
  await expect(page.locator('.status')).toContainText('Baseline: BG/NBD');
}

/** The number shown on a KPI card ("$1.2M", "56,600", "76.4%") as a plain number. */
async function kpiValue(page: Page, id: string): Promise<number> {
  const text = (await page.locator(`[data-kpi="${id}"] .value`).first().textContent()) ?? '';
  const m = text.replace(/[,\s$€£]/g, '').match(/(-|−)?[\d.]+[kMB%]?/);
  if (!m) throw new Error(`no number in KPI ${id}: “${text}”`);
  const raw = m[0].replace('−', '-');
  const scale = raw.endsWith('k')
    ? 1e3
    : raw.endsWith('M')
      ? 1e6
      : raw.endsWith('B')
        ? 1e9
        : raw.endsWith('%')
          ? 0.01
          : 1;
  return parseFloat(raw) * scale;
}

async function setLever(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByRole('textbox', { name: new RegExp(`^${label}`) });
  await input.fill(value);
  await input.press('Enter');
}

test('a new user gets sample data, a fitted baseline and a tour of the three panels', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  const tour = page.getByRole('dialog', { name: 'Levers, on the left' });
  await expect(tour).toBeVisible();
  await tour.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('dialog', { name: 'Results, in the middle' })).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Start working' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.locator('[data-kpi="clvPerNewCustomer"]')).toBeVisible({ timeout: 45_000 });
  await page.reload();
  await expect(page.locator('[data-kpi="clvPerNewCustomer"]')).toBeVisible({ timeout: 45_000 });
  await expect(page.getByRole('dialog')).toHaveCount(0); // the tour is remembered
  await context.close();
});

test('raising the list price lowers new customers through the price elasticity, and the lever can be reset', async ({
  page
}) => {
  await openWorkbench(page);
  await useExampleMediaPlan(page); // paid media brings the new customers the price acts on
  const customersBefore = await kpiValue(page, 'newCustomers');
  await snapshot(page, 'workbench');
  await setLever(page, 'List price change', '10');
  await expect.poll(() => kpiValue(page, 'newCustomers'), { timeout: 15_000 }).toBeLessThan(customersBefore);
  // the lever is marked as changed and can be reset
  const lever = page.locator('[data-lever="pricing.priceChange"]');
  await expect(lever).toHaveClass(/changed/);
  await lever.getByRole('button', { name: 'Reset List price change to baseline' }).click();
  await expect.poll(() => kpiValue(page, 'newCustomers')).toBeCloseTo(customersBefore, -2);
});

test('the slider is operable with the keyboard and every chart follows', async ({ page }) => {
  await openWorkbench(page);
  await useExampleMediaPlan(page); // paid media brings the new customers the price acts on
  const before = await kpiValue(page, 'newCustomers');
  const slider = page.getByRole('slider', { name: 'List price change' });
  await slider.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('textbox', { name: /^List price change/ })).toHaveValue('5');
  await expect.poll(() => kpiValue(page, 'newCustomers')).toBeLessThan(before);
});

test('two saved scenarios are compared side by side, and presented with the keyboard', async ({ page }) => {
  await openWorkbench(page);
  const name = page.getByRole('textbox', { name: 'Scenario name' });
  await name.fill('Price up 10%');
  await name.press('Enter');
  await setLever(page, 'List price change', '10');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await name.fill('Email push');
  await name.press('Enter');
  await setLever(page, 'List price change', '0');
  await setLever(page, 'Budget: email', '4000');
  await page.getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.getByText('Saved (2)')).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Compare' }).click();
  const table = page.getByRole('table', { name: 'KPIs by scenario' });
  await expect(table).toBeVisible({ timeout: 30_000 });
  await expect(table.getByRole('columnheader', { name: /Price up 10%/ })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: /Email push/ })).toBeVisible();
  await snapshot(page, 'compare');

  await page.getByRole('button', { name: 'Present' }).click();
  const presenter = page.getByRole('region', { name: 'Presentation' });
  await expect(presenter).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0); // no chrome
  await expect(presenter.getByRole('heading', { name: 'Scenario comparison' })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(presenter.getByRole('heading', { name: 'Key figures' })).toBeVisible();
  await snapshot(page, 'presenter-table');
  // one slide per scenario, in the order chosen (saved scenarios: newest first)
  await page.keyboard.press('ArrowRight');
  await expect(presenter.getByRole('heading', { name: 'Email push' })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(presenter.getByRole('heading', { name: 'Price up 10%' })).toBeVisible();
  await page.keyboard.press('End');
  await expect(presenter.getByRole('heading', { name: 'Retention of a new customer' })).toBeVisible();
  await snapshot(page, 'presenter-chart');
  await page.keyboard.press('Home');
  await expect(presenter.getByRole('heading', { name: 'Scenario comparison' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { level: 1, name: 'Compare scenarios' })).toBeVisible();
});

test('a scenario shared as a link opens with the same levers in a fresh browser', async ({ page, browser }) => {
  await openWorkbench(page);
  await setLever(page, 'List price change', '-5');
  await setLever(page, 'Budget: email', '2500');
  await page.getByText('Share', { exact: true }).click();
  const url = await page.getByTestId('share-url').inputValue();
  // the scenario and the data's fingerprint (tests/e2e/share.spec.ts)
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#s=[A-Za-z0-9_-]+&d=[A-Za-z0-9_-]+$/);

  const other = await browser.newContext();
  await other.addInitScript(() => localStorage.setItem('lever-lab:tour-seen', '1'));
  const fresh = await other.newPage();
  await fresh.goto(url);
  await expect(fresh.locator('[data-kpi="newCustomers"]')).toBeVisible({ timeout: 45_000 });
  await expect(fresh.getByRole('textbox', { name: /^List price change/ })).toHaveValue('-5');
  await expect(fresh.getByRole('textbox', { name: /^Budget: email/ })).toHaveValue('2500');
  await other.close();
});

test('a shared link with invalid fields is refused with the fields named, and the workbench keeps working', async ({
  page
}) => {
  const bad = Buffer.from(
    JSON.stringify({ version: 1, levers: { pricing: { priceChange: 'cheap' } }, __proto__x: 1 })
  ).toString('base64url');
  await page.goto(`/#s=${bad}`);
  const alert = page.getByRole('alert').filter({ hasText: 'could not be used' });
  await expect(alert).toBeVisible({ timeout: 45_000 });
  await expect(alert).toContainText('levers.pricing.priceChange');
  await expect(page.locator('[data-kpi="newCustomers"]')).toBeVisible({ timeout: 45_000 });
});

test('the explain view shows a KPI’s formula and inputs, and an edited assumption changes the results', async ({
  page
}) => {
  await openWorkbench(page);
  await useExampleMediaPlan(page); // paid media brings the new customers the price acts on
  await setLever(page, 'List price change', '10');
  await page.locator('[data-kpi="clvPerNewCustomer"]').getByRole('button').click();
  const explain = page.getByRole('complementary', { name: 'Explain' });
  await expect(explain).toBeVisible();
  await expect(explain.getByRole('heading', { name: /CLV per new customer/ })).toBeVisible();
  await expect(explain.locator('.formula')).toContainText('CLV');
  await snapshot(page, 'explain');

  // follow the graph to the conversion driver, then to the price elasticity assumption, and edit it
  await explain.getByRole('button', { name: /^Driver: Conversion/ }).click();
  await expect(explain.getByRole('heading', { name: /Conversion/ })).toBeVisible();
  const before = await kpiValue(page, 'newCustomers');
  await explain.getByRole('button', { name: /price elasticity of purchase rate and conversion/ }).click();
  const central = explain
    .getByRole('group', { name: /Edit this assumption/ })
    .getByRole('textbox', { name: 'central' });
  await central.fill('-2.5');
  await central.press('Enter');
  await expect.poll(() => kpiValue(page, 'newCustomers')).toBeLessThan(before);
});

test('a chart exports as SVG, PNG and CSV, and has a table view', async ({ page }) => {
  await openWorkbench(page);
  const frame = page
    .locator('figure')
    .filter({ has: page.getByRole('heading', { name: 'Active customers' }) })
    .first();
  for (const [button, ext] of [
    ['SVG', '.svg'],
    ['PNG', '.png'],
    ['CSV', '.csv']
  ] as const) {
    const download = page.waitForEvent('download');
    await frame.getByRole('button', { name: button, exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`\\${ext}$`));
  }
  await frame.getByRole('button', { name: 'Table' }).click();
  await expect(frame.getByRole('table')).toBeVisible();
  await expect(frame.getByRole('table').getByRole('row')).toHaveCount(37); // header + 36 months of a 156-week horizon
});
