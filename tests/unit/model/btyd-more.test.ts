/**
 * Independent checks of the Pareto/NBD, Gamma-Gamma, sBG and BG/BB implementations: each
 * expected value comes from a different route than the code under test (a direct integral,
 * a brute-force sum, enumeration of all purchase histories, or the law of total expectation),
 * plus parameter recovery on seeded simulated data.
 */
import { describe, expect, it } from 'vitest';
import { bgbbConditionalExpected, bgbbDert, bgbbExpectedTransactions, bgbbLogLikIndividual, bgbbPAlive, fitBgBb } from '$lib/model/btyd/bgbb.ts';
import { conditionalExpectedSpend, fitGammaGamma, gammaGammaLogLikIndividual, meanSpend } from '$lib/model/btyd/gammagamma.ts';
import { paretoNbd } from '$lib/model/btyd/paretonbd.ts';
import { fitSbgCensored } from '$lib/model/btyd/sbg-censored.ts';
import {
  fitSbg,
  fitSbgCohorts,
  sbgChurnProbability,
  sbgDel,
  sbgDerl,
  sbgExpectedLifetime,
  sbgRetention,
  sbgSurvival,
  survivalFromChurnPeriods
} from '$lib/model/btyd/sbg.ts';
import { compressBgBb, simulateBgBb, simulateParetoNbd, simulateSbg } from '$lib/model/btyd/simulate.ts';
import { compressRfmArrays, compressSpend } from '$lib/model/fit/compress.ts';
import { createRng } from '$lib/model/random/index.ts';
import { integrate, integrateToInfinity } from '$lib/model/special/integrate.ts';
import { lgamma } from '$lib/model/special/lgamma.ts';
import type { BgBbParams, ParetoNbdParams, SbgParams } from '$lib/model/types.ts';

