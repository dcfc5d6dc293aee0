/**
 * Shared by summarize / fit / predict: reads a data file and turns it into the
 * per-customer summary (transactions are summarised; a summary file is used as is,
 * its times in the unit --unit confirms, or the one its dates or JSON export tell).
 * Which reading was chosen is said on stderr. Bad input (missing file, unreadable
 * format, bad dates, a summary row that cannot be a customer) becomes a UsageError.
 */
import { UsageError } from '../command.ts';
import { describeDataFile, readDataFile, type DataFile, type FileFormat } from '../../lib/data/read-node.ts';
import { summaryProblemsMessage } from '../../lib/data/import/summary-file.ts';
import { compressedProblemsMessage } from '../../lib/data/import/compressed-file.ts';
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
  /** true when --unit was given (a summary's own unit, when it tells one, yields to it) */
  unitGiven?: boolean;
  sheet?: string;
}

export interface LoadedSummary {
  file: DataFile;
  summary: SummaryResult;
  rejected: number;
  table: TransactionTable | null;
  days: CustomerDays | null;
}

export async function readOrUsage(
  path: string,
  format?: FileFormat,
  returns?: 'drop' | 'net',
  sheet?: string
): Promise<DataFile> {
  let file: DataFile;
  try {
    file = await readDataFile(path, { format, returns, sheet });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if ((file.kind === 'summary' || file.kind === 'contracts') && file.rejects.length > 0)
    throw new UsageError(`${path}: ${summaryProblemsMessage(file)}`);
  if (file.kind === 'compressed' && file.problems > 0)
    throw new UsageError(`${path}: ${compressedProblemsMessage(file)}`);
  process.stderr.write(describeDataFile(file) + '\n');
  return file;
}

/** The unit of a summary file's times: --unit when given, else the file's own, else weeks (said on stderr). */
export function summaryUnit(file: DataFile & { kind: 'summary' }, options: LoadOptions): TimeUnit {
  if (options.unitGiven || !file.unit) {
    if (!options.unitGiven)
      process.stderr.write(
        `  times (recency, T) taken as ${options.unit}s: pass --unit day|week|month if the file counts in other units\n`
      );
    return options.unit;
  }
  process.stderr.write(`  times in ${file.unit}s, as the file's dates show\n`);
  return file.unit;
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
      const first = file.hasDates
        ? customers.reduce((a, c) => (c.firstDate && c.firstDate < a ? c.firstDate : a), '9999-12-31')
        : '';
      const last = file.hasDates ? customers.reduce((a, c) => (c.lastDate > a ? c.lastDate : a), '0000-01-01') : '';
      const summary: SummaryResult = {
        version: 1,
        unit: summaryUnit(file, options),
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
  if (file.kind === 'compressed')
    throw new UsageError(
      `${file.path} is a compressed summary (groups of customers, not individuals): fit and score it with lever-lab evaluate ${file.path}`
    );
  throw new UsageError(`${file.path} is a ${file.format} file, not transactions or a customer summary`);
}

export async function loadSummary(path: string, options: LoadOptions): Promise<LoadedSummary> {
  return summaryFromFile(await readOrUsage(path, options.format, options.returns, options.sheet), options);
}
