/**
 * Compressed summary files: the output of sql/compressed.{duckdb,spark,bigquery}.sql (layout
 * in sql/README.md), one row per group of customers instead of one per customer. Told apart
 * from a per-customer summary by its columns `part` and `customers`. Rows arrive as text cells
 * (CSV, or Parquet cells through cellText), so one reader serves both.
 *
 * Every row is checked; a row that cannot be a group of customers (a count that is not a whole
 * number >= 1, a negative x / t_x / T, t_x > T, t_x > 0 with x = 0, a part other than rfm or
 * spend, dates that differ between rows) is a problem naming its row and column, and a file with
 * problems is not imported (nothing stored).
 */
import Papa from 'papaparse';
import type { RejectedRow } from './import-transactions.ts';
import { parseDay } from './dates.ts';
import { ON_LINE, type Where } from './summary-file.ts';
import type { CompressedSummary, SpendGroup, SummaryGroup } from '../compressed-summary.ts';
import { cellText, type TypedTable } from './typed-table.ts';
import { plural } from '../../text/plural.ts';

/** Columns of the compressed summary, in the order the SQL writes them. */
export const COMPRESSED_COLUMNS = [
  'part',
  'segment',
  'channel',
  'x',
  't_x',
  'T',
  'x_holdout',
  'm',
  'customers',
  'm_sum',
  'm_sumsq',
  'first_spend_sum',
  'holdout_spend_sum',
  'calibration_end',
  'holdout_end'
] as const;

type Column = (typeof COMPRESSED_COLUMNS)[number];
const DATE_COLUMNS = ['calibration_end', 'holdout_end'] as const;
const AGE_COLUMNS = ['t_x', 'T'] as const;
const COLUMN_POSITION = Object.fromEntries(COMPRESSED_COLUMNS.map((c, i) => [c, i])) as Record<Column, number>;
const REQUIRED: readonly Column[] = ['part', 'x', 't_x', 'T', 'customers', 'calibration_end'];

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The index of each column in a header, or null when the header is not a compressed summary's. */
export function detectCompressedLayout(header: readonly string[]): Record<Column, number> | null {
  const names = header.map((h) => norm(String(h)));
  const index = {} as Record<Column, number>;
  for (const c of COMPRESSED_COLUMNS) index[c] = names.indexOf(norm(c));
  return REQUIRED.every((c) => index[c] >= 0) ? index : null;
}

export interface CompressedFile extends CompressedSummary {
  rejects: RejectedRow[];
  /** problems found (all counted, the first 10,000 listed in rejects) */
  problems: number;
}

/** Reads compressed-summary rows given as text cells; `finish` gives the summary. */
export class CompressedRowReader {
  private readonly groups: SummaryGroup[] = [];
  private readonly spend: SpendGroup[] = [];
  readonly rejects: RejectedRow[] = [];
  problems = 0;
  private calibrationEnd = '';
  private holdoutEnd = '';
  private datesLine = 0;

  constructor(
    private readonly header: readonly string[],
    private readonly at: Record<Column, number>,
    private readonly where: Where = ON_LINE,
    private readonly maxRejects = 10_000
  ) {}

  /** the current row's cells by column (trimmed text, or a number from a typed file) */
  private readonly values: (string | number)[] = new Array<string | number>(COMPRESSED_COLUMNS.length);
  private readonly text = (c: Column): string => String(this.values[COLUMN_POSITION[c]]);
  private readonly num = (c: Column): number => {
    const v = this.values[COLUMN_POSITION[c]];
    return typeof v === 'number' ? v : v === '' ? NaN : Number(v);
  };
  private readonly sum = (c: Column, fallback: number): number => {
    const v = this.num(c);
    return Number.isFinite(v) ? v : fallback;
  };

  private problem(line: number, column: Column | null, reason: string, cells: readonly (string | number)[]): void {
    this.problems++;
    if (this.rejects.length >= this.maxRejects) return;
    const name = column ? `, column '${this.header[this.at[column]] ?? column}'` : '';
    this.rejects.push({ line, reason: `${this.where(line)}${name}: ${reason}`, text: cells.join(',').slice(0, 500) });
  }

