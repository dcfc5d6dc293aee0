import { describe, expect, it } from 'vitest';
import {
  bfgs,
  cholesky,
  compressRfm,
  compressRfmArrays,
  compressSpend,
  invertSpd,
  maximumLikelihood,
  nelderMead,
  numericalGradient,
  numericalHessian,
  validateRfm
} from '$lib/model/fit/index.ts';
import { createRng } from '$lib/model/random/index.ts';

describe('compressRfm', () => {
  it('merges customers with the same (x, t_x, T) into one triple with a count', () => {
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
    expect(Array.from(data.x)).toEqual([0, 2, 2]);
    expect(Array.from(data.T)).toEqual([10, 10, 12]);
  });

  it('accepts typed-array columns and weights, dropping zero weights', () => {
    const data = compressRfmArrays(
      new Float64Array([1, 1, 3]),
      new Float64Array([2, 2, 4]),
      new Float64Array([6, 6, 6]),
      new Float64Array([2.5, 1, 0])
    );
    expect(data.length).toBe(1);
    expect(data.customers).toBe(3.5);
  });

  it('rejects non-finite data, fractional frequencies, t_x > T and x = 0 with t_x > 0, naming the value', () => {
    expect(() => compressRfm([{ x: NaN, tx: 0, T: 1 }])).toThrow(/must be finite/);
    expect(() => compressRfm([{ x: 1.5, tx: 0.5, T: 1 }])).toThrow(/x = 1.5/);
    expect(() => compressRfm([{ x: 1, tx: 3, T: 2 }])).toThrow(/t_x = 3, T = 2/);
    expect(() => compressRfm([{ x: 0, tx: 1, T: 2 }])).toThrow(/x = 0 but t_x = 1/);
    expect(() => compressRfmArrays([1], [1, 2], [3])).toThrow(/column lengths differ/);
  });

  it('validateRfm refuses empty data with the model name in the message', () => {
    expect(() => validateRfm(compressRfm([]), 'bgnbd')).toThrow('cannot fit bgnbd: no customers in the data');
  });
});

describe('compressSpend', () => {
  it('keeps only customers with repeat purchases and positive mean spend, counting duplicates', () => {
    const spend = compressSpend([0, 2, 2, 3, 1], [0, 10, 10, 0, 7]);
    expect(spend.length).toBe(2);
    expect(spend.customers).toBe(3);
    expect(Array.from(spend.count)).toEqual([2, 1]);
  });
});

describe('optimisers', () => {
  // Rosenbrock (1960): minimum 0 at (1, 1)
  const rosenbrock = (p: number[]): number => 100 * (p[1] - p[0] * p[0]) ** 2 + (1 - p[0]) ** 2;

  it('Nelder-Mead finds the Rosenbrock minimum at (1, 1) from (-1.2, 1)', () => {
    const r = nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 5000, fTolerance: 1e-14, xTolerance: 1e-8 });
    expect(r.converged).toBe(true);
    expect(Math.abs(r.x[0] - 1)).toBeLessThan(1e-5);
    expect(Math.abs(r.x[1] - 1)).toBeLessThan(1e-5);
  });

  it('Nelder-Mead minimises a one-dimensional function (x - 3)^2 without collapsing its simplex', () => {
    const r = nelderMead((p) => (p[0] - 3) ** 2, [0], { fTolerance: 1e-16, xTolerance: 1e-9 });
    expect(Math.abs(r.x[0] - 3)).toBeLessThan(1e-6);
  });

  it('BFGS polishes Rosenbrock to gradient accuracy', () => {
    const r = bfgs(rosenbrock, [0.9, 0.8], { maxIterations: 500 });
    expect(Math.abs(r.x[0] - 1)).toBeLessThan(1e-5);
    expect(Math.abs(r.x[1] - 1)).toBeLessThan(1e-5);
  });

  it('backs away from non-finite regions: minimises -log(x) + x on x > 0 (minimum at x = 1)', () => {
    const f = (p: number[]): number => (p[0] > 0 ? -Math.log(p[0]) + p[0] : NaN);
    const r = nelderMead(f, [0.2], { fTolerance: 1e-16, xTolerance: 1e-9 });
    expect(Math.abs(r.x[0] - 1)).toBeLessThan(1e-5);
  });
});

