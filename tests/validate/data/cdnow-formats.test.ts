// The published CDNOW BG/NBD fit from every file layout a person may bring: the CDNOW
// sample (../shared/data) is summarised (calibration to 1997-09-30, weeks), then written by
// this test as a transaction CSV, a lifetimes / PyMC-Marketing summary, the Data page's CSV
// and JSON exports, Parquet (transactions and the summary, by DuckDB) and Excel
// (transactions, with date cells); each is read back by the CLI's reader (readDataFile) and
// by the browser's import worker, and fitted.
// Expected: r 0.2426, alpha 4.4136, a 0.7929, b 2.4259, log-likelihood -9582.43 (Fader, Hardie
// & Lee 2005, "Implementing the BG/NBD Model for Customer Base Analysis in Excel", the
// four-decimal estimates of the CDNOW sample; three decimals in "Counting Your Customers
// the Easy Way", Marketing Science 24(2)).
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { readDataFile } from '$lib/data/read-node';
import { summarize } from '$lib/data/summarize';
import { formatDay } from '$lib/data/import/dates';
import { toRfmData } from '$lib/data/rfm-data';
import { fitBgNbd } from '$lib/model/core/btyd/bgnbd';
import { datasetSummaryCsv, datasetSummaryJson } from '$lib/data/export/dataset-summary';
import { createImportHandler } from '$lib/workers/import-handler';
import type { ImportRequestOptions, ImportResponse } from '$lib/workers/import-protocol';
import type { CustomerSummary, DatasetMeta } from '$lib/data/types';
import { dataDir } from '../data-dir';
import { duckdbQueryParquet, tempFile, xlsxBytes } from '../../unit/data/import/format-files';

const PUBLISHED = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };

function expectPublished(customers: readonly CustomerSummary[]) {
  expect(customers).toHaveLength(2357);
  const fit = fitBgNbd(toRfmData(customers));
  for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(fit.params[k]).toBeCloseTo(PUBLISHED[k], 4);
  expect(fit.logLik).toBeCloseTo(-9582.43, 2);
}

/** The browser path: the import worker's handler, with a save that keeps what it is given. */
async function throughWorker(file: string, options: Omit<ImportRequestOptions, 'name'>): Promise<CustomerSummary[]> {
  let kept: CustomerSummary[] = [];
  let answer: ImportResponse | null = null;
  const handler = createImportHandler({
    post: (r) => {
      if (r.type !== 'progress') answer = r;
    },
    save: async (_meta: DatasetMeta, _table, customers) => void (kept = customers),
    newId: () => 'cdnow'
  });
  const bytes = readFileSync(file);
  await handler.handle({
    id: 1,
    type: 'import',
    file: new File([bytes], path.basename(file), { lastModified: 1 }),
    options: { name: 'cdnow', ...options }
  });
  const a = answer as ImportResponse | null;
  if (!a || a.type === 'error') throw new Error(a ? a.error.message : 'no answer');
  return kept;
}

/** The CLI path: readDataFile, summarised when the file holds transactions. */
async function throughCli(file: string): Promise<CustomerSummary[]> {
  const f = await readDataFile(file);
  if (f.kind === 'summary') return f.customers;
  if (f.kind !== 'transactions') throw new Error(f.kind);
  return summarize(f.table, { calibrationEnd: '1997-09-30', unit: 'week' }).customers;
}

describe('CDNOW, published BG/NBD estimates from every layout', async () => {
  const sample = await readDataFile(path.join(dataDir, 'cdnow/CDNOW_sample.txt'));
  if (sample.kind !== 'transactions') throw new Error(sample.kind);
  const table = sample.table;
  const customers = summarize(table, { calibrationEnd: '1997-09-30', unit: 'week' }).customers;
  const txRows = Array.from(
    { length: table.length },
    (_, i) => [table.customerId[i], formatDay(table.day[i]), table.amount[i]] as const
  );

  it('from the CDNOW transactions as CSV', async () => {
    const file = tempFile(
      'cdnow.csv',
      ['customer_id,date,amount', ...txRows.map((r) => r.join(','))].join('\n') + '\n'
    );
    expectPublished(await throughCli(file));
    expectPublished(await throughWorker(file, { calibrationEnd: '1997-09-30', unit: 'week' }));
  });

  it('from a lifetimes / PyMC-Marketing summary (customer_id, frequency, recency, T, monetary_value)', async () => {
    const lines = [
      'customer_id,frequency,recency,T,monetary_value',
      ...customers.map((c) => [c.id, c.x, c.tx, c.T, c.m].join(','))
    ];
    const file = tempFile('cdnow-rfm.csv', lines.join('\n') + '\n');
    expectPublished(await throughCli(file));
    expectPublished(await throughWorker(file, { kind: 'summary', unit: 'week' }));
  });

  it("from the Data page's customer-summary export, CSV and JSON", async () => {
    const csv = tempFile('cdnow-summary.csv', datasetSummaryCsv(customers));
    expectPublished(await throughCli(csv));
    expectPublished(await throughWorker(csv, { kind: 'summary', unit: 'week' }));
    const meta = { id: 'x', name: 'CDNOW', unit: 'week' } as DatasetMeta;
    const json = tempFile('cdnow-summary.json', datasetSummaryJson(meta, customers, '2026-01-01T00:00:00Z'));
    expectPublished(await throughCli(json));
    expectPublished(await throughWorker(json, { kind: 'summary', unit: 'week' }));
  });

  it('from Parquet: the transactions and the lifetimes summary (written by DuckDB)', async () => {
    const values = (rows: readonly (readonly (string | number)[])[]) =>
      rows.map((r) => `(${r.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ')})`).join(',\n');
    const tx = await duckdbQueryParquet(
      `SELECT customer_id, CAST(d AS DATE) AS order_date, CAST(amount AS DECIMAL(10, 2)) AS amount FROM (VALUES ${values(txRows)}) t(customer_id, d, amount)`
    );
    expectPublished(await throughCli(tx.path));
    expectPublished(await throughWorker(tx.path, { calibrationEnd: '1997-09-30', unit: 'week' }));
    const rfm = await duckdbQueryParquet(
      `SELECT * FROM (VALUES ${values(customers.map((c) => [c.id, c.x, c.tx, c.T, c.m]))}) t(customer_id, frequency, recency, "T", monetary_value)`
    );
    expectPublished(await throughCli(rfm.path));
    expectPublished(await throughWorker(rfm.path, { kind: 'summary', unit: 'week' }));
  });

  it('from an Excel workbook of the transactions (date cells)', async () => {
    const data = [
      [{ value: 'Customer' }, { value: 'Date' }, { value: 'Sales' }],
      ...txRows.map(([id, day, amount]) => [
        { value: id },
        { value: new Date(`${day}T00:00:00Z`), type: Date, format: 'yyyy-mm-dd' },
        { value: amount, type: Number }
      ])
    ];
    const file = tempFile('cdnow.xlsx', await xlsxBytes([{ sheet: 'CDNOW', data }]));
    expectPublished(await throughCli(file));
    expectPublished(await throughWorker(file, { calibrationEnd: '1997-09-30', unit: 'week' }));
  });
});
