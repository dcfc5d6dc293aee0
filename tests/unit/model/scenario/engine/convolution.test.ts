import { describe, expect, it } from 'vitest';
import { prepareBaseline, cdnowDefaultBaseline } from '$lib/model/scenario/engine/baseline.ts';
import { evaluateScenario } from '$lib/model/scenario/engine/evaluate.ts';
import { defaultScenario } from '$lib/model/scenario/scenario.ts';
import { CHANNEL_IDS } from '$lib/model/scenario/scenario-types.ts';

// The projection sums the cohort convolution by parts (Σ Δn[s] K[t - s]); here the
// direct sum Σ_s n[s] k_alive[t - s] from the outcome's own acquisitions and kernels.
describe('the cohort convolution', () => {
  it('equals the direct sum over cohorts of acquisitions x survival kernel, also when acquisitions vary every week', () => {
    const base = prepareBaseline(cdnowDefaultBaseline(40));
    const s = defaultScenario();
    s.levers.personalisation.breachRiskPerYear = 0.3; // trust, hence conversion, varies week by week
    const o = evaluateScenario(base, s);
    const n = o.series.newCustomersByChannel.search;
    expect(n[100]).not.toBe(n[99]);
    const H = o.horizonWeeks;
    for (const t of [0, 10, 77, H - 1]) {
      let direct = 23570 * (o.cohortSurvival.existingBase[t] as number);
      for (const src of [...CHANNEL_IDS, 'organic'] as const) {
        const acq = o.series.newCustomersByChannel[src];
        const k = o.cohortSurvival.byChannel[src];
        for (let c = 0; c <= t; c++) direct += acq[c] * k[t - c];
      }
      expect(Math.abs((o.series.activeCustomers[t] as number) / direct - 1)).toBeLessThan(1e-12);
    }
  });
});
