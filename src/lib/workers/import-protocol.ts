/**
 * Messages between the app and the import worker: a discriminated union with a
 * request id; progress and results carry the id they answer; errors come back as
 * values ({ name, message }), never as thrown exceptions across the boundary.
 */
import type { CustomerSummary, DatasetMeta } from '../data/types.ts';
import type { TimeUnit } from '../model/core/types.ts';
import type { ColumnGuess, ColumnMapping } from '../data/import/columns.ts';
import type { DateFormat } from '../data/import/dates.ts';
import type { Delimiter, Sniffed } from '../data/import/sniff.ts';
import type { ImportCounts, ImportProgress, RejectedRow, ReturnsPolicy } from '../data/import/import-transactions.ts';

export interface ImportRequestOptions {
  name: string;
  /** 'transactions' (default) or a per-customer 'summary' CSV (sql/summary.*.sql output) */
  kind?: 'transactions' | 'summary';
  delimiter?: Delimiter;
  hasHeader?: boolean;
  mapping?: ColumnMapping;
  dateFormat?: DateFormat;
  returns?: ReturnsPolicy;
  calibrationEnd?: string;
  unit?: TimeUnit;
  /** write the dataset to IndexedDB (default true) */
  save?: boolean;
}

export type ImportRequest =
  | { id: number; type: 'sniff'; file: Blob | string }
  | { id: number; type: 'import'; file: Blob | string; options: ImportRequestOptions }
  | { id: number; type: 'cancel'; target: number };

export interface SniffAnswer {
  sniffed: Sniffed;
  guess: ColumnGuess;
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
}

export interface WorkerError {
  name: string;
  message: string;
}

export type ImportResponse =
  | { id: number; type: 'progress'; progress: ImportProgress & { stage: 'parse' | 'summarise' | 'save' } }
  | { id: number; type: 'sniffed'; result: SniffAnswer }
  | { id: number; type: 'imported'; result: ImportAnswer }
  | { id: number; type: 'error'; error: WorkerError };

export const toWorkerError = (error: unknown): WorkerError =>
  error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
