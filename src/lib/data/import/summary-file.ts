/**
 * Per-customer summary files: one row per customer with the BTYD statistics, so no
 * transactions are needed (the fits use only x, t_x, T and m). Three layouts are read,
 * told apart by their header (matching ignores case and punctuation):
 *
 *  - 'lever-lab': the columns of sql/summary.*.sql (`customer_id, x, t_x, T, m,
 *    first_spend, x_holdout, holdout_spend, first_date, last_date`) and of the Data
 *    page's customer-summary export (src/lib/data/export/dataset-summary.ts: `id, x, tx,
 *    T, m, firstSpend, xHoldout, holdoutSpend, firstDate, lastDate, channel, segment,
 *    region, treatment`); its JSON export too (`parseSummaryJson`).
 *  - 'lifetimes': the RFM summary of the Python lifetimes package
 *    (`summary_data_from_transaction_data`) and of PyMC-Marketing (`rfm_summary`):
 *    `customer_id, frequency, recency, T, monetary_value`, with frequency = x (repeat
 *    purchases), recency = t_x (age at the last purchase), T = age at the end of the
 *    observation and monetary_value = m (mean repeat spend); optionally the holdout
 *    columns of `calibration_and_holdout_data` (frequency_holdout,
 *    monetary_value_holdout, duration_holdout). The id column is the first column when
 *    no header names one (pandas writes the index first, often with an empty name).
 *
 * Times are in the file's own unit (days, weeks or months), which the person
 * confirms; `inferSummaryUnit` reads it off first/last dates when the file has them.
 * Every row is checked; a row that cannot be a customer (negative recency, recency
 * greater than T, a fractional frequency, ...) is a problem naming its row and column,
 * and an import with problems stores nothing (see `summaryProblemsMessage`).
 */
import Papa from 'papaparse';
import type { CustomerSummary } from '../types.ts';
import type { TimeUnit } from '../../model/core/types.ts';
import type { RejectedRow } from './import-transactions.ts';
import { parseDay } from './dates.ts';
import { detectDecimalMark, parseAmount, type DecimalMark } from './amounts.ts';
import { plural } from '../../text/plural.ts';

/** Columns written by summaryToCsv (the sql/summary.*.sql layout). */
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

export type SummaryLayout = 'lever-lab' | 'lifetimes';

export const SUMMARY_LAYOUT_LABEL: Record<SummaryLayout, string> = {
  'lever-lab': 'Lever Lab customer summary (x, t_x, T, m: the Data page export or sql/)',
  lifetimes: 'lifetimes / PyMC-Marketing RFM summary (frequency, recency, T, monetary_value)'
};

type Role =
  | 'id'
  | 'x'
  | 'tx'
  | 'T'
  | 'm'
  | 'firstSpend'
  | 'xHoldout'
  | 'holdoutSpend'
  | 'holdoutMean'
  | 'firstDate'
  | 'lastDate'
  | 'channel'
  | 'segment'
  | 'region'
  | 'treatment';

/** Which column (0-based, -1 when absent) holds each field, and the header names, for messages. */
export interface SummaryColumns {
  layout: SummaryLayout;
  index: Record<Role, number>;
  header: string[];
}

