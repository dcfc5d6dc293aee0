/**
 * From per-customer summaries to the compressed inputs of the model fits, using
 * the model core's compression (src/lib/model/core/fit/compress.ts): distinct
 * (x, t_x, T) triples with counts for the BTYD purchase models, and distinct
 * (x, m) pairs for the Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM
 * and CLV", section 3: customers with x > 0 and m > 0).
 *
 * Customers first seen on the calibration end itself (T = 0) carry no information
 * (their likelihood is 1 under every BTYD model) and are left out of RfmData.
 */
import type { RfmData, SpendData } from '../model/core/types.ts';
import { compressRfmArrays, compressSpend } from '../model/core/fit/compress.ts';
import { float64Of } from '../model/core/distinct.ts';
import type { CustomerSummary } from './types.ts';

type Rfm = Pick<CustomerSummary, 'x' | 'tx' | 'T'> & Partial<Pick<CustomerSummary, 'count'>>;

/**
 * Distinct (x, t_x, T) triples with counts, for customers with T > 0; a row with a `count`
 * (a group of a compressed summary) counts as that many customers.
 */
export function toRfmData(summaries: readonly Rfm[]): RfmData {
  const kept = summaries.filter((s) => s.T > 0);
  const n = kept.length;
  return compressRfmArrays(
    float64Of(n, (i) => kept[i].x),
    float64Of(n, (i) => kept[i].tx),
    float64Of(n, (i) => kept[i].T),
    kept.some((s) => s.count !== undefined) ? float64Of(n, (i) => kept[i].count ?? 1) : undefined
  );
}

/** The customers the rows stand for: one a row, or its `count`. */
export function customerCount(rows: readonly Partial<Pick<CustomerSummary, 'count'>>[]): number {
  let n = 0;
  for (const r of rows) n += r.count ?? 1;
  return n;
}

/** Distinct (x, m) spend groups with counts (a compressed summary's, as stored with it). */
export interface SpendGroupColumns {
  x: ArrayLike<number>;
  m: ArrayLike<number>;
  customers: ArrayLike<number>;
}

/**
 * The Gamma-Gamma input: the spend groups when given (a compressed summary: its rows' mean m is
 * not enough, the likelihood needs every distinct m), else the rows one customer each.
 */
export function spendDataOf(
  rows: readonly Pick<CustomerSummary, 'x' | 'm'>[],
  spendGroups?: SpendGroupColumns | null
): SpendData {
  return spendGroups ? compressSpend(spendGroups.x, spendGroups.m, spendGroups.customers) : toSpendData(rows);
}

/** Customers with x > 0 and a positive mean repeat spend, as distinct (x, m) pairs. */
export function toSpendData(summaries: readonly Pick<CustomerSummary, 'x' | 'm'>[]): SpendData {
  return compressSpend(
    Float64Array.from(summaries, (s) => s.x),
    Float64Array.from(summaries, (s) => (Number.isFinite(s.m) ? s.m : 0))
  );
}
