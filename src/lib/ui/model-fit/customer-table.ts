/**
 * The scored customer table as views over the worker's columns (pipeline/customer-scores.ts):
 * the rows a filter keeps (P(alive) range, CLV floor, segment), their order by any column, and
 * the CSV of what is shown (formula-safe, files/csv.ts). Indices into the columns, never copies
 * of 100,000 row objects.
 */
import type { CustomerScores } from '$lib/pipeline/customer-scores';
import { toCsv, type CsvValue } from '$lib/files/csv';

export type ScoreColumn =
  | 'id'
  | 'groupCustomers'
  | 'x'
  | 'tx'
  | 'T'
  | 'm'
  | 'pAlive'
  | 'expected'
  | 'expectedSpend'
  | 'clvValue'
  | 'segment'
  | 'channel';

export interface ColumnSpec {
  key: ScoreColumn;
  label: string;
  numeric: boolean;
  digits: number;
}

/**
 * The table's columns, in order, with their headers (units in the header); for a compressed
 * summary a row is a group: its customer count follows its name, and spend, expected spend and
 * CLV are per customer of the group (at its mean m).
 */
export function scoreColumns(
  scores: Pick<CustomerScores, 'horizonWeeks'> & Partial<Pick<CustomerScores, 'groupCustomers'>>
): ColumnSpec[] {
  const h = scores.horizonWeeks;
  const grouped = !!scores.groupCustomers;
  const columns: ColumnSpec[] = [
    ...(grouped
      ? [
          { key: 'id', label: 'Group', numeric: false, digits: 0 } as const,
          { key: 'groupCustomers', label: 'Customers in group', numeric: true, digits: 0 } as const
        ]
      : [{ key: 'id', label: 'Customer', numeric: false, digits: 0 } as const]),
    { key: 'x', label: 'x (repeat purchases)', numeric: true, digits: 0 },
    { key: 'tx', label: 't_x (weeks)', numeric: true, digits: 1 },
    { key: 'T', label: 'T (weeks)', numeric: true, digits: 1 },
    { key: 'm', label: grouped ? 'Mean repeat spend (group mean)' : 'Mean repeat spend', numeric: true, digits: 2 },
    { key: 'pAlive', label: 'P(alive)', numeric: true, digits: 3 },
    { key: 'expected', label: `Expected purchases, ${h} wk`, numeric: true, digits: 2 },
    { key: 'expectedSpend', label: `Expected spend, ${h} wk`, numeric: true, digits: 2 },
    { key: 'clvValue', label: grouped ? 'Residual CLV per customer' : 'Residual CLV', numeric: true, digits: 2 },
    { key: 'segment', label: 'Segment', numeric: false, digits: 0 },
    { key: 'channel', label: 'Channel', numeric: false, digits: 0 }
  ];
  return columns;
}

export interface ScoreFilter {
  /** inclusive P(alive) range, 0..1 */
  pAliveMin: number;
  pAliveMax: number;
  /** residual CLV at least this (currency); -Infinity: any */
  clvMin: number;
  /** '' for every segment */
  segment: string;
}

export const NO_FILTER: ScoreFilter = { pAliveMin: 0, pAliveMax: 1, clvMin: -Infinity, segment: '' };

/** The value of a cell. */
export function cell(scores: CustomerScores, key: ScoreColumn, i: number): string | number {
  if (key === 'groupCustomers') return scores.groupCustomers ? scores.groupCustomers[i] : 1;
  return scores[key][i];
}

/** The customers behind rows (a group counts as its customers). */
export function customersIn(scores: CustomerScores, rows: Int32Array): number {
  if (!scores.groupCustomers) return rows.length;
  let n = 0;
  for (const i of rows) n += scores.groupCustomers[i];
  return n;
}

/** Indices of the customers the filter keeps, in the dataset's order. */
export function filterRows(scores: CustomerScores, f: ScoreFilter): Int32Array {
  const out = new Int32Array(scores.customers);
  let n = 0;
  for (let i = 0; i < scores.customers; i++) {
    const p = scores.pAlive[i];
    if (p < f.pAliveMin || p > f.pAliveMax) continue;
    if (scores.clvValue[i] < f.clvMin) continue;
    if (f.segment && scores.segment[i] !== f.segment) continue;
    out[n++] = i;
  }
  return out.slice(0, n);
}

/** The rows in the order of a column (stable: ties keep the dataset's order). */
export function sortRows(
  scores: CustomerScores,
  rows: Int32Array,
  key: ScoreColumn | null,
  direction: 'ascending' | 'descending'
): Int32Array {
  if (!key) return rows;
  const sign = direction === 'ascending' ? 1 : -1;
  const sorted = Array.from(rows);
  if (key === 'id' || key === 'segment' || key === 'channel') {
    const col = scores[key];
    sorted.sort((a, b) => sign * (col[a] < col[b] ? -1 : col[a] > col[b] ? 1 : 0) || a - b);
  } else {
    const col =
      key === 'groupCustomers' ? (scores.groupCustomers ?? new Float64Array(scores.customers).fill(1)) : scores[key];
    sorted.sort((a, b) => sign * (col[a] - col[b]) || a - b);
  }
  return Int32Array.from(sorted);
}

/** The segments present, sorted. */
export function segmentsOf(scores: CustomerScores): string[] {
  return [...new Set(scores.segment)].sort();
}

/** The shown rows as CSV (full precision, formula-safe text). */
export function scoresCsv(scores: CustomerScores, rows: Int32Array): string {
  const columns = scoreColumns(scores);
  const header = [...columns.map((c) => c.label), 'Model'];
  function* body(): Iterable<CsvValue[]> {
    for (const i of rows) yield [...columns.map((c) => cell(scores, c.key, i)), scores.label];
  }
  return toCsv(header, body());
}
