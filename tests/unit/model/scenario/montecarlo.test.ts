import { describe, expect, it } from 'vitest';
import { prepareBaseline, cdnowDefaultBaseline } from '$lib/model/scenario/engine/baseline.ts';
import { bandsFromDraws, monteCarlo, monteCarloDraws } from '$lib/model/scenario/montecarlo.ts';
import { quantileSorted } from '$lib/model/core/quantile.ts';
import { choleskyRidged, drawPert } from '$lib/model/core/random/draws.ts';
import { createRng } from '$lib/model/core/random/index.ts';
import { defaultScenario } from '$lib/model/scenario/scenario.ts';
import { evaluateScenario } from '$lib/model/scenario/engine/evaluate.ts';
import { syntheticBaseline } from '$lib/model/scenario/engine/synthetic.ts';

const spec = cdnowDefaultBaseline(20);
// an illustrative log-parameter covariance (diagonal) to exercise fit uncertainty
spec.purchase.logCov = [0.01, 0, 0, 0, 0, 0.01, 0, 0, 0, 0, 0.02, 0, 0, 0, 0, 0.02];
const base = prepareBaseline(spec);

describe('Monte Carlo bands', () => {
  it('gives the same numbers for the same seed and different numbers for another seed', () => {
    const s = defaultScenario();
    const a = monteCarlo(base, s, { draws: 12, seed: 42 }).bands;
    const b = monteCarlo(base, s, { draws: 12, seed: 42 }).bands;
    const c = monteCarlo(base, s, { draws: 12, seed: 43 }).bands;
    expect(a).toEqual(b);
    expect(a.kpis.clvPerNewCustomer.p50).not.toBe(c.kpis.clvPerNewCustomer.p50);
  });
  it('orders p10 <= p50 <= p90 on every KPI and week', () => {
    const { bands } = monteCarlo(base, defaultScenario(), { draws: 15, seed: 1 });
    for (const k of Object.values(bands.kpis))
      if (k.p10 !== null) expect(k.p10 <= k.p50! && k.p50! <= k.p90!).toBe(true);
    const r = bands.series.revenue;
    for (let w = 0; w < r.p10.length; w++) expect(r.p10[w] <= r.p50[w] && r.p50[w] <= r.p90[w]).toBe(true);
    expect(bands.kpis.clvPerNewCustomer.p90! - bands.kpis.clvPerNewCustomer.p10!).toBeGreaterThan(0);
  });
  it('gives the same bands, to the last digit, from stretches of the run drawn apart (two workers)', () => {
    const s = defaultScenario();
    s.levers.pricing = { ...s.levers.pricing, priceChange: -0.05 };
    const whole = monteCarlo(base, s, { draws: 21, seed: 7 });
    const first = monteCarloDraws(base, s, { draws: 21, seed: 7, from: 0, to: 9 });
    const second = monteCarloDraws(base, s, { draws: 21, seed: 7, from: 9, to: 21 });
    expect(first.done + second.done).toBe(21);
    expect(bandsFromDraws([second, first])).toEqual(whole);
  });
  it('stops early when cancelled and says so', () => {
    let n = 0;
    const r = monteCarlo(base, defaultScenario(), { draws: 50, seed: 1, shouldCancel: () => ++n > 3 });
    expect(r.bands.draws).toBe(3);
    expect(r.warnings).toContain('Monte Carlo cancelled after 3 of 50 draws');
  });
});

describe('random helpers', () => {
  it('quantile type 7 interpolates between order statistics', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4, 5], 0.1)).toBeCloseTo(1.4, 14);
  });
  it('Cholesky reproduces the covariance', () => {
    const cov = [4, 2, 2, 3];
    const L = choleskyRidged(cov, 2);
    expect(L[0] * L[0]).toBeCloseTo(4, 14);
    expect(L[2] * L[0]).toBeCloseTo(2, 14);
    expect(L[2] * L[2] + L[3] * L[3]).toBeCloseTo(3, 14);
  });
  it('PERT draws stay in range with mean (low + 4 mode + high) / 6', () => {
    const rng = createRng(9);
    let s = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const x = drawPert(rng, -2.5, -1.5, -0.5);
      expect(x >= -2.5 && x <= -0.5).toBe(true);
      s += x;
    }
    // PERT mean (Malcolm et al. 1959) = (-2.5 + 4(-1.5) - 0.5) / 6 = -1.5; sd ~ 0.38, 4 standard errors ~ 0.011
    expect(Math.abs(s / n + 1.5)).toBeLessThan(0.011);
  });
});

