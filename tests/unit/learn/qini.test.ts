import { describe, expect, it } from 'vitest';
import { qiniCurve, upliftByBin } from '../../../src/lib/learn/qini.ts';

describe('qiniCurve (Radcliffe 2007)', () => {
  // scores 4, 3, 2, 1; treated 1, 0, 1, 0; outcome 1, 0, 0, 0.
  // Q(k) = Y_T(k) - Y_C(k) N_T(k) / N_C(k): Q(1) = 1 (no control yet), Q(2) = 1, Q(3) = 1, Q(4) = 1 - 0 = 1.
  const curve = qiniCurve([4, 3, 2, 1], [1, 0, 1, 0], [1, 0, 0, 0]);

  it('gives the incremental responses of a hand-computed toy ranking', () => {
    expect(curve.points.map((p) => p.share)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(curve.points.map((p) => p.incremental)).toEqual([0, 1, 1, 1, 1]);
  });

  it('integrates by trapezoids and subtracts the random line Q(N) / 2', () => {
    // area = 0.25 * 0.5 + 0.25 + 0.25 + 0.25 = 0.875; random area = 0.5; Qini = 0.375
    expect(curve.area).toBeCloseTo(0.875, 15);
    expect(curve.randomArea).toBeCloseTo(0.5, 15);
    expect(curve.qini).toBeCloseTo(0.375, 15);
    expect(curve.qiniNormalised).toBeCloseTo(0.375, 15);
  });

  it('scales control outcomes by N_T / N_C', () => {
    // scores 3, 2, 1: treated (y = 1), control (y = 1), control (y = 0)
    // Q(1) = 1; Q(2) = 1 - 1 * 1/1 = 0; Q(3) = 1 - 1 * 1/2 = 0.5
    const c = qiniCurve([3, 2, 1], [true, false, false], [1, 1, 0]);
    expect(c.points.map((p) => p.incremental)).toEqual([0, 1, 0, 0.5]);
  });

  it('enters tied customers together, so a constant score has a Qini of zero', () => {
    const c = qiniCurve([1, 1, 1, 1], [1, 0, 1, 0], [1, 0, 1, 0]);
    expect(c.points).toHaveLength(2);
    expect(c.qini).toBeCloseTo(0, 15);
  });
});

describe('upliftByBin', () => {
  it('reports the observed uplift and mean prediction of each equal-count bin, highest scores first', () => {
    const bins = upliftByBin([0.9, 0.8, 0.2, 0.1], [1, 0, 1, 0], [1, 0, 0, 1], 2);
    expect(bins[0]).toMatchObject({ bin: 1, count: 2, treated: 1, control: 1, observedUplift: 1 });
    expect(bins[0].predictedUplift).toBeCloseTo(0.85, 15);
    expect(bins[1].observedUplift).toBe(-1);
  });

  it('marks a bin without controls as NaN rather than inventing an uplift', () => {
    const bins = upliftByBin([2, 1], [1, 0], [1, 0], 2);
    expect(bins[0].observedUplift).toBeNaN();
  });
});
