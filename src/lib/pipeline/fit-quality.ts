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
