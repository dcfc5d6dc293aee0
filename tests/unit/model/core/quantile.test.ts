import { describe, expect, it } from 'vitest';
import { quantileSorted, weightedQuantileSorted } from '$lib/model/core/quantile.ts';

describe('quantileSorted (type 7, Hyndman & Fan 1996)', () => {
  it('matches R quantile(c(1, 2, 3, 4, 10), type = 7) at 0.1, 0.5, 0.9 (hand: h = 4q)', () => {
    // h = 0.4 -> 1 + 0.4 (2 - 1) = 1.4; h = 2 -> 3; h = 3.6 -> 4 + 0.6 (10 - 4) = 7.6
    const xs = [1, 2, 3, 4, 10];
    expect(quantileSorted(xs, 0.1)).toBeCloseTo(1.4, 12);
    expect(quantileSorted(xs, 0.5)).toBe(3);
    expect(quantileSorted(xs, 0.9)).toBeCloseTo(7.6, 12);
    expect(quantileSorted(xs, 0)).toBe(1);
    expect(quantileSorted(xs, 1)).toBe(10);
  });
  it('is NaN for no values', () => {
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});

describe('weightedQuantileSorted', () => {
  it('is quantileSorted over the values repeated by their weights, without repeating them', () => {
    // seeded integer weights, some zero; the repeated list is the definition of the weighted quantile
    let s = 7;
    const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const values = Array.from({ length: 40 }, () => Math.round(next() * 1000) / 10).sort((a, b) => a - b);
    const weights = values.map(() => Math.floor(next() * 6));
    const repeated = values.flatMap((v, i) => Array<number>(weights[i]).fill(v));
    for (const q of [0, 0.1, 0.25, 0.5, 0.9, 0.99, 1])
      expect(weightedQuantileSorted(values, weights, q)).toBeCloseTo(quantileSorted(repeated, q), 12);
  });
  it('is 0 for no customers', () => {
    expect(weightedQuantileSorted([1, 2], [0, 0], 0.5)).toBe(0);
  });
});
