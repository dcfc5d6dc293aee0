import { describe, expect, it } from 'vitest';
import { seededPermutation, trainTestSplit } from '../../../src/lib/learn/split.ts';
import { encode, fitEncoder } from '../../../src/lib/learn/encoder.ts';
import { takeRows } from '../../../src/lib/learn/table.ts';
import type { FeatureTable } from '../../../src/lib/learn/table.ts';

describe('trainTestSplit', () => {
  it('is a seeded partition: same seed same split, every row exactly once', () => {
    const a = trainTestSplit(1000, 0.3, 42);
    const b = trainTestSplit(1000, 0.3, 42);
    const c = trainTestSplit(1000, 0.3, 43);
    expect(Array.from(a.test)).toEqual(Array.from(b.test));
    expect(Array.from(a.test)).not.toEqual(Array.from(c.test));
    const all = [...a.train, ...a.test].sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(a.test.length).toBe(300);
  });

  it('keeps each stratum share in the held-out part', () => {
    const strata = Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 'rare' : 'common'));
    const { test } = trainTestSplit(1000, 0.3, 7, strata);
    const rare = Array.from(test).filter((i) => strata[i] === 'rare').length;
    expect(rare).toBe(30); // round(100 * 0.3)
  });

  it('rejects a test share outside (0, 1) naming the value', () => {
    expect(() => trainTestSplit(10, 1.5, 1)).toThrow(/invalid test share: 1.5/);
  });

  it('draws a permutation of 0..n-1', () => {
    const p = Array.from(seededPermutation(50, 3)).sort((x, y) => x - y);
    expect(p).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});

describe('fitEncoder / encode', () => {
  const table: FeatureTable = {
    length: 5,
    numeric: { tenure: Float64Array.from([1, 3, NaN, 5, 100]) },
    categorical: { contract: ['monthly', 'yearly', 'monthly', 'yearly', 'two-year'] }
  };

  it('standardises with the training mean and sd only and imputes missing values as the mean', () => {
    const train = takeRows(table, [0, 1, 2, 3]); // tenure 1, 3, NaN, 5: mean 3, sd 2 (sample sd)
    const encoder = fitEncoder(train, { numeric: ['tenure'], categorical: ['contract'] });
    expect(encoder.numeric[0].mean).toBeCloseTo(3, 15);
    expect(encoder.numeric[0].sd).toBeCloseTo(2, 15);
    const m = encode(encoder, table);
    expect(m.featureNames).toEqual(['tenure', 'contract=monthly', 'contract=yearly']);
    expect(Array.from(m.values.subarray(0, 3))).toEqual([-1, 1, 0]);
    expect(m.values[2 * 3]).toBe(0); // NaN -> training mean -> z = 0
    expect(m.values[4 * 3]).toBeCloseTo(48.5, 5); // (100 - 3) / 2, a test value outside the training range
  });

  it('encodes a level unseen in training as all zeros', () => {
    const encoder = fitEncoder(takeRows(table, [0, 1]), { numeric: [], categorical: ['contract'] });
    const m = encode(encoder, table);
    expect(Array.from(m.values.subarray(4 * 2, 5 * 2))).toEqual([0, 0]);
  });

  it('names a missing column', () => {
    expect(() => fitEncoder(table, { numeric: ['charges'], categorical: [] })).toThrow(/"charges"/);
  });
});
