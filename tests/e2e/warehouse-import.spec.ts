import { gzipSync } from 'node:zlib';
import { test, expect, snapshot, answerUseItNow } from './fixtures';
import type { Page } from '@playwright/test';
import { simulateBgNbd } from '../../src/lib/model/core/btyd/simulate';
import { createRng } from '../../src/lib/model/core/random/rng';
import { COMPRESSED_COLUMNS } from '../../src/lib/data/import/compressed-file';

/**
 * A compressed summary (sql/compressed.*.sql layout) brought to the Data page: told apart from a
 * per-customer summary in the preview, every row checked, a bad row named, and a valid one stored
 * as groups with their counts, put in use, fitted for the workbench and compared and scored on
 * the Model page as groups. The file is written here from a seeded BG/NBD draw (r 0.24, alpha 30
 * days, a 0.8, b 2.4) with Gamma-Gamma spend (p 6, q 4, v 15) in whole currency units, grouped
 * as the SQL groups.
 */

const SPLIT = '2024-06-30,2024-12-29';

function compressedCsv(customers: number): { text: string; groups: number; rows: number } {
  const rng = createRng(20);
  const T = Float64Array.from({ length: customers }, () => 1 + rng.int(364));
  const sim = simulateBgNbd({ r: 0.24, alpha: 30, a: 0.8, b: 2.4 }, { customers, seed: 7, T, holdout: 182 });
  const groups = new Map<string, { n: number; mSum: number; mSumSq: number }>();
  const spend = new Map<string, number>();
  for (let i = 0; i < customers; i++) {
    const tx = sim.x[i] > 0 ? Math.min(T[i], Math.floor(sim.tx[i])) : 0;
    let m = 0;
    if (sim.x[i] > 0) {
      const nu = rng.gamma(4, 15);
      for (let k = 0; k < sim.x[i]; k++) m += Math.round(rng.gamma(6, nu));
      m /= sim.x[i];
    }
    const key = `${sim.x[i]},${tx},${T[i]},${sim.xHoldout[i]}`;
    const g = groups.get(key) ?? { n: 0, mSum: 0, mSumSq: 0 };
    g.n++;
    g.mSum += m;
    g.mSumSq += m * m;
    groups.set(key, g);
    if (m > 0) spend.set(`${sim.x[i]},${m}`, (spend.get(`${sim.x[i]},${m}`) ?? 0) + 1);
  }
  const lines = [COMPRESSED_COLUMNS.join(',')];
  for (const [key, g] of groups) lines.push(`rfm,,,${key},,${g.n},${g.mSum},${g.mSumSq},,,${SPLIT}`);
  for (const [key, n] of spend) {
    const [x, m] = key.split(',');
    lines.push(`spend,,,${x},,,,${m},${n},,,,,${SPLIT}`);
  }
  return { text: lines.join('\n') + '\n', groups: groups.size, rows: lines.length - 1 };
}

async function openDataPage(page: Page): Promise<void> {
  await page.goto('/data');
  await expect(page.locator('tr[data-dataset^="Music retailer"]')).toBeVisible({ timeout: 60_000 });
}

const region = (page: Page) => page.getByRole('region', { name: 'Import your own data' });

