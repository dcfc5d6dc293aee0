/**
 * Shared by summarize / fit / predict: reads a data file and turns it into the
 * per-customer summary (transactions are summarised; a summary file is used as is,
 * its times in the unit --unit confirms, or the one its dates or JSON export tell).
 * Which reading was chosen is said on stderr. Bad input (missing file, unreadable
 * format, bad dates, a summary row that cannot be a customer) becomes a UsageError.
 */
import { UsageError } from '../command.ts';
import {
  describeDataFile,
  readDataFile,
  type DataFile,
  type FileFormat,
  type ReadOptions
} from '../../lib/data/read-node.ts';
import type { DecimalMark } from '../../lib/data/import/amounts.ts';
import { choiceFlag } from '../args.ts';
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
  decimal?: DecimalMark;
}

export interface LoadedSummary {
  file: DataFile;
  summary: SummaryResult;
  rejected: number;
  table: TransactionTable | null;
  days: CustomerDays | null;
}

/** How a data file is read: its format, returns policy, workbook sheet and decimal mark (all optional). */
export type ReadFlags = Pick<ReadOptions, 'format' | 'returns' | 'sheet' | 'decimal'>;

/** The --decimal flag's usage line, the same in every command that reads transactions. */
export const DECIMAL_USAGE = `  --decimal comma|point         how amounts write decimals: 1.234,50 (comma) or 1,234.50 (point);
                                default: detected from the file's amounts (comma for ;-separated files)`;

/** The --decimal flag's value. */
export function decimalFlag(value: string | boolean | undefined): DecimalMark | undefined {
  return choiceFlag(value, 'decimal', ['comma', 'point'] as const);
}

export async function readOrUsage(path: string, flags: ReadFlags = {}): Promise<DataFile> {
  let file: DataFile;
  try {
    file = await readDataFile(path, flags);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if ((file.kind === 'summary' || file.kind === 'contracts') && file.rejects.length > 0)
    throw new UsageError(`${path}: ${summaryProblemsMessage(file)}`);
  if (file.kind === 'compressed' && file.problems > 0)
    throw new UsageError(`${path}: ${compressedProblemsMessage(file)}`);
  process.stderr.write(describeDataFile(file) + '\n');
  if (file.kind === 'transactions') process.stderr.write(rejectLines(file.rejects, file.counts.rejected));
  return file;
}

/** Rejected rows shown on stderr; the rest are counted. */
const REJECTS_SHOWN = 5;

/** The first rejected rows, one a line with its position and reason, and how many more there are. */
export function rejectLines(rejects: readonly { line: number; reason: string }[], total: number): string {
  const shown = rejects.slice(0, REJECTS_SHOWN).map((r) => `  rejected line ${r.line}: ${r.reason}\n`);
  if (total > shown.length) shown.push(`  ... and ${(total - shown.length).toLocaleString('en-US')} more rejected\n`);
  return shown.join('');
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
  const { format, returns, sheet, decimal } = options;
  return summaryFromFile(await readOrUsage(path, { format, returns, sheet, decimal }), options);
}