function rel(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe('Pareto/NBD', () => {
  // FHL 2005 (CDNOW): r = 0.553, alpha = 10.578, s = 0.606, beta = 11.669
  const P: ParetoNbdParams = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };

  it('likelihood equals the direct integral over the dropout time (FH 2005 note, eq. 17 before the 2F1 step)', () => {
    // L = Gamma(r+x) alpha^r beta^s / Gamma(r) [ (alpha+T)^-(r+x) (beta+T)^-s + s int_tx^T (alpha+tau)^-(r+x) (beta+tau)^-(s+1) dtau ]
    for (const [x, tx, T] of [
      [0, 0, 30],
      [2, 30.43, 38.86],
      [9, 12, 40]
    ]) {
      const { r, alpha, s, beta } = P;
      const lead = lgamma(r + x) - lgamma(r) + r * Math.log(alpha) + s * Math.log(beta);
      const died = integrate((tau) => Math.exp(-(r + x) * Math.log(alpha + tau) - (s + 1) * Math.log(beta + tau)), tx, T, { tolerance: 1e-13 }).value;
      const direct = lead + Math.log(Math.exp(-(r + x) * Math.log(alpha + T) - s * Math.log(beta + T)) + s * died);
      expect(Math.abs(paretoNbd.logLikIndividual(P, x, tx, T) - direct)).toBeLessThan(1e-9);
    }
  });

  it('works on both sides of alpha = beta (the two branches of FH 2005 eq. 22-23)', () => {
    const swapped = { ...P, alpha: 14, beta: 9 };
    const { r, alpha, s, beta } = swapped;
    const [x, tx, T] = [3, 20, 35];
    const lead = lgamma(r + x) - lgamma(r) + r * Math.log(alpha) + s * Math.log(beta);
    const died = integrate((tau) => Math.exp(-(r + x) * Math.log(alpha + tau) - (s + 1) * Math.log(beta + tau)), tx, T, { tolerance: 1e-13 }).value;
    const direct = lead + Math.log(Math.exp(-(r + x) * Math.log(alpha + T) - s * Math.log(beta + T)) + s * died);
    expect(Math.abs(paretoNbd.logLikIndividual(swapped, x, tx, T) - direct)).toBeLessThan(1e-9);
  });

  it('E[X(t)] is the mean rate r/alpha times the expected time alive, int_0^t (beta/(beta+tau))^s dtau (SMC 1987)', () => {
    const t = 52;
    const alive = integrate((tau) => Math.exp(P.s * Math.log(P.beta / (P.beta + tau))), 0, t, { tolerance: 1e-13 }).value;
    expect(rel(paretoNbd.expectedTransactions(P, t), (P.r / P.alpha) * alive)).toBeLessThan(1e-10);
  });

  it('P(X(t) = n) sums to 1 with mean E[X(t)]', () => {
    let total = 0;
    let mean = 0;
    for (let n = 0; n <= 300; n++) {
      const pn = paretoNbd.probTransactions(P, 39, n);
      total += pn;
      mean += n * pn;
    }
    expect(Math.abs(total - 1)).toBeLessThan(1e-8);
    expect(rel(mean, paretoNbd.expectedTransactions(P, 39))).toBeLessThan(1e-6);
  });

  it('a new customer (0, 0, 0) is alive with conditional expectation E[X(t)]', () => {
    expect(paretoNbd.pAlive(P, 0, 0, 0)).toBeCloseTo(1, 12);
    expect(rel(paretoNbd.conditionalExpected(P, 0, 0, 0, 39), paretoNbd.expectedTransactions(P, 39))).toBeLessThan(1e-10);
  });

  it('DERT (FHL 2005 "RFM and CLV" eq. 2) equals delta int e^(-delta t) E[Y(t) | x, t_x, T] dt', () => {
    const delta = 0.01;
    const byParts = integrateToInfinity(
      (t) => delta * Math.exp(-delta * t) * paretoNbd.conditionalExpected(P, 2, 30.43, 38.86, t),
      0,
      { tolerance: 1e-10 }
    ).value;
    expect(rel(paretoNbd.dert(P, 2, 30.43, 38.86, delta), byParts)).toBeLessThan(1e-6);
  });

  it('recovers known parameters from 6,000 simulated customers within 3 standard errors', () => {
    const truth: ParetoNbdParams = { r: 0.6, alpha: 8, s: 0.8, beta: 12 };
    const T = Float64Array.from({ length: 6000 }, (_, i) => 26 + (i % 14));
    const sim = simulateParetoNbd(truth, { customers: 6000, T, seed: 4242 });
    const fit = paretoNbd.fit(compressRfmArrays(sim.x, sim.tx, sim.T));
    for (const k of ['r', 'alpha', 's', 'beta'] as const) {
      expect(Math.abs(fit.params[k] - truth[k]), k).toBeLessThan(3 * fit.stdErr[k]);
    }
  });
});

describe('Gamma-Gamma', () => {
  // FHL 2005 "RFM and CLV" (CDNOW): p = 6.25, q = 3.74, v = 15.44
  const G = { p: 6.25, q: 3.74, v: 15.44 };

  it('the density of the mean spend of x transactions integrates to 1 (note 025 eq. 1)', () => {
    for (const x of [1, 4]) {
      const mass = integrateToInfinity((m) => Math.exp(gammaGammaLogLikIndividual(G, x, m)), 0, { tolerance: 1e-11 }).value;
      expect(Math.abs(mass - 1)).toBeLessThan(1e-8);
    }
  });

  it('E[M | x, m] is the posterior mean of p / nu with nu | x, m ~ Gamma(p x + q, v + x m) (FHL eq. 5)', () => {
    const [x, m] = [3, 41.2];
    const shape = G.p * x + G.q;
    const rate = G.v + x * m;
    // E[p / nu] by integrating the Gamma posterior density directly
    const post = integrateToInfinity(
      (nu) => (G.p / nu) * Math.exp(shape * Math.log(rate) + (shape - 1) * Math.log(nu) - rate * nu - lgamma(shape)),
      0,
      { tolerance: 1e-12 }
    ).value;
    expect(rel(conditionalExpectedSpend(G, x, m), post)).toBeLessThan(1e-9);
    expect(conditionalExpectedSpend(G, 0, 0)).toBeCloseTo(meanSpend(G), 12);
    expect(meanSpend(G)).toBeCloseTo((6.25 * 15.44) / 2.74, 12);
  });

  it('recovers known parameters from 5,000 simulated spenders within 3 standard errors', () => {
    const truth = { p: 5, q: 4, v: 20 };
    const rng = createRng(99);
    const n = 5000;
    const x = new Float64Array(n);
    const m = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = 1 + (i % 6);
      const nu = rng.gamma(truth.q, truth.v);
      // the mean of x Gamma(p, nu) values is Gamma(p x, x nu)
      m[i] = rng.gamma(truth.p * x[i], x[i] * nu);
    }
    const fit = fitGammaGamma(compressSpend(x, m));
    for (const k of ['p', 'q', 'v'] as const) expect(Math.abs(fit.params[k] - truth[k]), k).toBeLessThan(3 * fit.stdErr[k]);
  });

  it('refuses spend data that cannot identify the model, naming the problem', () => {
    expect(() => fitGammaGamma(compressSpend([0, 0], [0, 0]))).toThrow(/cannot fit gammagamma/);
  });
});

