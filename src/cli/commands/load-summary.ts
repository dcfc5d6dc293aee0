/**
 * Shared by summarize / fit / predict: reads a data file and turns it into the
 * per-customer summary (transactions are summarised; a summary CSV is used as is).
 * Bad input (missing file, unreadable format, bad dates) becomes a UsageError.
 */
import { UsageError } from '../command.ts';
import { readDataFile, type DataFile, type FileFormat } from '../../lib/data/read-node.ts';
import { summarize, type SummaryResult } from '../../lib/data/summarize.ts';
import { groupCustomerDays, type CustomerDays } from '../../lib/data/customer-days.ts';
import type { TimeUnit } from '../../lib/model/core/types.ts';
import type { TransactionTable } from '../../lib/data/types.ts';

export interface LoadOptions {
  calibrationEnd?: string;
  holdoutEnd?: string;
  unit: TimeUnit;
  format?: FileFormat;
  returns?: 'drop' | 'net';
}

export interface LoadedSummary {
  file: DataFile;
  summary: SummaryResult;
  rejected: number;
  table: TransactionTable | null;
  days: CustomerDays | null;
}

export async function readOrUsage(path: string, format?: FileFormat, returns?: 'drop' | 'net'): Promise<DataFile> {
  try {
    return await readDataFile(path, { format, returns });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function summaryFromFile(file: DataFile, options: LoadOptions): LoadedSummary {
  try {
    if (file.kind === 'transactions') {
      const days = groupCustomerDays(file.table);
      const summary = summarize(file.table, options, days);
      return { file, summary, rejected: file.counts.rejected, table: file.table, days };
    }
    if (file.kind === 'summary') {
      const customers = file.customers;
      const first = customers.reduce((a, c) => (c.firstDate && c.firstDate < a ? c.firstDate : a), '9999-12-31');
      const last = customers.reduce((a, c) => (c.lastDate > a ? c.lastDate : a), '0000-01-01');
      const summary: SummaryResult = {
        version: 1,
        unit: options.unit,
        unitDays: NaN,
        calibrationEnd: options.calibrationEnd ?? '',
        holdoutEnd: null,
        holdoutLength: 0,
        firstDate: first,
        lastDate: last,
        customers,
        excludedAfterCalibration: 0,
        excludedNoPurchase: 0,
        transactionRows: NaN,
        transactionDays: customers.reduce((a, c) => a + c.x + 1, 0),
        hasSpend: customers.some((c) => c.m > 0)
      };
      return { file, summary, rejected: file.rejects.length, table: null, days: null };
    }
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  throw new UsageError(`${file.path} is a ${file.format} file, not transactions or a customer summary`);
}

export async function loadSummary(path: string, options: LoadOptions): Promise<LoadedSummary> {
  return summaryFromFile(await readOrUsage(path, options.format, options.returns), options);
}
