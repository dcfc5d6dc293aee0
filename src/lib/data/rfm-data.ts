/**
 * From per-customer summaries to the compressed inputs of the model fits:
 * distinct (x, t_x, T) triples with counts for the BTYD purchase models, and
 * distinct (x, m) pairs for the Gamma-Gamma spend model (Fader, Hardie & Lee 2005,
 * "RFM and CLV", section 3: customers with at least one repeat purchase).
 * A fit then costs O(distinct triples), not O(customers).
 */
import type { RfmData, SpendData } from '../model/types.ts';
import type { CustomerSummary } from './types.ts';

type Rfm = Pick<CustomerSummary, 'x' | 'tx' | 'T'>;

/** Compresses customers to distinct (x, t_x, T) triples with counts, in order of first appearance. */
export function toRfmData(summaries: readonly Rfm[]): RfmData {
  const index = new Map<string, number>();
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const count: number[] = [];
  for (const s of summaries) {
    const key = `${s.x}|${s.tx}|${s.T}`;
    const i = index.get(key);
    if (i === undefined) {
      index.set(key, x.length);
      x.push(s.x);
      tx.push(s.tx);
      T.push(s.T);
      count.push(1);
    } else count[i]++;
  }
  return {
    x: Float64Array.from(x),
    tx: Float64Array.from(tx),
    T: Float64Array.from(T),
    count: Float64Array.from(count),
    length: x.length,
    customers: summaries.length
  };
}

/** Customers with x > 0 and a positive mean repeat spend, compressed to distinct (x, m) pairs. */
export function toSpendData(summaries: readonly Pick<CustomerSummary, 'x' | 'm'>[]): SpendData {
  const index = new Map<string, number>();
  const x: number[] = [];
  const m: number[] = [];
  const count: number[] = [];
  let customers = 0;
  for (const s of summaries) {
    if (!(s.x > 0 && s.m > 0)) continue;
    customers++;
    const key = `${s.x}|${s.m}`;
    const i = index.get(key);
    if (i === undefined) {
      index.set(key, x.length);
      x.push(s.x);
      m.push(s.m);
      count.push(1);
    } else count[i]++;
  }
  return { x: Float64Array.from(x), m: Float64Array.from(m), count: Float64Array.from(count), length: x.length, customers };
}
