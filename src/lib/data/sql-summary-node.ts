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
