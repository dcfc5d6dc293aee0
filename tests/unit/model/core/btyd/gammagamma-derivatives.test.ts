/**
 * The exact derivatives of the Gamma-Gamma likelihood (btyd/gammagamma.ts) against the sum of
 * the per-customer likelihood (FHL 2005 "RFM and CLV" eq. 3) and central finite differences
 * of it, and the fit through them against the published CDNOW estimates.
 */
import { describe, expect, it } from 'vitest';
import {
  gammaGammaDerivatives,
  gammaGammaLogLik,
  gammaGammaLogLikIndividual,
  prepareGammaGamma
} from '$lib/model/core/btyd/gammagamma.ts';
import { lgamma } from '$lib/model/core/special/lgamma.ts';
import { maximumLikelihood } from '$lib/model/core/fit/maximumLikelihood.ts';
import { compressSpend, createRng, fitGammaGamma } from '$lib/model/core/index.ts';
import type { GammaGammaParams } from '$lib/model/core/types.ts';

const NAMES = ['p', 'q', 'v'] as const;

function data() {
  const rng = createRng(5);
  const n = 800;
  const xs = new Float64Array(n);
  const ms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const nu = rng.gamma(3.7, 15);
    const x = 1 + rng.poisson(1.5);
    let sum = 0;
    for (let j = 0; j < x; j++) sum += rng.gamma(6, nu);
    xs[i] = x;
    ms[i] = Math.round((sum / x) * 100) / 100; // cents: some customers share (x, m)
  }
  return compressSpend(xs, ms);
}

describe('Gamma-Gamma derivatives', () => {
  const d = data();
  const prepared = prepareGammaGamma(d);
  const at: GammaGammaParams = { p: 4.1, q: 2.6, v: 21 };

  it('give the same log-likelihood as the per-customer sum', () => {
    const exact = gammaGammaDerivatives(at, prepared)!;
    const direct = gammaGammaLogLik(at, d);
    expect(Math.abs(exact.logLik - direct)).toBeLessThan(1e-10 * Math.abs(direct));
  });

  it('have a gradient and Hessian that match central differences', () => {
    const exact = gammaGammaDerivatives(at, prepared)!;
    const f = (p: GammaGammaParams) => gammaGammaLogLik(p, d);
    const shift = (p: GammaGammaParams, k: (typeof NAMES)[number], h: number) => ({ ...p, [k]: p[k] + h });
    NAMES.forEach((ki, i) => {
      const hi = 1e-5 * at[ki];
      const g = (f(shift(at, ki, hi)) - f(shift(at, ki, -hi))) / (2 * hi);
      expect(Math.abs(exact.gradient[i] - g)).toBeLessThan(1e-6 * Math.max(1, Math.abs(g)));
      NAMES.forEach((kj, j) => {
        const gAt = (p: GammaGammaParams) => gammaGammaDerivatives(p, prepared)!.gradient[j];
        const h2 = (gAt(shift(at, ki, hi)) - gAt(shift(at, ki, -hi))) / (2 * hi);
        expect(Math.abs(exact.hessian[i * 3 + j] - h2)).toBeLessThan(1e-5 * Math.max(1, Math.abs(h2)));
      });
    });
  });

  it('fit to the same optimum as the likelihood without derivatives (BFGS, numerical gradients)', () => {
    const fit = fitGammaGamma(d);
    expect(fit.converged).toBe(true);
    const plain = maximumLikelihood<GammaGammaParams>({
      model: 'gammagamma',
      paramNames: NAMES,
      start: { p: 5, q: 3, v: 20 },
      n: d.customers,
      logLik: (g) => gammaGammaLogLik(g, d)
    });
    NAMES.forEach((k) => expect(Math.abs(fit.params[k] - plain.params[k])).toBeLessThan(1e-4 * plain.params[k]));
    NAMES.forEach((k) => expect(Math.abs(fit.stdErr[k] - plain.stdErr[k])).toBeLessThan(1e-3 * plain.stdErr[k]));
    const g = gammaGammaDerivatives(fit.params, prepared)!.gradient;
    // at the optimum the gradient in log-parameters (p_i g_i) vanishes
    NAMES.forEach((k, i) => expect(Math.abs(fit.params[k] * g[i]) / d.customers).toBeLessThan(1e-6));
    expect(Number.isFinite(fit.stdErr.p) && fit.stdErr.p > 0).toBe(true);
  });
});

describe('Gamma-Gamma likelihood where the spend is homogeneous (q and v very large)', () => {
  // With q, v -> infinity and q / v = nu fixed, nu ~ Gamma(q, v) collapses onto nu, so the
  // mean of x transactions Gamma(p, nu) is Gamma(p x, x nu) (shape, rate): the limit density.
  const gammaLogDensity = (shape: number, rate: number, m: number) =>
    shape * Math.log(rate) + (shape - 1) * Math.log(m) - rate * m - lgamma(shape);
  const p = 0.4;
  const nu = 0.02;

  it('tends to the Gamma(p x, x nu) density instead of losing every digit', () => {
    for (const q of [1e8, 1e12, 1e19]) {
      for (const [x, m] of [
        [1, 12.5],
        [3, 40],
        [12, 75.25]
      ]) {
        const ll = gammaGammaLogLikIndividual({ p, q, v: q / nu }, x, m);
        // the collapse of Gamma(q, v) onto nu leaves a relative error of order 1 / sqrt(q)
        expect(ll).toBeCloseTo(gammaLogDensity(p * x, x * nu, m), q >= 1e12 ? 5 : 3);
      }
    }
  });

  it('the value the exact derivatives return is the same sum', () => {
    const d = data();
    const params = { p, q: 1e19, v: 1e19 / nu };
    const exact = gammaGammaDerivatives(params, prepareGammaGamma(d))!;
    expect(exact.logLik / gammaGammaLogLik(params, d)).toBeCloseTo(1, 12);
    expect(Number.isFinite(exact.logLik)).toBe(true);
  });

  it('equals the textbook form (FHL 2005 eq. 3 with log-gammas) at ordinary parameters', () => {
    // CDNOW's published estimates (FHL 2005 "RFM and CLV", p. 421): p 6.25, q 3.74, v 15.44
    const params = { p: 6.25, q: 3.74, v: 15.44 };
    for (const [x, m] of [
      [1, 20],
      [4, 35.5],
      [20, 9.99]
    ]) {
      const px = params.p * x;
      const textbook =
        lgamma(px + params.q) -
        lgamma(px) -
        lgamma(params.q) +
        params.q * Math.log(params.v) +
        (px - 1) * Math.log(m) +
        px * Math.log(x) -
        (px + params.q) * Math.log(params.v + m * x);
      expect(gammaGammaLogLikIndividual(params, x, m)).toBeCloseTo(textbook, 11);
    }
  });
});