export interface SummaryFile {
  version: 1;
  layout: SummaryLayout;
  customers: CustomerSummary[];
  /** rows that cannot be customers, each naming its row and column; an import with any stores nothing */
  rejects: RejectedRow[];
  columns: string[];
  /** true when every customer has a first purchase date */
  hasDates: boolean;
  /** the time unit read from the file (JSON export, or first/last dates against t_x), else null */
  unit: TimeUnit | null;
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Header names (normalised) of a customer id column, most specific first. */
const ID_NAMES = ['customerid', 'customer', 'custid', 'clientid', 'userid', 'memberid', 'accountid', 'id'];

const NAMES: Record<SummaryLayout, Partial<Record<Role, string[]>>> = {
  'lever-lab': {
    x: ['x'],
    tx: ['tx'],
    T: ['t'],
    m: ['m'],
    firstSpend: ['firstspend'],
    xHoldout: ['xholdout'],
    holdoutSpend: ['holdoutspend'],
    firstDate: ['firstdate'],
    lastDate: ['lastdate'],
    channel: ['channel'],
    segment: ['segment'],
    region: ['region'],
    treatment: ['treatment']
  },
  lifetimes: {
    x: ['frequency'],
    tx: ['recency'],
    T: ['t'],
    m: ['monetaryvalue', 'monetary'],
    xHoldout: ['frequencyholdout'],
    holdoutMean: ['monetaryvalueholdout'],
    firstDate: ['firstdate', 'firstpurchase'],
    lastDate: ['lastdate', 'lastpurchase'],
    channel: ['channel'],
    segment: ['segment'],
    region: ['region']
  }
};

/** The layout and columns of a summary header, or null when the header is not a summary's. */
export function detectSummaryLayout(header: readonly string[]): SummaryColumns | null {
  const names = header.map((h) => norm(String(h)));
  const find = (candidates: readonly string[] | undefined) => {
    for (const c of candidates ?? []) {
      const i = names.indexOf(c);
      if (i >= 0) return i;
    }
    return -1;
  };
  for (const layout of ['lever-lab', 'lifetimes'] as const) {
    const roles = NAMES[layout];
    const x = find(roles.x);
    const tx = find(roles.tx);
    const T = find(roles.T);
    if (x < 0 || tx < 0 || T < 0) continue;
    const index = {} as Record<Role, number>;
    for (const role of Object.keys(ROLE_ORDER) as Role[]) index[role] = find(roles[role]);
    index.x = x;
    index.tx = tx;
    index.T = T;
    index.id = find(ID_NAMES);
    // pandas writes the index (the customer id) first, under an empty name or 'Unnamed: 0'
    if (index.id < 0 && (names[0] === '' || /^unnamed\d*$/.test(names[0]))) index.id = 0;
    return { layout, index, header: header.map(String) };
  }
  return null;
}

const ROLE_ORDER: Record<Role, true> = {
  id: true,
  x: true,
  tx: true,
  T: true,
  m: true,
  firstSpend: true,
  xHoldout: true,
  holdoutSpend: true,
  holdoutMean: true,
  firstDate: true,
  lastDate: true,
  channel: true,
  segment: true,
  region: true,
  treatment: true
};

/** The columns that hold money, read as amounts under the file's decimal mark. */
const MONEY_ROLES: ReadonlySet<Role> = new Set<Role>(['m', 'firstSpend', 'holdoutSpend', 'holdoutMean']);

/** The decimal mark that reads every value of a summary's money columns (see detectDecimalMark). */
export function summaryDecimalMark(
  columns: SummaryColumns,
  rows: readonly (readonly string[])[],
  fallback: DecimalMark = 'point'
): DecimalMark {
  const at = [...MONEY_ROLES].map((r) => columns.index[r]).filter((i) => i >= 0);
  if (!at.length) return fallback;
  return detectDecimalMark(
    rows.flatMap((row) => at.map((i) => row[i] ?? '')),
    fallback
  ).mark;
}

/** Leading characters the CSV export neutralises with a quote (src/lib/files/csv.ts). */
const NEUTRALISED = /^'[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** What to call a position in the file: "line 4" for text, "sheet row 4", "row 4" for Parquet. */
export type Where = (line: number) => string;
export const ON_LINE: Where = (line) => `line ${line}`;

/**
 * Reads summary rows given as text cells (typed cells of Excel or Parquet are turned
 * into text first; `dates` carries the day number of real date cells). One instance per
 * file: it also checks that no customer id appears twice.
 */
export class SummaryRowReader {
  readonly customers: CustomerSummary[] = [];
  readonly rejects: RejectedRow[] = [];
  private readonly seen = new Map<string, number>();
  private readonly at: Record<Role, number>;
  private readonly name: (role: Role) => string;

