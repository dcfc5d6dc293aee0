/**
 * The BG/NBD MAP fit under the weakly-informative prior (btyd/bgnbdPrior.ts): the log density
 * is the product of its four stated terms (checked against the Weibull, Beta and Gamma
 * densities written out), the MAP equals the MLE within a fraction of a standard error where
 * the data identify the model (simulated at the CDNOW estimates of Fader, Hardie & Lee 2005,
 * Table 2), stays finite where the likelihood has no maximum (no repeat purchases, no
 * customers: the prior mode), and keeps the dropout away from 0 when the data show nobody
 * leaving (simulated without dropout: a -> 0 by maximum likelihood).
 */
import { describe, expect, it } from 'vitest';
import { bgnbd } from '$lib/model/core/btyd/bgnbd';
import { BGNBD_WEAK_PRIOR, bgnbdLogPrior } from '$lib/model/core/btyd/bgnbdPrior';
import { simulateBgNbd } from '$lib/model/core/btyd/simulate';
import { compressRfmArrays } from '$lib/model/core/fit/compress';
import { lgamma } from '$lib/model/core/special/lgamma';

const CDNOW = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

function simulated(params: typeof CDNOW, customers: number, seed: number) {
  const s = simulateBgNbd(params, { T: 39, customers, seed });
  return compressRfmArrays(s.x, s.tx, s.T);
}

describe('the weakly-informative BG/NBD prior', () => {
  it('is the product of Weibull(2, 1) on r, Weibull(2, 10) on alpha, Beta(1.5, 5) on phi and Gamma(2, 0.25) on kappa', () => {
    const p = { r: 0.7, alpha: 8, a: 0.9, b: 3.1 };
    const phi = p.a / (p.a + p.b);
    const kappa = p.a + p.b;
    const weibull = (x: number, k: number, l: number) => (k / l) * (x / l) ** (k - 1) * Math.exp(-((x / l) ** k));
    const beta = (x: number, a: number, b: number) =>
      (x ** (a - 1) * (1 - x) ** (b - 1)) / Math.exp(lgamma(a) + lgamma(b) - lgamma(a + b));
    const gamma = (x: number, k: number, rate: number) =>
      (rate ** k * x ** (k - 1) * Math.exp(-rate * x)) / Math.exp(lgamma(k));
    const byHand = weibull(p.r, 2, 1) * weibull(p.alpha, 2, 10) * beta(phi, 1.5, 5) * gamma(kappa, 2, 0.25);
    expect(bgnbdLogPrior(p)).toBeCloseTo(Math.log(byHand), 12);
    expect(BGNBD_WEAK_PRIOR.map((t) => t.label)).toEqual([
      'Weibull(2, 1)',
      'Weibull(2, 10 weeks)',
      'Beta(1.5, 5)',
      'Gamma(2, rate 0.25)'
    ]);
  });

  it('gives a MAP within half a standard error of the MLE where the data identify the model', () => {
    const data = simulated(CDNOW, 4000, 11);
    const mle = bgnbd.fit(data);
    const map = bgnbd.fit(data, { logPrior: bgnbdLogPrior });
    expect(map.estimate).toBe('map');
    expect(mle.estimate).toBeUndefined();
    for (const k of ['r', 'alpha', 'a', 'b'] as const)
      expect(Math.abs(map.params[k] - mle.params[k]), k).toBeLessThan(0.5 * mle.stdErr[k]);
    // logLik is the likelihood alone: the MAP's is at most the MLE's
    expect(map.logLik).toBeLessThanOrEqual(mle.logLik + 1e-9);
  });

  it('keeps the dropout away from 0 when nobody leaves, where the MLE runs to a -> 0', () => {
    const data = simulated({ r: 0.7, alpha: 9, a: 1e-6, b: 1e4 }, 3000, 5);
    const mle = bgnbd.fit(data);
    const map = bgnbd.fit(data, { logPrior: bgnbdLogPrior });
    const meanDropout = (p: { a: number; b: number }) => p.a / (p.a + p.b);
    expect(meanDropout(mle.params)).toBeLessThan(1e-3);
    expect(meanDropout(map.params)).toBeGreaterThan(meanDropout(mle.params));
    expect(map.params.a + map.params.b).toBeLessThan(100);
    expect(Object.values(map.stdErr).every(Number.isFinite)).toBe(true);
  });

  it('is defined without repeat purchases and without customers (then it is the prior mode)', () => {
    const none = compressRfmArrays([0, 0, 0], [0, 0, 0], [10, 20, 30]);
    const fit = bgnbd.fit(none, { logPrior: bgnbdLogPrior, start: { r: 1, alpha: 10, a: 1, b: 3 } });
    expect(Object.values(fit.params).every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    expect(() => bgnbd.fit(none)).toThrow(/no customer has a repeat purchase/);
    const empty = compressRfmArrays([], [], []);
    const mode = bgnbd.fit(empty, { logPrior: bgnbdLogPrior, start: { r: 1, alpha: 10, a: 1, b: 3 } });
    // Weibull(2, scale) has its mode at scale / sqrt(2)
    expect(mode.params.r).toBeCloseTo(1 / Math.SQRT2, 4);
    expect(mode.params.alpha).toBeCloseTo(10 / Math.SQRT2, 3);
    expect(mode.n).toBe(0);
  });
});
