/**
 * A compressed (weighted) summary: groups of customers sharing (segment, channel, x, t_x, T,
 * x_holdout), times in whole days, and the Gamma-Gamma spend groups (segment, channel, x, m),
 * as sql/compressed.*.sql writes them (sql/README.md). What the fits need, exactly:
 *
 *  - BG/NBD, Pareto/NBD, MBG/NBD: a customer enters the likelihood only through (x, t_x, T), so
 *    the triples with summed counts (`compressedRfmData`) give the per-customer likelihood. The
 *    times are converted to the model unit by the same division (days / unit days) the
 *    per-customer summary makes, so the triples are the same numbers.
 *  - Gamma-Gamma: the likelihood depends on each customer's (x, m) through log m and
 *    log(v + m x), which no sum or sum of squares of m captures; the spend groups keep every
 *    distinct (x, m) with its count, so `compressedSpendData` is exact. m_sum and m_sumsq per
 *    rfm group give the group's mean and variance of m (for display, and for E[M | x, m], which
 *    is linear in m, so the group mean gives the group's mean expectation exactly).
 *  - holdout scores: x_holdout is part of the group key, so per-customer errors (MAE, RMSE) are
 *    sums over groups of count x error.
 *  - acquisition: a group's first purchase day is calibration_end - T days.
 */
import { float64Of } from '../model/core/distinct.ts';
import type { RfmData, SpendData, TimeUnit } from '../model/core/types.ts';
import { compressRfmArrays, compressSpend } from '../model/core/fit/compress.ts';
import { formatDay, parseIsoDateOption } from './import/dates.ts';
import { UNIT_DAYS } from './summarize.ts';
import type { CustomerSummary } from './types.ts';

export interface SummaryGroup {
  segment: string;
  channel: string;
  x: number;
  /** whole days */
  txDays: number;
  TDays: number;
  /** repeat purchase days in the holdout, NaN without a holdout */
  xHoldout: number;
  customers: number;
  mSum: number;
  mSumSq: number;
  /** NaN when unknown */
  firstSpendSum: number;
  holdoutSpendSum: number;
}

export interface SpendGroup {
  segment: string;
  channel: string;
  x: number;
  m: number;
  customers: number;
}

export interface CompressedSummary {
  /** YYYY-MM-DD, inclusive */
  calibrationEnd: string;
  /** YYYY-MM-DD, inclusive; '' without a holdout */
  holdoutEnd: string;
  groups: SummaryGroup[];
  spend: SpendGroup[];
  /** total customers (sum of the rfm groups' counts) */
  customers: number;
}

/**
 * Distinct (x, t_x, T) triples in `unit` with summed counts, groups with T > 0 (as
 * toRfmData: a customer first seen on the calibration end carries no information); the model
 * core's compression, so the same numbers in the same order as for the customers one by one.
 */
export function compressedRfmData(summary: Pick<CompressedSummary, 'groups'>, unit: TimeUnit): RfmData {
  const days = UNIT_DAYS[unit];
  const kept = summary.groups.filter((g) => g.TDays > 0);
  return compressRfmArrays(
    float64Of(kept.length, (i) => kept[i].x),
    float64Of(kept.length, (i) => kept[i].txDays / days),
    float64Of(kept.length, (i) => kept[i].TDays / days),
    float64Of(kept.length, (i) => kept[i].customers)
  );
}

/** Distinct (x, m) with summed counts over segments and channels (the Gamma-Gamma input). */
export function compressedSpendData(summary: Pick<CompressedSummary, 'spend'>): SpendData {
  return compressSpend(
    Float64Array.from(summary.spend, (s) => s.x),
    Float64Array.from(summary.spend, (s) => s.m),
    Float64Array.from(summary.spend, (s) => s.customers)
  );
}

/** One group as the customer table shows it: times in `unit`, dates, mean spend. */
export interface GroupRow {
  segment: string;
  channel: string;
  customers: number;
  x: number;
  tx: number;
  T: number;
  xHoldout: number;
  /** mean over the group of m */
  m: number;
  /** standard deviation over the group of m (population) */
  mSd: number;
  firstDate: string;
}

export function groupRows(summary: CompressedSummary, unit: TimeUnit): GroupRow[] {
  const days = UNIT_DAYS[unit];
  const end = parseIsoDateOption(summary.calibrationEnd, 'calibration end');
  return summary.groups.map((g) => {
    const mean = g.mSum / g.customers;
    return {
      segment: g.segment,
      channel: g.channel,
      customers: g.customers,
      x: g.x,
      tx: g.txDays / days,
      T: g.TDays / days,
      xHoldout: g.xHoldout,
      m: mean,
      mSd: Math.sqrt(Math.max(0, g.mSumSq / g.customers - mean * mean)),
      firstDate: formatDay(end - g.TDays)
    };
  });
}

/** New customers per ISO week (from Monday) of first purchase, from the groups' T. */
export function firstPurchaseWeeks(summary: CompressedSummary): { weekStart: string; customers: number }[] {
  const end = parseIsoDateOption(summary.calibrationEnd, 'calibration end');
  const byWeek = new Map<number, number>();
  for (const g of summary.groups) {
    const first = end - g.TDays;
    // ISO weeks start on Monday; day 0 (1970-01-01) was a Thursday
    const monday = first - ((first + 3) % 7);
    byWeek.set(monday, (byWeek.get(monday) ?? 0) + g.customers);
  }
  return [...byWeek.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([d, customers]) => ({ weekStart: formatDay(d), customers }));
}

/**
 * The groups as stored rows of a dataset: one CustomerSummary a group with its `count`, times in
 * `unit` (the per-customer summary's division, so the same numbers), m, firstSpend and
 * holdoutSpend the group's means (0 when the file has none), first and last purchase dates from
 * the calibration end. Never one row per customer: ten million customers stay ~200,000 rows.
 */
export function groupSummaries(summary: CompressedSummary, unit: TimeUnit): CustomerSummary[] {
  const days = UNIT_DAYS[unit];
  const end = parseIsoDateOption(summary.calibrationEnd, 'calibration end');
  const width = String(summary.groups.length).length;
  const mean = (sum: number, n: number) => (Number.isFinite(sum) ? sum / n : 0);
  // a few hundred distinct days among hundreds of thousands of groups: each formatted once
  const dayText = new Map<number, string>();
  const day = (d: number) => {
    let text = dayText.get(d);
    if (text === undefined) dayText.set(d, (text = formatDay(d)));
    return text;
  };
  return summary.groups.map((g, k) => ({
    id: `group ${String(k + 1).padStart(width, '0')}`,
    x: g.x,
    tx: g.txDays / days,
    T: g.TDays / days,
    m: g.mSum / g.customers,
    firstSpend: mean(g.firstSpendSum, g.customers),
    xHoldout: g.xHoldout,
    holdoutSpend: mean(g.holdoutSpendSum, g.customers),
    firstDate: day(end - g.TDays),
    lastDate: day(end - g.TDays + g.txDays),
    channel: g.channel,
    segment: g.segment,
    region: '',
    treatment: -1,
    count: g.customers
  }));
}

/** The spend groups as columns (what is stored beside the groups, and what Gamma-Gamma is fitted on). */
export function spendGroupColumns(summary: Pick<CompressedSummary, 'spend'>): {
  x: Float64Array;
  m: Float64Array;
  customers: Float64Array;
} {
  return {
    x: Float64Array.from(summary.spend, (s) => s.x),
    m: Float64Array.from(summary.spend, (s) => s.m),
    customers: Float64Array.from(summary.spend, (s) => s.customers)
  };
}
