import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetWriteBuffer } from 'hyparquet-writer';
import writeExcelFile from 'write-excel-file/node';
import { test, expect, snapshot, answerUseItNow } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * The import path through the UI with the files people bring: Parquet, an Excel workbook
 * (the sheet picked), a lifetimes / PyMC-Marketing summary; and each bad input named, with
 * the Import button saying why it is disabled. The files are written here.
 */

async function openDataPage(page: Page): Promise<void> {
  await page.goto('/data');
  await expect(page.locator('tr[data-dataset^="Music retailer"]')).toBeVisible({ timeout: 60_000 });
}

const region = (page: Page) => page.getByRole('region', { name: 'Import your own data' });

/** 40 customers over 2024, a few purchases each. */
function orders(): { id: string; date: string; amount: number }[] {
  const out: { id: string; date: string; amount: number }[] = [];
  for (let c = 0; c < 40; c++) {
    for (let k = 0; k <= c % 4; k++) {
      const day = new Date(Date.UTC(2024, 0, 1 + c * 3 + k * 29));
      out.push({ id: `C${100 + c}`, date: day.toISOString().slice(0, 10), amount: 10 + ((c * 7 + k) % 30) + 0.5 });
    }
  }
  return out;
}

async function parquetOrders(): Promise<Buffer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'leverlab-e2e-'));
  const out = path.join(dir, 'orders.parquet');
  const values = orders()
    .map((o) => `('${o.id}', DATE '${o.date}', ${o.amount})`)
    .join(', ');
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  await connection.run(
    `COPY (SELECT customer_id, order_date, CAST(amount AS DECIMAL(10, 2)) AS amount FROM (VALUES ${values}) t(customer_id, order_date, amount)) TO '${out}' (FORMAT PARQUET, COMPRESSION zstd)`
  );
  connection.closeSync();
  return readFileSync(out);
}

type Cell = { value: unknown; type?: unknown; format?: string };
const sheetOf = (rows: ReturnType<typeof orders>): Cell[][] => [
  [{ value: 'Customer' }, { value: 'Order date' }, { value: 'Total' }],
  ...rows.map((o) => [
    { value: o.id },
    { value: new Date(`${o.date}T00:00:00Z`), type: Date, format: 'dd/mm/yyyy' },
    { value: o.amount, type: Number }
  ])
];

async function workbook(sheets: { sheet: string; data: Cell[][] }[]): Promise<Buffer> {
  return Buffer.from(await writeExcelFile(sheets as never).toBuffer());
}

test('a Parquet file is imported', async ({ page }) => {
  await openDataPage(page);
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'orders.parquet', mimeType: 'application/octet-stream', buffer: await parquetOrders() });
  const form = page.locator('form.map');
  await expect(page.getByTestId('import-read-as')).toContainText(`Parquet, ${orders().length} rows`);
  await expect(form.getByLabel('Date *')).toHaveValue('1');
  await form.getByLabel('Dataset name').fill('Parquet orders');
  await snapshot(page, 'import-parquet-map');
  await form.getByRole('button', { name: 'Import' }).click();
  await answerUseItNow(page, 'Not now');
  const result = region(page).getByRole('status');
  await expect(result).toContainText('Imported “Parquet orders”: 40 customers');
  await expect(page.locator('tr[data-dataset="Parquet orders"]')).toBeVisible();
});

test('an Excel workbook is imported from the sheet the person picks', async ({ page }) => {
  await openDataPage(page);
  const all = orders();
  const buffer = await workbook([
    { sheet: 'Read me', data: [] },
    { sheet: 'Orders 2023', data: sheetOf(all.slice(0, 10)) },
    { sheet: 'Orders 2024', data: sheetOf(all) }
  ]);
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'orders.xlsx', mimeType: 'application/octet-stream', buffer });
  const sheet = page.getByTestId('import-sheet');
  await expect(sheet).toHaveValue('Orders 2023'); // the first sheet with data
  await sheet.selectOption('Read me');
  await expect(page.getByTestId('import-blockers')).toContainText("Sheet 'Read me' is empty");
  await expect(page.locator('form.map').getByRole('button', { name: 'Import' })).toBeDisabled();
  await snapshot(page, 'import-xlsx-empty-sheet');
  await sheet.selectOption('Orders 2024');
  await expect(page.getByTestId('import-read-as')).toContainText(
    `Excel workbook, ${all.length} rows, sheet “Orders 2024”`
  );
  const form = page.locator('form.map');
  await form.getByLabel('Dataset name').fill('Workbook orders');
  await snapshot(page, 'import-xlsx-map');
  await form.getByRole('button', { name: 'Import' }).click();
  await answerUseItNow(page, 'Not now');
  await expect(region(page).getByRole('status')).toContainText('Imported “Workbook orders”: 40 customers');
});

test('a lifetimes summary asks for its time unit, imports, and shows its dates as not in the file', async ({
  page
}) => {
  await openDataPage(page);
  const lines = ['customer_id,frequency,recency,T,monetary_value'];
  for (let c = 0; c < 30; c++)
    lines.push(`C${c},${c % 4},${c % 4 === 0 ? 0 : 10 + c},${60 + c},${c % 4 === 0 ? 0 : 20 + c}`);
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'rfm.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') });
  await expect(page.getByTestId('import-read-as')).toContainText('Read as a lifetimes / PyMC-Marketing RFM summary');
  const form = page.locator('form.map');
  const button = form.getByRole('button', { name: 'Import' });
  await expect(button).toBeDisabled();
  await expect(page.getByTestId('import-blockers')).toContainText('Say which time unit recency and T are counted in');
  await snapshot(page, 'import-summary-unit-question');
  await page.getByTestId('import-unit').getByLabel('days').check();
  await form.getByLabel('Dataset name').fill('RFM summary');
  await expect(button).toBeEnabled();
  await button.click();
  await answerUseItNow(page, 'Not now');
  await expect(region(page).getByRole('status')).toContainText('30 customers read as a summary, times in days');
  const row = page.locator('tr[data-dataset="RFM summary"]');
  await expect(row).toContainText('not in file');
  await expect(row).not.toContainText('0 bytes');
  await snapshot(page, 'import-summary-done');
});

