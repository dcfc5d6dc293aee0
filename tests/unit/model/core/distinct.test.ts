/** Dictionary encoding (model/core/distinct.ts): codes in the order values are first seen. */
import { describe, expect, it } from 'vitest';
import { encodeDistinct, float64Of } from '$lib/model/core/distinct.ts';

describe('encodeDistinct', () => {
  it('numbers the distinct values in the order first seen and gives every value its code', () => {
    const values = ['b', 'a', 'b', 'c', 'a'];
    const distinct: string[] = [];
    const codes = encodeDistinct(values.length, (i) => values[i], distinct);
    expect(distinct).toEqual(['b', 'a', 'c']);
    expect(Array.from(codes)).toEqual([0, 1, 0, 2, 1]);
    expect(Array.from(codes, (k) => distinct[k])).toEqual(values);
  });

  it('numbers several columns together when they share the lookup', () => {
    const T = [7, 3, 7];
    const tx = [0, 3, 5];
    const times: number[] = [];
    const lookup = new Map<number, number>();
    const TAt = encodeDistinct(T.length, (i) => T[i], times, lookup);
    const txAt = encodeDistinct(tx.length, (i) => tx[i], times, lookup);
    expect(times).toEqual([7, 3, 0, 5]);
    expect(Array.from(TAt)).toEqual([0, 1, 0]);
    expect(Array.from(txAt)).toEqual([2, 1, 3]);
  });

  it('gives an empty code list for no values', () => {
    expect(encodeDistinct(0, () => 1)).toHaveLength(0);
  });
});

describe('float64Of', () => {
  it('holds valueAt(i) at i, as Float64Array.from with the same mapping would', () => {
    const values = [3, 1.5, -2, 1e300];
    expect(Array.from(float64Of(values.length, (i) => values[i] * 2))).toEqual(
      Array.from(Float64Array.from(values, (v) => v * 2))
    );
    expect(float64Of(0, () => 1)).toHaveLength(0);
  });
});