  /**
   * One row: text cells (CSV), or from a typed file numbers as they are (no round trip through
   * text for the hundreds of thousands of rows of a warehouse summary) and text for the rest.
   */
  row(cells: readonly (string | number)[], line: number): void {
    if (cells.every((c) => typeof c === 'string' && c.trim() === '')) return;
    // each cell trimmed once, into the reader's one array (no closures or arrays a row: a
    // warehouse file has hundreds of thousands of rows)
    for (let k = 0; k < COMPRESSED_COLUMNS.length; k++) {
      const at = this.at[COMPRESSED_COLUMNS[k]];
      const v = at >= 0 ? (cells[at] ?? '') : '';
      this.values[k] = typeof v === 'string' ? v.trim() : v;
    }
    const text = this.text;
    const num = this.num;
    const part = text('part').toLowerCase();
    if (part !== 'rfm' && part !== 'spend')
      return this.problem(line, 'part', `'${text('part')}' is neither 'rfm' nor 'spend'`, cells);
    const customers = num('customers');
    if (!(Number.isInteger(customers) && customers >= 1))
      return this.problem(line, 'customers', `'${text('customers')}' is not a whole number of customers >= 1`, cells);
    const x = num('x');
    if (!(Number.isInteger(x) && x >= 0))
      return this.problem(line, 'x', `'${text('x')}' is not a whole number of repeat purchases >= 0`, cells);
    const cal = text('calibration_end').slice(0, 10);
    const hold = text('holdout_end').slice(0, 10);
    // the dates of the first row are checked; a later row's need only equal them
    const sameDates = this.datesLine > 0 && cal === this.calibrationEnd && hold === this.holdoutEnd;
    if (!sameDates)
      for (const c of DATE_COLUMNS) {
        const value = text(c);
        if (c === 'holdout_end' && value === '') continue;
        if (Number.isNaN(parseDay(value.slice(0, 10), 'iso')))
          return this.problem(line, c, `'${value}' is not a date YYYY-MM-DD`, cells);
      }
    if (!this.datesLine) {
      this.calibrationEnd = cal;
      this.holdoutEnd = hold;
      this.datesLine = line;
    } else if (cal !== this.calibrationEnd || hold !== this.holdoutEnd)
      return this.problem(
        line,
        'calibration_end',
        `calibration / holdout end ${cal} / ${hold || 'none'} differ from ${this.calibrationEnd} / ${this.holdoutEnd || 'none'} on ${this.where(this.datesLine)}: one file is one split`,
        cells
      );
    const segment = text('segment');
    const channel = text('channel');
    if (part === 'spend') {
      if (x < 1) return this.problem(line, 'x', `${x} in a spend row: Gamma-Gamma rows have x >= 1`, cells);
      const m = num('m');
      if (!(Number.isFinite(m) && m > 0))
        return this.problem(line, 'm', `'${text('m')}' is not a mean repeat spend > 0`, cells);
      this.spend.push({ segment, channel, x, m, customers });
      return;
    }
    const tx = num('t_x');
    const T = num('T');
    for (const c of AGE_COLUMNS) {
      const v = c === 'T' ? T : tx;
      if (!(Number.isInteger(v) && v >= 0))
        return this.problem(
          line,
          c,
          `'${text(c)}' is not a whole number of days >= 0 (ages are measured from the first purchase)`,
          cells
        );
    }
    if (tx > T)
      return this.problem(
        line,
        't_x',
        `${tx} is greater than 'T' (${T}): the last purchase cannot come after the end of the observation`,
        cells
      );
    if (x === 0 && tx !== 0)
      return this.problem(line, 't_x', `${tx} with no repeat purchase ('x' 0): must be 0`, cells);
    const xHoldout = num('x_holdout');
    if (hold !== '' && hold > cal && !(Number.isInteger(xHoldout) && xHoldout >= 0))
      return this.problem(line, 'x_holdout', `'${text('x_holdout')}' is not a whole number >= 0`, cells);
    const sum = this.sum;
    const mSum = sum('m_sum', 0);
    if (mSum < 0) return this.problem(line, 'm_sum', `${mSum} is negative (m is floored at 0)`, cells);
    this.groups.push({
      segment,
      channel,
      x,
      txDays: tx,
      TDays: T,
      xHoldout: hold !== '' && hold > cal ? xHoldout : NaN,
      customers,
      mSum,
      mSumSq: sum('m_sumsq', 0),
      firstSpendSum: sum('first_spend_sum', NaN),
      holdoutSpendSum: sum('holdout_spend_sum', NaN)
    });
  }