describe('sBG', () => {
  // Fader & Hardie 2007, regular cohort: alpha = 0.704, beta = 1.182
  const S: SbgParams = { alpha: 0.704, beta: 1.182 };

  it('survival is the product of the retention rates and churn probabilities are its decrements (FH 2007 eq. 4-8)', () => {
    let survival = 1;
    for (let t = 1; t <= 12; t++) {
      const churn = survival * (1 - sbgRetention(S, t));
      survival *= sbgRetention(S, t);
      expect(rel(sbgSurvival(S, t), survival)).toBeLessThan(1e-12);
      expect(rel(sbgChurnProbability(S, t), churn)).toBeLessThan(1e-12);
    }
  });

  it('DEL and DERL equal the brute-force discounted sums of survival (FH 2010 eq. 5-6)', () => {
    const d = 0.1;
    const z = 1 / (1 + d);
    let del = 0;
    for (let t = 0; t < 20000; t++) del += sbgSurvival(S, t) * z ** t;
    expect(rel(sbgDel(S, d), del)).toBeLessThan(1e-9);
    // after n renewals (n + 1 payments), payment k = 1, 2, ... comes with probability S(n + k) / S(n), discounted z^(k-1)
    for (const n of [0, 3]) {
      let derl = 0;
      for (let k = 1; k < 20000; k++) derl += (sbgSurvival(S, n + k) / sbgSurvival(S, n)) * z ** (k - 1);
      expect(rel(sbgDerl(S, d, n), derl)).toBeLessThan(1e-9);
    }
  });

  it('the expected lifetime is sum_t S(t) = (alpha + beta - 1) / (alpha - 1) when alpha > 1, infinite otherwise', () => {
    const p = { alpha: 3, beta: 4 };
    let sum = 0;
    for (let t = 0; t < 200000; t++) sum += sbgSurvival(p, t);
    expect(rel(sbgExpectedLifetime(p), sum)).toBeLessThan(1e-6);
    expect(sbgExpectedLifetime(S)).toBe(Infinity);
  });

  it('recovers alpha, beta from a simulated cohort of 20,000 observed for 8 periods within 3 standard errors', () => {
    const truth = { alpha: 0.9, beta: 2.5 };
    const fit = fitSbg(survivalFromChurnPeriods(simulateSbg(truth, 20000, 7), 8));
    expect(Math.abs(fit.params.alpha - truth.alpha)).toBeLessThan(3 * fit.stdErr.alpha);
    expect(Math.abs(fit.params.beta - truth.beta)).toBeLessThan(3 * fit.stdErr.beta);
  });

  it('fits staggered subscribers, each censored in their own current period, to the same truth', () => {
    const truth = { alpha: 0.9, beta: 2.5 };
    const churn = simulateSbg(truth, 20000, 8);
    const periods: number[] = [];
    const subscribed: boolean[] = [];
    for (let i = 0; i < churn.length; i++) {
      // observed during paid period `current` (signed up current - 1 periods ago): a churn at the end of an
      // earlier period is seen; otherwise the customer has paid `current` periods and contributes S(current - 1)
      const current = 2 + (i % 10);
      if (churn[i] < current) {
        periods.push(churn[i]);
        subscribed.push(false);
      } else {
        periods.push(current);
        subscribed.push(true);
      }
    }
    const fit = fitSbgCensored(periods, subscribed);
    expect(Math.abs(fit.params.alpha - truth.alpha)).toBeLessThan(3 * fit.stdErr.alpha);
    expect(Math.abs(fit.params.beta - truth.beta)).toBeLessThan(3 * fit.stdErr.beta);
  });

  it('fits several cohorts one by one and refuses a cohort where nobody churned, naming it', () => {
    const fits = fitSbgCohorts({ a: { active: [1000, 631, 468, 382, 326, 289, 262, 241] } });
    expect(fits.a.params.alpha).toBeCloseTo(0.704, 2);
    expect(() => fitSbgCohorts({ flat: { active: [10, 10, 10] } })).toThrow(/flat/);
  });
});

