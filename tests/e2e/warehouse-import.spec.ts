import { gzipSync } from 'node:zlib';
import { test, expect, snapshot } from './fixtures';
import type { Page } from '@playwright/test';
import { simulateBgNbd } from '../../src/lib/model/core/btyd/simulate';
import { createRng } from '../../src/lib/model/core/random/rng';
import { COMPRESSED_COLUMNS } from '../../src/lib/data/import/compressed-file';

/**
 * A compressed summary (sql/compressed.*.sql layout) brought to the Data page: told apart from a
 * per-customer summary in the preview, every row checked, a bad row named, and (no weighted
 * dataset is stored in the browser yet) refused saying what it holds. The file is written here
 * from a seeded BG/NBD draw (r 0.24, alpha 30 days, a 0.8, b 2.4), grouped as the SQL groups.
 */

const SPLIT = '2024-06-30,2024-12-29';

function compressedCsv(customers: number): { text: string; groups: number } {
  const rng = createRng(20);
  const T = Float64Array.from({ length: customers }, () => 1 + rng.int(364));
  const sim = simulateBgNbd({ r: 0.24, alpha: 30, a: 0.8, b: 2.4 }, { customers, seed: 7, T, holdout: 182 });
  const groups = new Map<string, number>();
  for (let i = 0; i < customers; i++) {
    const tx = sim.x[i] > 0 ? Math.min(T[i], Math.floor(sim.tx[i])) : 0;
    const key = `${sim.x[i]},${tx},${T[i]},${sim.xHoldout[i]}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const lines = [COMPRESSED_COLUMNS.join(',')];
  for (const [key, n] of groups) lines.push(`rfm,,,${key},,${n},0,0,,,${SPLIT}`);
  return { text: lines.join('\n') + '\n', groups: groups.size };
}

async function openDataPage(page: Page): Promise<void> {
  await page.goto('/data');
  await expect(page.locator('tr[data-dataset^="Music retailer"]')).toBeVisible({ timeout: 60_000 });
}

const region = (page: Page) => page.getByRole('region', { name: 'Import your own data' });

test('a compressed summary (gzip CSV) is read as groups of customers, every row checked', async ({ page }) => {
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
  await page.locator('form.map').getByRole('button', { name: 'Check every row' }).click();
  const alert = region(page).getByRole('alert');
  await expect(alert).toContainText(
    `compressed summary of 20,000 customers in ${groups.toLocaleString('en-US')} groups`
  );
  await expect(alert).toContainText('every row is valid');
  await expect(alert).toContainText('Nothing was saved');
  await expect(page.locator('tr[data-dataset="compressed"]')).toHaveCount(0);
});

test('a compressed summary with t_x after T deep in the file is refused with the row named', async ({ page }) => {
  const { text, groups } = compressedCsv(5_000);
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
    `line ${groups + 2}, column 't_x': 210 is greater than 'T' (200): the last purchase cannot come after the end of the observation`
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