  finish(): CompressedFile {
    let customers = 0;
    for (const g of this.groups) customers += g.customers;
    return {
      calibrationEnd: this.calibrationEnd,
      holdoutEnd: this.holdoutEnd > this.calibrationEnd ? this.holdoutEnd : '',
      groups: this.groups,
      spend: this.spend,
      customers,
      rejects: this.rejects,
      problems: this.problems
    };
  }
}

/** Parses a compressed summary CSV. Throws a RangeError when the header is not one. */
export function parseCompressedCsv(text: string): CompressedFile {
  const rows = Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { skipEmptyLines: false }).data;
  const header = (rows[0] ?? []).map((h) => h.trim());
  const at = detectCompressedLayout(header);
  if (!at)
    throw new RangeError(
      `not a compressed summary: it needs the columns ${REQUIRED.join(', ')} (found ${header.join(', ') || 'none'})`
    );
  const reader = new CompressedRowReader(header, at);
  for (let r = 1; r < rows.length; r++) reader.row(rows[r], r + 1);
  const file = reader.finish();
  if (file.groups.length === 0 && file.problems === 0) throw new RangeError('the compressed summary has no rfm rows');
  return file;
}

/** Reads a typed table (Parquet) as a compressed summary, a row group at a time. */
export async function importTypedCompressed(table: TypedTable, signal?: AbortSignal): Promise<CompressedFile> {
  const at = detectCompressedLayout(table.header);
  if (!at) throw new RangeError(`not a compressed summary: it needs the columns ${REQUIRED.join(', ')}`);
  const reader = new CompressedRowReader(table.header, at, (line) => `${table.lineName} ${line}`);
  const width = table.header.length;
  // every row carries the same calibration and holdout dates: each day's text is formed once
  const dayText = new Map<number, string>();
  const cell = (v: unknown): string | number => {
    if (typeof v === 'number') return Number.isFinite(v) ? v : '';
    if (typeof v === 'bigint') return Number(v);
    if (v instanceof Date) {
      let text = dayText.get(v.getTime());
      if (text === undefined) dayText.set(v.getTime(), (text = cellText(v)));
      return text;
    }
    return cellText(v);
  };
  for await (const batch of table.batches()) {
    if (signal?.aborted) throw new DOMException('the import was cancelled', 'AbortError');
    batch.rows.forEach((row, i) => {
      const cells = new Array<string | number>(width);
      for (let c = 0; c < width; c++) cells[c] = cell(row[c]);
      reader.row(cells, batch.lines ? batch.lines[i] : batch.firstLine + i);
    });
  }
  const file = reader.finish();
  if (file.groups.length === 0 && file.problems === 0) throw new RangeError('the compressed summary has no rfm rows');
  return file;
}

/** The message of a compressed import refused for bad rows: how many, and the first few. */
export function compressedProblemsMessage(file: Pick<CompressedFile, 'rejects' | 'problems'>): string {
  const shown = file.rejects.slice(0, 3).map((r) => r.reason);
  return (
    `${plural(file.problems, 'row')} of the compressed summary cannot be ${file.problems === 1 ? 'a group' : 'groups'} of customers, so nothing was imported: ` +
    shown.join('; ') +
    (file.problems > shown.length ? `; and ${plural(file.problems - shown.length, 'more row')}` : '')
  );
}
