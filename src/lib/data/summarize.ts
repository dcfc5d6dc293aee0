/**
 * Per-customer calibration / holdout summary (x, t_x, T, m) of a transaction
 * table, with the conventions of the BTYD literature (Fader, Hardie & Lee 2005,
 * "Counting your customers the easy way", section 4; the CDNOW walkthrough of the
 * R BTYD package):
 *  - purchases by one customer on the same calendar day are one transaction (spend summed);
 *  - the calibration period ends on `calibrationEnd` inclusive;
 *  - x   = repeat transaction days in calibration (first purchase excluded);
 *  - t_x = (last calibration purchase day - first purchase day) / unit;
 *  - T   = (calibration end - first purchase day) / unit;
 *  - m   = mean net spend per repeat transaction day in calibration (first purchase excluded);
 *  - holdout = (calibrationEnd, holdoutEnd]: transaction days and spend.
 * Customers whose first purchase is after the calibration end are not part of the
 * calibration cohort; they are excluded and counted.
 * Units: day = 1 day, week = 7 days, month = 365.25 / 12 days.
 */
import type { TimeUnit } from '../model/core/types.ts';
import type { CustomerSummary, SummaryOptions, TransactionTable } from './types.ts';
import { groupCustomerDays, type CustomerDays } from './customer-days.ts';
import { formatDay, parseIsoDateOption } from './import/dates.ts';

export const UNIT_DAYS: Record<TimeUnit, number> = { day: 1, week: 7, month: 365.25 / 12 };

export interface SummarizeOptions extends SummaryOptions {
  /** inclusive end of the holdout period, YYYY-MM-DD; default: the last transaction date */
  holdoutEnd?: string;
}

export interface SummaryResult {
  version: 1;
  unit: TimeUnit;
  /** days per model period */
  unitDays: number;
  calibrationEnd: string;
  /** inclusive end of the holdout, or null when the calibration runs to the end of the data */
  holdoutEnd: string | null;
  /** holdout length in model periods (0 when none) */
  holdoutLength: number;
  /** first and last transaction dates in the data */
  firstDate: string;
  lastDate: string;
  customers: CustomerSummary[];
  /** customers whose first purchase falls after the calibration end (not in `customers`) */
  excludedAfterCalibration: number;
  /** customers with only returns, no purchase day (not in `customers`) */
  excludedNoPurchase: number;
  /** rows of the table */
  transactionRows: number;
  /** distinct (customer, purchase day) pairs in the whole table */
  transactionDays: number;
  hasSpend: boolean;
}

function unitOf(unit: unknown): TimeUnit {
  if (unit === undefined) return 'week';
  if (unit === 'day' || unit === 'week' || unit === 'month') return unit;
  throw new RangeError(`invalid time unit: '${String(unit)}' (must be day, week or month)`);
}

/** Summarises customers; `days` may be passed when already grouped (tracking reuses it). */
export function summarize(table: TransactionTable, options: SummarizeOptions = {}, days?: CustomerDays): SummaryResult {
  if (table.length === 0) throw new RangeError('cannot summarise an empty transaction table (0 rows)');
  const unit = unitOf(options.unit);
  const unitDays = UNIT_DAYS[unit];
  const g = days ?? groupCustomerDays(table);
  let firstDay = Infinity;
  let lastDay = -Infinity;
  for (let i = 0; i < g.day.length; i++) {
    if (!g.purchase[i]) continue;
    if (g.day[i] < firstDay) firstDay = g.day[i];
    if (g.day[i] > lastDay) lastDay = g.day[i];
  }
  if (!Number.isFinite(firstDay)) throw new RangeError('cannot summarise: the table has no purchases (only returns)');
  const calEnd =
    options.calibrationEnd !== undefined ? parseIsoDateOption(options.calibrationEnd, 'calibration end') : lastDay;
  if (calEnd < firstDay) {
    throw new RangeError(
      `invalid calibration end: ${formatDay(calEnd)} is before the first transaction (${formatDay(firstDay)})`
    );
  }
  const holdEnd = options.holdoutEnd !== undefined ? parseIsoDateOption(options.holdoutEnd, 'holdout end') : lastDay;
  const hasHoldout = holdEnd > calEnd;
  const customers: CustomerSummary[] = [];
  let excludedAfterCalibration = 0;
  let excludedNoPurchase = 0;
  let transactionDays = 0;
  for (let c = 0; c < g.ids.length; c++) {
    const from = g.start[c];
    const to = g.start[c + 1];
    let k = from;
    while (k < to && !g.purchase[k]) k++; // returns before the first purchase are ignored
    if (k === to) {
      excludedNoPurchase++;
      continue;
    }
    for (let j = k; j < to; j++) transactionDays += g.purchase[j];
    const first = g.day[k];
    if (first > calEnd) {
      excludedAfterCalibration++;
      continue;
    }
    const firstSpend = g.spend[k];
    let x = 0;
    let lastCal = first;
    let repeatSpend = 0;
    let xHoldout = 0;
    let holdoutSpend = 0;
    let last = first;
    for (let j = k + 1; j < to; j++) {
      const d = g.day[j];
      if (d <= calEnd) {
        repeatSpend += g.spend[j];
        if (g.purchase[j]) {
          x++;
          lastCal = d;
        }
      } else if (d <= holdEnd) {
        holdoutSpend += g.spend[j];
        xHoldout += g.purchase[j];
      }
      if (g.purchase[j] && d <= holdEnd) last = d;
    }
    customers.push({
      id: g.ids[c],
      x,
      tx: (lastCal - first) / unitDays,
      T: (calEnd - first) / unitDays,
      m: x > 0 && g.hasSpend ? Math.max(0, repeatSpend / x) : 0,
      firstSpend,
      xHoldout: hasHoldout ? xHoldout : NaN,
      holdoutSpend: hasHoldout ? holdoutSpend : NaN,
      firstDate: formatDay(first),
      lastDate: formatDay(last),
      channel: g.channel[c],
      segment: '',
      region: '',
      treatment: -1
    });
  }
  return {
    version: 1,
    unit,
    unitDays,
    calibrationEnd: formatDay(calEnd),
    holdoutEnd: hasHoldout ? formatDay(holdEnd) : null,
    holdoutLength: hasHoldout ? (holdEnd - calEnd) / unitDays : 0,
    firstDate: formatDay(firstDay),
    lastDate: formatDay(lastDay),
    customers,
    excludedAfterCalibration,
    excludedNoPurchase,
    transactionRows: table.length,
    transactionDays,
    hasSpend: g.hasSpend
  };
}