describe('numerical derivatives and linear algebra', () => {
  // f = x^2 + 3xy + 2y^2 + sin(x): gradient (2x + 3y + cos x, 3x + 4y), Hessian [[2 - sin x, 3], [3, 4]]
  const f = (p: number[]): number => p[0] ** 2 + 3 * p[0] * p[1] + 2 * p[1] ** 2 + Math.sin(p[0]);
  it('central differences match the analytic gradient and Hessian', () => {
    const at = [0.7, -1.3];
    const g = numericalGradient(f, at);
    expect(g[0]).toBeCloseTo(2 * 0.7 + 3 * -1.3 + Math.cos(0.7), 8);
    expect(g[1]).toBeCloseTo(3 * 0.7 + 4 * -1.3, 8);
    const H = numericalHessian(f, at);
    expect(H[0]).toBeCloseTo(2 - Math.sin(0.7), 6);
    expect(H[1]).toBeCloseTo(3, 6);
    expect(H[2]).toBeCloseTo(3, 6);
    expect(H[3]).toBeCloseTo(4, 6);
  });

  it('inverts a symmetric positive definite matrix and rejects an indefinite one', () => {
    const A = [4, 2, 2, 3];
    const inv = invertSpd(A, 2)!;
    // closed form: [[3, -2], [-2, 4]] / (4*3 - 2*2)
    expect(inv[0]).toBeCloseTo(3 / 8, 14);
    expect(inv[1]).toBeCloseTo(-2 / 8, 14);
    expect(inv[3]).toBeCloseTo(4 / 8, 14);
    expect(cholesky([1, 2, 2, 1], 2)).toBeNull();
    expect(invertSpd([1, 2, 2, 1], 2)).toBeNull();
  });
});

describe('maximumLikelihood', () => {
  it('recovers the closed-form normal MLE (mean, sd) and its standard errors sd/sqrt(n), sd/sqrt(2n)', () => {
    const rng = createRng(11);
    const n = 400;
    const y = Array.from({ length: n }, () => 5 + 2 * rng.normal());
    const mean = y.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(y.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
    const fit = maximumLikelihood<{ mu: number; sigma: number }>({
      model: 'gammagamma',
      paramNames: ['mu', 'sigma'],
      n,
      start: { mu: 1, sigma: 1 },
      logLik: ({ mu, sigma }) => {
        let ll = 0;
        for (const v of y) ll += -Math.log(sigma) - 0.5 * ((v - mu) / sigma) ** 2 - 0.5 * Math.log(2 * Math.PI);
        return ll;
      }
    });
    expect(fit.version).toBe(1);
    expect(fit.converged).toBe(true);
    expect(fit.params.mu).toBeCloseTo(mean, 6);
    expect(fit.params.sigma).toBeCloseTo(sd, 6);
    // observed information of the normal MLE: se(mu) = sd / sqrt(n), se(sd) = sd / sqrt(2n)
    expect(fit.stdErr.mu / (sd / Math.sqrt(n))).toBeCloseTo(1, 4);
    expect(fit.stdErr.sigma / (sd / Math.sqrt(2 * n))).toBeCloseTo(1, 4);
    expect(fit.logCov.length).toBe(4);
    expect(fit.n).toBe(n);
  });

  it('reports NaN standard errors and converged = false when the data do not identify a parameter', () => {
    const fit = maximumLikelihood<{ a: number; b: number }>({
      model: 'sbg',
      paramNames: ['a', 'b'],
      n: 10,
      start: { a: 1, b: 1 },
      // depends on a * b only: a ridge, the information matrix is singular
      logLik: ({ a, b }) => -10 * (Math.log(a * b) - 1) ** 2
    });
    expect(fit.converged).toBe(false);
    expect(Number.isNaN(fit.stdErr.a)).toBe(true);
  });

  it('refuses a non-positive starting value, naming it', () => {
    expect(() =>
      maximumLikelihood(
        { model: 'sbg', paramNames: ['alpha'], n: 1, start: { alpha: 1 }, logLik: () => 0 },
        { start: { alpha: -2 } }
      )
    ).toThrow('cannot fit sbg: starting value alpha = -2 (must be a finite number > 0)');
  });
});
