// `lever-lab fit` on the files people bring: a lifetimes / PyMC-Marketing summary (read as a
// summary, not as contract cohorts), Parquet and Excel transactions; each gives the same
// BG/NBD fit as the same data as a CSV of transactions, and the CLI says on stderr which
// reading it chose.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from './run-cli';
import { createRng } from '$lib/model/core/random';
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

describe('lever-lab fit --model sbg on a contracts file', () => {
  // two plans with known churn: Beta(1, 3) and Beta(1, 6) per subscriber (mean churn per month
  // 1/4 and 1/7), staggered sign-ups over two years, observed to 2024-12-31
  function contractsCsv(): string {
    const rng = createRng(7);
    const uniform = () => rng.uniform();
    const first = Date.UTC(2022, 0, 1);
    const end = Date.UTC(2024, 11, 31);
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const lines = ['customer_id,start_date,end_date,plan,price'];
    for (let i = 0; i < 4000; i++) {
      const plan = i % 2 ? 'pro' : 'basic';
      const theta = rng.beta(1, plan === 'pro' ? 6 : 3);
      const start = first + Math.floor(uniform() * 700) * 86_400_000;
      let k = 1;
      while (uniform() >= theta) k++;
      const cancel = start + Math.floor(((k - 1) * 365.25) / 12 + uniform() * 30) * 86_400_000;
      lines.push(`C${i},${day(start)},${cancel <= end ? day(cancel) : ''},${plan},${plan === 'pro' ? 19.99 : 9.99}`);
    }
    return lines.join('\n') + '\n';
  }

  it('fits one sBG per plan and one of all, each subscriber censored at the observation end', async () => {
    const file = tempFile('contracts.csv', contractsCsv());
    const { code, out, err } = await run('fit', file, '--model', 'sbg', '--calibration-end', '2024-12-31', '--json');
    expect(code).toBe(0);
    expect(err).toContain('read as subscription contracts (start, end, plan, price), 4,000 kept, 0 rejected');
    expect(err).toMatch(/4,000 subscriptions \([\d,]+ active on 2024-12-31\), billed every month, 2 plans/);
    const fits = JSON.parse(out) as {
      cohort: string;
      params: { alpha: number; beta: number };
      stdErr: { alpha: number; beta: number };
      n: number;
    }[];
    expect(fits.map((f) => [f.cohort, f.n])).toEqual([
      ['basic', 2000],
      ['pro', 2000],
      ['all plans', 4000]
    ]);
    // each plan's truth within three standard errors
    for (const [f, beta] of [
      [fits[0], 3],
      [fits[1], 6]
    ] as const) {
      expect(Math.abs(f.params.alpha - 1)).toBeLessThan(3 * f.stdErr.alpha);
      expect(Math.abs(f.params.beta - beta)).toBeLessThan(3 * f.stdErr.beta);
    }
  });

  it('refuses a daily billing period and names the bad rows', async () => {
    const file = tempFile('contracts.csv', contractsCsv());
    expect((await run('fit', file, '--model', 'sbg', '--unit', 'day')).err).toContain('billed every week or month');
    const bad = tempFile('bad-contracts.csv', 'customer_id,start_date,end_date\nA,2023-05-01,2023-01-01\n');
    const { code, err } = await run('fit', bad, '--model', 'sbg');
    expect(code).toBe(2);
    expect(err).toContain("line 2, column 'end_date': ends (2023-01-01) before it starts (2023-05-01)");
  });
});
