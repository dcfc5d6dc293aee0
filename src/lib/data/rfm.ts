/**
 * RFM scores and member tiers for the CRM views (seed 002: RFM segmentation and
 * member tiers; Hughes 1994 for the classic 1-5 quintile coding).
 *
 * Scores: recency R from days since the last calibration purchase (recent = 5),
 * frequency F from calibration transaction days x + 1, monetary M from mean spend
 * per transaction day; each is the quintile of the customer's mid-rank, so ties
 * share a score: score = 1 + floor(5 * (rank_below + ties / 2) / n), in 1..5.
 *
 * Tiers by total calibration spend (first purchase + repeat spend): silver from
 * 5,000 (seed 002, CNY). Gold (20,000) and platinum (50,000) are illustrative
 * assumptions in the same currency. For data in another currency the thresholds
 * are converted with `scaleTierThresholds(thresholds, rate)`, rate = data currency
 * per CNY (e.g. about 0.14 for USD, 0.11 for GBP; illustrative, edit to taste).
 */
import type { CustomerSummary } from './types.ts';

export type Tier = 'none' | 'silver' | 'gold' | 'platinum';

export interface TierThresholds {
  version: 1;
  /** ISO 4217 code of the thresholds' currency */
  currency: string;
  silver: number;
  gold: number;
  platinum: number;
}

/** Seed 002: silver from 5,000 (CNY); gold and platinum are illustrative multiples (4x, 10x). */
export const SEED_TIER_THRESHOLDS: TierThresholds = {
  version: 1,
  currency: 'CNY',
  silver: 5000,
  gold: 20000,
  platinum: 50000
};

/** Illustrative conversion rates, units of the currency per CNY (late-2020s order of magnitude). */
export const PER_CNY: Readonly<Record<string, number>> = { CNY: 1, USD: 0.14, EUR: 0.13, GBP: 0.11, JPY: 21 };

export function validateTierThresholds(t: TierThresholds): void {
  if (!(t.silver > 0 && t.gold > t.silver && t.platinum > t.gold)) {
    throw new RangeError(
      `invalid tier thresholds: silver ${t.silver}, gold ${t.gold}, platinum ${t.platinum} (need 0 < silver < gold < platinum)`
    );
  }
}

/** Converts thresholds to another currency: `rate` = units of `currency` per unit of the thresholds' currency. */
export function scaleTierThresholds(t: TierThresholds, rate: number, currency: string): TierThresholds {
  if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError(`invalid exchange rate: ${rate} (must be > 0)`);
  return { version: 1, currency, silver: t.silver * rate, gold: t.gold * rate, platinum: t.platinum * rate };
}

/** The seed thresholds in a currency of PER_CNY. */
export function seedTierThresholdsIn(currency: string): TierThresholds {
  const rate = PER_CNY[currency];
  if (rate === undefined)
    throw new RangeError(
      `unknown currency: '${currency}' (known: ${Object.keys(PER_CNY).join(', ')}; use scaleTierThresholds with a rate)`
    );
  return scaleTierThresholds(SEED_TIER_THRESHOLDS, rate, currency);
}

/** Total calibration spend: first purchase plus x repeat days at mean m. */
export function calibrationSpend(c: Pick<CustomerSummary, 'x' | 'm' | 'firstSpend'>): number {
  return (Number.isFinite(c.firstSpend) ? c.firstSpend : 0) + c.x * c.m;
}

export function tierOf(totalSpend: number, t: TierThresholds): Tier {
  if (totalSpend >= t.platinum) return 'platinum';
  if (totalSpend >= t.gold) return 'gold';
  if (totalSpend >= t.silver) return 'silver';
  return 'none';
}

/** Mid-rank quintile scores 1..5 of `values` (higher value, higher score). */
export function quintileScores(values: ArrayLike<number>): Uint8Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const scores = new Uint8Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    const midRank = i + (j - i + 1) / 2; // values below + half the ties
    const score = Math.min(5, 1 + Math.floor((5 * midRank) / n));
    for (let k = i; k <= j; k++) scores[order[k]] = score;
    i = j + 1;
  }
  return scores;
}

export interface RfmScore {
  id: string;
  recency: number;
  frequency: number;
  monetary: number;
  /** e.g. '555' */
  cell: string;
  totalSpend: number;
  tier: Tier;
}

/** RFM quintile scores and tiers of the calibration cohort. */
export function rfmScores(
  customers: readonly CustomerSummary[],
  thresholds: TierThresholds = SEED_TIER_THRESHOLDS
): RfmScore[] {
  validateTierThresholds(thresholds);
  // recency: time since last purchase = T - t_x; smaller is better, so score its negative
  const r = quintileScores(Float64Array.from(customers, (c) => -(c.T - c.tx)));
  const f = quintileScores(Float64Array.from(customers, (c) => c.x + 1));
  const m = quintileScores(Float64Array.from(customers, (c) => calibrationSpend(c) / (c.x + 1)));
  return customers.map((c, i) => {
    const totalSpend = calibrationSpend(c);
    return {
      id: c.id,
      recency: r[i],
      frequency: f[i],
      monetary: m[i],
      cell: `${r[i]}${f[i]}${m[i]}`,
      totalSpend,
      tier: tierOf(totalSpend, thresholds)
    };
  });
}
