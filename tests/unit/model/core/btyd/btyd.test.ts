import { describe, expect, it } from 'vitest';
import {
  bgbbConditionalExpected,
  bgbbDert,
  bgbbExpectedTransactions,
  bgbbLogLikIndividual,
  bgbbPAlive,
  bgnbd,
  clvTable,
  compressBgBb,
  compressRfmArrays,
  compressSpend,
  conditionalExpectedSpend,
  customerClv,
  dertByQuadrature,
  fitBgBb,
  fitGammaGamma,
  fitSbg,
  fitSbgCohorts,
  gammaGammaLogLikIndividual,
  integrate,
  integrateToInfinity,
  lgamma,
  meanSpend,
  paretoNbd,
  sbgChurnProbability,
  sbgDel,
  sbgDerl,
  sbgRetention,
  sbgSurvival,
  simulateBgBb,
  simulateBgNbd,
  simulateParetoNbd,
  simulateSbg,
  survivalFromChurnPeriods,
  createRng
} from '$lib/model/core/index.ts';
import type { BgBbParams, BgNbdParams, GammaGammaParams, ParetoNbdParams, SbgParams } from '$lib/model/core/index.ts';

function rel(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

/** Pareto/NBD CDNOW estimates, Fader, Hardie & Lee (2005) "RFM and CLV", Table 2 footnote / FH 2005 note. */
const PNBD: ParetoNbdParams = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
/** the same with alpha > beta, to exercise the other branch of FH 2005 eq. 22-23 */
const PNBD_SWAPPED: ParetoNbdParams = { r: 0.553, alpha: 14.2, s: 0.606, beta: 6.1 };

describe('Pareto/NBD', () => {
  it('has the likelihood of the lifetime mixture written as a one-dimensional integral (FH 2005 note, eq. 15-18)', () => {
    // L = Gamma(r+x) alpha^r / Gamma(r) [ (alpha+T)^-(r+x) (beta/(beta+T))^s
    //      + int_{t_x}^T (alpha+tau)^-(r+x) s beta^s (beta+tau)^-(s+1) dtau ]
    for (const p of [PNBD, PNBD_SWAPPED]) {
      for (const [x, tx, T] of [
        [0, 0, 30],
        [2, 30.43, 38.86],
        [9, 12.5, 39]
      ]) {
        const { r, alpha, s, beta } = p;
        const lead = Math.exp(lgamma(r + x) - lgamma(r) + r * Math.log(alpha));
        const alive = Math.pow(alpha + T, -(r + x)) * Math.pow(beta / (beta + T), s);
        const died =
          tx < T
            ? integrate(
                (tau) => Math.pow(alpha + tau, -(r + x)) * s * Math.pow(beta, s) * Math.pow(beta + tau, -(s + 1)),
                tx,
                T,
                {
                  tolerance: 1e-13
                }
              ).value
            : 0;
        expect(rel(paretoNbd.logLikIndividual(p, x, tx, T), Math.log(lead * (alive + died)))).toBeLessThan(1e-10);
      }
    }
  });

  it('P(X(t) = n) sums to 1 and has mean E[X(t)] (FH 2005 note, eq. 25)', () => {
    let total = 0;
    let mean = 0;
    for (let n = 0; n <= 150; n++) {
      const pn = paretoNbd.probTransactions(PNBD, 39, n);
      total += pn;
      mean += n * pn;
    }
    expect(Math.abs(total - 1)).toBeLessThan(1e-8);
    expect(rel(mean, paretoNbd.expectedTransactions(PNBD, 39))).toBeLessThan(1e-6);
  });

  it('treats (x, t_x, T) = (0, 0, 0) as a new customer and P(alive) falls with inactivity', () => {
    expect(
      rel(paretoNbd.conditionalExpected(PNBD, 0, 0, 0, 52), paretoNbd.expectedTransactions(PNBD, 52))
    ).toBeLessThan(1e-12);
    const recent = paretoNbd.pAlive(PNBD, 4, 38, 39);
    const lapsed = paretoNbd.pAlive(PNBD, 4, 10, 39);
    expect(recent).toBeGreaterThan(lapsed);
    expect(recent).toBeLessThanOrEqual(1);
    expect(paretoNbd.pAlive(PNBD, 4, 39, 39)).toBe(1);
  });

  it('computes DERT (FHL 2005 "RFM and CLV" eq. 2, Tricomi U) equal to delta int e^(-delta t) E[Y(t)] dt', () => {
    const delta = 0.0027; // ~15% a year on weekly data, FHL 2005 "RFM and CLV" section 4
    for (const [x, tx, T] of [
      [0, 0, 39],
      [2, 30.43, 38.86],
      [10, 35, 39]
    ]) {
      const direct = dertByQuadrature((t) => paretoNbd.conditionalExpected(PNBD, x, tx, T, t), delta);
      expect(rel(paretoNbd.dert(PNBD, x, tx, T, delta), direct)).toBeLessThan(1e-6);
    }
  });

  it('recovers known parameters from 4,000 simulated customers within 3 standard errors', () => {
    const truth: ParetoNbdParams = { r: 0.6, alpha: 8, s: 0.8, beta: 12 };
    const sim = simulateParetoNbd(truth, { customers: 4000, T: 39, seed: 2005 });
    // record times to the day, as real data are
    const day = (v: number): number => Math.round(v * 7) / 7;
    const data = compressRfmArrays(sim.x, sim.tx.map(day), sim.T);
    const fit = paretoNbd.fit(data);
    for (const k of ['r', 'alpha', 's', 'beta'] as const) {
      expect(Math.abs(fit.params[k] - truth[k])).toBeLessThan(3 * fit.stdErr[k]);
    }
  });

  it('refuses data without repeat purchases', () => {
    expect(() => paretoNbd.fit(compressRfmArrays([0, 0], [0, 0], [5, 7]))).toThrow(
      'cannot fit paretonbd: no customer has a repeat purchase (x > 0)'
    );
  });
});

describe('BG/NBD simulator', () => {
  it('draws customers whose mean repeat count matches E[X(T)] (FHL 2005 eq. 9) and is reproducible', () => {
    const p: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const a = simulateBgNbd(p, { customers: 20000, T: 39, seed: 11 });
    const b = simulateBgNbd(p, { customers: 20000, T: 39, seed: 11 });
    expect(Array.from(a.x.subarray(0, 50))).toEqual(Array.from(b.x.subarray(0, 50)));
    const mean = a.x.reduce((s, v) => s + v, 0) / a.x.length;
    let m2 = 0;
    for (const v of a.x) m2 += (v - mean) ** 2;
    const se = Math.sqrt(m2 / (a.x.length - 1) / a.x.length);
    expect(Math.abs(mean - bgnbd.expectedTransactions(p, 39))).toBeLessThan(4 * se);
    for (let i = 0; i < a.x.length; i++) expect(a.tx[i] <= a.T[i]).toBe(true);
  });

  it('reports every transaction time through onTransaction, in order per customer', () => {
    const times: number[] = [];
    const sim = simulateBgNbd(
      { r: 2, alpha: 4, a: 1, b: 9 },
      { customers: 1, T: 52, seed: 3, holdout: 10, onTransaction: (_, t) => times.push(t) }
    );
    expect(times.length).toBe(sim.x[0] + sim.xHoldout[0]);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]);
  });
});

