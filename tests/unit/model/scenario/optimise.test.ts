import { describe, expect, it } from 'vitest';
import { prepareBaseline, cdnowDefaultBaseline } from '$lib/model/scenario/engine/baseline.ts';
import { evaluateScenario, scenarioValues } from '$lib/model/scenario/engine/evaluate.ts';
import { equalSplit, optimiseBudget, projectOnBudget } from '$lib/model/scenario/optimise.ts';
import { neutralScenario } from '$lib/model/scenario/scenario.ts';
import { CHANNEL_IDS, type ChannelId, type KpiId } from '$lib/model/scenario/scenario-types.ts';

const base = prepareBaseline(cdnowDefaultBaseline(50));
function problem() {
  const s = neutralScenario();
  s.economics.horizonWeeks = 52;
  s.economics.clvWindowWeeks = 104;
  return s;
}

/** KPI of the equal split of `total` over `subset` (the other channels at 0). */
function equalSplitValue(kpi: KpiId, total: number, subset: ChannelId[]): number | null {
  const s = problem();
  for (const c of subset) s.levers.channels.budgetPerWeek[c] = total / subset.length;
  return evaluateScenario(base, s, { values: scenarioValues(s), nodes: 10, lean: true }).kpis[kpi];
}

const subsets: ChannelId[][] = [];
for (let mask = 1; mask < 1 << CHANNEL_IDS.length; mask++) subsets.push(CHANNEL_IDS.filter((_, i) => mask & (1 << i)));

describe('the budget optimiser', () => {
  for (const [kpi, total] of [
    ['customerEquity', 6000],
    ['newCustomers', 2000],
    ['contribution', 12000]
  ] as [KpiId, number][]) {
    it(`beats the equal split over every one of the 63 channel subsets for ${kpi} at ${total} per week`, () => {
      const r = optimiseBudget(base, problem(), { kpi, totalBudgetPerWeek: total });
      const spent = CHANNEL_IDS.reduce((s, c) => s + r.budgetPerWeek[c], 0);
      expect(spent).toBeCloseTo(total, 6);
      for (const sub of subsets)
        expect(r.value!).toBeGreaterThanOrEqual(equalSplitValue(kpi, total, sub)! - 1e-9 * Math.abs(r.value!));
      expect(r.value!).toBeGreaterThan(r.equalSplitValue!);
    });
  }

  it('respects per-channel minimum and maximum', () => {
    const r = optimiseBudget(base, problem(), {
      kpi: 'customerEquity',
      totalBudgetPerWeek: 5000,
      minPerWeek: { display: 500 },
      maxPerWeek: { search: 1000, stores: 1000 }
    });
    expect(r.budgetPerWeek.display).toBeGreaterThanOrEqual(500 - 1e-9);
    expect(r.budgetPerWeek.search).toBeLessThanOrEqual(1000 + 1e-9);
    expect(r.budgetPerWeek.stores).toBeLessThanOrEqual(1000 + 1e-9);
  });

  it('rejects an infeasible total with the numbers that conflict', () => {
    expect(() =>
      optimiseBudget(base, problem(), { kpi: 'customerEquity', totalBudgetPerWeek: 100, minPerWeek: { search: 200 } })
    ).toThrow('infeasible budget: total 100 outside [Σ min 200, Σ max Infinity]');
  });

  it('projects an allocation on the budget constraints (sum and bounds)', () => {
    const b = projectOnBudget([10, 10, 10], [0, 5, 0], [3, 100, 100], 30);
    expect(b[0]).toBe(3);
    expect(b.reduce((s, x) => s + x, 0)).toBeCloseTo(30, 9);
  });

  it('reports response curves that start at zero and rise with budget', () => {
    const r = optimiseBudget(base, problem(), {
      kpi: 'newCustomers',
      totalBudgetPerWeek: 1000,
      channels: ['search', 'email']
    });
    expect(r.responseCurves.search.newCustomersPerWeek[0]).toBe(0);
    expect(r.responseCurves.search.newCustomersPerWeek[20]).toBeGreaterThan(
      r.responseCurves.search.newCustomersPerWeek[10]
    );
    expect(r.budgetPerWeek.display).toBe(0);
    expect(r.marginalReturn.display).toBeNull();
  });
});