test('subscription contracts import as a subscription dataset and the workbench fits the sBG to them', async ({
  page
}) => {
  await openDataPage(page);
  // 240 subscriptions on two plans, staggered sign-ups through 2023, some cancelled
  const lines = ['customer_id,start_date,end_date,plan,price'];
  for (let c = 0; c < 240; c++) {
    const start = new Date(Date.UTC(2023, 0, 1 + ((c * 11) % 330)));
    const months = 1 + ((c * 7) % (c % 2 ? 14 : 6));
    const end = new Date(start.getTime() + (months * 30.4 - 3) * 86_400_000);
    const ended = c % 3 !== 0 && end < new Date(Date.UTC(2024, 0, 31));
    lines.push(
      `S${c},${start.toISOString().slice(0, 10)},${ended ? end.toISOString().slice(0, 10) : ''},${c % 2 ? 'pro' : 'basic'},${c % 2 ? 19.99 : 9.99}`
    );
  }
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'subscriptions.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') });
  await expect(page.getByTestId('import-read-as')).toContainText('Read as subscription contracts');
  const form = page.locator('form.map');
  await expect(page.getByTestId('import-billing').getByLabel('monthly')).toBeChecked();
  await form.getByLabel('Observed until (optional)').fill('2024-01-31');
  await form.getByLabel('Dataset name').fill('Subscriptions');
  await snapshot(page, 'import-contracts-question');
  await form.getByRole('button', { name: 'Import' }).click();
  await expect(region(page).getByRole('status')).toContainText(
    '240 subscriptions (128 active on 2024-01-31), billed every month, 2 plans'
  );
  await answerUseItNow(page, 'Use it now');
  await page.getByRole('link', { name: 'Workbench' }).first().click();
  await expect(page.locator('.status')).toContainText('sBG fitted to “Subscriptions” (240 subscribers', {
    timeout: 45_000
  });
  await expect(page.locator('[data-kpi="retention1y"]')).toBeVisible();
  await snapshot(page, 'import-contracts-workbench');
});

test.describe('bad input is named', () => {
  const cases: {
    what: string;
    name: string;
    file: () => Promise<Buffer> | Buffer;
    message: string;
    where: 'alert' | 'blockers';
  }[] = [
    {
      what: 'a PNG named .csv',
      name: 'chart.csv',
      file: () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      message: 'This is a PNG image, not a text file',
      where: 'alert'
    },
    {
      what: 'a damaged .gz',
      name: 'orders.csv.gz',
      file: () => gzipSync('customer,date\n' + 'A,2024-01-01\n'.repeat(3000)).subarray(0, 60),
      message: 'The .gz file is damaged or incomplete',
      where: 'alert'
    },
    {
      what: 'a password-protected workbook',
      name: 'orders.xlsx',
      file: () => readFileSync(path.resolve('tests/unit/data/import/fixtures/encrypted.xlsx')),
      message: 'This workbook is password-protected (encrypted)',
      where: 'alert'
    },
    {
      what: 'a Parquet file compressed with LZO',
      name: 'orders.parquet',
      file: () =>
        Buffer.from(
          parquetWriteBuffer({
            columnData: [{ name: 'customer_id', data: ['a'], type: 'STRING' }],
            codec: 'LZO',
            compressors: { LZO: (x: Uint8Array) => x }
          })
        ),
      message: 'This Parquet file is compressed with LZO, which Lever Lab cannot read',
      where: 'alert'
    },
    {
      what: 'a header-only file',
      name: 'empty.csv',
      file: () => Buffer.from('customer,date,amount\n'),
      message: 'The file has a header but no rows',
      where: 'blockers'
    },
    {
      what: 'dates no format reads',
      name: 'dates.csv',
      file: () => Buffer.from('customer,date,amount\nA,12/11/2020,1\nB,13/12/2020,2\nC,31/31/2020,3\n'),
      message: "Dates in column 'date' could not be read: e.g. '31/31/2020' on line 4",
      where: 'blockers'
    },
    {
      what: 'a summary with recency greater than T',
      name: 'rfm.csv',
      file: () => Buffer.from('customer_id,frequency,recency,T\nA,1,2,5\nB,1,9,5\nC,1,-1,5\n'),
      message: "Line 3, column 'recency': 9 is greater than 'T' (5)",
      where: 'blockers'
    }
  ];
  for (const c of cases) {
    test(c.what, async ({ page }) => {
      await openDataPage(page);
      const before = await page.locator('tr[data-dataset]').count();
      await page
        .getByTestId('import-file')
        .setInputFiles({ name: c.name, mimeType: 'application/octet-stream', buffer: await c.file() });
      if (c.where === 'alert') {
        await expect(region(page).getByRole('alert')).toContainText(c.message);
        await expect(region(page).getByRole('alert')).toContainText('Nothing was saved');
      } else {
        await expect(page.getByTestId('import-blockers')).toContainText(c.message);
        await expect(page.locator('form.map').getByRole('button', { name: 'Import' })).toBeDisabled();
      }
      await snapshot(page, `import-bad-${c.name.replace(/\W+/g, '-')}-${c.where}`);
      expect(await page.locator('tr[data-dataset]').count()).toBe(before);
    });
  }
});
