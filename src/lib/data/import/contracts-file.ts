/**
 * Subscription contracts: one row per subscription with a start date, an end date (empty
 * while still active, or a status column saying so), and optionally a plan (the cohort),
 * a price per period and an acquisition channel. A subscription business's own data in the
 * layout its billing system exports, e.g.
 *
 *   customer_id,start_date,end_date,plan,price
 *   A1,2023-01-15,2023-06-02,basic,9.99
 *   A2,2023-02-01,,pro,19.99
 *
 * Each contract becomes one subscriber of the shifted-beta-geometric model (Fader & Hardie
 * 2007, "How to project customer retention", J. Interactive Marketing 21(1)): billed at the
 * start and at every period after it (periods of 7 days, or of 365.25 / 12 days for
 * monthly billing, the summariser's units), so a contract
 *   - that ended on day e paid k = max(1, ceil((e - s) / P)) periods and churned after them;
 *   - still active at the observation end o (no end, or an end after o) paid
 *     k = floor((o - s) / P) + 1 periods so far and is censored (still subscribed).
 * In the per-customer summary of the data layer, in periods: x = t_x = k - 1 renewals,
 * T = (o - s) / P, so "still within a paid period" is T - t_x < 1 (the fit step's rule,
 * src/lib/pipeline/fit-step.ts); a known churner whose last paid period reaches past the
 * observation end gets T = k, so it is never mistaken for a censored subscriber.
 *
 * Every row is checked; a row that cannot be a subscription (no start, an end before its
 * start, a start after the observation end, a negative price, an id seen twice) is a
 * problem naming its line and column, and an import with problems stores nothing.
 */
import Papa from 'papaparse';
import type { CustomerSummary, TransactionTable } from '../types.ts';
import type { RejectedRow } from './import-transactions.ts';
import { detectDateFormat, formatDay, parseDay, type DateFormat } from './dates.ts';
import { detectDecimalMark, parseAmount, type DecimalMark } from './amounts.ts';
import { UNIT_DAYS } from '../summarize.ts';
import { plural } from '../../text/plural.ts';

/** The billing period of a subscription file (the dataset's model unit). */
export type BillingPeriod = 'week' | 'month';

type Role = 'id' | 'start' | 'end' | 'status' | 'plan' | 'price' | 'channel';

