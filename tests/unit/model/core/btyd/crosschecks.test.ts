/**
 * Cross-checks of the Pareto/NBD, Gamma-Gamma, sBG and BG/BB implementations that complement
 * btyd.test.ts (which holds the likelihood sums, DERT identities and parameter recovery): each
 * expected value comes from a different route than the code under test (a direct integral,
 * a brute-force sum, the law of total expectation, or a censored fit of simulated data).
 */
import { describe, expect, it } from 'vitest';
import {
  bgbbConditionalExpected,
  bgbbExpectedTransactions,
  bgbbLogLikIndividual,
  bgbbPAlive
} from '$lib/model/core/btyd/bgbb.ts';
import { conditionalExpectedSpend, meanSpend } from '$lib/model/core/btyd/gammagamma.ts';
import { paretoNbd } from '$lib/model/core/btyd/paretonbd.ts';
import { fitSbgCensored } from '$lib/model/core/btyd/sbg-censored.ts';
import {
  fitSbgCohorts,
  sbgChurnProbability,
  sbgExpectedLifetime,
  sbgRetention,
  sbgSurvival
} from '$lib/model/core/btyd/sbg.ts';
import { simulateSbg } from '$lib/model/core/btyd/simulate.ts';
import { integrate, integrateToInfinity } from '$lib/model/core/special/integrate.ts';
import { lgamma } from '$lib/model/core/special/lgamma.ts';
import type { BgBbParams, ParetoNbdParams, SbgParams } from '$lib/model/core/types.ts';

function rel(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe('Pareto/NBD', () => {
  // FHL 2005 (CDNOW): r = 0.553, alpha = 10.578, s = 0.606, beta = 11.669
  const P: ParetoNbdParams = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };

  it('works on both sides of alpha = beta (the two branches of FH 2005 eq. 22-23)', () => {
    const swapped = { ...P, alpha: 14, beta: 9 };
    const { r, alpha, s, beta } = swapped;
    const [x, tx, T] = [3, 20, 35];
    const lead = lgamma(r + x) - lgamma(r) + r * Math.log(alpha) + s * Math.log(beta);
    const died = integrate(
      (tau) => Math.exp(-(r + x) * Math.log(alpha + tau) - (s + 1) * Math.log(beta + tau)),
      tx,
      T,
      { tolerance: 1e-13 }
    ).value;
    const direct = lead + Math.log(Math.exp(-(r + x) * Math.log(alpha + T) - s * Math.log(beta + T)) + s * died);
    expect(Math.abs(paretoNbd.logLikIndividual(swapped, x, tx, T) - direct)).toBeLessThan(1e-9);
  });

  it('E[X(t)] is the mean rate r/alpha times the expected time alive, int_0^t (beta/(beta+tau))^s dtau (SMC 1987)', () => {
    const t = 52;
    const alive = integrate((tau) => Math.exp(P.s * Math.log(P.beta / (P.beta + tau))), 0, t, {
      tolerance: 1e-13
    }).value;
    expect(rel(paretoNbd.expectedTransactions(P, t), (P.r / P.alpha) * alive)).toBeLessThan(1e-10);
  });

  it('a new customer (0, 0, 0) is alive with conditional expectation E[X(t)]', () => {
    expect(paretoNbd.pAlive(P, 0, 0, 0)).toBeCloseTo(1, 12);
    expect(rel(paretoNbd.conditionalExpected(P, 0, 0, 0, 39), paretoNbd.expectedTransactions(P, 39))).toBeLessThan(
      1e-10
    );
  });
});

describe('Gamma-Gamma', () => {
  // FHL 2005 "RFM and CLV" (CDNOW): p = 6.25, q = 3.74, v = 15.44
  const G = { p: 6.25, q: 3.74, v: 15.44 };

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

  it('the expected lifetime is sum_t S(t) = (alpha + beta - 1) / (alpha - 1) when alpha > 1, infinite otherwise', () => {
    const p = { alpha: 3, beta: 4 };
    let sum = 0;
    for (let t = 0; t < 200000; t++) sum += sbgSurvival(p, t);
    expect(rel(sbgExpectedLifetime(p), sum)).toBeLessThan(1e-6);
    expect(sbgExpectedLifetime(S)).toBe(Infinity);
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
});
