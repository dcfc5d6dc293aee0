/**
 * Residual CLV of the existing customers at the fitted baseline, and its compact
 * summary for the workbench (a histogram, quantiles, totals by segment and channel).
 *
 * - Non-contractual (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves
 *   for customer base analysis", JMR 42(4), eq. 1 with the BG/NBD DERT of Fader,
 *   Hardie & Lee 2005b / FH "Discounted expected transactions" note):
 *   CLV_i = margin x E[M | x_i, m_i] (Gamma-Gamma, FHL 2005 eq. 5) x DERT(delta, H | x_i, t_x,i, T_i),
 *   with delta the continuous weekly discount rate ln(1 + annual rate) / 52 and H the CLV
 *   horizon in weeks (Infinity: the lifetime). DERT comes from dert-table.ts (one integral
 *   per distinct (x, T)).
 * - Contractual (Fader & Hardie 2010, "Customer-base valuation in a contractual
 *   setting", Marketing Science 29(1), eq. 6): a subscriber still paying after n
 *   renewals is worth margin x price x DERL(d | n), with d = (1 + annual rate)^(period
 *   in years) - 1 per period, summed over the payments within the horizon; a subscriber
 *   who has stopped is worth 0.
 *
 * CLV is linear in the margin share, so the summary records the share it was computed
 * with and `clvAtMargin` rescales it to another without refitting.
 * Everything returned is plain JSON (no typed arrays), small enough for a worker message.
 */
import { float64Of } from '../model/core/distinct.ts';
import { conditionalExpectedSpend } from '../model/core/btyd/gammagamma.ts';
import { sbgDerlWithin } from '../model/core/btyd/sbg.ts';
import type {
  BgNbdParams,
  GammaGammaParams,
  ParetoNbdParams,
  PurchaseModelName,
  SbgParams
} from '../model/core/types.ts';
import { quantileSorted, weightedQuantileSorted } from '../model/core/quantile.ts';
import { bgnbdDertTable, purchaseDertTable } from './dert-table.ts';

export const CLV_SUMMARY_VERSION = 2;

/** the engine's default gross margin share (DEFAULT_ECONOMICS in src/lib/model/scenario/scenario.ts) */
export const DEFAULT_CLV_MARGIN_SHARE = 0.3;
/** 10% a year, the engine's default discount rate */
export const DEFAULT_CLV_ANNUAL_DISCOUNT = 0.1;
/** 520 weeks (10 years), the engine's default CLV window (DEFAULT_ECONOMICS.clvWindowWeeks) */
export const DEFAULT_CLV_HORIZON_WEEKS = 520;
/** at most this many bars in the histogram */
export const CLV_HISTOGRAM_BINS = 30;
/** a CLV below half a cent rounds to 0: such customers are counted as "worth nothing" */
export const CLV_ZERO_BELOW = 0.005;

export interface ClvOptions {
  /** gross margin as a share of spend, in [0, 1] */
  marginShare: number;
  /** annual discount rate, e.g. 0.1 for 10% a year */
  annualDiscountRate: number;
  /** weeks of future purchases counted; null: the customer's whole (residual) lifetime */
  horizonWeeks: number | null;
}

export interface ClvGroup {
  name: string;
  customers: number;
  /** mean residual CLV per customer, currency */
  meanClv: number;
  /** summed residual CLV (customer equity of the group), currency */
  totalClv: number;
}

export interface ClvHistogramBin {
  /** inclusive lower edge, currency */
  x0: number;
  /** exclusive upper edge, currency (the last bin also holds everything above it, see `overflow`) */
  x1: number;
  count: number;
}

export interface ClvSummary {
  version: typeof CLV_SUMMARY_VERSION;
  /** how the values were computed: '<purchase model>-gammagamma' (DERT) or 'sbg' (DERL) */
  method: 'bgnbd-gammagamma' | 'mbgnbd-gammagamma' | 'paretonbd-gammagamma' | 'sbg';
  marginShare: number;
  annualDiscountRate: number;
  /** weeks of future purchases counted; null: the lifetime */
  horizonWeeks: number | null;
  customers: number;
  /** customer equity of the existing base, currency */
  totalClv: number;
  meanClv: number;
  p10: number;
  p50: number;
  p90: number;
  maxClv: number;
  /** customers worth less than half a cent (e.g. P(alive) ~ 0, or churned subscribers) */
  zeroCustomers: number;
  /**
   * At most 30 equal bins of a nice width from 0 to just above the 99th percentile, so
   * the long tail does not squash the body; the customers above are counted in the last bin.
   * The counts sum to `customers`.
   */
  histogram: { bins: ClvHistogramBin[]; overflow: number };
  bySegment: ClvGroup[];
  byChannel: ClvGroup[];
}

