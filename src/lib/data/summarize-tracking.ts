/**
 * Tracking of cumulative repeat transactions by week, actual vs expected: the
 * fit-quality plot of Fader, Hardie & Lee (2005, Figure 2 for CDNOW) and of the R
 * BTYD walkthrough. Expected cumulative repeat transactions at the end of week k
 * are  sum_i E[X(t_k - birth_i)]  over the calibration cohort (equation 9 of the
 * BG/NBD paper for E[X(t)]); customers are grouped by first-purchase day, so the
 * cost is O(distinct birth days x weeks) model evaluations, not O(customers x weeks).
 */
import type { PurchaseModel } from '../model/core/types.ts';
import type { TransactionTable } from './types.ts';
import { groupCustomerDays, type CustomerDays } from './customer-days.ts';
import { formatDay, parseIsoDateOption } from './import/dates.ts';

export interface TrackingSeries {
  version: 1;
  /** first day of week 1 (the first purchase day of the cohort) */
  startDate: string;
  periodDays: number;
  /** inclusive last day of each period */
  endDates: string[];
  /** periods whose end is on or before the calibration end */
  calibrationPeriods: number;
  /** cumulative repeat transaction days of the cohort at the end of each period */
  actual: number[];
}

export interface TrackingCohort {
  /** birth (first purchase) days, ascending and distinct, days since 1970-01-01 */
  birthDay: Int32Array;
  /** customers born that day */
  customers: Float64Array;
  startDay: number;
  /** inclusive end of each period, days since 1970-01-01 */
  periodEnd: Int32Array;
  calibrationEnd: number;
}

export interface TrackingOptions {
  /** inclusive calibration end YYYY-MM-DD (the cohort = customers first seen on or before it); default last date */
  calibrationEnd?: string;
  /** inclusive end of the series; default the last transaction date */
  end?: string;
  /** default 7 (weeks) */
  periodDays?: number;
}

/** Actual cumulative repeat transactions per period, and the cohort's birth-day histogram for the expected series. */
export function trackRepeatTransactions(
  table: TransactionTable,
  options: TrackingOptions = {},
  days?: CustomerDays
): { series: TrackingSeries; cohort: TrackingCohort } {
  const g = days ?? groupCustomerDays(table);
  const periodDays = options.periodDays ?? 7;
  if (!(Number.isInteger(periodDays) && periodDays >= 1))
    throw new RangeError(`invalid period length: ${periodDays} days (must be a positive integer)`);
  let lastDay = -Infinity;
  for (let i = 0; i < g.day.length; i++) if (g.purchase[i] && g.day[i] > lastDay) lastDay = g.day[i];
  const calEnd =
    options.calibrationEnd !== undefined ? parseIsoDateOption(options.calibrationEnd, 'calibration end') : lastDay;
  const end = options.end !== undefined ? parseIsoDateOption(options.end, 'tracking end') : lastDay;
  const births = new Map<number, number>();
  const repeatDays: number[] = [];
  let startDay = Infinity;
  for (let c = 0; c < g.ids.length; c++) {
    let k = g.start[c];
    while (k < g.start[c + 1] && !g.purchase[k]) k++;
    if (k === g.start[c + 1] || g.day[k] > calEnd) continue;
    const birth = g.day[k];
    births.set(birth, (births.get(birth) ?? 0) + 1);
    if (birth < startDay) startDay = birth;
    for (let j = k + 1; j < g.start[c + 1]; j++) if (g.purchase[j]) repeatDays.push(g.day[j]);
  }
  if (!Number.isFinite(startDay))
    throw new RangeError('cannot track: no customer makes a first purchase on or before the calibration end');
  const periods = Math.max(1, Math.ceil((end - startDay + 1) / periodDays));
  const periodEnd = new Int32Array(periods);
  for (let k = 0; k < periods; k++) periodEnd[k] = startDay + periodDays * (k + 1) - 1;
  const perPeriod = new Float64Array(periods);
  for (const d of repeatDays) {
    const k = Math.floor((d - startDay) / periodDays);
    if (k < periods) perPeriod[k]++;
  }
  const actual: number[] = [];
  let cumulative = 0;
  for (let k = 0; k < periods; k++) actual.push((cumulative += perPeriod[k]));
  let calibrationPeriods = 0;
  while (calibrationPeriods < periods && periodEnd[calibrationPeriods] <= calEnd) calibrationPeriods++;
  const birthDay = Int32Array.from([...births.keys()].sort((a, b) => a - b));
  return {
    series: {
      version: 1,
      startDate: formatDay(startDay),
      periodDays,
      endDates: Array.from(periodEnd, formatDay),
      calibrationPeriods,
      actual
    },
    cohort: {
      birthDay,
      customers: Float64Array.from(birthDay, (d) => births.get(d)!),
      startDay,
      periodEnd,
      calibrationEnd: calEnd
    }
  };
}

/**
 * Expected cumulative repeat transactions at the end of each period:
 * sum over birth days d <= end_k of n_d * E[X((end_k - d) / unitDays)].
 */
export function expectedTracking<P extends object>(
  cohort: TrackingCohort,
  model: Pick<PurchaseModel<P>, 'expectedTransactions'>,
  params: P,
  unitDays: number
): number[] {
  const out: number[] = [];
  // E[X(t)] depends on t only: cache by the day gap, which repeats across periods and births
  const cache = new Map<number, number>();
  const ex = (gap: number) => {
    let v = cache.get(gap);
    if (v === undefined) {
      v = gap <= 0 ? 0 : model.expectedTransactions(params, gap / unitDays);
      cache.set(gap, v);
    }
    return v;
  };
  for (let k = 0; k < cohort.periodEnd.length; k++) {
    const endDay = cohort.periodEnd[k];
    let sum = 0;
    for (let b = 0; b < cohort.birthDay.length && cohort.birthDay[b] <= endDay; b++) {
      sum += cohort.customers[b] * ex(endDay - cohort.birthDay[b]);
    }
    out.push(sum);
  }
  return out;
}
