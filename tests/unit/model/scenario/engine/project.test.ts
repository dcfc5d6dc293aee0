import { describe, expect, it } from 'vitest';
import {
  prepareBaseline,
  cdnowDefaultBaseline,
  sbgDefaultBaseline,
  bgnbdPAlive,
  type NonContractualBaselineSpec
} from '$lib/model/scenario/engine/baseline.ts';
import { project, scaleBetaMean } from '$lib/model/scenario/engine/project/index.ts';
import { scenarioValues } from '$lib/model/scenario/engine/evaluate.ts';
import { neutralScenario } from '$lib/model/scenario/scenario.ts';
import { CDNOW, conditionalExpected, cumulative, expectedTransactions } from './fixtures.ts';

const values = scenarioValues(neutralScenario());

function baselineWith(customers: { x: number[]; tx: number[]; T: number[]; m: number[] }): NonContractualBaselineSpec {
  return { ...cdnowDefaultBaseline(0), customers };
}

describe('the weekly projection of the existing base (BG/NBD, FHL 2005)', () => {
  // Stated tolerance of the approximation: Gauss-Beta quadrature (16 nodes for x = 0,
  // 10 for customers with repeat purchases), exact Gamma integral: relative error < 1e-5.
  const histories = {
    x: [0, 2, 7, 1, 15],
    tx: [0, 30.43, 35.71, 10, 38],
    T: [38.86, 38.86, 38.86, 20, 39],
    m: [0, 20, 35, 10, 60]
  };
  const base = prepareBaseline(baselineWith(histories));

  it('groups by (x, T, P(alive) decile) without binning when few', () => {
    expect(base.groups.length).toBe(5);
    expect(base.notes.join(' ')).not.toContain('binned');
  });

  it('reproduces E[Y(t) | x, t_x, T] (FHL 2005 eq. 10) summed over the customers for t = 13, 39, 78, 156 weeks', () => {
    const s = { ...neutralScenario(), economics: { ...neutralScenario().economics, horizonWeeks: 156 } };
    const o = project(base, s, values).outcome;
    for (const t of [13, 39, 78, 156]) {
      let exact = 0;
      for (let i = 0; i < 5; i++)
        exact += conditionalExpected(CDNOW, histories.x[i], histories.tx[i], histories.T[i], t);
      expect(Math.abs(cumulative(o.series.transactions, t) - exact) / exact).toBeLessThan(1e-5);
    }
  });

  it('reproduces E[Y(156) | x, t_x, T] per customer within 1e-5, one history at a time', () => {
    const s = { ...neutralScenario(), economics: { ...neutralScenario().economics, horizonWeeks: 156 } };
    for (let i = 0; i < 5; i++) {
      const one = prepareBaseline(
        baselineWith({ x: [histories.x[i]], tx: [histories.tx[i]], T: [histories.T[i]], m: [10] })
      );
      const o = project(one, s, values).outcome;
      const exact = conditionalExpected(CDNOW, histories.x[i], histories.tx[i], histories.T[i], 156);
      expect(Math.abs(cumulative(o.series.transactions, 156) / exact - 1)).toBeLessThan(1e-5);
    }
  });

  it('starts from Σ P(alive) (FHL 2005 eq. 11) alive customers', () => {
    let alive = 0;
    for (let i = 0; i < 5; i++) alive += bgnbdPAlive(CDNOW, histories.x[i], histories.tx[i], histories.T[i]);
    let g = 0;
    for (let j = 0; j < base.groups.length; j++) g += base.groups.alive[j];
    expect(g).toBeCloseTo(alive, 12);
  });

  // The prior Beta(0.793, 2.426) has a density singular at p = 0 and r = 0.243 is
  // small, so the quadrature converges slower there than on the posteriors; with the
  // default 16 nodes the stated tolerance is 1e-5 up to 156 weeks.
  it('reproduces E[X(t)] (FHL 2005 eq. 9) for a cohort at acquisition within 1e-5', () => {
    const b = prepareBaseline(cdnowDefaultBaseline(0));
    const o = project(b, neutralScenario(), values).outcome;
    for (const t of [1, 10, 52, 156]) {
      const exact = 23570 * expectedTransactions(CDNOW, t);
      expect(Math.abs(cumulative(o.series.transactions, t) - exact) / exact).toBeLessThan(1e-5);
    }
  });

  it('scales the Gamma rate by 1/M for a purchase-rate multiplier M: E[X(t)] with α/M', () => {
    const b = prepareBaseline(cdnowDefaultBaseline(0));
    const s = neutralScenario();
    s.levers.pricing.priceChange = -0.1; // purchase rate x 0.9^-1.5, spend x 0.9
    const M = Math.pow(0.9, -1.5);
    const o = project(b, s, values).outcome;
    const exact = 23570 * expectedTransactions({ ...CDNOW, alpha: CDNOW.alpha / M }, 52);
    expect(Math.abs(cumulative(o.series.transactions, 52) - exact) / exact).toBeLessThan(1e-5);
  });

  it('keeps the Beta concentration when scaling mean dropout (MODEL.md section 2)', () => {
    const { a, b } = scaleBetaMean(0.793, 2.426, 0.8);
    expect(a + b).toBeCloseTo(0.793 + 2.426, 12);
    expect(a / (a + b)).toBeCloseTo((0.793 / 3.219) * 0.8, 12);
    const c = scaleBetaMean(0.793, 2.426, 100);
    expect(c.clamped).toBe(true);
    expect(c.a / (c.a + c.b)).toBeCloseTo(0.999, 12);
  });

  it('bins a large base into at most maxGroups groups and keeps the alive total', () => {
    const n = 5000;
    const x: number[] = [],
      tx: number[] = [],
      T: number[] = [],
      m: number[] = [];
    for (let i = 0; i < n; i++) {
      const Ti = 10 + ((i * 7919) % 700) / 10;
      const xi = (i * 31) % 40;
      x.push(xi);
      T.push(Ti);
      tx.push(xi === 0 ? 0 : Ti * (((i * 13) % 100) / 100));
      m.push(20);
    }
    const b = prepareBaseline(baselineWith({ x, tx, T, m }), { maxGroups: 300 });
    expect(b.groups.length).toBeLessThanOrEqual(300);
    let exact = 0;
    for (let i = 0; i < n; i++) exact += bgnbdPAlive(CDNOW, x[i], tx[i], T[i]);
    expect(cumulative(b.groups.alive, b.groups.length)).toBeCloseTo(exact, 6);
  });
});