function checkOptions({ marginShare, annualDiscountRate, horizonWeeks }: ClvOptions): void {
  if (!(marginShare >= 0 && marginShare <= 1))
    throw new RangeError(`invalid margin share: ${marginShare} (must be in [0, 1])`);
  if (!(annualDiscountRate > 0) || !Number.isFinite(annualDiscountRate))
    throw new RangeError(`invalid annual discount rate: ${annualDiscountRate} (must be a finite number > 0)`);
  if (horizonWeeks !== null && (!(horizonWeeks > 0) || !Number.isFinite(horizonWeeks)))
    throw new RangeError(
      `invalid CLV horizon: ${horizonWeeks} weeks (must be a finite number > 0, or null for the lifetime)`
    );
}

/**
 * The CLV terms in words, shown next to every CLV number: "10-year horizon, 10%/yr discount"
 * or "lifetime, 10%/yr discount".
 */
export function clvTerms(options: Pick<ClvOptions, 'annualDiscountRate' | 'horizonWeeks'>): string {
  const rate = `${Number((options.annualDiscountRate * 100).toPrecision(3))}%/yr discount`;
  if (options.horizonWeeks === null) return `lifetime, ${rate}`;
  const weeks = options.horizonWeeks;
  const span = weeks % 52 === 0 ? `${weeks / 52}-year` : `${weeks.toLocaleString('en')}-week`;
  return `${span} horizon, ${rate}`;
}

/** Continuous discount rate per week equivalent to an annual rate: ln(1 + r) / 52. */
export function weeklyContinuousDiscount(annualDiscountRate: number): number {
  return Math.log1p(annualDiscountRate) / 52;
}

/** Customers in model weeks: x repeat purchases, t_x and T in weeks, m mean repeat spend. */
export interface ClvCustomerWeeks {
  x: number;
  txWeeks: number;
  TWeeks: number;
  m: number;
}

/**
 * Residual CLV of each customer under a purchase model + Gamma-Gamma (DERT from dert-table.ts):
 * BG/NBD parameters, or `{ model, params }` of BG/NBD, MBG/NBD or Pareto/NBD.
 */
export function nonContractualClv(
  customers: readonly ClvCustomerWeeks[],
  purchase: BgNbdParams | { model: PurchaseModelName; params: BgNbdParams | ParetoNbdParams },
  spend: GammaGammaParams,
  options: ClvOptions,
  /** called with the share of customers valued so far, every 5% or so */
  onProgress?: (done: number) => void
): Float64Array {
  checkOptions(options);
  const delta = weeklyContinuousDiscount(options.annualDiscountRate);
  const out = new Float64Array(customers.length);
  const dertOf =
    'model' in purchase
      ? purchaseDertTable(purchase.model, purchase.params, delta, options.horizonWeeks ?? Infinity)
      : bgnbdDertTable(purchase, delta, options.horizonWeeks ?? Infinity);
  const every = Math.max(1, Math.ceil(customers.length / 20));
  for (let i = 0; i < customers.length; i++) {
    if (onProgress && i % every === 0 && i > 0) onProgress(i / customers.length);
    const c = customers[i];
    const dert = dertOf(c.x, c.txWeeks, c.TWeeks);
    out[i] = dert === 0 ? 0 : options.marginShare * conditionalExpectedSpend(spend, c.x, c.m) * dert;
  }
  return out;
}

export interface ClvSubscriber {
  /** renewals made in calibration */
  renewals: number;
  /** still within a paid period at the calibration end */
  active: boolean;
  /** price per period paid by this subscriber, currency */
  pricePerPeriod: number;
}

