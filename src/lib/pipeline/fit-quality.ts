/**
 * The fit-quality tables of the BTYD literature, shared by the CDNOW validation page
 * (src/lib/validate/cdnow.ts) and the holdout evaluation of any dataset (holdout-evaluation.ts):
 *  - the calibration frequency histogram, actual vs expected (Fader, Hardie & Lee 2005,
 *    "Counting your customers the easy way", Figure 1): expected customers with n repeat
 *    transactions = sum_i P(X(T_i) = n) (BG/NBD eq. 8), each customer with their own T,
 *    the last bin "7+" = N - sum_{n<7};
 *  - conditional expectations: mean holdout transactions by calibration frequency, actual vs
 *    E[Y(t) | x, t_x, T] (BG/NBD eq. 10; FHL 2005 Figure 4).
 */
import type { PurchaseModel, RfmData } from '../model/core/types.ts';

/** Highest frequency bin; the last bin holds this many repeat transactions or more. */
export const FREQUENCY_BINS = 7;

export interface FrequencyBin {
  /** repeat transactions in calibration; the last bin is "x or more" */
  x: number;
  label: string;
  actual: number;
  expected: number;
}

export interface ConditionalBin {
  x: number;
  label: string;
  customers: number;
  /** mean holdout transactions of the customers in the bin */
  actual: number;
  /** mean E[Y(holdout) | x, t_x, T] of the same customers */
  expected: number;
}

export const binLabel = (x: number, bins: number) => (x === bins ? `${bins}+` : String(x));

/**
 * Expected customers with 0..bins-1 and bins+ repeat transactions in calibration:
 * sum over customers of P(X(T_i) = n), grouped by distinct T.
 */
export function expectedFrequency<P extends object>(
  model: Pick<PurchaseModel<P>, 'probTransactions'>,
  params: P,
  rfm: RfmData,
  bins = FREQUENCY_BINS
): number[] {
  if (!(Number.isInteger(bins) && bins >= 1)) throw new RangeError(`invalid bins: ${bins} (a positive integer)`);
  const byT = new Map<number, number>();
  for (let i = 0; i < rfm.length; i++) byT.set(rfm.T[i], (byT.get(rfm.T[i]) ?? 0) + rfm.count[i]);
  const out = new Array<number>(bins + 1).fill(0);
  for (const [T, customers] of byT) {
    let below = 0;
    for (let n = 0; n < bins; n++) {
      const p = model.probTransactions(params, T, n);
      out[n] += customers * p;
      below += p;
    }
    // the tail as 1 - P(X < bins): exact up to rounding, clamped at 0
    out[bins] += customers * Math.max(0, 1 - below);
  }
  return out;
}

/** Actual customers per calibration frequency bin (last bin = bins or more). */
export function actualFrequency(x: ArrayLike<number>, bins = FREQUENCY_BINS): number[] {
  const out = new Array<number>(bins + 1).fill(0);
  for (let i = 0; i < x.length; i++) out[Math.min(x[i], bins)]++;
  return out;
}

/** Mean actual and predicted holdout transactions by calibration frequency, from per-customer values. */
export function binByFrequency(
  x: ArrayLike<number>,
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  bins = FREQUENCY_BINS
): ConditionalBin[] {
  const n = new Array<number>(bins + 1).fill(0);
  const sumActual = new Array<number>(bins + 1).fill(0);
  const sumExpected = new Array<number>(bins + 1).fill(0);
  for (let i = 0; i < x.length; i++) {
    const b = Math.min(x[i], bins);
    n[b]++;
    sumActual[b] += actual[i];
    sumExpected[b] += expected[i];
  }
  return n.map((count, k) => ({
    x: k,
    label: binLabel(k, bins),
    customers: count,
    actual: count > 0 ? sumActual[k] / count : NaN,
    expected: count > 0 ? sumExpected[k] / count : NaN
  }));
}

/** Mean holdout transactions by calibration frequency, actual vs the model's conditional expectation. */
export function conditionalByFrequency<P extends object>(
  model: Pick<PurchaseModel<P>, 'conditionalExpected'>,
  params: P,
  customers: readonly { x: number; tx: number; T: number; xHoldout: number }[],
  holdoutLength: number,
  bins = FREQUENCY_BINS
): ConditionalBin[] {
  return binByFrequency(
    customers.map((c) => c.x),
    customers.map((c) => c.xHoldout),
    customers.map((c) => model.conditionalExpected(params, c.x, c.tx, c.T, holdoutLength)),
    bins
  );
}

/** One scored row: a customer (count 1) or a group of customers sharing (x, t_x, T, x_holdout). */
export interface HoldoutRow {
  x: number;
  tx: number;
  T: number;
  xHoldout: number;
  count: number;
  /** E[M | x, m] of the row (mean over a group), when Gamma-Gamma fitted */
  expectedSpend?: number;
}

export interface HoldoutScores {
  /** sum over customers of E[Y(t) | x, t_x, T], repeat transactions */
  predicted: number;
  actual: number;
  /** per customer, transactions */
  mae: number;
  rmse: number;
  /** predicted holdout spend, sum over customers of E[Y] E[M | x, m], when every row has expectedSpend, else null */
  predictedSpend: number | null;
  conditional: ConditionalBin[];
}

/**
 * Holdout scores of a purchase model over customers or weighted groups of them: the same sums,
 * each row counted `count` times, so a compressed summary scores as its customers would.
 * One conditional expectation per distinct (x, t_x, T).
 */
export function scoreHoldout<P extends object>(
  model: Pick<PurchaseModel<P>, 'conditionalExpected' | 'conditionalExpectedMany'>,
  params: P,
  rows: readonly HoldoutRow[],
  holdoutLength: number,
  bins = FREQUENCY_BINS
): HoldoutScores {
  const cache = new Map<string, number>();
  const expectedOf =
    model.conditionalExpectedMany?.(params, holdoutLength) ??
    ((x: number, tx: number, T: number) => model.conditionalExpected(params, x, tx, T, holdoutLength));
  const n = new Array<number>(bins + 1).fill(0);
  const sumActual = new Array<number>(bins + 1).fill(0);
  const sumExpected = new Array<number>(bins + 1).fill(0);
  let customers = 0;
  let total = 0;
  let actual = 0;
  let abs = 0;
  let sq = 0;
  let spend = 0;
  let hasSpend = rows.length > 0;
  for (const r of rows) {
    const key = `${r.x},${r.tx},${r.T}`;
    let v = cache.get(key);
    if (v === undefined) {
      v = expectedOf(r.x, r.tx, r.T);
      cache.set(key, v);
    }
    const w = r.count;
    customers += w;
    total += w * v;
    actual += w * r.xHoldout;
    const e = v - r.xHoldout;
    abs += w * Math.abs(e);
    sq += w * e * e;
    if (r.expectedSpend === undefined) hasSpend = false;
    else spend += w * v * r.expectedSpend;
    const b = Math.min(r.x, bins);
    n[b] += w;
    sumActual[b] += w * r.xHoldout;
    sumExpected[b] += w * v;
  }
  return {
    predicted: total,
    actual,
    mae: customers ? abs / customers : NaN,
    rmse: customers ? Math.sqrt(sq / customers) : NaN,
    predictedSpend: hasSpend ? spend : null,
    conditional: n.map((count, k) => ({
      x: k,
      label: binLabel(k, bins),
      customers: count,
      actual: count > 0 ? sumActual[k] / count : NaN,
      expected: count > 0 ? sumExpected[k] / count : NaN
    }))
  };
}
