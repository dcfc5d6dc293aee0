/**
 * The warehouse-scale run (Node only): generates a seeded synthetic transaction table inside
 * DuckDB (synthetic-transactions-sql.ts), runs sql/compressed.duckdb.sql over it into a Parquet
 * file, and reports the times, rows, file size and memory. Shared by
 * tests/validate/data/warehouse-scale.test.ts and bench/node/warehouse-summary.bench.ts.
 */
import { readFileSync, statSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { compressedSqlWithLiterals } from '../sql-summary-node.ts';
import {
  SYNTHETIC_CALIBRATION_END,
  SYNTHETIC_HOLDOUT_END,
  syntheticTransactionsSql
} from './synthetic-transactions-sql.ts';

export interface WarehouseRunOptions {
  customers: number;
  seed: number;
  /** Parquet file to write (zstd) */
  out: string;
  /** DuckDB memory_limit, e.g. '4GB' */
  memoryLimit?: string;
  threads?: number;
}

export interface WarehouseRun {
  customers: number;
  transactions: number;
  generateMs: number;
  summaryMs: number;
  rfmRows: number;
  spendRows: number;
  fileBytes: number;
  /** the largest DuckDB memory use (duckdb_memory(), sampled every 100 ms during the summary), MB */
  duckdbPeakMb: number;
  /** the process's peak resident memory (VmHWM: Node and DuckDB), MB */
  processPeakMb: number;
  memoryLimit: string;
  threads: number;
}

function peakRssMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

export async function runWarehouse(options: WarehouseRunOptions): Promise<WarehouseRun> {
  const memoryLimit = options.memoryLimit ?? '4GB';
  const threads = options.threads ?? 2;
  const instance = await DuckDBInstance.create(':memory:', {
    memory_limit: memoryLimit,
    threads: String(threads),
    preserve_insertion_order: 'false'
  });
  const connection = await instance.connect();
  const monitor = await instance.connect();
  try {
    let t = performance.now();
    await connection.run(syntheticTransactionsSql({ customers: options.customers, seed: options.seed }));
    const generateMs = performance.now() - t;
    const count = await connection.runAndReadAll('SELECT count(*) FROM transactions');
    const transactions = Number(count.getRows()[0][0]);
    const sql = await compressedSqlWithLiterals({
      calibrationEnd: SYNTHETIC_CALIBRATION_END,
      holdoutEnd: SYNTHETIC_HOLDOUT_END
    });
    let peak = 0;
    let sampling = true;
    const sample = async () => {
      while (sampling) {
        const r = await monitor.runAndReadAll('SELECT sum(memory_usage_bytes) FROM duckdb_memory()');
        peak = Math.max(peak, Number(r.getRows()[0][0]));
        await new Promise((res) => setTimeout(res, 100));
      }
    };
    const sampler = sample();
    t = performance.now();
    await connection.run(`COPY (${sql}) TO '${options.out.replace(/'/g, "''")}' (FORMAT PARQUET, COMPRESSION zstd)`);
    const summaryMs = performance.now() - t;
    sampling = false;
    await sampler;
    const parts = await connection.runAndReadAll(
      `SELECT part, count(*) FROM '${options.out.replace(/'/g, "''")}' GROUP BY part`
    );
    const rows = new Map(parts.getRows().map((r) => [String(r[0]), Number(r[1])]));
    return {
      customers: options.customers,
      transactions,
      generateMs,
      summaryMs,
      rfmRows: rows.get('rfm') ?? 0,
      spendRows: rows.get('spend') ?? 0,
      fileBytes: statSync(options.out).size,
      duckdbPeakMb: peak / 2 ** 20,
      processPeakMb: peakRssMb(),
      memoryLimit,
      threads
    };
  } finally {
    monitor.closeSync();
    connection.closeSync();
  }
}