describe('the contractual (sBG) projection', () => {
  it('keeps the sBG survival S(n) = B(α, β + n) / B(α, β) at whole contract periods (Fader & Hardie 2007 eq. 3)', () => {
    const base = prepareBaseline(sbgDefaultBaseline());
    const s = neutralScenario();
    s.economics.horizonWeeks = 156;
    const o = project(base, s, values).outcome;
    const { alpha, beta } = { alpha: 0.704, beta: 1.182 };
    // S(1) = β / (α + β); S(2) = S(1) (β + 1) / (α + β + 1); S(3) = S(2) (β + 2) / (α + β + 2)
    const S = [1];
    for (let n = 1; n <= 3; n++) S.push((S[n - 1] * (beta + n - 1)) / (alpha + beta + n - 1));
    // the weekly form (1 - θ)^(w/P) equals (1 - θ)^n at w = nP, so survival at whole periods is exact
    for (let n = 1; n <= 3; n++) expect(o.cohortSurvival.existingBase[52 * n - 1]).toBeCloseTo(S[n], 8);
    expect(o.contractual).toBe(true);
  });
});

describe('the new-customer kernel', () => {
  it('gives the survival of a new customer E[(α / (α + p t))^r] = 2F1(r, a; a + b; -t/α) (Euler integral of the BG/NBD death process)', async () => {
    const { hyp2f1 } = await import('../../../../../src/lib/model/core/special/index.ts');
    const b = prepareBaseline(cdnowDefaultBaseline(10));
    const o = project(b, neutralScenario(), values).outcome;
    const { r, alpha, a, b: bb } = CDNOW;
    // stated tolerance (16 nodes): 1e-5 up to three years; the prior's mass near p = 0
    // makes ten years harder, 2e-4 at 520 weeks
    for (const [t, tol] of [
      [1, 1e-5],
      [26, 1e-5],
      [52, 1e-5],
      [156, 1e-5],
      [520, 2e-4]
    ]) {
      const exact = hyp2f1(r, a, a + bb, -t / alpha);
      expect(Math.abs(o.cohortSurvival.byChannel.organic[t - 1] / exact - 1)).toBeLessThan(tol);
    }
    expect(o.kpis.retention1y).toBeCloseTo(hyp2f1(r, a, a + bb, -52 / alpha), 5);
  });

  // stated tolerance 1e-3: the 520-week CLV window reaches where 16 nodes on the prior lose accuracy (see above)
  it('gives CLV = m g (1 + Σ discounted expected repeat transactions) with E[X(t)] of FHL 2005 eq. 9 per week, within 1e-3', () => {
    const b = prepareBaseline(cdnowDefaultBaseline(10));
    const s = neutralScenario();
    const o = project(b, s, values).outcome;
    const delta = Math.log(1.1) / 52;
    let dtx = 0;
    for (let w = 1; w <= s.economics.clvWindowWeeks; w++)
      dtx += (expectedTransactions(CDNOW, w) - expectedTransactions(CDNOW, w - 1)) * Math.exp(-delta * (w - 0.5));
    const meanSpend = (6.25 * 15.44) / (3.74 - 1); // Gamma-Gamma mean p v / (q - 1)
    expect(Math.abs(o.kpis.clvPerNewCustomer! / (meanSpend * 0.3 * (1 + dtx)) - 1)).toBeLessThan(1e-3);
  });
});

