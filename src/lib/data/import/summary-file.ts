/**
 * The per-customer summary CSV: the format sql/summary.duckdb.sql and
 * sql/summary.spark.sql produce where the transactions live, and that the app
 * imports as a 'summary' dataset (no transactions needed: the fits use only
 * (x, t_x, T, m)). Columns (header names as written; matching ignores case and
 * punctuation):
 *   customer_id, x, t_x, T, m, first_spend, x_holdout, holdout_spend, first_date, last_date
 * optional: channel, segment, region, treatment. Empty x_holdout / holdout_spend
 * mean "no holdout" (NaN).
 */
import Papa from 'papaparse';
import type { CustomerSummary } from '../types.ts';
import type { RejectedRow } from './import-transactions.ts';
import { parseDay } from './dates.ts';

export const SUMMARY_COLUMNS = [
  'customer_id',
  'x',
  't_x',
  'T',
  'm',
  'first_spend',
  'x_holdout',
  'holdout_spend',
  'first_date',
  'last_date'
] as const;

export interface SummaryFile {
  version: 1;
  customers: CustomerSummary[];
  rejects: RejectedRow[];
  columns: string[];
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Parses a summary CSV; rows with invalid values are rejected with their line number. */
export function parseSummaryCsv(text: string): SummaryFile {
  const parsed = Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { skipEmptyLines: false });
  const rows = parsed.data;
  if (rows.length === 0) throw new RangeError('empty summary file');
  const header = rows[0].map((h) => h.trim());
  const index = (name: string) => header.findIndex((h) => norm(h) === norm(name));
  const required = ['customer_id', 'x', 't_x', 'T'] as const;
  for (const name of required) {
    if (index(name) < 0) throw new RangeError(`summary file: missing column '${name}' (found ${header.join(', ')})`);
  }
  const at = Object.fromEntries(
    [...SUMMARY_COLUMNS, 'channel', 'segment', 'region', 'treatment'].map((n) => [n, index(n)])
  ) as Record<string, number>;
  const customers: CustomerSummary[] = [];
  const rejects: RejectedRow[] = [];
  const num = (row: string[], name: string, fallback: number) => {
    const i = at[name];
    if (i < 0 || (row[i] ?? '').trim() === '') return fallback;
    return Number(row[i]);
  };
  const str = (row: string[], name: string) => (at[name] >= 0 ? (row[at[name]] ?? '').trim() : '');
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    if (row.length === 1 && row[0].trim() === '') continue;
    const line = r + 1;
    const id = str(row, 'customer_id');
    const x = num(row, 'x', NaN);
    const tx = num(row, 't_x', NaN);
    const T = num(row, 'T', NaN);
    const m = num(row, 'm', 0);
    let reason = '';
    if (id === '') reason = 'missing customer id';
    else if (!(Number.isInteger(x) && x >= 0)) reason = `invalid x '${row[at.x]}' (a non-negative integer)`;
    else if (!(tx >= 0 && T >= tx)) reason = `invalid t_x, T: ${row[at.t_x]}, ${row[at.T]} (need 0 <= t_x <= T)`;
    else if (x === 0 && tx !== 0) reason = `invalid t_x ${tx} for x = 0 (must be 0)`;
    else if (!(m >= 0)) reason = `invalid m '${row[at.m]}' (must be >= 0)`;
    for (const d of ['first_date', 'last_date']) {
      const v = str(row, d);
      if (!reason && v !== '' && Number.isNaN(parseDay(v, 'iso'))) reason = `invalid ${d} '${v}' (expected YYYY-MM-DD)`;
    }
    if (reason) {
      rejects.push({ line, reason, text: row.join(',') });
      continue;
    }
    customers.push({
      id,
      x,
      tx,
      T,
      m,
      firstSpend: num(row, 'first_spend', NaN),
      xHoldout: num(row, 'x_holdout', NaN),
      holdoutSpend: num(row, 'holdout_spend', NaN),
      firstDate: str(row, 'first_date').slice(0, 10),
      lastDate: str(row, 'last_date').slice(0, 10),
      channel: str(row, 'channel'),
      segment: str(row, 'segment'),
      region: str(row, 'region'),
      treatment: num(row, 'treatment', -1)
    });
  }
  return { version: 1, customers, rejects, columns: header };
}

const cell = (v: number) => (Number.isNaN(v) ? '' : String(v));

/** Writes customers in the summary CSV format (the inverse of parseSummaryCsv for the standard columns). */
export function summaryToCsv(customers: readonly CustomerSummary[]): string {
  const lines = [SUMMARY_COLUMNS.join(',')];
  for (const c of customers) {
    const id = /[",\n]/.test(c.id) ? `"${c.id.replace(/"/g, '""')}"` : c.id;
    lines.push(
      [
        id,
        c.x,
        c.tx,
        c.T,
        c.m,
        cell(c.firstSpend),
        cell(c.xHoldout),
        cell(c.holdoutSpend),
        c.firstDate,
        c.lastDate
      ].join(',')
    );
  }
  return lines.join('\n') + '\n';
}
