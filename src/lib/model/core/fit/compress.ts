/**
 * Compresses per-customer summaries to distinct (x, t_x, T) triples with counts, so a
 * likelihood costs O(distinct triples) instead of O(customers). Exact: the BTYD
 * likelihoods depend on a customer only through (x, t_x, T), so the weighted sum over
 * triples equals the sum over customers. The output is in ascending (x, t_x, T) (and (x, m) for
 * spend), whatever the order of the customers, so a fit does not depend on it: customers one by
 * one and groups of them with weights (a compressed summary) give the same input, bit for bit.
 */
import type { RfmData, SpendData } from '../types.ts';
import { encodeDistinct, float64Of } from '../distinct.ts';

export interface RfmRow {
  x: number;
  tx: number;
  T: number;
}

function checkRow(i: number, x: number, tx: number, T: number): void {
  if (!Number.isFinite(x) || !Number.isFinite(tx) || !Number.isFinite(T)) {
    throw new RangeError(`invalid customer ${i}: (x, t_x, T) = (${x}, ${tx}, ${T}) must be finite numbers`);
  }
  if (x < 0 || !Number.isInteger(x)) {
    throw new RangeError(`invalid customer ${i}: x = ${x} (must be a whole number of repeat transactions >= 0)`);
  }
  if (tx < 0 || T <= 0 || tx > T * (1 + 1e-12)) {
    throw new RangeError(`invalid customer ${i}: t_x = ${tx}, T = ${T} (need 0 <= t_x <= T and T > 0)`);
  }
  if (x === 0 && tx !== 0) {
    throw new RangeError(`invalid customer ${i}: x = 0 but t_x = ${tx} (t_x must be 0 without repeat transactions)`);
  }
}

/** Compresses columns of per-customer x, t_x, T (and optional weights) to distinct triples. */
export function compressRfmArrays(
  x: ArrayLike<number>,
  tx: ArrayLike<number>,
  T: ArrayLike<number>,
  weight?: ArrayLike<number>
): RfmData {
  const n = x.length;
  if (tx.length !== n || T.length !== n || (weight && weight.length !== n)) {
    throw new RangeError(
      `compressRfm: column lengths differ (x ${n}, t_x ${tx.length}, T ${T.length}${weight ? `, weight ${weight.length}` : ''})`
    );
  }
  // a triple's key: its codes among the distinct x, t_x and T as one number while the product of
  // the distinct counts stays exact in a double (always, but for millions of distinct times),
  // else as text
  const xs: number[] = [];
  const txs: number[] = [];
  const Ts: number[] = [];
  const xAt = encodeDistinct(n, (i) => x[i], xs);
  const txAt = encodeDistinct(n, (i) => Math.min(tx[i], T[i]), txs);
  const TAt = encodeDistinct(n, (i) => T[i], Ts);
  const numeric = xs.length * txs.length * Ts.length <= Number.MAX_SAFE_INTEGER;
  const index = new Map<number | string, number>();
  const ox: number[] = [];
  const otx: number[] = [];
  const oT: number[] = [];
  const oc: number[] = [];
  let customers = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    const txi = Math.min(tx[i], T[i]);
    const Ti = T[i];
    checkRow(i, xi, tx[i], Ti);
    const w = weight ? weight[i] : 1;
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`invalid customer ${i}: weight = ${w} (must be >= 0)`);
    if (w === 0) continue;
    const key = numeric ? (xAt[i] * txs.length + txAt[i]) * Ts.length + TAt[i] : `${xi}|${txi}|${Ti}`;
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, ox.length);
      ox.push(xi);
      otx.push(txi);
      oT.push(Ti);
      oc.push(w);
    } else {
      oc[at] += w;
    }
    customers += w;
  }
  const order = ascending(ox.length, (i, j) => ox[i] - ox[j] || otx[i] - otx[j] || oT[i] - oT[j]);
  return {
    x: float64Of(order.length, (k) => ox[order[k]]),
    tx: float64Of(order.length, (k) => otx[order[k]]),
    T: float64Of(order.length, (k) => oT[order[k]]),
    count: float64Of(order.length, (k) => oc[order[k]]),
    length: ox.length,
    customers
  };
}

function ascending(n: number, compare: (i: number, j: number) => number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i).sort(compare);
}

/** Compresses customer rows { x, tx, T } to distinct triples with counts. */
export function compressRfm(rows: readonly RfmRow[]): RfmData {
  const n = rows.length;
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = rows[i].x;
    tx[i] = rows[i].tx;
    T[i] = rows[i].T;
  }
  return compressRfmArrays(x, tx, T);
}

/**
 * Spend data for the Gamma-Gamma model: customers with x > 0 repeat transactions and a
 * positive mean repeat spend m; others are skipped (the model is conditional on x > 0).
 */
export function compressSpend(x: ArrayLike<number>, m: ArrayLike<number>, weight?: ArrayLike<number>): SpendData {
  if (x.length !== m.length || (weight && weight.length !== x.length))
    throw new RangeError(`compressSpend: column lengths differ (x ${x.length}, m ${m.length})`);
  const index = new Map<string, number>();
  const ox: number[] = [];
  const om: number[] = [];
  const oc: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(m[i])) {
      throw new RangeError(`invalid customer ${i}: (x, m) = (${x[i]}, ${m[i]}) must be finite`);
    }
    if (x[i] <= 0 || m[i] <= 0) continue;
    const w = weight ? weight[i] : 1;
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`invalid customer ${i}: weight = ${w} (must be >= 0)`);
    if (w === 0) continue;
    const key = `${x[i]}|${m[i]}`;
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, ox.length);
      ox.push(x[i]);
      om.push(m[i]);
      oc.push(w);
    } else oc[at] += w;
  }
  const customers = oc.reduce((s, c) => s + c, 0);
  const order = ascending(ox.length, (i, j) => ox[i] - ox[j] || om[i] - om[j]);
  return {
    x: float64Of(order.length, (k) => ox[order[k]]),
    m: float64Of(order.length, (k) => om[order[k]]),
    count: float64Of(order.length, (k) => oc[order[k]]),
    length: ox.length,
    customers
  };
}

/** Checks an RfmData (from any source) before a fit: lengths, finiteness, ranges. */
export function validateRfm(data: RfmData, model: string): void {
  if (data.length === 0 || !(data.customers > 0)) throw new RangeError(`cannot fit ${model}: no customers in the data`);
  for (let i = 0; i < data.length; i++) {
    checkRow(i, data.x[i], data.tx[i], data.T[i]);
    if (!(data.count[i] >= 0) || !Number.isFinite(data.count[i])) {
      throw new RangeError(`invalid customer ${i}: count = ${data.count[i]} (must be >= 0)`);
    }
  }
}