describe('Gamma-Gamma', () => {
  const gg: GammaGammaParams = { p: 6.25, q: 3.74, v: 15.44 }; // FHL 2005 "RFM and CLV", section 3

  it('has a density of the mean spend that integrates to 1 for each x (Fader & Hardie note 025, eq. 3)', () => {
    for (const x of [1, 3, 12]) {
      const total = integrateToInfinity((m) => Math.exp(gammaGammaLogLikIndividual(gg, x, m)), 0, {
        tolerance: 1e-11
      }).value;
      expect(Math.abs(total - 1)).toBeLessThan(1e-8);
    }
  });

  it('shrinks a customer mean towards the population mean p v / (q - 1) (note 025, eq. 5)', () => {
    expect(meanSpend(gg)).toBeCloseTo((6.25 * 15.44) / 2.74, 12);
    const x = 3;
    const m = 50;
    const w = (gg.p * x) / (gg.p * x + gg.q - 1);
    expect(conditionalExpectedSpend(gg, x, m)).toBeCloseTo(w * m + (1 - w) * meanSpend(gg), 10);
    expect(conditionalExpectedSpend(gg, 0, 0)).toBe(meanSpend(gg));
  });

  it('recovers p, q, v from 5,000 simulated customers within 3 standard errors', () => {
    const rng = createRng(99);
    const n = 5000;
    const xs = new Float64Array(n);
    const ms = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const nu = rng.gamma(gg.q, gg.v);
      const x = 1 + rng.poisson(2);
      let sum = 0;
      for (let j = 0; j < x; j++) sum += rng.gamma(gg.p, nu);
      xs[i] = x;
      ms[i] = sum / x;
    }
    const fit = fitGammaGamma(compressSpend(xs, ms));
    for (const k of ['p', 'q', 'v'] as const) expect(Math.abs(fit.params[k] - gg[k])).toBeLessThan(3 * fit.stdErr[k]);
  });

  it('refuses data without repeat spend', () => {
    expect(() => fitGammaGamma(compressSpend([0, 0], [0, 0]))).toThrow(/cannot fit gammagamma/);
  });
});

