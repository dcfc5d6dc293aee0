/** Response curves of the paid channels (src/lib/model/scenario/response-curves.ts), as the engine sends them. */
import { describe, expect, it } from 'vitest';
import { channelResponseCurves, markedResponseCurves } from '$lib/model/scenario/response-curves.ts';
import { defaultScenario } from '$lib/model/scenario/scenario.ts';
import { CHANNEL_IDS, type Scenario } from '$lib/model/scenario/scenario-types.ts';
import { prepareBaseline, cdnowDefaultBaseline } from '$lib/model/scenario/engine/baseline.ts';
import { evaluateScenario, scenarioValues } from '$lib/model/scenario/engine/evaluate.ts';
import { channelParams, steadyStateNewCustomers } from '$lib/model/scenario/levers/channels.ts';
import type { OptimiseResult } from '$lib/model/scenario/optimise.ts';
import { createEngineState, handleEngineRequest } from '$lib/workers/engine-handler.ts';

describe('the workbench response curves', () => {
  const scenario = defaultScenario('Curves');
  const outcome = evaluateScenario(prepareBaseline(cdnowDefaultBaseline()), scenario);
  const curves = channelResponseCurves(scenario, outcome);

  it('samples each channel from zero spend to past twice the current spend, through the channel model', () => {
    expect(curves.map((c) => c.channel)).toEqual([...CHANNEL_IDS]);
    const values = scenarioValues(scenario);
    const conversion = outcome.drivers.conversion?.multiplier ?? 1;
    for (const c of curves) {
      const p = channelParams(values, c.channel);
      const spend = scenario.levers.channels.budgetPerWeek[c.channel];
      expect(c.points).toHaveLength(41);
      expect(c.points[0]).toEqual({ spend: 0, customers: 0 });
      expect(c.points.at(-1)!.spend).toBe(Math.max(2 * spend, 4 * p.halfSaturation * (1 - p.adstockDecay), 1000));
      expect(c.current).toEqual({ spend, customers: steadyStateNewCustomers(spend, p, conversion) });
      // more spend never buys fewer customers (Hill saturation is increasing)
      for (let i = 1; i < c.points.length; i++)
        expect(c.points[i].customers).toBeGreaterThanOrEqual(c.points[i - 1].customers);
    }
  });

  it('quotes the marginal customers as the slope at the current spend, and the return as slope x channel CLV', () => {
    const values = scenarioValues(scenario);
    const conversion = outcome.drivers.conversion?.multiplier ?? 1;
    for (const c of curves) {
      const p = channelParams(values, c.channel);
      const spend = c.current.spend;
      const at = (x: number) => steadyStateNewCustomers(x, p, conversion);
      if (spend > 0) {
        // the slope of the curve: a much finer central difference agrees to 0.1% (the error is O(h^2))
        const eps = 1e-4 * spend;
        const slope = (at(spend + eps) - at(spend - eps)) / (2 * eps);
        expect(Math.abs(c.marginalCustomers - slope)).toBeLessThanOrEqual(1e-3 * Math.abs(slope) + 1e-12);
      } else {
        // at zero spend: what the first currency unit buys
        expect(c.marginalCustomers).toBeCloseTo(at(1) - at(0), 12);
      }
      expect(c.marginalCustomers).toBeGreaterThanOrEqual(0);
      expect(c.marginalReturn).toBeCloseTo(c.marginalCustomers * outcome.clvByChannel[c.channel], 6);
    }
  });

  it('come back in the engine answer of evaluate, the same numbers', () => {
    const r = handleEngineRequest(createEngineState(), { id: 1, type: 'evaluate', scenario });
    expect(r.ok && r.type === 'evaluate' && r.result.curves).toEqual(curves);
  });
});

/** A hand-made optimiser result (numbers chosen, not computed): curves that end at 1,000 a week. */
function fakeResult(): { scenario: Scenario; result: Pick<OptimiseResult, 'responseCurves' | 'budgetPerWeek'> } {
  const budget = Array.from({ length: 21 }, (_, k) => (1000 * k) / 20);
  const responseCurves = Object.fromEntries(
    CHANNEL_IDS.map((c) => [c, { budgetPerWeek: budget, newCustomersPerWeek: budget.map((b) => b / 100) }])
  ) as OptimiseResult['responseCurves'];
  const budgetPerWeek = { search: 2000, social: 0, display: 0, email: 700, affiliates: 0, stores: 3800 };
  return { scenario: defaultScenario('Plan A'), result: { responseCurves, budgetPerWeek } };
}

describe("the optimiser's marked response curves", () => {
  it('marks current and recommended spend on the model curve, extending a curve that ends before them', () => {
    const { scenario, result } = fakeResult();
    const curves = markedResponseCurves(scenario, CHANNEL_IDS, result);
    const values = scenarioValues(scenario);
    const search = curves.find((c) => c.channel === 'search')!;
    const p = channelParams(values, 'search');
    expect(search.currentSpend).toBe(3000);
    expect(search.currentResponse).toBe(steadyStateNewCustomers(3000, p));
    expect(search.recommendedSpend).toBe(2000);
    expect(search.recommendedResponse).toBe(steadyStateNewCustomers(2000, p));
    // the fake curve ends at 1,000: the points at 2,000 and 3,000 are added in order
    expect(search.curve.slice(-2)).toEqual([
      { spend: 2000, response: steadyStateNewCustomers(2000, p) },
      { spend: 3000, response: steadyStateNewCustomers(3000, p) }
    ]);
    // 21 points of the optimiser, two between each pair (computed), then the two markers
    expect(search.curve).toHaveLength(21 + 20 * 2 + 2);
    expect(search.curve[0]).toEqual({ spend: 0, response: 0 });
    expect(search.curve[3]).toEqual({ spend: 50, response: 0.5 }); // the fake curve's own second point
    expect(search.curve[1].spend).toBeCloseTo(50 / 3, 9);
    expect(search.curve[1].response).toBe(steadyStateNewCustomers(50 / 3, p));
  });
});