describe('BG/BB', () => {
  // Fader, Hardie & Shang 2010 (donations): alpha = 1.204, beta = 0.750, gamma = 0.657, delta = 2.783
  const B: BgBbParams = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };
  const n = 6;

  /** every purchase history of n opportunities as (x, t_x) */
  function histories(): [number, number][] {
    const out: [number, number][] = [];
    for (let mask = 0; mask < 1 << n; mask++) {
      let x = 0;
      let tx = 0;
      for (let t = 1; t <= n; t++) {
        if (mask & (1 << (t - 1))) {
          x++;
          tx = t;
        }
      }
      out.push([x, tx]);
    }
    return out;
  }

  it('the likelihoods of all 2^n purchase histories sum to 1 (FHS 2010 eq. 5 is a distribution over histories)', () => {
    const total = histories().reduce((s, [x, tx]) => s + Math.exp(bgbbLogLikIndividual(B, x, tx, n)), 0);
    expect(Math.abs(total - 1)).toBeLessThan(1e-12);
  });

  it('E[X(n)] equals the mean over all histories, and conditional expectations average to E[X(n + m)] - E[X(n)]', () => {
    let mean = 0;
    let future = 0;
    for (const [x, tx] of histories()) {
      const l = Math.exp(bgbbLogLikIndividual(B, x, tx, n));
      mean += x * l;
      future += l * bgbbConditionalExpected(B, x, tx, n, 5);
    }
    expect(rel(bgbbExpectedTransactions(B, n), mean)).toBeLessThan(1e-12);
    // law of total expectation
    expect(rel(future, bgbbExpectedTransactions(B, n + 5) - bgbbExpectedTransactions(B, n))).toBeLessThan(1e-10);
  });

  it('P(alive) is higher for a recent buyer than for a lapsed one with the same frequency', () => {
    expect(bgbbPAlive(B, 3, 6, 6)).toBeGreaterThan(bgbbPAlive(B, 3, 3, 6));
    expect(bgbbPAlive(B, 3, 6, 6)).toBeLessThanOrEqual(1);
  });

  it('DERT (FHS 2010 eq. 14) equals the discounted sum of expected transactions per future period', () => {
    const d = 0.1;
    let sum = 0;
    let previous = 0;
    for (let k = 1; k <= 3000; k++) {
      const ce = bgbbConditionalExpected(B, 4, 5, n, k);
      sum += (ce - previous) / (1 + d) ** k;
      previous = ce;
    }
    expect(rel(bgbbDert(B, 4, 5, n, d), sum)).toBeLessThan(1e-8);
  });

  it('recovers known parameters from 20,000 simulated customers over 10 opportunities within 3 standard errors', () => {
    const truth: BgBbParams = { alpha: 1.2, beta: 0.8, gamma: 0.7, delta: 2.8 };
    const fit = fitBgBb(compressBgBb(simulateBgBb(truth, 20000, 10, 2010)));
    for (const k of ['alpha', 'beta', 'gamma', 'delta'] as const) {
      expect(Math.abs(fit.params[k] - truth[k]), k).toBeLessThan(3 * fit.stdErr[k]);
    }
  });
});