describe('sBG', () => {
  const regular: SbgParams = { alpha: 0.704, beta: 1.182 }; // Fader & Hardie 2007, regular cohort

  it('has churn probabilities and survival that add up: sum_{t<=n} P(T = t) + S(n) = 1', () => {
    let churn = 0;
    for (let t = 1; t <= 12; t++) churn += sbgChurnProbability(regular, t);
    expect(Math.abs(churn + sbgSurvival(regular, 12) - 1)).toBeLessThan(1e-14);
  });

  it('has retention r(t) = S(t) / S(t - 1) (FH 2007 eq. 4 and 8)', () => {
    for (const t of [1, 2, 5, 13]) {
      expect(rel(sbgRetention(regular, t), sbgSurvival(regular, t) / sbgSurvival(regular, t - 1))).toBeLessThan(1e-13);
    }
  });

  it('computes DEL and DERL as the discounted survival series (FH 2010 eq. 5-6)', () => {
    const d = 0.1;
    let del = 0;
    for (let t = 0; t < 5000; t++) del += sbgSurvival(regular, t) / (1 + d) ** t;
    expect(rel(sbgDel(regular, d), del)).toBeLessThan(1e-9);
    const n = 4;
    let derl = 0;
    for (let k = 0; k < 5000; k++) derl += sbgSurvival(regular, n + 1 + k) / sbgSurvival(regular, n) / (1 + d) ** k;
    expect(rel(sbgDerl(regular, d, n), derl)).toBeLessThan(1e-9);
  });

  it('recovers alpha, beta from 3 cohorts of simulated churn periods, fitted at once', () => {
    const truth: SbgParams = { alpha: 1.2, beta: 2.5 };
    const cohorts = Object.fromEntries(
      [1, 2, 3].map((k) => [`cohort${k}`, survivalFromChurnPeriods(simulateSbg(truth, 4000, k), 8)])
    );
    const fits = fitSbgCohorts(cohorts);
    for (const fit of Object.values(fits)) {
      expect(Math.abs(fit.params.alpha - truth.alpha)).toBeLessThan(3 * fit.stdErr.alpha);
      expect(Math.abs(fit.params.beta - truth.beta)).toBeLessThan(3 * fit.stdErr.beta);
    }
  });

  it('turns churn periods into survival counts and rejects cohorts that cannot identify the model', () => {
    expect(survivalFromChurnPeriods([1, 2, 2, 9], 3).active).toEqual([4, 3, 1, 1]);
    expect(() => fitSbg({ active: [10, 10, 10] })).toThrow(
      'cannot fit sbg: nobody churned, so the churn rate is not identified'
    );
    expect(() => fitSbg({ active: [10, 12] })).toThrow('active[1] = 12 exceeds active[0] = 10');
  });
});

