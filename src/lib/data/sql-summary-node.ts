/**
 * Runs sql/summary.duckdb.sql with @duckdb/node-api (Node only): the check that
 * the SQL shipped for big data gives the same per-customer summary as the app's
 * summariser, and a way for the CLI to summarise a table DuckDB can read.
 * Rows come back as CustomerSummary (numbers, YYYY-MM-DD dates; NaN for no holdout).
 */
import { readFile } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { TimeUnit } from '../model/core/types.ts';
import type { CustomerSummary } from './types.ts';
import { UNIT_DAYS } from './summarize.ts';
import { CompressedRowReader, detectCompressedLayout, type CompressedFile } from './import/compressed-file.ts';

export const DUCKDB_SUMMARY_SQL = new URL('../../../sql/summary.duckdb.sql', import.meta.url);

export interface SqlSummaryOptions {
  /** inclusive, YYYY-MM-DD */
  calibrationEnd: string;
  /** inclusive, YYYY-MM-DD; default the last purchase date in the table */
  holdoutEnd?: string;
  unit?: TimeUnit;
}

/** Runs the summary query over the table/view `transactions(customer_id, ts, amount)` that must exist on `connection`. */
export async function runDuckDbSummary(
  connection: DuckDBConnection,
  options: SqlSummaryOptions
): Promise<CustomerSummary[]> {
  const sql = await readFile(DUCKDB_SUMMARY_SQL, 'utf8');
  const reader = await connection.runAndReadAll(sql, {
    calibration_end: options.calibrationEnd,
    holdout_end: options.holdoutEnd ?? null,
    unit_days: UNIT_DAYS[options.unit ?? 'week']
  });
  const num = (v: unknown) => (v === null || v === undefined ? NaN : Number(v));
  return reader.getRowObjectsJS().map((r) => ({
    id: String(r.customer_id),
    x: num(r.x),
    tx: num(r.t_x),
    T: num(r.T),
    m: num(r.m),
    firstSpend: num(r.first_spend),
    xHoldout: num(r.x_holdout),
    holdoutSpend: num(r.holdout_spend),
    firstDate: String(r.first_date),
    lastDate: String(r.last_date),
    channel: '',
    segment: '',
    region: '',
    treatment: -1
  }));
}

export const DUCKDB_COMPRESSED_SQL = new URL('../../../sql/compressed.duckdb.sql', import.meta.url);

export interface CompressedSqlOptions {
  /** inclusive, YYYY-MM-DD */
  calibrationEnd: string;
  /** inclusive, YYYY-MM-DD; default the last purchase date in the table */
  holdoutEnd?: string;
}

const cellText = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/**
 * Runs sql/compressed.duckdb.sql over `transactions(customer_id, ts, amount, segment, channel)`
 * on `connection` and reads the rows as an imported file would be (CompressedRowReader).
 */
export async function runDuckDbCompressed(
  connection: DuckDBConnection,
  options: CompressedSqlOptions
): Promise<CompressedFile> {
  const sql = await readFile(DUCKDB_COMPRESSED_SQL, 'utf8');
  const reader = await connection.runAndReadAll(sql, {
    calibration_end: options.calibrationEnd,
    holdout_end: options.holdoutEnd ?? null
  });
  const header = reader.columnNames();
  const rows = new CompressedRowReader(header, detectCompressedLayout(header)!);
  reader.getRowsJS().forEach((row, i) => rows.row(row.map(cellText), i + 2));
  return rows.finish();
}

/** The compressed query with its parameters written in as literals (for COPY, which takes none). */
export async function compressedSqlWithLiterals(options: CompressedSqlOptions): Promise<string> {
  const sql = await readFile(DUCKDB_COMPRESSED_SQL, 'utf8');
  const date = (d: string | undefined) => {
    if (d === undefined) return 'NULL';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new RangeError(`'${d}' is not a date YYYY-MM-DD`);
    return `DATE '${d}'`;
  };
  return sql
    .replace(/\$calibration_end/g, date(options.calibrationEnd))
    .replace(/\$holdout_end/g, date(options.holdoutEnd));
}
