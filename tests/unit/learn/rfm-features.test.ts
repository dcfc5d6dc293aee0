import { describe, expect, it } from 'vitest';
import { boughtInHoldout, rfmFeatureTable } from '../../../src/lib/learn/rfm-features.ts';
import type { CustomerSummary } from '../../../src/lib/data/types.ts';

const customer = (id: string, x: number, tx: number, T: number, xHoldout: number): CustomerSummary => ({
  id,
  x,
  tx,
  T,
  m: 20,
  firstSpend: 0,
  xHoldout,
  holdoutSpend: 0,
  firstDate: '1997-01-01',
  lastDate: '1997-03-01',
  channel: 'web',
  segment: 'new',
  region: 'north',
  treatment: -1
});

describe('rfmFeatureTable', () => {
  it('derives frequency, recency, age, time since the last purchase and log spends', () => {
    const t = rfmFeatureTable([customer('a', 2, 30, 39, 1), customer('b', 0, 0, 39, 0)]);
    expect(t.length).toBe(2);
    expect(Array.from(t.numeric.sinceLast)).toEqual([9, 39]);
    expect(t.numeric.logMeanSpend[0]).toBeCloseTo(Math.log(21), 14);
    expect(t.numeric.logFirstSpend[0]).toBe(0);
    expect(t.categorical.channel).toEqual(['web', 'web']);
  });

  it('labels a purchase in the holdout period and refuses summaries without a holdout', () => {
    expect(Array.from(boughtInHoldout([customer('a', 1, 1, 2, 3), customer('b', 1, 1, 2, 0)]))).toEqual([1, 0]);
    expect(() => boughtInHoldout([customer('c', 1, 1, 2, NaN)])).toThrow(/customer 0 \(c\) has no holdout/);
  });
});
