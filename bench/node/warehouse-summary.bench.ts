// warehouse-summary-10m: 10 million customers' transactions generated inside DuckDB (SQL only,
// seeded), the compressed summary query over them into Parquet; time, rows out, file size and
// memory. Target: the summary within 60 s on 2 cores (the generation is reported, not targeted).
// WAREHOUSE_CUSTOMERS overrides the size. Prints its report as JSON on the last line.
import os from 'node:os';
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { runWarehouse } from '../../src/lib/data/sql/warehouse-run-node.ts';

const customers = Number(process.env.WAREHOUSE_CUSTOMERS ?? 10_000_000);
mkdirSync('bench/results', { recursive: true });
const out = path.resolve('bench/results/warehouse-compressed.parquet');
const run = await runWarehouse({ customers, seed: 1, out, memoryLimit: process.env.WAREHOUSE_MEMORY ?? '6GB' });
console.error(`  wrote ${out}`);
console.log(
  JSON.stringify([
    {
      id: 'warehouse-summary-10m',
      label: 'DuckDB compressed summary',
      size: `${(customers / 1e6).toFixed(customers % 1e6 ? 1 : 0)}M customers, ${(run.transactions / 1e6).toFixed(1)}M transactions, ${os.cpus().length} cores`,
      targetMs: 60_000,
      medianMs: run.summaryMs,
      p95Ms: run.summaryMs,
      maxMs: run.summaryMs,
      runs: 1,
      extra: {
        generateMs: Math.round(run.generateMs),
        rfmRows: run.rfmRows,
        spendRows: run.spendRows,
        fileMB: (run.fileBytes / 2 ** 20).toFixed(2),
        duckdbPeakMB: Math.round(run.duckdbPeakMb),
        processPeakMB: Math.round(run.processPeakMb),
        memoryLimit: run.memoryLimit,
        threads: run.threads
      }
    }
  ])
);