  constructor(
    readonly columns: SummaryColumns,
    private readonly where: Where = ON_LINE,
    private readonly maxRejects = 10_000,
    /** how the money columns write decimals ("1.234,50", "$1,234.50"); counts and times are plain numbers */
    private readonly decimal: DecimalMark = 'point'
  ) {
    this.at = columns.index;
    this.name = (role) => `'${columns.header[this.at[role]] ?? role}'`;
  }

  /** problems found so far (all counted, the first `maxRejects` listed) */
  problems = 0;

  private problem(line: number, role: Role | null, reason: string, cells: readonly string[]): void {
    this.problems++;
    if (this.rejects.length >= this.maxRejects) return;
    const column = role ? `, column ${this.name(role)}` : '';
    this.rejects.push({ line, reason: `${this.where(line)}${column}: ${reason}`, text: cells.join(',').slice(0, 500) });
  }

  /** Reads one data row; `day` gives the day number of date cells (by column), when the source knows it. */
  row(cells: readonly string[], line: number, day?: (column: number) => number): void {
    if (cells.every((c) => c.trim() === '')) return;
    const at = this.at;
    const text = (role: Role) => (at[role] >= 0 ? (cells[at[role]] ?? '').trim() : '');
    let id = at.id >= 0 ? text('id') : `row ${line}`;
    if (this.columns.layout === 'lever-lab' && NEUTRALISED.test(id)) id = id.slice(1);
    if (id === '') return this.problem(line, 'id', 'no customer id', cells);
    const first = this.seen.get(id);
    if (first !== undefined)
      return this.problem(line, 'id', `customer '${id}' appears twice (first on ${this.where(first)})`, cells);
    const number = (role: Role): number => {
      const t = text(role);
      return t === '' ? NaN : MONEY_ROLES.has(role) ? parseAmount(t, this.decimal) : Number(t);
    };
    const x = number('x');
    if (!(Number.isInteger(x) && x >= 0)) {
      const t = text('x');
      return this.problem(
        line,
        'x',
        t === '' ? 'empty (the number of repeat purchases is needed)' : `'${t}' is not a whole number >= 0`,
        cells
      );
    }
    const ages = { tx: number('tx'), T: number('T') };
    for (const role of ['tx', 'T'] as const) {
      const v = ages[role];
      const t = text(role);
      if (t === '') return this.problem(line, role, 'empty', cells);
      if (!Number.isFinite(v)) return this.problem(line, role, `'${t}' is not a number`, cells);
      if (v < 0) return this.problem(line, role, `${t} is negative (ages are measured from the first purchase)`, cells);
    }
    const { tx, T } = ages;
    if (tx > T * (1 + 1e-12) + 1e-12)
      return this.problem(
        line,
        'tx',
        `${text('tx')} is greater than ${this.name('T')} (${text('T')}): the last purchase cannot come after the end of the observation`,
        cells
      );
    if (x === 0 && tx !== 0)
      return this.problem(line, 'tx', `${text('tx')} with no repeat purchase (${this.name('x')} 0): must be 0`, cells);
    const optional = (role: Role): number => (at[role] < 0 || text(role) === '' ? NaN : number(role));
    const mRaw = optional('m');
    const m = Number.isNaN(mRaw) ? 0 : mRaw;
    if (!(Number.isFinite(m) && m >= 0)) return this.problem(line, 'm', `'${text('m')}' is not an amount >= 0`, cells);
    const xHoldout = optional('xHoldout');
    if (!Number.isNaN(xHoldout) && !(Number.isInteger(xHoldout) && xHoldout >= 0))
      return this.problem(line, 'xHoldout', `'${text('xHoldout')}' is not a whole number >= 0`, cells);
    let holdoutSpend = optional('holdoutSpend');
    const holdoutMean = optional('holdoutMean');
    if (Number.isNaN(holdoutSpend) && !Number.isNaN(holdoutMean) && !Number.isNaN(xHoldout))
      holdoutSpend = holdoutMean * xHoldout;
    const dates: Partial<Record<'firstDate' | 'lastDate', string>> = {};
    for (const role of ['firstDate', 'lastDate'] as const) {
      const t = text(role).slice(0, 10);
      const known = day && at[role] >= 0 ? day(at[role]) : NaN;
      if (Number.isFinite(known)) {
        dates[role] = t;
        continue;
      }
      if (t !== '' && Number.isNaN(parseDay(t, 'iso')))
        return this.problem(line, role, `'${text(role)}' is not a date YYYY-MM-DD`, cells);
      dates[role] = t;
    }
    const treatment = optional('treatment');
    this.seen.set(id, line);
    this.customers.push({
      id,
      x,
      tx,
      T,
      m,
      firstSpend: optional('firstSpend'),
      xHoldout,
      holdoutSpend,
      firstDate: dates.firstDate ?? '',
      lastDate: dates.lastDate ?? '',
      channel: text('channel'),
      segment: text('segment'),
      region: text('region'),
      treatment: Number.isNaN(treatment) ? -1 : treatment
    });
  }

