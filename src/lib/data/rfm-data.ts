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
import type { CustomerSummary } from './types.ts';

type Rfm = Pick<CustomerSummary, 'x' | 'tx' | 'T'>;

/** Distinct (x, t_x, T) triples with counts, for customers with T > 0. */
export function toRfmData(summaries: readonly Rfm[]): RfmData {
  const kept = summaries.filter((s) => s.T > 0);
  return compressRfmArrays(
    Float64Array.from(kept, (s) => s.x),
    Float64Array.from(kept, (s) => s.tx),
    Float64Array.from(kept, (s) => s.T)
  );
}

/** Customers with x > 0 and a positive mean repeat spend, as distinct (x, m) pairs. */
export function toSpendData(summaries: readonly Pick<CustomerSummary, 'x' | 'm'>[]): SpendData {
  return compressSpend(
    Float64Array.from(summaries, (s) => s.x),
    Float64Array.from(summaries, (s) => (Number.isFinite(s.m) ? s.m : 0))
  );
}
