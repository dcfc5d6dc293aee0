/**
 * Edge cases of the optimisers and of maximumLikelihood that fit.test.ts does not cover:
 * one-dimensional Nelder-Mead, non-finite regions, derivative accuracy, indefinite
 * information, two-parameter standard errors against closed forms, the Nelder-Mead fallback.
 */
import { describe, expect, it } from 'vitest';
import {
  bfgs,
  cholesky,
  compressRfm,
  invertSpd,
  maximumLikelihood,
  nelderMead,
  numericalGradient,
  numericalHessian,
  validateRfm
} from '$lib/model/core/fit/index.ts';
import { createRng } from '$lib/model/core/random/index.ts';

describe('optimiser edge cases', () => {
  it('Nelder-Mead minimises a one-dimensional function (x - 3)^2 without collapsing its simplex', () => {
    const r = nelderMead((p) => (p[0] - 3) ** 2, [0], { fTolerance: 1e-16, xTolerance: 1e-9 });
    expect(Math.abs(r.x[0] - 3)).toBeLessThan(1e-6);
  });

  it('BFGS with the exact gradient reaches the Rosenbrock minimum (1, 1) in far fewer evaluations than with central differences', () => {
    const rosenbrock = ([x, y]: number[]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
    const gradient = ([x, y]: readonly number[]) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)];
    const options = { maxIterations: 500, gradientTolerance: 1e-8 };
    const numeric = bfgs(rosenbrock, [-1.2, 1], options);
    const exact = bfgs(rosenbrock, [-1.2, 1], options, gradient);
    for (const r of [numeric, exact]) {
      expect(r.converged).toBe(true);
      expect(r.x[0]).toBeCloseTo(1, 6);
      expect(r.x[1]).toBeCloseTo(1, 6);
    }
    // a central-difference gradient costs 2k = 4 evaluations of f, the exact one none
    expect(exact.evaluations).toBeLessThan(numeric.evaluations / 2);
  });

  it('Nelder-Mead backs away from non-finite regions: minimises -log(x) + x on x > 0 (minimum at x = 1)', () => {
    const f = (p: number[]): number => (p[0] > 0 ? -Math.log(p[0]) + p[0] : NaN);
    const r = nelderMead(f, [0.2], { fTolerance: 1e-16, xTolerance: 1e-9 });
    expect(Math.abs(r.x[0] - 1)).toBeLessThan(1e-5);
  });

  // f = x^2 + 3xy + 2y^2 + sin(x): gradient (2x + 3y + cos x, 3x + 4y), Hessian [[2 - sin x, 3], [3, 4]]
  const f = (p: number[]): number => p[0] ** 2 + 3 * p[0] * p[1] + 2 * p[1] ** 2 + Math.sin(p[0]);
  it('central differences match the analytic gradient and Hessian of x^2 + 3xy + 2y^2 + sin x', () => {
    const at = [0.7, -1.3];
    const g = numericalGradient(f, at);
    expect(g[0]).toBeCloseTo(2 * 0.7 + 3 * -1.3 + Math.cos(0.7), 8);
    expect(g[1]).toBeCloseTo(3 * 0.7 + 4 * -1.3, 8);
    const H = numericalHessian(f, at);
    expect(H[0]).toBeCloseTo(2 - Math.sin(0.7), 6);
    expect(H[1]).toBeCloseTo(3, 6);
    expect(H[3]).toBeCloseTo(4, 6);
  });

  it('rejects an indefinite matrix: no Cholesky factor, no inverse', () => {
    expect(cholesky([1, 2, 2, 1], 2)).toBeNull();
    expect(invertSpd([1, 2, 2, 1], 2)).toBeNull();
  });

  it('cholesky adds the ridge to the diagonal: [[1, 2], [2, 1]] + 2 I = [[3, 2], [2, 3]] (hand: √3, 2/√3, √(5/3))', () => {
    const l = cholesky([1, 2, 2, 1], 2, 2)!;
    expect(l[0]).toBeCloseTo(Math.sqrt(3), 14);
    expect(l[1]).toBe(0);
    expect(l[2]).toBeCloseTo(2 / Math.sqrt(3), 14);
    expect(l[3]).toBeCloseTo(Math.sqrt(5 / 3), 14);
  });

  it('validateRfm refuses empty data with the model name in the message', () => {
    expect(() => validateRfm(compressRfm([]), 'bgnbd')).toThrow('cannot fit bgnbd: no customers in the data');
  });
});

describe('maximumLikelihood edge cases', () => {
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
    expect(fit.converged).toBe(true);
    expect(fit.params.mu).toBeCloseTo(mean, 6);
    expect(fit.params.sigma).toBeCloseTo(sd, 6);
    // observed information of the normal MLE: se(mu) = sd / sqrt(n), se(sd) = sd / sqrt(2n)
    expect(fit.stdErr.mu / (sd / Math.sqrt(n))).toBeCloseTo(1, 4);
    expect(fit.stdErr.sigma / (sd / Math.sqrt(2 * n))).toBeCloseTo(1, 4);
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

  it('falls back to Nelder-Mead when BFGS cannot start (the support ends at the starting value)', () => {
    // maximum at a = e, b = 1; the log-likelihood is -Infinity for a > 20, so the central-difference
    // gradient at the start a = 20 is not finite and BFGS stops at once; the simplex backs away and BFGS polishes
    const fit = maximumLikelihood<{ a: number; b: number }>({
      model: 'sbg',
      paramNames: ['a', 'b'],
      n: 1,
      start: { a: 20, b: 3 },
      logLik: ({ a, b }) => (a > 20 ? -Infinity : -((Math.log(a) - 1) ** 2) - Math.log(b) ** 2)
    });
    expect(fit.converged).toBe(true);
    expect(Math.abs(Math.log(fit.params.a) - 1)).toBeLessThan(1e-6);
    expect(Math.abs(Math.log(fit.params.b))).toBeLessThan(1e-6);
  });
});
