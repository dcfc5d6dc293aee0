import { test, expect, snapshot, useExampleMediaPlan } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * Issue 16 on the sample: a sample drawn with its two years of media spend (stored with it as an
 * imported spend file is, its customers acquired as that spend caused) is fitted on the Data page
 * with no file of the user's; the fitted response and the channel quality of each channel's
 * customers (with standard errors) and the equity each channel's spend buys are shown; the
 * workbench then says which effects are measured on the data, and the optimiser's allocation on
 * the fitted curves differs from its allocation on the registry's.
 */

const SAMPLE = 'Fashion omnichannel retailer, 10,000 customers (seed 42), with media spend';

async function recommended(page: Page): Promise<Record<string, number>> {
  await page.getByRole('button', { name: 'Optimise', exact: true }).click();
  await expect(page.locator('[data-figure="recommended"] .value')).toBeVisible({ timeout: 60_000 });
  const out: Record<string, number> = {};
  for (const row of await page.locator('tr[data-channel]').all()) {
    out[(await row.getAttribute('data-channel')) ?? ''] = Number(
      await row.locator('[data-recommended]').getAttribute('data-recommended')
    );
  }
  return out;
}

test('the sample with its spend: fit channels, quality and equity per channel, fitted on the workbench and in the optimiser', async ({
  page
}) => {
  test.setTimeout(240_000);
  // a media plan to optimise: the example scenario of the first visit's workbench
  await page.goto('/');
  await expect(page.locator('[data-kpi="newCustomers"]')).toBeVisible({ timeout: 60_000 });
  await useExampleMediaPlan(page);

  await page.getByRole('link', { name: 'Data' }).first().click();
  const sample = page.getByRole('region', { name: 'Load sample data' });
  await sample.getByLabel('Business').selectOption({ label: 'Fashion omnichannel retailer' });
  await sample.getByLabel('Customers').selectOption('10000');
  await expect(sample.getByTestId('sample-spend')).toBeChecked();
  await expect(sample.getByTestId('sample-spend-note')).toContainText('104 weeks of flighted weekly spend');
  await sample.getByTestId('generate-sample').click();
  await expect(page.locator(`tr[data-dataset="${SAMPLE}"]`)).toContainText('in use', { timeout: 90_000 });

  // the sample's spend is there without a file: read as an imported one, mapped by name
  const panel = page.getByTestId('channel-fit');
  await expect(panel.getByTestId('channel-fit-dataset')).toContainText(`“${SAMPLE}”`);
  await expect(panel.getByTestId('spend-read-as')).toContainText(
    'long weekly spend, 6 channels (search, social, display, email, affiliates, stores)'
  );
  await expect(panel.getByLabel('Workbench channel for stores')).toHaveValue('stores');
  await panel.getByTestId('fit-channels').click();
  const table = panel.getByTestId('channel-fit-table');
  await expect(table).toContainText('Attributed fit, 104 weeks', { timeout: 60_000 });
  await expect(table.locator('tr[data-channel]')).toHaveCount(6);
  // search's adstock decay: the registry's central 0.2 is the sample's truth (spend-history.ts), shown beside it
  const decay = await table.locator('tr[data-channel="search"] td').nth(1).innerText();
  expect(Math.abs(Number(decay.split('±')[0]) - 0.2)).toBeLessThan(0.1);
  await expect(table.locator('tr[data-channel="search"] [data-testid="fit-truth"]')).toContainText('0.20, 1.50, 4000');

  // channel quality per acquisition channel, with standard errors and the pooling said
  const quality = panel.getByTestId('channel-quality-table');
  await expect(quality.locator('tr[data-channel]')).toHaveCount(6);
  await expect(quality.locator('tr[data-channel="email"] [data-testid="quality-dropout"]')).toContainText('±');
  const dropout = async (c: string) =>
    Number(
      (await quality.locator(`tr[data-channel="${c}"] [data-testid="quality-dropout"]`).innerText())
        .replace('×', '')
        .split('±')[0]
    );
  // truth (presets.ts): display customers drop out twice as often as e-mail's (1.4 vs 0.7)
  expect(await dropout('display')).toBeGreaterThan(await dropout('email'));
  await expect(panel.getByTestId('quality-pooling')).toContainText('centred on the fit to all customers');
  // the equity each channel's spend buys
  const equity = panel.getByTestId('channel-equity-table');
  await expect(equity.locator('tr[data-channel]')).toHaveCount(6);
  await expect(equity.locator('tr[data-channel="stores"] [data-testid="equity-clv"]')).toContainText('$');
  await panel.getByTestId('channel-fit-views').scrollIntoViewIfNeeded();
  await snapshot(page, 'channels-sample-data');

  await panel.getByTestId('use-fitted').click();
  await expect(panel.getByTestId('fitted-status')).toContainText('assumptions are fitted from your data');

  // the workbench: which effects are measured on the data
  await page.getByRole('link', { name: 'Workbench' }).first().click();
  const provenance = page.getByTestId('workbench-provenance');
  await expect(provenance).toContainText(/\d+ of 94 effects measured on your data/);
  await provenance.locator('summary').click();
  await expect(provenance.locator('li[data-assumption="channels.search.adstockDecay"]')).toContainText(
    'fitted from your data'
  );
  await expect(provenance.locator('li[data-assumption="channels.display.qualityDropout"]')).toContainText(
    'fitted from your data'
  );
  await snapshot(page, 'channels-sample-workbench');

  // the optimiser on the fitted curves, then on the registry's: the allocations differ
  await page.getByRole('link', { name: 'Optimise', exact: true }).click();
  await expect(page.getByTestId('optimise-curves')).toContainText(
    /Response curves of .*search.*: fitted from your data/
  );
  const fitted = await recommended(page);
  await snapshot(page, 'channels-sample-optimise');
  await page.getByRole('link', { name: 'Workbench' }).first().click();
  await page.getByTestId('workbench-provenance').locator('summary').click();
  await page.getByTestId('workbench-provenance').getByRole('button', { name: 'Remove fitted values' }).click();
  await expect(page.getByTestId('workbench-provenance')).toHaveCount(0);
  await page.getByRole('link', { name: 'Optimise', exact: true }).click();
  await expect(page.getByTestId('optimise-curves')).toContainText("the registry's illustrative values");
  const registry = await recommended(page);
  expect(Object.keys(fitted).sort()).toEqual(Object.keys(registry).sort());
  const moved = Object.keys(fitted).filter((c) => Math.abs(fitted[c] - registry[c]) >= 50);
  expect(moved.length, JSON.stringify({ fitted, registry })).toBeGreaterThan(0);
});