describe('the optimiser with price and personalisation coverage', () => {
  it('reaches at least the allocation-only optimum on this test problem when price and coverage may also move', () => {
    const s = problem();
    const budgetOnly = optimiseBudget(base, s, { kpi: 'contribution', totalBudgetPerWeek: 3000 });
    const withLevers = optimiseBudget(base, s, {
      kpi: 'contribution',
      totalBudgetPerWeek: 3000,
      priceChange: { min: -0.1, max: 0.1 },
      coverage: { min: 0, max: 1 }
    });
    expect(withLevers.priceChange).toBeGreaterThanOrEqual(-0.1);
    expect(withLevers.priceChange).toBeLessThanOrEqual(0.1);
    expect(withLevers.coverage).toBeGreaterThanOrEqual(0);
    expect(withLevers.value!).toBeGreaterThanOrEqual(budgetOnly.value! - 1e-9 * Math.abs(budgetOnly.value!));
  });
});

describe("the optimiser and the scenario's own allocation", () => {
  it('reports the KPI of the scenario as given, evaluated like the optimum (10 nodes, lean)', () => {
    const s = problem();
    Object.assign(s.levers.channels.budgetPerWeek, { search: 3000, social: 1500, display: 1000, email: 500 });
    const r = optimiseBudget(base, s, { kpi: 'customerEquity', totalBudgetPerWeek: 6000 });
    const expected = evaluateScenario(base, s, { values: scenarioValues(s), nodes: 10, lean: true }).kpis
      .customerEquity;
    expect(r.currentValue).toBe(expected);
    expect(r.value!).toBeGreaterThan(r.currentValue!);
  });

  it('is never worse than an allocation that already spends the total, even when stopped early', () => {
    // a good allocation found by a full run becomes the scenario's own; a run capped at 30 evaluations
    // cannot reach it from the equal split or the greedy start alone, so only the own start keeps it
    const s = problem();
    const full = optimiseBudget(base, s, { kpi: 'customerEquity', totalBudgetPerWeek: 6000 });
    Object.assign(s.levers.channels.budgetPerWeek, full.budgetPerWeek);
    const capped = optimiseBudget(base, s, { kpi: 'customerEquity', totalBudgetPerWeek: 6000, maxEvaluations: 30 });
    expect(capped.warnings).toContain('optimiser stopped at the evaluation limit (30)');
    expect(capped.value!).toBeGreaterThanOrEqual(capped.currentValue!);
    expect(capped.value!).toBeGreaterThan(capped.equalSplitValue!);
  });
});

describe('the equal split', () => {
  it('reproduces the equal split the optimiser starts from: B / n per channel, water-filled around a maximum', () => {
    // 6,000 over six channels with search capped at 500: the other five share 5,500 equally
    const eq = equalSplit({
      kpi: 'customerEquity',
      totalBudgetPerWeek: 6000,
      maxPerWeek: { search: 500 }
    });
    expect(eq.search).toBeCloseTo(500, 9);
    for (const c of CHANNEL_IDS.filter((c) => c !== 'search')) expect(eq[c]).toBeCloseTo(1100, 9);
  });

  it('comes back in the result, as the start the search was compared with', () => {
    const base = prepareBaseline(cdnowDefaultBaseline(50));
    const s = neutralScenario('Plan');
    s.economics.horizonWeeks = 26;
    const options = {
      kpi: 'customerEquity' as const,
      totalBudgetPerWeek: 3000,
      maxPerWeek: { search: 200 },
      maxEvaluations: 40
    };
    const r = optimiseBudget(base, s, options);
    expect(r.equalSplitBudgetPerWeek).toEqual(equalSplit(options));
    expect(r.equalSplitBudgetPerWeek.search).toBeCloseTo(200, 9);
    expect(r.curves.map((c) => c.channel)).toEqual([...CHANNEL_IDS]);
    for (const c of r.curves) expect(c.recommendedSpend).toBe(r.budgetPerWeek[c.channel]);
  });
});
