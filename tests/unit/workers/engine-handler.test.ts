import { describe, expect, it } from 'vitest';
import { createEngineState, handleEngineRequest } from '$lib/workers/engine-handler.ts';
import { defaultScenario } from '$lib/model/scenario/scenario.ts';

describe('the engine handler reports how long each request took', () => {
  // `ms` is shown to people ("747 evaluations in 420 ms"); it must include the work itself,
  // so it is at least most of the wall time around the call (the rest is the message shape);
  // the two heavy requests (hundreds of ms), where the difference is far above timer noise
  for (const req of [
    { type: 'optimise' as const, options: { kpi: 'customerEquity' as const, totalBudgetPerWeek: 6500 } },
    { type: 'sensitivity' as const, kpi: 'customerEquity' as const }
  ]) {
    it(`times the ${req.type} work, not only the scenario check`, () => {
      const state = createEngineState();
      const t0 = performance.now();
      const r = handleEngineRequest(state, { id: 1, scenario: defaultScenario(), ...req });
      const wall = performance.now() - t0;
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(wall).toBeGreaterThan(5);
      expect(r.ms).toBeGreaterThan(0.5 * wall);
    });
  }
});