describe('the CLV tail of the new-customer kernels', () => {
  it('steps the kernel in 4-week blocks beyond the horizon with CLV within 2e-6 of weekly stepping (a 520-week horizon steps weekly)', async () => {
    const { defaultScenario } = await import('$lib/model/scenario/scenario.ts');
    const b = prepareBaseline(cdnowDefaultBaseline(100));
    for (const minutes of [10, 4]) {
      const s = defaultScenario();
      s.levers.service.responseTimeMinutes = minutes; // 4: time-varying dropout factor (eroding satisfaction lead)
      const v = scenarioValues(s);
      const blocked = project(b, s, v).outcome;
      const weekly = project(b, { ...s, economics: { ...s.economics, horizonWeeks: 520 } }, v).outcome;
      // per source (the acquisition mix itself depends on the horizon)
      for (const src of ['organic', 'search', 'email'] as const) {
        expect(Math.abs(blocked.clvByChannel[src] / weekly.clvByChannel[src] - 1)).toBeLessThan(2e-6);
      }
      expect(blocked.clvByChannel.organic).not.toBe(weekly.clvByChannel.organic);
      // block ends carry the exact survival: 520 - 156 is a whole number of blocks
      expect(blocked.cohortSurvival.byChannel.organic[519]).toBeCloseTo(
        weekly.cohortSurvival.byChannel.organic[519],
        12
      );
    }
  });
});

describe('lean evaluation (Monte Carlo, sensitivity, optimiser)', () => {
  it('keeps the KPIs within 1e-5 of the full projection', async () => {
    const { defaultScenario } = await import('$lib/model/scenario/scenario.ts');
    const b = prepareBaseline(cdnowDefaultBaseline(100));
    const s = defaultScenario();
    s.levers.service.responseTimeMinutes = 4; // time-varying dropout factor (eroding satisfaction lead)
    const v = scenarioValues(s);
    const full = project(b, s, v).outcome;
    const lean = project(b, s, v, { lean: true }).outcome;
    for (const k of [
      'clvPerNewCustomer',
      'customerEquity',
      'retention1y',
      'revenue',
      'discountedContribution'
    ] as const) {
      expect(Math.abs(lean.kpis[k]! / full.kpis[k]! - 1), k).toBeLessThan(1e-5);
    }
  });
});

describe('a new subscriber (sBG cohort kernel)', () => {
  it('renews in phase at whole periods with survival S(k) = S(k-1)(β + k - 1)/(α + β + k - 1) and CLV = price g (1 + Σ S(k) e^(-δ k P))', () => {
    const base = prepareBaseline({
      ...sbgDefaultBaseline(),
      periodWeeks: 13,
      tenure: { renewals: [0], count: [0] },
      organicNewPerWeek: 5
    });
    const s = neutralScenario();
    const o = project(base, s, values).outcome;
    const { alpha, beta } = { alpha: 0.704, beta: 1.182 }; // Fader & Hardie (2007), regular cohort
    const S = [1];
    for (let k = 1; k <= 40; k++) S.push((S[k - 1] * (beta + k - 1)) / (alpha + beta + k - 1));
    const kernel = o.cohortSurvival.byChannel.organic;
    expect(kernel[11]).toBeCloseTo(1, 12); // age 12 weeks: before the first renewal
    expect(kernel[12]).toBeCloseTo(S[1], 8); // age 13: first renewal
    expect(kernel[25]).toBeCloseTo(S[2], 8);
    const delta = Math.log(1.1) / 52;
    let pv = 1;
    for (let k = 1; k * 13 <= s.economics.clvWindowWeeks; k++) pv += S[k] * Math.exp(-delta * (k * 13 - 0.5));
    // payments in week k·13 - 1 (0-based) are discounted at mid-week, age k·13 - 0.5
    expect(o.kpis.clvPerNewCustomer! / (100 * 0.3 * pv)).toBeCloseTo(1, 6);
  });
});