/** Residual CLV of each subscriber under the sBG: margin x price x DERL(renewals); 0 once stopped. */
export function contractualClv(
  subscribers: readonly ClvSubscriber[],
  params: SbgParams,
  periodWeeks: number,
  options: ClvOptions
): Float64Array {
  checkOptions(options);
  if (!(periodWeeks > 0)) throw new RangeError(`invalid subscription period: ${periodWeeks} weeks (must be > 0)`);
  const perPeriod = Math.expm1((periodWeeks / 52) * Math.log1p(options.annualDiscountRate));
  // payments at 0, P, 2P, ... weeks from now that fall within the horizon
  const payments = options.horizonWeeks === null ? Infinity : Math.ceil(options.horizonWeeks / periodWeeks - 1e-9);
  const derlCache = new Map<number, number>();
  const out = new Float64Array(subscribers.length);
  for (let i = 0; i < subscribers.length; i++) {
    const s = subscribers[i];
    if (!s.active) continue;
    let derl = derlCache.get(s.renewals);
    if (derl === undefined) {
      derl = sbgDerlWithin(params, perPeriod, s.renewals, payments);
      derlCache.set(s.renewals, derl);
    }
    out[i] = options.marginShare * s.pricePerPeriod * derl;
  }
  return out;
}

/** Type-7 quantile of the sorted values; 0 for no customers. */
function quantileOr0(sorted: Float64Array, q: number): number {
  return sorted.length === 0 ? 0 : quantileSorted(sorted, q);
}

/** A 1-2-5 x 10^k bound at or above v (v > 0). */
function niceCeil(v: number): number {
  const e = Math.pow(10, Math.floor(Math.log10(v)));
  for (const f of [1, 2, 2.5, 5, 10]) if (f * e >= v * (1 - 1e-12)) return f * e;
  return 10 * e;
}

/**
 * The summary of CLVs from their count, total, customers worth nothing, maximum and quantiles:
 * the histogram and the segment and channel groups (row i counts weights[i] customers, one
 * without weights).
 */
function clvSummaryOf(
  clv: Float64Array,
  labels: readonly { segment: string; channel: string }[],
  method: ClvSummary['method'],
  options: ClvOptions,
  weights: ArrayLike<number> | undefined,
  {
    customers,
    total,
    zero,
    max,
    quantile
  }: { customers: number; total: number; zero: number; max: number; quantile: (q: number) => number }
): ClvSummary {
  return {
    version: CLV_SUMMARY_VERSION,
    method,
    marginShare: options.marginShare,
    annualDiscountRate: options.annualDiscountRate,
    horizonWeeks: options.horizonWeeks,
    customers,
    totalClv: total,
    meanClv: customers ? total / customers : 0,
    p10: quantile(0.1),
    p50: quantile(0.5),
    p90: quantile(0.9),
    maxClv: max,
    zeroCustomers: zero,
    histogram: clvHistogram(clv, quantile(0.99), max, weights),
    bySegment: groups(
      clv,
      labels.map((l) => l.segment),
      weights
    ),
    byChannel: groups(
      clv,
      labels.map((l) => l.channel),
      weights
    )
  };
}

/**
 * The CLV histogram: bins of a nice width (1, 2, 2.5 or 5 x 10^k) covering the 99th percentile
 * in at most CLV_HISTOGRAM_BINS, the customers above the last bin in `overflow` and in the last
 * bin; row i counts weights[i] customers (one without weights).
 */
function clvHistogram(
  clv: Float64Array,
  p99: number,
  max: number,
  weights?: ArrayLike<number>
): { bins: ClvHistogramBin[]; overflow: number } {
  const reach = Math.max(p99, max * 1e-3, 1);
  const width = niceCeil(reach / CLV_HISTOGRAM_BINS);
  const binCount = Math.max(1, Math.min(CLV_HISTOGRAM_BINS, Math.ceil(reach / width - 1e-9)));
  const upper = binCount * width;
  const bins: ClvHistogramBin[] = Array.from({ length: binCount }, (_, k) => ({
    x0: k * width,
    x1: (k + 1) * width,
    count: 0
  }));
  let overflow = 0;
  for (let i = 0; i < clv.length; i++) {
    const v = clv[i];
    const w = weights ? weights[i] : 1;
    if (v >= upper) overflow += w;
    bins[Math.min(binCount - 1, Math.floor(v / width))].count += w;
  }
  return { bins, overflow };
}

function groups(clv: Float64Array, names: readonly string[], weights?: ArrayLike<number>): ClvGroup[] {
  const acc = new Map<string, { customers: number; totalClv: number }>();
  for (let i = 0; i < clv.length; i++) {
    const name = names[i] || 'unknown';
    const g = acc.get(name) ?? { customers: 0, totalClv: 0 };
    const w = weights ? weights[i] : 1;
    g.customers += w;
    g.totalClv += w * clv[i];
    acc.set(name, g);
  }
  return [...acc]
    .map(([name, g]) => ({ name, customers: g.customers, meanClv: g.totalClv / g.customers, totalClv: g.totalClv }))
    .sort((a, b) => b.totalClv - a.totalClv || a.name.localeCompare(b.name));
}

