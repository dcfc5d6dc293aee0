import { describe, expect, it } from 'vitest';
import { prepareBaseline, cdnowDefaultBaseline, sbgDefaultBaseline } from '$lib/model/scenario/engine/baseline.ts';
import { baselineOutcome, evaluateScenario, scenarioValues } from '$lib/model/scenario/engine/evaluate.ts';
import { project } from '$lib/model/scenario/engine/project/index.ts';
import { neutralScenario, defaultScenario } from '$lib/model/scenario/scenario.ts';
import { DRIVER_IDS, COST_IDS } from '$lib/model/scenario/scenario-types.ts';
import { LEVERS } from '$lib/model/scenario/levers/catalogue.ts';

describe('the neutral scenario', () => {
  for (const spec of [cdnowDefaultBaseline(40), sbgDefaultBaseline()]) {
    const base = prepareBaseline(spec);
    it(`leaves every driver at exactly 1 and costs nothing (${spec.kind})`, () => {
      const o = evaluateScenario(base, neutralScenario());
      for (const d of DRIVER_IDS) {
        expect(o.drivers[d].multiplier).toBe(1);
        expect(o.drivers[d].contributions).toEqual([]);
      }
      for (const c of COST_IDS) expect(Array.from(o.series.costsByLever[c]).every((v) => v === 0)).toBe(true);
      expect(o.kpis.roiVsBaseline).toBeNull();
      expect(Array.from(o.series.satisfaction).every((v) => v === 1)).toBe(true);
    });
    it(`equals the baseline projection bit for bit, whatever the lever-only assumptions say (${spec.kind})`, () => {
      const s = neutralScenario();
      const b = baselineOutcome(base, s);
      // Editing assumptions that only act through levers must not move a neutral scenario.
      s.assumptions = {
        'pricing.priceElasticity': { central: -2.4 },
        'personalisation.productConversion': { central: 0.39 },
        'satisfaction.dropoutElasticity': { central: -2.9 },
        'service.aiSatisfaction': { central: 0.19 }
      };
      const o = project(base, s, scenarioValues(s)).outcome;
      expect(o.series).toEqual(b.series);
      expect(o.kpis).toEqual(b.kpis);
    });
  }
  it('every lever of the catalogue has a neutral value inside its range', () => {
    for (const d of LEVERS) {
      if (typeof d.neutral === 'number') {
        expect(d.neutral).toBeGreaterThanOrEqual(d.min!);
        expect(d.neutral).toBeLessThanOrEqual(d.max!);
      }
    }
  });
  it('a lever moved and moved back gives the baseline again', () => {
    const base = prepareBaseline(cdnowDefaultBaseline(40));
    const s = defaultScenario();
    const moved = evaluateScenario(base, s);
    expect(moved.kpis.costs).toBeGreaterThan(0);
    const back = evaluateScenario(base, neutralScenario());
    expect(back.series).toEqual(baselineOutcome(base, neutralScenario()).series);
  });
});
