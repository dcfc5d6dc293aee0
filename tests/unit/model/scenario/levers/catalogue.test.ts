import { describe, expect, it } from 'vitest';
import { KPIS } from '$lib/model/scenario/engine/kpis.ts';
import { LEVERS } from '$lib/model/scenario/levers/catalogue.ts';
import { ASSUMPTIONS, assumptionById } from '$lib/model/scenario/assumptions.ts';
import { explainGraph } from '$lib/model/scenario/engine/explain.ts';
import { aggregateSeries } from '$lib/model/scenario/engine/aggregate.ts';
import { toPlain } from '$lib/model/scenario/engine/plain.ts';
import { evaluateScenario } from '$lib/model/scenario/engine/evaluate.ts';
import { prepareBaseline, cdnowDefaultBaseline } from '$lib/model/scenario/engine/baseline.ts';
import { defaultScenario, getPath, neutralScenario } from '$lib/model/scenario/scenario.ts';
import { KPI_IDS } from '$lib/model/scenario/scenario-types.ts';

describe('catalogues the UI renders', () => {
  it('the KPI catalogue covers every KPI id once', () => {
    expect(KPIS.map((k) => k.id).sort()).toEqual([...KPI_IDS].sort());
  });
  it('every lever of the catalogue is a field of the scenario', () => {
    const s = neutralScenario();
    for (const l of LEVERS) expect(getPath(s.levers, l.id), l.id).toBe(l.neutral);
  });
  it('every assumption has low <= central <= high, a unit and a source', () => {
    for (const a of ASSUMPTIONS) {
      expect(a.low <= a.central && a.central <= a.high, a.id).toBe(true);
      expect(a.unit.length > 0 && a.source.length > 0, a.id).toBe(true);
    }
    expect(new Set(ASSUMPTIONS.map((a) => a.id)).size).toBe(ASSUMPTIONS.length);
  });
  it('price elasticity defaults to -1.5 (-2.5..-0.5) citing Bijmolt, van Heerde & Pieters (2005)', () => {
    const e = assumptionById('pricing.priceElasticity')!;
    expect([e.central, e.low, e.high]).toEqual([-1.5, -2.5, -0.5]);
    expect(e.source).toContain('Bijmolt');
    expect(e.illustrative).toBe(false);
  });
  it('marks the seeds’ figures as illustrative', () => {
    for (const a of ASSUMPTIONS) if (a.source.includes('seed')) expect(a.illustrative, a.id).toBe(true);
  });
});

describe('the explain graph', () => {
  const base = prepareBaseline(cdnowDefaultBaseline(10));
  const s = defaultScenario();
  s.levers.pricing.priceChange = -0.05;
  s.levers.service.aiShare = 0.5;
  const o = evaluateScenario(base, s);
  const g = explainGraph(s, o);
  it('has edges only between existing nodes', () => {
    const ids = new Set(g.nodes.map((n) => n.id));
    for (const e of g.edges) {
      expect(ids.has(e.from), e.from).toBe(true);
      expect(ids.has(e.to), e.to).toBe(true);
    }
  });
  it('links a moved lever to the drivers it multiplies, with the multiplier', () => {
    const e = g.edges.find((x) => x.from === 'lever:pricing.priceChange' && x.to === 'driver:purchaseRate')!;
    expect(e.label).toBe(`pricing.priceChange: x ${Math.pow(0.95, -1.5).toFixed(4)}`);
    expect(g.nodes.find((n) => n.id === 'driver:dropout')!.formula).toContain("a' = μ'(a + b)");
  });
});

describe('display helpers', () => {
  it('aggregates weeks to years: flows summed, stocks at the last week, rates averaged', () => {
    const weekly = Array.from({ length: 104 }, (_, i) => i + 1);
    expect(aggregateSeries(weekly, 'year', 'flow')).toEqual({
      period: [1, 2],
      value: [(52 * 53) / 2, (104 * 105) / 2 - (52 * 53) / 2]
    });
    expect(aggregateSeries(weekly, 'year', 'stock').value).toEqual([52, 104]);
    expect(aggregateSeries(weekly, 'year', 'mean').value).toEqual([26.5, 78.5]);
    expect(aggregateSeries(weekly, 'month', 'flow').period).toHaveLength(24);
    // a constant flow gives equal months of 52/12 weeks (no 4- and 5-week alternation), summing to the total
    const ones = new Float64Array(104).fill(1);
    const months = aggregateSeries(ones, 'month', 'flow').value;
    for (const m of months) expect(m).toBeCloseTo(52 / 12, 12);
    expect(months.reduce((a, b) => a + b, 0)).toBeCloseTo(104, 9);
    // a stock is read at the month's end: week 52/12 lies a third of the way from week 4 to week 5
    expect(aggregateSeries(weekly, 'month', 'stock').value[0]).toBeCloseTo(52 / 12, 12);
  });
  it('turns typed arrays into plain arrays for JSON', () => {
    expect(JSON.stringify(toPlain({ a: Float64Array.from([1, 2]), b: [Float64Array.from([3])] }))).toBe(
      '{"a":[1,2],"b":[[3]]}'
    );
  });
});
