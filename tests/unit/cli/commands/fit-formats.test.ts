// `lever-lab fit` on the files people bring: a lifetimes / PyMC-Marketing summary (read as a
// summary, not as contract cohorts), Parquet and Excel transactions; each gives the same
// BG/NBD fit as the same data as a CSV of transactions, and the CLI says on stderr which
// reading it chose.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from './run-cli';
import { summarize } from '$lib/data/summarize';
import { importTransactions } from '$lib/data/import/import-transactions';
import { duckdbParquet, rowsCsv, rowsSheet, sampleRows, tempFile, xlsxBytes } from '../../data/import/format-files';

afterEach(() => vi.restoreAllMocks());

const run = runCli;

const rows = sampleRows(400, 21);
const csvPath = tempFile('orders.csv', rowsCsv(rows));

async function reference() {
  const { code, out } = await run('fit', csvPath, '--model', 'bgnbd', '--json');
  expect(code).toBe(0);
  return JSON.parse(out).params as Record<string, number>;
}

const close = (a: Record<string, number>, b: Record<string, number>) => {
  for (const k of ['r', 'alpha', 'a', 'b']) expect(Math.abs(a[k] - b[k]), k).toBeLessThan(1e-9);
};

describe('lever-lab fit on other formats', () => {
  it('fits a lifetimes-layout summary (it was read as contract cohorts before) and says so', async () => {
    const summary = summarize((await importTransactions(rowsCsv(rows))).table, { unit: 'week' });
    const lines = ['customer_id,frequency,recency,T,monetary_value'];
    for (const c of summary.customers) lines.push([c.id, c.x, c.tx, c.T, c.m].join(','));
    const file = tempFile('rfm.csv', lines.join('\n') + '\n');
    const { code, out, err } = await run('fit', file, '--model', 'bgnbd', '--json');
    expect(code).toBe(0);
    expect(err).toContain('read as a lifetimes / PyMC-Marketing RFM summary (frequency, recency, T, monetary_value)');
    expect(err).toContain('times (recency, T) taken as weeks: pass --unit day|week|month');
    close(JSON.parse(out).params, await reference());
  });

  it('fits a Parquet transaction file', async () => {
    const { path } = await duckdbParquet(rows, { codec: 'zstd' });
    const { code, out, err } = await run('fit', path, '--model', 'bgnbd', '--json');
    expect(code).toBe(0);
    expect(err).toContain('Parquet file, read as transactions');
    close(JSON.parse(out).params, await reference());
  });

  it('fits an Excel transaction file, the first sheet with data or the one named', async () => {
    const bytes = await xlsxBytes([
      { sheet: 'Cover', data: [] },
      { sheet: 'Orders', data: rowsSheet(rows) }
    ]);
    const file = tempFile('orders.xlsx', bytes);
    const first = await run('fit', file, '--model', 'bgnbd', '--json');
    expect(first.code).toBe(0);
    expect(first.err).toContain("Excel workbook, sheet 'Orders', read as transactions");
    close(JSON.parse(first.out).params, await reference());
    const named = await run('fit', file, '--model', 'bgnbd', '--sheet', 'Cover');
    expect(named.code).toBe(2);
    expect(named.err).toContain("sheet 'Cover' is empty");
  });

  it('refuses a summary row that cannot be a customer, and a binary file, with what is wrong', async () => {
    const bad = tempFile('rfm.csv', 'customer_id,frequency,recency,T\nA,1,2,5\nB,1,9,5\n');
    const r = await run('fit', bad, '--model', 'bgnbd');
    expect(r.code).toBe(2);
    expect(r.err).toContain("line 3, column 'recency': 9 is greater than 'T' (5)");
    const png = tempFile('chart.csv', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    const p = await run('fit', png, '--model', 'bgnbd');
    expect(p.code).toBe(2);
    expect(p.err).toContain('this is a PNG image, not a text file');
  });
});
