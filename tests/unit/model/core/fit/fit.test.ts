import { describe, expect, it } from 'vitest';
import {
  bfgs,
  compressRfm,
  compressRfmArrays,
  compressSpend,
  invertSpd,
  maximumLikelihood,
  nelderMead,
  numericalHessian
} from '$lib/model/core/fit/index.ts';

describe('compressRfm', () => {
  it('merges identical (x, t_x, T) triples into counts and keeps the customer total', () => {
    const data = compressRfm([
      { x: 0, tx: 0, T: 10 },
      { x: 2, tx: 5, T: 10 },
      { x: 0, tx: 0, T: 10 },
      { x: 2, tx: 5, T: 10 },
      { x: 2, tx: 5, T: 12 }
    ]);
    expect(data.length).toBe(3);
    expect(data.customers).toBe(5);
    expect(Array.from(data.count)).toEqual([2, 2, 1]);
    expect(Array.from(data.T)).toEqual([10, 10, 12]);
  });

  it('accepts typed-array columns with weights and skips zero weights', () => {
    const data = compressRfmArrays(
      new Float64Array([1, 1, 3]),
      new Float64Array([2, 2, 4]),
      new Float64Array([8, 8, 8]),
      [2.5, 1, 0]
    );
    expect(data.length).toBe(1);
    expect(data.customers).toBe(3.5);
  });

  it('rejects non-finite, negative or inconsistent data with the offending values', () => {
    expect(() => compressRfm([{ x: Number.NaN, tx: 0, T: 1 }])).toThrow(/customer 0: \(x, t_x, T\) = \(NaN, 0, 1\)/);
    expect(() => compressRfm([{ x: 1.5, tx: 0.5, T: 1 }])).toThrow(/x = 1.5/);
    expect(() => compressRfm([{ x: 1, tx: 3, T: 2 }])).toThrow(/t_x = 3, T = 2/);
    expect(() => compressRfm([{ x: 0, tx: 1, T: 2 }])).toThrow(/x = 0 but t_x = 1/);
  });

  it('builds Gamma-Gamma spend data from customers with x > 0 only', () => {
    const spend = compressSpend([0, 2, 2, 5], [0, 10, 10, 7.5]);
    expect(spend.length).toBe(2);
    expect(spend.customers).toBe(3);
  });
});

describe('optimisers', () => {
  const rosenbrock = (p: number[]): number => 100 * (p[1] - p[0] ** 2) ** 2 + (1 - p[0]) ** 2;

  it('Nelder-Mead finds the Rosenbrock minimum at (1, 1) (Nelder & Mead 1965 test problem)', () => {
    const r = nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 5000, xTolerance: 1e-9, fTolerance: 1e-14 });
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
    expect(r.converged).toBe(true);
  });

  it('BFGS polishes the Rosenbrock minimum to gradient accuracy', () => {
    const r = bfgs(rosenbrock, [0.8, 0.6], { maxIterations: 500 });
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(1, 5);
  });

  it('numericalHessian and invertSpd recover a known quadratic form', () => {
    // f = 1/2 x'Ax with A = [[4, 1], [1, 3]]; Hessian = A, inverse = [[3, -1], [-1, 4]] / 11
    const f = (x: number[]): number => 0.5 * (4 * x[0] * x[0] + 2 * x[0] * x[1] + 3 * x[1] * x[1]);
    const H = numericalHessian(f, [0.3, -0.2]);
    [4, 1, 1, 3].forEach((v, i) => expect(H[i]).toBeCloseTo(v, 6));
    const inv = invertSpd([4, 1, 1, 3], 2)!;
    [3 / 11, -1 / 11, -1 / 11, 4 / 11].forEach((v, i) => expect(inv[i]).toBeCloseTo(v, 14));
    expect(invertSpd([1, 2, 2, 1], 2)).toBeNull();
  });
});

describe('maximumLikelihood', () => {
  it('returns the closed-form MLE and standard error of an exponential rate (lambda = n / sum, se = lambda / sqrt(n))', () => {
    const times = [0.3, 1.7, 0.2, 2.9, 0.8, 1.1, 0.05, 3.3, 0.6, 1.4];
    const n = times.length;
    const total = times.reduce((s, t) => s + t, 0);
    const fit = maximumLikelihood({
      model: 'sbg',
      paramNames: ['rate'] as const,
      logLik: (p: { rate: number }) => n * Math.log(p.rate) - p.rate * total,
      start: { rate: 1 },
      n
    });
    const rate = n / total;
    expect(fit.params.rate).toBeCloseTo(rate, 7);
    expect(fit.stdErr.rate).toBeCloseTo(rate / Math.sqrt(n), 5);
    expect(fit.logLik).toBeCloseTo(n * Math.log(rate) - n, 9);
    expect(fit.converged).toBe(true);
    expect(fit.version).toBe(1);
  });

  it('reports a starting value outside the parameter space by name and value', () => {
    expect(() =>
      maximumLikelihood({ model: 'sbg', paramNames: ['a'] as const, logLik: () => 0, start: { a: -1 }, n: 1 })
    ).toThrow(/starting value a = -1/);
  });
});
