/**
 * Messages between the app and the import worker: a discriminated union with a
 * request id; progress and results carry the id they answer; errors come back as
 * values ({ name, message }), never as thrown exceptions across the boundary.
 */
import type { CustomerSummary, DatasetMeta } from '../data/types.ts';
import type { WireError } from './rpc.ts';
import type { SummaryLayout } from '../data/import/summary-file.ts';
import type { OpenedKind } from '../data/import/open-file.ts';
import type { TimeUnit } from '../model/core/types.ts';
import type { ColumnGuess } from '../data/import/columns.ts';
import type { DecimalMark } from '../data/import/amounts.ts';
import type { Sniffed } from '../data/import/sniff.ts';
import type { ImportCounts, ImportOptions, ImportProgress, RejectedRow } from '../data/import/import-transactions.ts';

/** the text import's options (delimiter, header, mapping, date format, returns) and the request's own */
export interface ImportRequestOptions extends Pick<
  ImportOptions,
  'delimiter' | 'hasHeader' | 'mapping' | 'dateFormat' | 'returns'
> {
  name: string;
  /**
   * 'transactions' (default) or a per-customer 'summary' (lifetimes / PyMC-Marketing, the
   * Data page export, sql/summary.*.sql); for a summary, `unit` is the unit of its times and
   * `calibrationEnd` the day it was taken (first and last purchase dates are derived from it
   * when the file has none); for 'contracts' (subscriptions: start, end or status, plan,
   * price), `unit` is the billing period (week or month) and `calibrationEnd` the
   * observation end (default: the file's last date); 'compressed' (sql/compressed.*.sql: groups
   * of customers with counts) reads and checks every row (a file with a bad row stores nothing)
   * and stores one row a group with its count, never one a customer
   */
  kind?: 'transactions' | 'summary' | 'contracts' | 'compressed';
  /** the sheet of an Excel workbook (default: the first sheet with data) */
  sheet?: string;
  /** how the file writes decimals in amounts, quantities and prices (default: detected) */
  decimal?: DecimalMark;
  /** the ISO 4217 code of the file's money, stored with the dataset */
  currency?: string;
  calibrationEnd?: string;
  unit?: TimeUnit;
  /** write the dataset to IndexedDB (default true) */
  save?: boolean;
}

export type ImportRequest =
  | { id: number; type: 'sniff'; file: Blob | string; name?: string; sheet?: string }
  | { id: number; type: 'import'; file: Blob | string; options: ImportRequestOptions }
  | { id: number; type: 'cancel'; target: number };

/** What the sniff found of a per-customer summary. */
export interface SummarySniff {
  layout: SummaryLayout;
  /** the layout in words, for "read as ..." */
  label: string;
  /** the unit of the times when the file tells (JSON export, or first/last dates), else null: ask */
  unit: TimeUnit | null;
  unitFrom: 'export' | 'dates' | null;
  hasDates: boolean;
  /** problems in the first rows (each naming its row and column); an import with any stores nothing */
  problems: string[];
}

/** What the sniff found of a compressed summary (sql/compressed.*.sql, sql/README.md). */
export interface CompressedSniff {
  /** group (rfm) and spend rows among the first rows read */
  groups: number;
  spendRows: number;
  /** customers in those groups */
  customers: number;
  /** YYYY-MM-DD; '' when no sample row had a readable date */
  calibrationEnd: string;
  holdoutEnd: string;
  /** problems in the first rows (each naming its row and column) */
  problems: string[];
}

export interface SniffAnswer {
  sniffed: Sniffed;
  guess: ColumnGuess;
  /** what the file is, from its bytes ('text' when absent: older workers) */
  format?: OpenedKind;
  /** e.g. "“orders.csv” is named like a text file but is an Excel workbook (.xlsx): it is read as one" */
  note?: string;
  /** the workbook's sheets and the one read */
  sheets?: string[];
  sheet?: string;
  /** data rows, when the format knows them up front (Parquet, Excel) */
  rowCount?: number;
  /** what a position is called in this file's messages */
  lineName?: 'line' | 'row' | 'sheet row' | 'customer';
  /** set when the header is a customer summary's (null for a compressed summary's) */
  summary?: SummarySniff | null;
  /** set when the header is a compressed summary's: groups of customers with counts */
  compressed?: CompressedSniff | null;
  /** true when the header is a subscription contracts file's (start, end or status) */
  contracts?: boolean;
  /** why the file cannot be imported as it is (a header without rows, an empty sheet), or null */
  problem?: string | null;
}

export interface ImportAnswer {
  meta: DatasetMeta;
  counts: ImportCounts;
  /** the first rejected rows, for the on-screen list (all are counted in `counts.rejected`) */
  rejects: RejectedRow[];
  /** every rejected row as CSV (line, reason, row), neutralised against formula injection */
  rejectsCsv: string;
  excludedAfterCalibration: number;
  /** customers in the calibration summary, for an immediate preview */
  customers: CustomerSummary[];
  saved: boolean;
  elapsedMs: number;
  /** what a rejected row's `line` counts: 'line' (text), 'sheet row' (Excel), 'row' (Parquet) */
  lineName?: 'line' | 'row' | 'sheet row' | 'customer';
  /** the file's format and, for a summary, its layout */
  format?: OpenedKind;
  layout?: SummaryLayout;
  /** a line on what was read, when the kind has one (contracts: subscriptions, active, plans) */
  note?: string;
}

export type ImportResponse =
  | { id: number; type: 'progress'; progress: ImportProgress & { stage: 'parse' | 'summarise' | 'save' } }
  | { id: number; type: 'sniffed'; result: SniffAnswer }
  | { id: number; type: 'imported'; result: ImportAnswer }
  | { id: number; type: 'error'; error: WireError };