describe('Monte Carlo bands on a coarse base with a control variate', () => {
  const synth = syntheticBaseline({ customers: 4000, seed: 5, organicNewPerWeek: 20 });
  synth.purchase.logCov = [0.01, 0, 0, 0, 0, 0.01, 0, 0, 0, 0, 0.02, 0, 0, 0, 0, 0.02];
  const full = prepareBaseline(synth);
  const s = defaultScenario();
  const central = evaluateScenario(full, s);

  it('collapses onto the full central line exactly when nothing is uncertain (the shift is full central - coarse central)', () => {
    const { bands } = monteCarlo(full, s, {
      draws: 3,
      seed: 1,
      fitUncertainty: false,
      assumptionUncertainty: false,
      bandGroups: 8
    });
    for (const k of ['clvPerNewCustomer', 'customerEquity', 'revenue', 'repeatRate1y', 'cac'] as const) {
      for (const q of ['p10', 'p50', 'p90'] as const)
        expect(bands.kpis[k][q]! / central.kpis[k]! - 1, `${k} ${q}`).toBeCloseTo(0, 12);
    }
    const r = bands.series.revenue;
    for (const w of [0, 51, 155]) expect(r.p50[w] / (central.series.revenue[w] as number) - 1).toBeCloseTo(0, 12);
  });

  // measured: at most 1.5e-3 on customer equity, whose 10-90 band is ~96% of its median
  it('keeps the quantiles of the same draws (same seed) on 8 groups within 3e-3 of those on the full grouping', () => {
    const coarse = monteCarlo(full, s, { draws: 20, seed: 9, bandGroups: 8 }).bands;
    const fine = monteCarlo(full, s, { draws: 20, seed: 9, bandGroups: 100000 }).bands;
    expect(full.groups.length).toBeGreaterThan(8);
    for (const k of ['clvPerNewCustomer', 'customerEquity', 'revenue', 'activeCustomersEnd'] as const) {
      for (const q of ['p10', 'p50', 'p90'] as const)
        expect(Math.abs(coarse.kpis[k][q]! / fine.kpis[k][q]! - 1), `${k} ${q}`).toBeLessThan(3e-3);
    }
  });
});

describe('redrawn fit parameters', () => {
  it('give an unbinned group the posterior Gamma(r1 + x, α1 + T) and Beta(a1, b1 + x) of the drawn parameters (FHL 2005)', async () => {
    const { redrawBaseline } = await import('$lib/model/scenario/montecarlo.ts');
    const one = prepareBaseline({ ...cdnowDefaultBaseline(0), customers: { x: [3], tx: [20], T: [38], m: [30] } });
    const p1 = { r: 0.3, alpha: 5, a: 0.9, b: 2.1 };
    const g = redrawBaseline(one, p1).groups;
    expect(g.shape[0]).toBeCloseTo(0.3 + 3, 12);
    expect(g.rate[0]).toBeCloseTo(5 + 38, 12);
    expect(g.betaA[0]).toBeCloseTo(0.9, 12);
    expect(g.betaB[0]).toBeCloseTo(2.1 + 3, 12);
  });
});

describe('Monte Carlo with a fitted channel curve (scenario.evidence.channels)', () => {
  // search at 4,000 a week; the registry's search curve: θ 0.2, κ 1.5, K 4,000, 40,000 visits x 1%
  const scenario = () => {
    const s = defaultScenario();
    s.levers.channels.budgetPerWeek.search = 4000;
    return s;
  };
  const curve = (variance: number) => ({
    mean: [Math.log(0.2 / 0.8), Math.log(1.5), Math.log(4000), Math.log(400)],
    cov: [variance, 0, 0, 0, 0, variance, 0, 0, 0, 0, variance, 0, 0, 0, 0, variance],
    conversion: 0.01,
    source: 'fitted from your data (2026-12-02)'
  });
  const width = (s: ReturnType<typeof defaultScenario>) => {
    const b = monteCarlo(base, s, { draws: 60, seed: 5, fitUncertainty: false }).bands.series.newCustomers;
    const w = 30;
    return { width: b.p90[w] - b.p10[w], median: b.p50[w] };
  };
  it('draws the curve from the fit: a tight fit narrows the new-customer band, a loose one widens it', () => {
    const registry = width(scenario());
    const tight = width({ ...scenario(), evidence: { channels: { search: curve(1e-6) } } });
    const loose = width({ ...scenario(), evidence: { channels: { search: curve(0.25) } } });
    expect(tight.width).toBeLessThan(registry.width);
    expect(loose.width).toBeGreaterThan(tight.width * 1.5);
    // the tight fit sits on the registry's central curve, so the median barely moves
    expect(Math.abs(tight.median - registry.median) / registry.median).toBeLessThan(0.1);
  });
});
