import { describe, expect, it } from 'vitest';
import { bgnbd } from '$lib/model/core/btyd/bgnbd.ts';
import { mbgNbd } from '$lib/model/core/btyd/mbgnbd.ts';
import { simulateBgNbd, simulateMbgNbd } from '$lib/model/core/btyd/simulate.ts';
import { compressRfm, compressRfmArrays } from '$lib/model/core/fit/compress.ts';
import { integrateToInfinity } from '$lib/model/core/special/integrate.ts';
import { lbeta } from '$lib/model/core/special/lbeta.ts';
import { lgamma } from '$lib/model/core/special/lgamma.ts';
import type { BgNbdParams } from '$lib/model/core/types.ts';

/** FHL 2005 Table/section 5: the CDNOW calibration fit. */
const CDNOW: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

function rel(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe('BG/NBD likelihood', () => {
  it('equals FHL 2005 eq. 6 written out directly (A1 A2 (A3 + delta A4))', () => {
    const p = { r: 0.7, alpha: 3.1, a: 1.4, b: 2.2 };
    for (const [x, tx, T] of [
      [0, 0, 20],
      [1, 4.5, 20],
      [7, 18.25, 30]
    ]) {
      const A1 = Math.exp(lgamma(p.r + x) - lgamma(p.r)) * p.alpha ** p.r;
      const A2 = Math.exp(lgamma(p.a + p.b) + lgamma(p.b + x) - lgamma(p.b) - lgamma(p.a + p.b + x));
      const A3 = (1 / (p.alpha + T)) ** (p.r + x);
      const A4 = x > 0 ? (p.a / (p.b + x - 1)) * (1 / (p.alpha + tx)) ** (p.r + x) : 0;
      expect(rel(bgnbd.logLikIndividual(p, x, tx, T), Math.log(A1 * A2 * (A3 + A4)))).toBeLessThan(1e-12);
    }
  });

  it('stays finite for heavy buyers where the direct form overflows (Fader & Hardie 2013, note 027)', () => {
    const ll = bgnbd.logLikIndividual(CDNOW, 400, 38.5, 39);
    expect(Number.isFinite(ll)).toBe(true);
    // the alive term dominates (alpha + t_x ~ alpha + T), so ll ~ log A1 + log A2 - (r + x) log(alpha + T)
    const alive =
      lgamma(CDNOW.r + 400) -
      lgamma(CDNOW.r) +
      CDNOW.r * Math.log(CDNOW.alpha) +
      lbeta(CDNOW.a, CDNOW.b + 400) -
      lbeta(CDNOW.a, CDNOW.b) -
      (CDNOW.r + 400) * Math.log(CDNOW.alpha + 39);
    expect(ll).toBeGreaterThan(alive);
  });

  it('sums to the weighted per-customer log-likelihoods over compressed data', () => {
    const rows = [
      { x: 0, tx: 0, T: 30 },
      { x: 0, tx: 0, T: 30 },
      { x: 3, tx: 10, T: 30 },
      { x: 1, tx: 2, T: 25 }
    ];
    const data = compressRfm(rows);
    const expected = rows.reduce((s, c) => s + bgnbd.logLikIndividual(CDNOW, c.x, c.tx, c.T), 0);
    expect(bgnbd.logLik(CDNOW, data)).toBeCloseTo(expected, 10);
  });
});

describe('BG/NBD predictions', () => {
  it('P(X(t) = n) sums to 1 and its mean is E[X(t)] (FHL 2005 eq. 8 and 9)', () => {
    for (const t of [5, 39, 78]) {
      let total = 0;
      let mean = 0;
      for (let n = 0; n <= 400; n++) {
        const pn = bgnbd.probTransactions(CDNOW, t, n);
        total += pn;
        mean += n * pn;
      }
      expect(Math.abs(total - 1)).toBeLessThan(1e-10);
      expect(rel(mean, bgnbd.expectedTransactions(CDNOW, t))).toBeLessThan(1e-8);
    }
  });

  it('a customer with (x, t_x, T) = (0, 0, 0) is a new customer: conditional expectation = E[X(t)]', () => {
    expect(bgnbd.conditionalExpected(CDNOW, 0, 0, 0, 52)).toBeCloseTo(bgnbd.expectedTransactions(CDNOW, 52), 12);
  });

  it('P(alive) is 1 without repeat purchases and falls with the time since the last purchase', () => {
    expect(bgnbd.pAlive(CDNOW, 0, 0, 38)).toBe(1);
    const recent = bgnbd.pAlive(CDNOW, 4, 37, 38);
    const lapsed = bgnbd.pAlive(CDNOW, 4, 5, 38);
    expect(recent).toBeGreaterThan(lapsed);
    // FHL 2005 eq. 13 written out
    const direct = 1 / (1 + (CDNOW.a / (CDNOW.b + 3)) * ((CDNOW.alpha + 38) / (CDNOW.alpha + 5)) ** (CDNOW.r + 4));
    expect(lapsed).toBeCloseTo(direct, 14);
  });

  it('reproduces the FHL 2005 example: E[Y(39) | x = 2, t_x = 30.43, T = 38.86] = 1.226', () => {
    // FHL 2005 section 5 (CDNOW): "a customer who made 2 repeat purchases ... expected 1.226 purchases in the next 39 weeks"
    expect(bgnbd.conditionalExpected(CDNOW, 2, 30.43, 38.86, 39)).toBeCloseTo(1.226, 3);
  });

  it('starts at the population mean rate r / alpha: E[X(t)] / t -> r / alpha as t -> 0', () => {
    // for small t the dropout has not acted yet: E[X(t)] = t E[lambda] + O(t^2)
    const t = 1e-5;
    expect(rel(bgnbd.expectedTransactions(CDNOW, t) / t, CDNOW.r / CDNOW.alpha)).toBeLessThan(1e-4);
  });

  it('is continuous through the removable singularity of eq. 9 at a = 1', () => {
    const at = (a: number) => bgnbd.expectedTransactions({ ...CDNOW, a }, 52);
    const below = at(0.98);
    const centre = at(1);
    const above = at(1.02);
    // E[X] decreases in a (higher dropout); the centre (quadrature branch) lies between the closed-form branches
    expect(below).toBeGreaterThan(centre);
    expect(centre).toBeGreaterThan(above);
    expect(Math.abs(centre - (below + above) / 2)).toBeLessThan(1e-3 * centre);
  });

  it('DERT equals delta times the integral of e^(-delta t) E[Y(t) | x, t_x, T] (integration by parts)', () => {
    const delta = 0.01;
    const direct = integrateToInfinity(
      (t) => delta * Math.exp(-delta * t) * bgnbd.conditionalExpected(CDNOW, 2, 30.43, 38.86, t),
      0,
      {
        tolerance: 1e-9
      }
    ).value;
    expect(rel(bgnbd.dert(CDNOW, 2, 30.43, 38.86, delta), direct)).toBeLessThan(1e-6);
  });

  it('rejects a non-positive discount rate, naming it', () => {
    expect(() => bgnbd.dert(CDNOW, 1, 2, 3, 0)).toThrow('invalid discount rate: 0');
  });
});

describe('BG/NBD fit', () => {
  it('recovers known parameters from 6,000 simulated customers within 3 standard errors', () => {
    const truth: BgNbdParams = { r: 0.5, alpha: 6, a: 0.8, b: 2.5 };
    const T = Float64Array.from({ length: 6000 }, (_, i) => 26 + (i % 27) * 0.5);
    const sim = simulateBgNbd(truth, { customers: 6000, T, seed: 20260101 });
    const fit = bgnbd.fit(compressRfmArrays(sim.x, sim.tx, sim.T));
    expect(fit.converged).toBe(true);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(fit.params[k] - truth[k])).toBeLessThan(3 * fit.stdErr[k]);
    }
    expect(fit.model).toBe('bgnbd');
    expect(fit.n).toBe(6000);
  });

  it('refuses data without any repeat purchase, empty data and non-finite data', () => {
    expect(() => bgnbd.fit(compressRfm([{ x: 0, tx: 0, T: 5 }]))).toThrow(
      'cannot fit bgnbd: no customer has a repeat purchase (x > 0)'
    );
    expect(() => bgnbd.fit(compressRfm([]))).toThrow('cannot fit bgnbd: no customers in the data');
    const bad = compressRfm([{ x: 1, tx: 1, T: 5 }]);
    bad.T[0] = NaN;
    expect(() => bgnbd.fit(bad)).toThrow(/must be finite/);
  });
});