describe('BG/BB', () => {
  const p: BgBbParams = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }; // FHS 2010, Table 2

  /** every (x, t_x) cell for n opportunities with its number of histories: C(t_x - 1, x - 1), 1 for x = 0 */
  function cells(n: number): { x: number; tx: number; ways: number }[] {
    const out = [{ x: 0, tx: 0, ways: 1 }];
    const choose = (a: number, b: number): number =>
      Math.round(Math.exp(lgamma(a + 1) - lgamma(b + 1) - lgamma(a - b + 1)));
    for (let tx = 1; tx <= n; tx++) for (let x = 1; x <= tx; x++) out.push({ x, tx, ways: choose(tx - 1, x - 1) });
    return out;
  }

  it('has likelihoods over all histories summing to 1 and mean E[X(n)] (FHS 2010 eq. 5 and 7)', () => {
    let total = 0;
    let mean = 0;
    for (const c of cells(6)) {
      const l = c.ways * Math.exp(bgbbLogLikIndividual(p, c.x, c.tx, 6));
      total += l;
      mean += c.x * l;
    }
    expect(Math.abs(total - 1)).toBeLessThan(1e-12);
    expect(rel(mean, bgbbExpectedTransactions(p, 6))).toBeLessThan(1e-10);
  });

  it('treats (0, 0, 0) as a new customer, and P(alive) is 1 - P(death) for a fresh customer', () => {
    expect(rel(bgbbConditionalExpected(p, 0, 0, 0, 5), bgbbExpectedTransactions(p, 5))).toBeLessThan(1e-12);
    expect(bgbbPAlive(p, 0, 0, 0)).toBeCloseTo(p.delta / (p.gamma + p.delta), 12);
  });

  it('computes DERT (FHS 2010 eq. 14) as the discounted sum of expected future transactions', () => {
    const d = 0.1;
    for (const [x, tx, n] of [
      [0, 0, 6],
      [3, 5, 6],
      [6, 6, 6]
    ]) {
      let series = 0;
      let previous = 0;
      for (let k = 1; k <= 3000; k++) {
        const cumulative = bgbbConditionalExpected(p, x, tx, n, k);
        series += (cumulative - previous) / (1 + d) ** k;
        previous = cumulative;
      }
      expect(rel(bgbbDert(p, x, tx, n, d), series)).toBeLessThan(1e-8);
    }
  });

  it('recovers the parameters from 11,104 simulated donors over 6 opportunities within 3 standard errors', () => {
    const fit = fitBgBb(compressBgBb(simulateBgBb(p, 11104, 6, 2010)));
    for (const k of ['alpha', 'beta', 'gamma', 'delta'] as const)
      expect(Math.abs(fit.params[k] - p[k])).toBeLessThan(3 * fit.stdErr[k]);
  });
});

describe('CLV', () => {
  it('is margin x expected spend x DERT, per customer and in total', () => {
    const pp: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const gg: GammaGammaParams = { p: 6.25, q: 3.74, v: 15.44 };
    const customers = [
      { x: 2, tx: 30.43, T: 38.86, m: 30 },
      { x: 0, tx: 0, T: 38.86, m: 0 },
      { x: 2, tx: 30.43, T: 38.86, m: 60 }
    ];
    const options = { margin: 0.3, discountPerPeriod: 0.0027 };
    const one = customerClv(bgnbd, pp, gg, customers[0], options);
    expect(rel(one, 0.3 * conditionalExpectedSpend(gg, 2, 30) * bgnbd.dert(pp, 2, 30.43, 38.86, 0.0027))).toBeLessThan(
      1e-12
    );
    const table = clvTable(bgnbd, pp, gg, customers, options);
    expect(rel(table.clv[0], one)).toBeLessThan(1e-12);
    expect(rel(table.total, table.clv[0] + table.clv[1] + table.clv[2])).toBeLessThan(1e-12);
    expect(() => customerClv(bgnbd, pp, gg, customers[0], { margin: 1.5, discountPerPeriod: 0.01 })).toThrow(
      'invalid margin: 1.5'
    );
  });
});
