import { test, expect, snapshot, answerUseItNow } from './fixtures';

/** A small transaction file with the awkward parts of real exports. */
/** A first visit loads the sample dataset; let it land before importing, as a person would see it. */
async function openDataPage(page: import('@playwright/test').Page): Promise<void> {
  await page.goto('/data');
  await expect(page.locator('tr[data-dataset^="Music retailer"]')).toBeVisible({ timeout: 60_000 });
}

function fixtureCsv(): Buffer {
  const rows = [
    'customer;date;amount;channel',
    'c1;03/01/2024;10,50;web',
    'c1;15/01/2024;20;web',
    'c2;04/02/2024;"7,25";store',
    'c2;04/02/2024;3;store', // same day: merged by the summariser
    'c3;not-a-date;5;web', // rejected: bad date
    '<b>c4</b>;20/02/2024;12;"web; partner"', // an id that looks like HTML: shown as text
    'c2;01/03/2024;9;store'
  ];
  return Buffer.from('\ufeff' + rows.join('\r\n') + '\r\n', 'utf8');
}

test('a transaction file is imported with a column check, its rejected row is reported with its line, and it survives a reload', async ({
  page
}) => {
  await openDataPage(page);
  await page.getByTestId('import-file').setInputFiles({ name: 'shop.csv', mimeType: 'text/csv', buffer: fixtureCsv() });

  // the mapping step: columns guessed, date order unambiguous here (15/01 can only be day/month)
  const form = page.locator('form.map');
  await expect(form).toBeVisible();
  await expect(form.getByLabel('Customer id *')).toHaveValue('0');
  await expect(form.getByLabel('Date *')).toHaveValue('1');
  await form.getByLabel('Dataset name').fill('Shop fixture');
  await form.getByRole('button', { name: 'Import' }).click();
  await answerUseItNow(page, 'Not now');

  const result = page.getByRole('region', { name: 'Import your own data' }).getByRole('status');
  await expect(result).toContainText('Imported “Shop fixture”');
  await expect(result).toContainText('3 customers'); // c1, c2 and the HTML-looking id; c3's only row was rejected
  await expect(result).toContainText('6 rows kept');
  await expect(result).toContainText('1 rejected');
  const rejects = page.getByRole('table', { name: 'First rejected rows' });
  await expect(rejects.getByRole('row').nth(1)).toContainText('6'); // line 6 of the file (header is line 1)

  // the HTML-looking id is text, not markup
  await expect(page.locator('b', { hasText: 'c4' })).toHaveCount(0);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /^Download (the rejected row|all \d+ rejected rows) \(CSV\)$/ }).click();
  expect((await download).suggestedFilename()).toBe('shop-fixture-rejected-rows.csv');

  // the per-customer summary exports as CSV, with formula-looking text neutralised
  const summary = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export the customer summary of Shop fixture as CSV' }).click();
  const file = await summary;
  expect(file.suggestedFilename()).toBe('shop-fixture-summary.csv');
  const text = (await import('node:fs')).readFileSync((await file.path())!, 'utf8');
  expect(text.split(/\r?\n/)[0]).toContain('x');
  expect(text).toContain('<b>c4</b>');

  await page.reload();
  await expect(page.locator('tr[data-dataset="Shop fixture"]')).toBeVisible();
  await snapshot(page, 'data-after-import');
});

test('deleting a dataset asks first, then removes it', async ({ page }) => {
  await openDataPage(page);
  await page.getByTestId('import-file').setInputFiles({ name: 'gone.csv', mimeType: 'text/csv', buffer: fixtureCsv() });
  await page.locator('form.map').getByLabel('Dataset name').fill('To delete');
  await page.locator('form.map').getByRole('button', { name: 'Import' }).click();
  await answerUseItNow(page, 'Not now');
  const row = page.locator('tr[data-dataset="To delete"]');
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Delete To delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete dataset?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Delete To delete' }).click();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(row).toHaveCount(0);
});

/**
 * A year of purchases by 400 customers (a fixed pseudo-random sequence), and five who buy
 * for the first time on the last day of the file, as every real export has: those have
 * T = 0 in the calibration summary.
 */
function yearCsv(): Buffer {
  let state = 12345;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  const rows = ['customer_id,date,amount'];
  for (let c = 0; c < 400; c++) {
    const first = Math.floor(next() * 300);
    const purchases = 1 + Math.floor(next() * next() * 12);
    for (let k = 0; k < purchases; k++) {
      const d = k === 0 ? first : first + Math.floor(next() * (364 - first));
      rows.push(`C${c},${day(d)},${(5 + next() * 60).toFixed(2)}`);
    }
  }
  rows.push(`C0,${day(364)},20.00`); // the file's last day
  for (let c = 0; c < 5; c++) rows.push(`NEW${c},${day(364)},15.00`);
  return Buffer.from(rows.join('\n') + '\n', 'utf8');
}

test('an imported file with first-time buyers on its last day is fitted and becomes the workbench baseline', async ({
  page
}) => {
  await openDataPage(page);
  await page.getByTestId('import-file').setInputFiles({ name: 'year.csv', mimeType: 'text/csv', buffer: yearCsv() });
  const form = page.locator('form.map');
  await form.getByLabel('Dataset name').fill('A year of orders');
  await form.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('region', { name: 'Import your own data' }).getByRole('status')).toContainText(
    '405 customers'
  );
  // the person puts the imported dataset to use: fitted, with the newcomers in it
  await answerUseItNow(page, 'Use it now');
  await page.getByRole('link', { name: 'Workbench' }).first().click();
  await expect(page.locator('.status')).toContainText('fitted to “A year of orders” (405 customers', {
    timeout: 45_000
  });
  await expect(page.locator('[data-kpi="newCustomers"]')).toBeVisible();
});
