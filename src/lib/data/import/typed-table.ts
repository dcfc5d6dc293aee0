/**
 * Tables whose cells already have types (an Excel sheet, a Parquet file) read in
 * batches of rows. The importers turn each cell into the text the CSV path would see
 * (so the same column guess, date question and row checks apply) and keep the day
 * number of real date cells (Excel date cells, Parquet DATE and TIMESTAMP columns),
 * so a date cell is read as a date whatever the date format chosen for text cells.
 */
import { daysFromCivil, formatDay } from './dates.ts';

export type TypedFormat = 'parquet' | 'xlsx';

/** One batch of rows: `rows[i][c]` is the cell of column c on `firstLine + i` (or on `lines[i]`). */
export interface TypedBatch {
  rows: readonly (readonly unknown[])[];
  firstLine: number;
  /** positions of each row when they are not consecutive (a sheet with blank rows) */
  lines?: readonly number[];
}

export interface TypedTable {
  format: TypedFormat;
  header: string[];
  /** data rows in the table */
  rowCount: number;
  /** what a position is called in messages: 'row' (Parquet, data rows from 1) or 'sheet row' (the sheet's own numbering) */
  lineName: 'row' | 'sheet row';
  /** the first rows, as text */
  sampleRows: string[][];
  /** the same rows as read (Date for date cells) */
  sampleCells: unknown[][];
  /** the data rows in batches (Parquet: one row group at a time, only the given columns read) */
  batches(columns?: readonly number[]): AsyncIterable<TypedBatch>;
}

const MS_PER_DAY = 86_400_000;

/** The day number (days since 1970-01-01, UTC) of a date cell, NaN for any other cell. */
export function cellDay(value: unknown): number {
  if (value instanceof Date) {
    const t = value.getTime();
    return Number.isNaN(t) ? NaN : Math.floor(t / MS_PER_DAY);
  }
  return NaN;
}

/** A cell as the CSV path would have it: numbers in full precision, dates as YYYY-MM-DD (with the time when not midnight). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    const t = value.getTime();
    if (Number.isNaN(t)) return '';
    const day = Math.floor(t / MS_PER_DAY);
    const ms = t - day * MS_PER_DAY;
    return ms === 0
      ? formatDay(day)
      : value
          .toISOString()
          .replace('T', ' ')
          .replace(/\.000Z$|Z$/, '');
  }
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/** Day numbers of a few calendar dates, for tests and messages. */
export const dayOf = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return daysFromCivil(y, m, d);
};
