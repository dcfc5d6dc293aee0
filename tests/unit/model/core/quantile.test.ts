import { describe, expect, it } from 'vitest';
import { quantileSorted } from '$lib/model/core/quantile.ts';

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
