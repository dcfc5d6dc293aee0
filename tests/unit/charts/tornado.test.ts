import { describe, expect, it } from 'vitest';
import { tornadoBars } from '$lib/charts/tornado';

describe('tornadoBars', () => {
  it('sorts rows by their range |high − low|, widest first', () => {
    const bars = tornadoBars(
      [
        { label: 'small', low: 95, high: 104 }, // range 9
        { label: 'large', low: 70, high: 140 }, // range 70
        { label: 'reversed', low: 130, high: 80 } // range 50: raising the input lowers the output
      ],
      100
    );
    expect(bars.map((b) => [b.label, b.range])).toEqual([
      ['large', 70],
      ['reversed', 50],
      ['small', 9]
    ]);
  });

  it('spans the base value as well as both ends', () => {
    // both ends above the base: the bar still starts at the base
    const [bar] = tornadoBars([{ label: 'x', low: 105, high: 120 }], 100);
    expect([bar.min, bar.max]).toEqual([100, 120]);
  });

  it('keeps input order for ties and sorts a one-sided row by its distance from the base', () => {
    const bars = tornadoBars(
      [
        { label: 'first', low: 90, high: 110 }, // 20
        { label: 'one-sided', low: null, high: 130 }, // |130 − 100| = 30
        { label: 'second', low: 110, high: 90 }, // 20
        { label: 'undefined', low: null, high: null } // 0
      ],
      100
    );
    expect(bars.map((b) => b.label)).toEqual(['one-sided', 'first', 'second', 'undefined']);
  });

  it('rejects a non-finite end or base value, naming the row', () => {
    expect(() => tornadoBars([{ label: 'churn', low: Infinity, high: 1 }], 0)).toThrow(
      /low value in row 0 \("churn"\): Infinity/
    );
    expect(() => tornadoBars([], Number.NaN)).toThrow(/base value: NaN/);
  });
});