  finish(): SummaryFile {
    const hasDates = this.customers.length > 0 && this.customers.every((c) => c.firstDate !== '');
    return {
      version: 1,
      layout: this.columns.layout,
      customers: this.customers,
      rejects: this.rejects,
      columns: this.columns.header,
      hasDates,
      unit: hasDates ? inferSummaryUnit(this.customers) : null
    };
  }
}

/** Days per model period of each unit (as the summariser: a month is 365.25 / 12 days). */
const UNIT_DAYS: Record<TimeUnit, number> = { day: 1, week: 7, month: 365.25 / 12 };

/**
 * The unit of t_x read off the dates: (last date - first date) / t_x over customers
 * with repeat purchases, median, matched to a day, a week or a month within 3% (dates
 * are whole days, t_x may be rounded). Null when no customer tells or none matches.
 */
export function inferSummaryUnit(customers: readonly Pick<CustomerSummary, 'tx' | 'firstDate' | 'lastDate'>[]) {
  const ratios: number[] = [];
  for (const c of customers) {
    if (!(c.tx > 0) || !c.firstDate || !c.lastDate) continue;
    const span = parseDay(c.lastDate, 'iso') - parseDay(c.firstDate, 'iso');
    if (span > 0) ratios.push(span / c.tx);
    if (ratios.length >= 2000) break;
  }
  if (ratios.length === 0) return null;
  ratios.sort((a, b) => a - b);
  const median = ratios[Math.floor(ratios.length / 2)];
  for (const unit of ['day', 'week', 'month'] as const) {
    if (Math.abs(median / UNIT_DAYS[unit] - 1) < 0.03) return unit;
  }
  return null;
}

/** Parses a summary CSV (any layout above). Throws when the header is not a summary's. */
export function parseSummaryCsv(text: string, options: { decimal?: DecimalMark } = {}): SummaryFile {
  const parsed = Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { skipEmptyLines: false });
  const rows = parsed.data;
  if (rows.length === 0 || rows[0].every((c) => c.trim() === '')) throw new RangeError('empty summary file');
  const header = rows[0].map((h) => h.trim());
  const columns = detectSummaryLayout(header);
  if (!columns) throw new RangeError(notSummaryMessage(header));
  if (rows.length < 2 || rows.slice(1).every((r) => r.every((c) => c.trim() === '')))
    throw new RangeError('the file has a header but no rows');
  const decimal =
    options.decimal ?? summaryDecimalMark(columns, rows.slice(1), parsed.meta.delimiter === ';' ? 'comma' : 'point');
  const reader = new SummaryRowReader(columns, ON_LINE, undefined, decimal);
  let line = 2;
  for (let r = 1; r < rows.length; r++) {
    reader.row(rows[r], line);
    for (const cell of rows[r]) line += (cell.match(/\r\n|\n|\r/g) ?? []).length;
    line++;
  }
  return reader.finish();
}