export interface ContractColumns {
  index: Record<Role, number>;
  header: string[];
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Header names (normalised) of each field, most specific first. */
const NAMES: Record<Role, string[]> = {
  id: ['customerid', 'subscriberid', 'subscriptionid', 'accountid', 'memberid', 'userid', 'customer', 'id'],
  start: [
    'startdate',
    'start',
    'startedat',
    'started',
    'subscribedat',
    'subscriptionstart',
    'signupdate',
    'signup',
    'contractstart'
  ],
  end: [
    'enddate',
    'end',
    'endedat',
    'ended',
    'canceldate',
    'cancellationdate',
    'cancelledat',
    'canceledat',
    'churndate',
    'subscriptionend',
    'contractend'
  ],
  status: ['status', 'active', 'isactive'],
  plan: ['plan', 'cohort', 'tier', 'product', 'package'],
  price: ['priceperperiod', 'price', 'fee', 'mrr', 'amount'],
  channel: ['channel', 'acquisitionchannel', 'source']
};

/** The columns of a contracts header, or null when it is not one (a start and an end or status column are needed). */
export function detectContractsLayout(header: readonly string[]): ContractColumns | null {
  const names = header.map((h) => norm(String(h)));
  const used = new Set<number>();
  const find = (role: Role) => {
    for (const c of NAMES[role]) {
      const i = names.indexOf(c);
      if (i >= 0 && !used.has(i)) {
        used.add(i);
        return i;
      }
    }
    return -1;
  };
  const index = {} as Record<Role, number>;
  for (const role of ['id', 'start', 'end', 'status', 'plan', 'price', 'channel'] as const) index[role] = find(role);
  if (index.start < 0 || (index.end < 0 && index.status < 0)) return null;
  return { index, header: header.map(String) };
}

/** A status cell that means the subscription is still running. */
const ACTIVE = /^(active|yes|y|true|1|live|current|running|subscribed)$/i;
const ENDED = /^(cancel+ed|churned|ended|inactive|no|n|false|0|expired|closed|terminated|lapsed)$/i;

export interface ContractRow {
  id: string;
  /** day numbers (days since 1970-01-01) */
  start: number;
  /** NaN while active */
  end: number;
  plan: string;
  /** NaN when the file has no price */
  price: number;
  channel: string;
  line: number;
}

export interface ContractsFile {
  rows: ContractRow[];
  rejects: RejectedRow[];
  columns: ContractColumns;
  dateFormat: DateFormat | null;
  /** latest date in the file (a start or an end), YYYY-MM-DD: the default observation end */
  lastDate: string;
  firstDate: string;
}

/**
 * Parses a contracts CSV. Dates in one format for the file (detected from the first rows,
 * or `dateFormat`); D/M/Y vs M/D/Y that the rows cannot tell apart is an error asking for it.
 */
export function parseContractsCsv(
  text: string,
  options: { dateFormat?: DateFormat; decimal?: DecimalMark } = {}
): ContractsFile {
  const parsed = Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { skipEmptyLines: 'greedy' });
  const [header = [], ...body] = parsed.data;
  const columns = detectContractsLayout(header);
  if (!columns)
    throw new RangeError(
      `not a contracts file: it needs a start date column and an end date or status column (found ${header.join(', ') || 'no header'})`
    );
  const at = columns.index;
  const name = (role: Role) => `'${columns.header[at[role]]}'`;
  const cell = (row: readonly string[], role: Role) => (at[role] >= 0 ? (row[at[role]] ?? '').trim() : '');
  let dateFormat = options.dateFormat ?? null;
  if (!dateFormat) {
    const samples = body.slice(0, 500).flatMap((r) => [cell(r, 'start'), cell(r, 'end')]);
    const detected = detectDateFormat(samples);
    if (detected.ambiguous)
      throw new RangeError(
        `the dates could be read as ${detected.candidates.join(' or ')}: say which (dateFormat) to import the contracts`
      );
    dateFormat = detected.format;
    if (!dateFormat) throw new RangeError(`the dates in ${name('start')} are in no format Lever Lab reads`);
  }
  // prices as the file writes them ("9,99 €", "$1,234.50"): the decimal mark given, else the
  // one that reads every price (the comma in a semicolon-separated file when both would)
  const decimal =
    options.decimal ??
    (at.price >= 0
      ? detectDecimalMark(
          body.map((r) => cell(r, 'price')),
          parsed.meta.delimiter === ';' ? 'comma' : 'point'
        ).mark
      : 'point');
  const rows: ContractRow[] = [];
  const rejects: RejectedRow[] = [];
  const seen = new Map<string, number>();
  let first = Infinity;
  let last = -Infinity;
  body.forEach((row, i) => {
    const line = i + 2;
    const problem = (role: Role | null, reason: string) =>
      rejects.push({
        line,
        reason: `line ${line}${role ? `, column ${name(role)}` : ''}: ${reason}`,
        text: row.join(',').slice(0, 500)
      });
    const id = at.id >= 0 ? cell(row, 'id') : `row ${line}`;
    if (id === '') return problem('id', 'no customer id');
    const before = seen.get(id);
    if (before !== undefined) return problem('id', `subscription '${id}' appears twice (first on line ${before})`);
    const startText = cell(row, 'start');
    const start = parseDay(startText, dateFormat);
    if (Number.isNaN(start))
      return problem('start', startText === '' ? 'empty (the start date is needed)' : `'${startText}' is not a date`);
    const endText = cell(row, 'end');
    const status = cell(row, 'status');
    let end = NaN;
    if (endText !== '') {
      end = parseDay(endText, dateFormat);
      if (Number.isNaN(end)) return problem('end', `'${endText}' is not a date`);
      if (end < start) return problem('end', `ends (${endText}) before it starts (${startText})`);
      if (status !== '' && ACTIVE.test(status) && at.status >= 0)
        return problem('status', `says '${status}' but the subscription has an end date (${endText})`);
    } else if (at.status >= 0) {
      if (status === '' || (!ACTIVE.test(status) && !ENDED.test(status)))
        return problem('status', status === '' ? 'empty, and no end date' : `'${status}' is not a status read here`);
      if (ENDED.test(status)) return problem('end', `the subscription is '${status}' but has no end date`);
    }
    const priceText = cell(row, 'price');
    const price = priceText === '' ? NaN : parseAmount(priceText, decimal);
    if (priceText !== '' && !(Number.isFinite(price) && price >= 0))
      return problem('price', `'${cell(row, 'price')}' is not a price >= 0`);
    seen.set(id, line);
    first = Math.min(first, start);
    last = Math.max(last, start, Number.isNaN(end) ? start : end);
    rows.push({ id, start, end, plan: cell(row, 'plan'), price, channel: cell(row, 'channel'), line });
  });
  return {
    rows,
    rejects,
    columns,
    dateFormat,
    firstDate: rows.length ? formatDay(first) : '',
    lastDate: rows.length ? formatDay(last) : ''
  };
}

