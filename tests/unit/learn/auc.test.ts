import { describe, expect, it } from 'vitest';
import { auc } from '../../../src/lib/learn/auc.ts';

describe('auc (Mann-Whitney with ties)', () => {
  it('is 0.75 for the four-point example of scikit-learn roc_auc_score', () => {
    // scores 0.1, 0.4, 0.35, 0.8 with labels 0, 0, 1, 1: 3 of the 4 positive-negative pairs are ordered
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 15);
  });

  it('counts a positive-negative tie as one half', () => {
    // pairs: (2 vs 1) 1, (2 vs 2) 1/2, (3 vs 1) 1, (3 vs 2) 1 -> 3.5 / 4 (hand count)
    expect(auc([1, 2, 2, 3], [0, 0, 1, 1])).toBeCloseTo(0.875, 15);
  });

  it('is 1/2 when every score is tied and 1 or 0 for perfect or reversed rankings', () => {
    expect(auc([0.3, 0.3, 0.3, 0.3, 0.3], [1, 0, 1, 0, 0])).toBe(0.5);
    expect(auc([1, 2, 3, 4], [0, 0, 1, 1])).toBe(1);
    expect(auc([4, 3, 2, 1], [0, 0, 1, 1])).toBe(0);
  });

  it('equals the brute-force pair count on a larger input with many ties', () => {
    const scores: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 300; i++) {
      scores.push(Math.floor(((i * 7919) % 97) / 10));
      labels.push((i * 104729) % 5 < 2 ? 1 : 0);
    }
    let wins = 0;
    let pairs = 0;
    for (let i = 0; i < 300; i++) {
      for (let j = 0; j < 300; j++) {
        if (labels[i] !== 1 || labels[j] !== 0) continue;
        pairs++;
        wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
      }
    }
    expect(auc(scores, labels)).toBeCloseTo(wins / pairs, 12);
  });

  it('rejects a single class, a non-binary label and a length mismatch with the offending value', () => {
    expect(() => auc([1, 2], [1, 1])).toThrow(/2 positives and 0 negatives/);
    expect(() => auc([1, 2], [1, 2])).toThrow(/label 1 is 2/);
    expect(() => auc([1, 2, 3], [1, 0])).toThrow(/3 scores but 2 labels/);
    expect(() => auc([1, NaN], [1, 0])).toThrow(/score 1 is NaN/);
  });
});