describe('MBG/NBD', () => {
  const p: BgNbdParams = { r: 0.5, alpha: 6, a: 0.9, b: 1.6 };

  it('lets customers without repeat purchases be gone: P(alive | x = 0, T) = 1 / (1 + a / b (... )^r) < 1', () => {
    // Batislam et al. 2007 eq. 7 with x = 0, t_x = 0
    const direct = 1 / (1 + (p.a / p.b) * ((p.alpha + 30) / p.alpha) ** p.r);
    expect(mbgNbd.pAlive(p, 0, 0, 30)).toBeCloseTo(direct, 14);
    expect(mbgNbd.pAlive(p, 0, 0, 30)).toBeLessThan(1);
  });

  it('P(X(t) = n) sums to 1 with mean E[X(t)]; a new customer is alive with probability b / (a + b)', () => {
    let total = 0;
    let mean = 0;
    for (let n = 0; n <= 400; n++) {
      const pn = mbgNbd.probTransactions(p, 39, n);
      total += pn;
      mean += n * pn;
    }
    expect(Math.abs(total - 1)).toBeLessThan(1e-10);
    expect(rel(mean, mbgNbd.expectedTransactions(p, 39))).toBeLessThan(1e-8);
    expect(mbgNbd.pAlive(p, 0, 0, 0)).toBeCloseTo(p.b / (p.a + p.b), 14);
  });

  it('recovers known parameters from 6,000 simulated customers within 3 standard errors', () => {
    const sim = simulateMbgNbd(p, { customers: 6000, T: 39, seed: 77 });
    const fit = mbgNbd.fit(compressRfmArrays(sim.x, sim.tx, sim.T));
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(fit.params[k] - p[k])).toBeLessThan(3 * fit.stdErr[k]);
    }
  });
});