/**
 * The compact summary of per-customer CLVs with each customer's segment and channel; with
 * `weights`, row i is a group of weights[i] customers each worth clv[i] (a compressed summary),
 * and every count, total, quantile and bar is over the customers.
 */
export function summariseClv(
  clv: Float64Array,
  labels: readonly { segment: string; channel: string }[],
  method: ClvSummary['method'],
  options: ClvOptions,
  weights?: ArrayLike<number>
): ClvSummary {
  checkOptions(options);
  if (weights) return summariseWeightedClv(clv, labels, method, options, weights);
  const n = clv.length;
  if (labels.length !== n) throw new RangeError(`CLV summary: ${n} values but ${labels.length} customer labels`);
  for (let i = 0; i < n; i++)
    if (!(clv[i] >= 0) || !Number.isFinite(clv[i]))
      throw new RangeError(`CLV summary: customer ${i} has CLV ${clv[i]} (must be a finite number >= 0)`);
  const sorted = Float64Array.from(clv).sort();
  let total = 0;
  let zero = 0;
  for (let i = 0; i < n; i++) {
    total += clv[i];
    if (clv[i] < CLV_ZERO_BELOW) zero++;
  }
  const max = n ? sorted[n - 1] : 0;
  return clvSummaryOf(clv, labels, method, options, undefined, {
    customers: n,
    total,
    zero,
    max,
    quantile: (q) => quantileOr0(sorted, q)
  });
}

/** summariseClv over groups of customers (row i: weights[i] customers each worth clv[i]). */
function summariseWeightedClv(
  clv: Float64Array,
  labels: readonly { segment: string; channel: string }[],
  method: ClvSummary['method'],
  options: ClvOptions,
  weights: ArrayLike<number>
): ClvSummary {
  const rows = clv.length;
  if (labels.length !== rows || weights.length !== rows)
    throw new RangeError(`CLV summary: ${rows} values but ${labels.length} labels and ${weights.length} weights`);
  let n = 0;
  let total = 0;
  let zero = 0;
  for (let i = 0; i < rows; i++) {
    if (!(clv[i] >= 0) || !Number.isFinite(clv[i]))
      throw new RangeError(`CLV summary: group ${i} has CLV ${clv[i]} (must be a finite number >= 0)`);
    if (!(weights[i] >= 0) || !Number.isFinite(weights[i]))
      throw new RangeError(`CLV summary: group ${i} has ${weights[i]} customers (must be a finite number >= 0)`);
    n += weights[i];
    total += weights[i] * clv[i];
    if (clv[i] < CLV_ZERO_BELOW) zero += weights[i];
  }
  const order = Array.from({ length: rows }, (_, i) => i).sort((a, b) => clv[a] - clv[b]);
  const sorted = float64Of(rows, (k) => clv[order[k]]);
  const sortedWeights = float64Of(rows, (k) => weights[order[k]]);
  const quantile = (q: number) => weightedQuantileSorted(sorted, sortedWeights, q);
  const max = rows ? sorted[rows - 1] : 0;
  return clvSummaryOf(clv, labels, method, options, weights, { customers: n, total, zero, max, quantile });
}

/**
 * The same summary at another margin share (CLV is proportional to the margin): the
 * workbench follows the scenario's gross margin without refitting. The customer counts,
 * including those worth nothing, do not change.
 */
export function clvAtMargin(summary: ClvSummary, marginShare: number): ClvSummary {
  checkOptions({ marginShare, annualDiscountRate: summary.annualDiscountRate, horizonWeeks: summary.horizonWeeks });
  if (!(summary.marginShare > 0)) return summary;
  const k = marginShare / summary.marginShare;
  const scaleGroup = (g: ClvGroup): ClvGroup => ({ ...g, meanClv: g.meanClv * k, totalClv: g.totalClv * k });
  return {
    ...summary,
    marginShare,
    totalClv: summary.totalClv * k,
    meanClv: summary.meanClv * k,
    p10: summary.p10 * k,
    p50: summary.p50 * k,
    p90: summary.p90 * k,
    maxClv: summary.maxClv * k,
    histogram: {
      bins: summary.histogram.bins.map((b) => ({ x0: b.x0 * k, x1: b.x1 * k, count: b.count })),
      overflow: summary.histogram.overflow
    },
    bySegment: summary.bySegment.map(scaleGroup),
    byChannel: summary.byChannel.map(scaleGroup)
  };
}
