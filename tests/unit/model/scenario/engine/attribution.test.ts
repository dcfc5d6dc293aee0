import { describe, expect, it } from 'vitest';
import { prepareBaseline, cdnowDefaultBaseline } from '$lib/model/scenario/engine/baseline.ts';
import { attributeByFamily } from '$lib/model/scenario/engine/attribution.ts';
import { evaluateScenario } from '$lib/model/scenario/engine/evaluate.ts';
import { defaultScenario, neutralScenario } from '$lib/model/scenario/scenario.ts';
import { LEVER_FAMILIES, type KpiId } from '$lib/model/scenario/scenario-types.ts';

const base = prepareBaseline(cdnowDefaultBaseline(50));

/** A scenario that moves four families: price, media, service, retention. */
function busyScenario() {
  const s = defaultScenario('busy');
  s.levers.pricing.priceChange = -0.05;
  s.levers.service.responseTimeMinutes = 4;
  s.levers.retention.enabled = true;
  s.assumptions = { 'satisfaction.dropoutElasticity': { central: -1.2 } };
  return s;
}

describe('attribution of a KPI change to lever families (sequential, in LEVER_FAMILIES order)', () => {
  for (const kpi of ['customerEquity', 'clvPerNewCustomer', 'discountedContribution', 'repeatRate1y'] as KpiId[]) {
    it(`has deltas that sum to total - baseline for ${kpi}, the total being the scenario's KPI and the baseline the neutral one`, () => {
      const s = busyScenario();
      const r = attributeByFamily(base, s, kpi);
      const total = evaluateScenario(base, s).kpis[kpi]!;
      const neutral = evaluateScenario(base, {
        ...neutralScenario(),
        economics: s.economics,
        assumptions: s.assumptions
      }).kpis[kpi]!;
      expect(r.total).toBe(total);
      expect(r.baseline).toBe(neutral);
      const sum = r.steps.reduce((t, x) => t + x.delta!, 0);
      expect(Math.abs(sum - (total - neutral))).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(total)));
      expect(r.steps.map((x) => x.family)).toEqual([...LEVER_FAMILIES]);
    });
  }

  it('gives a family left at its neutral values a zero delta, and all of the change to the only family moved', () => {
    const s = neutralScenario();
    s.levers.pricing.priceChange = 0.1;
    const r = attributeByFamily(base, s, 'customerEquity');
    expect(r.steps[0].delta).toBeCloseTo(r.total! - r.baseline!, 6);
    expect(r.steps[0].delta).not.toBe(0);
    for (const step of r.steps.slice(1)) expect(step.delta).toBe(0);
  });

  it('keeps the scenario’s assumption edits in the baseline (a neutral scenario under other assumptions)', () => {
    const s = busyScenario();
    s.assumptions = { 'channels.search.conversion': { central: 0.02 } };
    const a = attributeByFamily(base, s, 'newCustomers');
    const b = attributeByFamily(base, { ...s, assumptions: {} }, 'newCustomers');
    const channels = (r: typeof a) => r.steps.find((x) => x.family === 'channels')!.delta!;
    expect(channels(a)).toBeGreaterThan(channels(b));
  });

  it('depends on the order when families interact: media bought after a dropout cut earns more equity than before it', () => {
    // channels come before service in LEVER_FAMILIES; switching service on first (by
    // evaluating the pair directly) credits the media with the better retention
    const s = busyScenario();
    const r = attributeByFamily(base, s, 'customerEquity');
    const onlyService = neutralScenario();
    onlyService.economics = s.economics;
    onlyService.assumptions = s.assumptions;
    onlyService.levers.service = s.levers.service;
    const withMedia = structuredClone(onlyService);
    withMedia.levers.channels = s.levers.channels;
    const mediaAfterService =
      evaluateScenario(base, withMedia).kpis.customerEquity! - evaluateScenario(base, onlyService).kpis.customerEquity!;
    const mediaFirst = r.steps.find((x) => x.family === 'channels')!.delta!;
    expect(mediaAfterService).toBeGreaterThan(mediaFirst + 1);
  });

  it('reports null values and deltas where the KPI is undefined (CAC before any paid media)', () => {
    const r = attributeByFamily(base, defaultScenario(), 'cac');
    expect(r.baseline).toBeNull();
    expect(r.steps[0]).toMatchObject({ family: 'pricing', value: null, delta: null });
    expect(r.steps[1].value).toBeGreaterThan(0);
    expect(r.steps[1].delta).toBeNull();
    expect(r.total).toBe(r.steps[1].value);
  });
});