describe('conditionalExpectedMany: the same conditional expectations, shared per (x, T)', () => {
  it('equals conditionalExpected for every customer under each model, whatever the order', async () => {
    const { bgnbd } = await import('$lib/model/core/btyd/bgnbd');
    const { mbgNbd } = await import('$lib/model/core/btyd/mbgnbd');
    const { paretoNbd } = await import('$lib/model/core/btyd/paretonbd');
    // CDNOW fits (FHL 2005; "RFM and CLV" for Pareto/NBD) and a fit at no dropout (UCI Online Retail)
    const cases = [
      [bgnbd, { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }],
      [mbgNbd, { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }],
      [bgnbd, { r: 0.74, alpha: 9.36, a: 3.5e-5, b: 4486 }],
      [paretoNbd, { r: 0.5534, alpha: 10.5776, s: 0.6061, beta: 11.6562 }]
    ] as const;
    const customers = [
      [0, 0, 30],
      [2, 10, 30],
      [2, 25, 30],
      [0, 0, 30],
      [7, 29, 38],
      [2, 10, 30]
    ];
    for (const [model, p] of cases) {
      const many = model.conditionalExpectedMany!(p as never, 39);
      for (const [x, tx, T] of customers)
        expect(many(x, tx, T)).toBeCloseTo(model.conditionalExpected(p as never, x, tx, T, 39), 12);
    }
  });
});
