import { describe, expect, it } from 'vitest';
import { distinctXs, nearestIndex, snapX, stepX } from '$lib/charts/nearest';
import { binValues, binsFromCounts } from '$lib/charts/bins';

describe('linked hover: snapping and keyboard steps', () => {
  const xs = [0, 1, 2, 4, 8];
  it('snaps a pointer x to the nearest data x, ties to the lower', () => {
    expect(snapX(xs, 2.9)).toBe(2);
    expect(snapX(xs, 3)).toBe(2);
    expect(snapX(xs, 3.1)).toBe(4);
    expect(snapX(xs, -5)).toBe(0);
    expect(snapX(xs, 100)).toBe(8);
    expect(nearestIndex([], 1)).toBe(-1);
    expect(snapX(xs, Number.NaN)).toBeNull();
  });
  it('moves the highlight one data x per arrow key, clamped at the ends', () => {
    expect(stepX(xs, null, 1)).toBe(0);
    expect(stepX(xs, null, -1)).toBe(8);
    expect(stepX(xs, 2, 1)).toBe(4);
    expect(stepX(xs, 0, -1)).toBe(0);
    expect(stepX(xs, 8, 1)).toBe(8);
  });
  it('collects distinct x values from numbers and dates in ascending order', () => {
    const d = new Date(Date.UTC(2026, 0, 1));
    expect(distinctXs([3, 1, 3, 2])).toEqual([1, 2, 3]);
    expect(distinctXs([d, d])).toEqual([d.getTime()]);
  });
});

describe('histogram bins', () => {
  it('counts every value once in nice equal-width bins (Sturges: 8 values -> 4 bins)', () => {
    const bins = binValues([0, 1, 2, 3, 4, 5, 6, 7]);
    // ceil(log2 8) + 1 = 4 bins; d3 tickIncrement(0, 7, 4) = 2 -> edges 0, 2, 4, 6, 8
    expect(bins.map((b) => [b.x0, b.x1, b.count])).toEqual([
      [0, 2, 2],
      [2, 4, 2],
      [4, 6, 2],
      [6, 8, 2]
    ]);
  });
  it('includes the top edge in the last bin and ignores non-finite values', () => {
    const bins = binValues([0, 10, Number.NaN, Infinity], 2, [0, 10]);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(2);
    expect(bins[bins.length - 1].count).toBe(1);
  });
  it('bins a large customer base without spreading it into Math.min (call-stack limit)', () => {
    // 300 000 values 0..299 999; every value counted once
    const values = Array.from({ length: 300_000 }, (_, i) => i);
    const bins = binValues(values);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(300_000);
  });
  it('turns pre-binned counts into unit bins centred on each value', () => {
    expect(binsFromCounts([{ x: 0, count: 5 }])).toEqual([{ x0: -0.5, x1: 0.5, count: 5 }]);
    expect(() => binsFromCounts([{ x: 1, count: -1 }])).toThrow(/count 0: x=1, count=-1/);
  });
});
