/**
 * Browser benchmarks of the sample generator and of saving a sample to IndexedDB, for
 * the /bench page (register them in src/lib/bench/registry.ts). Target from issue 5:
 * 1,000,000 customers with their transactions generated in < 5 s.
 */
import type { BrowserBenchmark } from './types.ts';
import { generateSample } from '../data/sample/generate.ts';
import { customerIds, toCustomerSummaries, toTransactionTable } from '../data/sample/tables.ts';
import { openDb } from '../data/db/database.ts';
import { saveDataset } from '../data/db/datasets.ts';

export const sampleGenerateBenchmark: BrowserBenchmark = {
  id: 'sample-generate-1m',
  label: 'Sample generator, music preset (BG/NBD + Gamma-Gamma)',
  size: '1,000,000 customers',
  targetMs: 5000,
  targetStat: 'median',
  async run(ctx) {
    let rows = 0;
    const timesMs = await ctx.time(
      () => {
        rows = generateSample({ preset: 'music', customers: 1_000_000, seed: 1 }).columns.transactions;
      },
      3,
      1
    );
    return { timesMs, extra: { transactions: rows, rowsPerSecond: Math.round(rows / (timesMs[1] / 1000)) } };
  }
};

export const sampleSaveBenchmark: BrowserBenchmark = {
  id: 'sample-save-100k',
  label: 'Save a sample dataset to IndexedDB (one transaction: transaction and customer chunks)',
  size: '100,000 customers, music preset',
  targetMs: 2000,
  targetStat: 'median',
  async run(ctx) {
    const { meta, columns } = generateSample({ preset: 'music', customers: 100_000, seed: 1, id: 'bench-sample' });
    const ids = customerIds(columns);
    const table = toTransactionTable(columns, ids);
    const summaries = toCustomerSummaries(columns, ids);
    const db = await openDb(`lever-lab-bench-${Date.now()}`);
    try {
      const timesMs = await ctx.time(() => saveDataset(db, meta, table, summaries), 3, 0);
      return { timesMs, extra: { transactions: table.length, customers: summaries.length } };
    } finally {
      db.close();
      await db.delete();
    }
  }
};
