/**
 * RFM features of customer summaries (src/lib/data/types.ts CustomerSummary) as a feature
 * table for the churn / propensity classifier, and the holdout label "bought again in the
 * holdout period" (xHoldout > 0), so any transaction data set gets a learned propensity
 * model beside the BTYD P(alive).
 *
 * Features (calibration period, model time units): frequency x, recency tx, age T, the
 * recency gap T - tx (time since the last purchase), log1p of the mean repeat spend m and
 * of the first spend, and the channel / segment / region categories.
 */
import type { CustomerSummary } from '../data/types.ts';
import type { FeatureTable } from './table.ts';
import type { EncoderSpec } from './encoder.ts';

export const RFM_FEATURES: EncoderSpec = {
  numeric: ['frequency', 'recency', 'age', 'sinceLast', 'logMeanSpend', 'logFirstSpend'],
  categorical: ['channel', 'segment', 'region']
};

export function rfmFeatureTable(customers: readonly CustomerSummary[]): FeatureTable {
  const n = customers.length;
  const column = (f: (c: CustomerSummary) => number) => Float64Array.from(customers, f);
  return {
    length: n,
    numeric: {
      frequency: column((c) => c.x),
      recency: column((c) => c.tx),
      age: column((c) => c.T),
      sinceLast: column((c) => c.T - c.tx),
      logMeanSpend: column((c) => Math.log1p(Math.max(0, c.m))),
      logFirstSpend: column((c) => Math.log1p(Math.max(0, c.firstSpend)))
    },
    categorical: {
      channel: customers.map((c) => c.channel),
      segment: customers.map((c) => c.segment),
      region: customers.map((c) => c.region)
    }
  };
}

/** 1 when the customer bought in the holdout period, else 0; throws when there is no holdout. */
export function boughtInHoldout(customers: readonly CustomerSummary[]): Float64Array {
  return Float64Array.from(customers, (c, i) => {
    if (Number.isNaN(c.xHoldout)) {
      throw new RangeError(`customer ${i} (${c.id}) has no holdout period (xHoldout is NaN): choose a calibration end`);
    }
    return c.xHoldout > 0 ? 1 : 0;
  });
}