test('a compressed summary (gzip CSV) is stored as groups, used by the workbench and scored as groups', async ({
  page
}) => {
  test.setTimeout(180_000);
  const { text, groups } = compressedCsv(20_000);
  expect(groups).toBeGreaterThan(2000);
  await openDataPage(page);
  await page.getByTestId('import-file').setInputFiles({
    name: 'compressed.csv.gz',
    mimeType: 'application/gzip',
    buffer: gzipSync(Buffer.from(text))
  });
  await expect(page.getByTestId('import-compressed')).toContainText(
    'Read as a compressed summary (sql/compressed.*.sql): one row per group of customers'
  );
  await expect(page.getByTestId('import-compressed')).toContainText('calibration to 2024-06-30, holdout to 2024-12-29');
  await expect(page.getByTestId('import-kind')).toHaveValue('compressed');
  await snapshot(page, 'warehouse-import-preview');
  await page.locator('form.map').getByLabel('Dataset name').fill('Warehouse groups');
  await page.locator('form.map').getByRole('button', { name: 'Check every row and import' }).click();
  // saved as groups: 20,000 customers, and never a row per customer
  await answerUseItNow(page, 'Use it now');
  const row = page.locator('tr[data-dataset="Warehouse groups"]');
  await expect(row).toContainText('in use', { timeout: 30_000 });
  await expect(row).toContainText('compressed summary');
  await expect(row).toContainText('20,000');
  await expect(row).toContainText(`in ${groups.toLocaleString('en-US')} groups`);
  await row.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByRole('region', { name: /Preview: Warehouse groups/ })).toContainText(
    `First 20 groups of the compressed summary (${groups.toLocaleString('en-US')} groups standing for 20,000 customers`
  );
  await snapshot(page, 'warehouse-import-stored');

  // the workbench's baseline is fitted on the groups: 20,000 customers, finite KPIs
  await page.getByRole('link', { name: 'Workbench' }).first().click();
  await expect(page.locator('.status')).toContainText(
    `fitted to “Warehouse groups” (20,000 customers in ${groups.toLocaleString('en-US')} groups`,
    { timeout: 60_000 }
  );
  const values = page.locator('[data-kpi] .value');
  await expect(values.first()).toBeVisible();
  const shown = (await values.allTextContents()).map((v) => v.trim());
  expect(shown.length).toBeGreaterThan(3);
  for (const v of shown) {
    expect(v).toMatch(/\d/);
    expect(v).not.toMatch(/NaN|Infinity|∞/);
  }
  await snapshot(page, 'warehouse-workbench');

  // the Model page compares the models on the file's split, and scores groups, saying so
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Model fit', exact: true }).click();
  await expect(page.getByTestId('grouped-split')).toContainText(
    `a compressed summary: 20,000 customers in ${groups.toLocaleString('en-US')} groups`
  );
  await page.getByTestId('run-evaluation').click();
  await expect(page.getByTestId('model-proposal')).toContainText('Proposed:', { timeout: 90_000 });
  await expect(page.getByTestId('no-tracking')).toBeVisible();
  await page.getByTestId('score-customers').click();
  const count = page.getByTestId('customer-count');
  await expect(count).toContainText(
    `${groups.toLocaleString('en-US')} of ${groups.toLocaleString('en-US')} groups shown (20,000 customers)`,
    { timeout: 60_000 }
  );
  await expect(count).toContainText('each row is a group of customers');
  await expect(
    page.getByTestId('customer-table').getByRole('columnheader', { name: 'Customers in group' })
  ).toBeVisible();
  await snapshot(page, 'warehouse-model-groups');
});

test('a compressed summary with t_x after T deep in the file is refused with the row named', async ({ page }) => {
  const { text, rows } = compressedCsv(5_000);
  // a bad row after the sampled first rows: only the import's check of every row finds it
  const bad = text + `rfm,,,1,210,200,0,,3,0,0,,,${SPLIT}\n`;
  await openDataPage(page);
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'compressed.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await expect(page.getByTestId('import-compressed')).toBeVisible();
  await page.locator('form.map').getByRole('button', { name: 'Check every row' }).click();
  const alert = region(page).getByRole('alert');
  await expect(alert).toContainText(
    `line ${rows + 2}, column 't_x': 210 is greater than 'T' (200): the last purchase cannot come after the end of the observation`
  );
  await expect(alert).toContainText('so nothing was imported');
  await snapshot(page, 'warehouse-import-bad-row');
});

test('a non-integer count in the first rows disables the check, naming the row', async ({ page }) => {
  const { text } = compressedCsv(2_000);
  const rows = text.split('\n');
  rows.splice(2, 0, `rfm,,,2,30,200,1,,2.5,0,0,,,${SPLIT}`);
  await openDataPage(page);
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'compressed.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  const form = page.locator('form.map');
  await expect(form.getByRole('button', { name: 'Check every row' })).toBeDisabled();
  await expect(page.getByTestId('import-blockers')).toContainText(
    "Line 3, column 'customers': '2.5' is not a whole number of customers >= 1"
  );
});
