import { describe, expect, it } from 'vitest';
import {
  quintileScores,
  rfmScores,
  scaleTierThresholds,
  seedTierThresholdsIn,
  SEED_TIER_THRESHOLDS,
  tierOf
} from '$lib/data/rfm';
import type { CustomerSummary } from '$lib/data/types';

const customer = (id: string, x: number, tx: number, T: number, m: number, firstSpend: number): CustomerSummary => ({
  id,
  x,
  tx,
  T,
  m,
  firstSpend,
  xHoldout: NaN,
  holdoutSpend: NaN,
  firstDate: '',
  lastDate: '',
  channel: '',
  segment: '',
  region: '',
  treatment: -1
});

describe('RFM scores', () => {
  it('scores ten distinct values two per quintile, 1 (lowest) to 5 (highest)', () => {
    // mid-ranks 0.5 .. 9.5 of 10: 1 + floor(5 * rank / 10)
    expect(Array.from(quintileScores([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]))).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });

  it('gives tied values the same (middle) score', () => {
    expect(Array.from(quintileScores([7, 7, 7, 7]))).toEqual([3, 3, 3, 3]);
  });

  it('rates recent, frequent, big spenders 555 and the opposite 111', () => {
    const cs = [
      customer('best', 9, 30, 30, 100, 100),
      ...Array.from({ length: 8 }, (_, i) => customer(`mid${i}`, 2 + (i % 3), 10 + i, 30, 20 + i, 20)),
      customer('worst', 0, 0, 30, 0, 5)
    ];
    const scores = rfmScores(cs);
    expect(scores[0].cell).toBe('555');
    expect(scores[9].cell).toBe('111');
  });
});

describe('member tiers', () => {
  it('uses the seed 002 silver threshold of 5,000', () => {
    expect(tierOf(4999.99, SEED_TIER_THRESHOLDS)).toBe('none');
    expect(tierOf(5000, SEED_TIER_THRESHOLDS)).toBe('silver');
    expect(tierOf(20000, SEED_TIER_THRESHOLDS)).toBe('gold');
    expect(tierOf(50000, SEED_TIER_THRESHOLDS)).toBe('platinum');
  });

  it('scales thresholds to the data currency by an exchange rate', () => {
    expect(seedTierThresholdsIn('USD').currency).toBe('USD');
    expect(seedTierThresholdsIn('USD').silver).toBeCloseTo(700, 9); // 5,000 CNY x 0.14
    expect(scaleTierThresholds(SEED_TIER_THRESHOLDS, 0.5, 'XXX').platinum).toBe(25000);
    expect(() => scaleTierThresholds(SEED_TIER_THRESHOLDS, -1, 'XXX')).toThrow(/exchange rate: -1/);
  });

  it('tiers customers by total calibration spend (first purchase + x m)', () => {
    const [c] = rfmScores([customer('a', 4, 10, 20, 1000, 1000)]);
    expect(c.totalSpend).toBe(5000);
    expect(c.tier).toBe('silver');
  });

  it('refuses thresholds out of order', () => {
    expect(() => rfmScores([], { ...SEED_TIER_THRESHOLDS, gold: 100 })).toThrow(/silver 5000, gold 100/);
  });
});