/** Why a header is not a summary: the columns each layout needs and which are missing. */
export function notSummaryMessage(header: readonly string[]): string {
  const names = new Set(header.map((h) => norm(String(h))));
  const lacks = (need: string[]) => need.filter((n) => !names.has(norm(n)));
  const lifetimes = lacks(['frequency', 'recency', 'T']);
  const own = lacks(['x', 't_x', 'T']);
  const closer = lifetimes.length <= own.length ? lifetimes : own;
  return (
    `not a customer summary: missing column${closer.length === 1 ? '' : 's'} ${closer.map((c) => `'${c}'`).join(', ')} ` +
    `(a summary has frequency, recency, T[, monetary_value] as lifetimes / PyMC-Marketing write it, or x, t_x, T[, m]; ` +
    `found ${header.length ? header.join(', ') : 'no columns'})`
  );
}

/** The message of a summary import refused for bad rows: how many, and the first few. */
export function summaryProblemsMessage(file: Pick<SummaryFile, 'rejects'>, problems = file.rejects.length): string {
  const shown = file.rejects.slice(0, 3).map((r) => r.reason);
  return (
    `${plural(problems, 'row')} of the summary cannot be ${problems === 1 ? 'a customer' : 'customers'}, so nothing was imported: ` +
    shown.join('; ') +
    (problems > shown.length ? `; and ${plural(problems - shown.length, 'more row')}` : '')
  );
}

/** Fills in first and last purchase dates from the day the summary was taken (T is measured to it). */
export function datesFromSummaryDate(customers: CustomerSummary[], summaryDate: string, unit: TimeUnit): void {
  const end = parseDay(summaryDate, 'iso');
  if (Number.isNaN(end)) throw new RangeError(`invalid summary date '${summaryDate}' (expected YYYY-MM-DD)`);
  const days = UNIT_DAYS[unit];
  for (const c of customers) {
    if (c.firstDate) continue;
    const first = end - Math.round(c.T * days);
    c.firstDate = formatIso(first);
    c.lastDate = formatIso(first + Math.round(c.tx * days));
  }
}

function formatIso(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** The Data page's JSON export of a dataset summary (src/lib/data/export/dataset-summary.ts). */
export function parseSummaryJson(text: string): SummaryFile & { name: string | null } {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    throw new RangeError(`not a readable JSON file: ${e instanceof Error ? e.message : String(e)}`);
  }
  const envelope = value as {
    format?: unknown;
    kind?: unknown;
    data?: { dataset?: { name?: unknown; unit?: unknown }; customers?: unknown };
  };
  if (envelope?.format !== 'lever-lab-export' || envelope.kind !== 'dataset-summary' || !envelope.data)
    throw new RangeError(
      'not a Lever Lab customer-summary export: a JSON file must be the Data page export (format "lever-lab-export", kind "dataset-summary")'
    );
  const customers = envelope.data.customers;
  if (!Array.isArray(customers)) throw new RangeError('the summary export has no customers list');
  const header = ['id', 'x', 'tx', 'T', 'm', 'firstSpend', 'xHoldout', 'holdoutSpend', 'firstDate', 'lastDate'];
  header.push('channel', 'segment', 'region', 'treatment');
  const columns = detectSummaryLayout(header)!;
  const reader = new SummaryRowReader(columns, (n) => `customer ${n}`);
  customers.forEach((c: Record<string, unknown>, i) => {
    const cell = (k: string) => {
      const v = c?.[k];
      return v === null || v === undefined ? '' : String(v);
    };
    reader.row(header.map(cell), i + 1);
  });
  const file = reader.finish();
  const unit = envelope.data.dataset?.unit;
  const name = envelope.data.dataset?.name;
  return {
    ...file,
    unit: unit === 'day' || unit === 'week' || unit === 'month' ? unit : file.unit,
    name: typeof name === 'string' ? name : null
  };
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