export interface Subscribers {
  /** one per subscriber, in the period unit (x = t_x = renewals, T = periods observed) */
  customers: CustomerSummary[];
  /** per subscriber: periods paid (>= 1) and whether still subscribed at the observation end */
  periodsPaid: number[];
  subscribed: boolean[];
  /** contracts that start after the observation end: problems, each naming its line */
  rejects: RejectedRow[];
  observationEnd: string;
}

/** The sBG subscribers of a contracts file at `observationEnd` (default: its last date), billed every `period`. */
export function contractsToSubscribers(
  file: Pick<ContractsFile, 'rows' | 'lastDate'>,
  period: BillingPeriod,
  observationEnd = file.lastDate
): Subscribers {
  const o = parseDay(observationEnd, 'iso');
  if (Number.isNaN(o)) throw new RangeError(`invalid observation end: '${observationEnd}' (expected YYYY-MM-DD)`);
  const P = UNIT_DAYS[period];
  const customers: CustomerSummary[] = [];
  const periodsPaid: number[] = [];
  const subscribed: boolean[] = [];
  const rejects: RejectedRow[] = [];
  for (const r of file.rows) {
    if (r.start > o) {
      rejects.push({
        line: r.line,
        reason: `line ${r.line}: starts on ${formatDay(r.start)}, after the observation end ${observationEnd}`,
        text: r.id
      });
      continue;
    }
    const active = Number.isNaN(r.end) || r.end > o;
    const age = (o - r.start) / P;
    // a tiny tolerance so that a contract ending exactly n periods after it started paid n, not n + 1
    const k = active ? Math.floor(age + 1e-9) + 1 : Math.max(1, Math.ceil((r.end - r.start) / P - 1e-9));
    const price = Number.isFinite(r.price) ? r.price : 0;
    periodsPaid.push(k);
    subscribed.push(active);
    customers.push({
      id: r.id,
      x: k - 1,
      tx: k - 1,
      T: active ? age : Math.max(age, k),
      m: k > 1 ? price : 0,
      firstSpend: price,
      xHoldout: NaN,
      holdoutSpend: 0,
      firstDate: formatDay(r.start),
      lastDate: formatDay(r.start + Math.floor((k - 1) * P)),
      channel: r.channel || 'unknown',
      segment: r.plan || 'all',
      region: '',
      treatment: -1
    });
  }
  return { customers, periodsPaid, subscribed, rejects, observationEnd };
}

/** One line for the import result: how many subscriptions, how many still active, the plans. */
export function describeSubscribers(s: Subscribers, period: BillingPeriod): string {
  const active = s.subscribed.filter(Boolean).length;
  const plans = new Set(s.customers.map((c) => c.segment));
  return `${plural(s.customers.length, 'subscription')} (${active.toLocaleString('en-US')} active on ${s.observationEnd}), billed every ${period}, ${plural(plans.size, 'plan')}`;
}

/**
 * The payments the subscribers made (one row per paid period, on its billing day, of the
 * plan's price), stored as the dataset's transactions so the Data page, its exports and the
 * tracking views read a subscription dataset as they read any other.
 */
export function subscriberPayments(s: Subscribers, period: BillingPeriod): TransactionTable {
  const P = UNIT_DAYS[period];
  const length = s.periodsPaid.reduce((a, k) => a + k, 0);
  const customerId: string[] = new Array(length);
  const channel: string[] = new Array(length);
  const day = new Int32Array(length);
  const amount = new Float64Array(length);
  const quantity = new Float64Array(length).fill(1);
  let j = 0;
  s.customers.forEach((c, i) => {
    const start = parseDay(c.firstDate, 'iso');
    for (let k = 0; k < s.periodsPaid[i]; k++, j++) {
      customerId[j] = c.id;
      channel[j] = c.channel === 'unknown' ? '' : c.channel;
      day[j] = start + Math.floor(k * P);
      amount[j] = c.firstSpend;
    }
  });
  return { customerId, day, amount, quantity, channel, length };
}
