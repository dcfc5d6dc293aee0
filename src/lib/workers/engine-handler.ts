/**
 * The worker's request handler as a plain function over a small state (the
 * prepared baseline), so node tests run it without a Worker.
 */
import { cdnowDefaultBaseline, prepareBaseline, type PreparedBaseline } from '../model/scenario/engine/baseline.ts';
import { baselineOutcome, evaluateScenario } from '../model/scenario/engine/evaluate.ts';
import { explainGraph } from '../model/scenario/engine/explain.ts';
import { attributeByFamily } from '../model/scenario/engine/attribution.ts';
import { bandsFromDraws, evaluateWithBands, monteCarlo, monteCarloDraws } from '../model/scenario/montecarlo.ts';
import { sensitivity } from '../model/scenario/sensitivity.ts';
import { optimiseBudget } from '../model/scenario/optimise.ts';
import { parseScenario } from '../model/scenario/scenario.ts';
import { channelResponseCurves } from '../model/scenario/response-curves.ts';
import type { EngineRequest, EngineResponse } from './engine-protocol.ts';

export interface EngineState {
  baseline: PreparedBaseline;
}

/** Starts with the CDNOW published baseline until a data set's fit arrives. */
export function createEngineState(): EngineState {
  return { baseline: prepareBaseline(cdnowDefaultBaseline()) };
}

export function handleEngineRequest(
  state: EngineState,
  req: EngineRequest,
  now: () => number = () => performance.now()
): EngineResponse {
  const t0 = now();
  const fail = (errors: string[]): EngineResponse => ({ id: req.id, type: req.type, ok: false, errors });
  try {
    if (req.type === 'setBaseline') {
      state.baseline = prepareBaseline(req.spec);
      const b = state.baseline;
      return {
        id: req.id,
        type: 'setBaseline',
        ok: true,
        ms: now() - t0,
        result: { customers: b.customers, groups: b.groups.length, source: b.source, notes: b.notes }
      };
    }
    if (req.type === 'mergeBands') {
      const result = bandsFromDraws(req.parts);
      return { id: req.id, type: 'mergeBands', ok: true, ms: now() - t0, result };
    }
    const parsed = parseScenario(req.scenario);
    if (!parsed.ok) return fail(parsed.errors);
    const scenario = parsed.scenario;
    switch (req.type) {
      case 'evaluate': {
        const outcome =
          req.draws && req.draws > 0
            ? evaluateWithBands(state.baseline, scenario, { draws: req.draws, seed: req.seed ?? scenario.seed })
            : evaluateScenario(state.baseline, scenario);
        const baseline = baselineOutcome(state.baseline, scenario);
        const curves = channelResponseCurves(scenario, outcome);
        return { id: req.id, type: 'evaluate', ok: true, ms: now() - t0, result: { outcome, baseline, curves } };
      }
      // each result is computed before `ms` is read (an object literal evaluates in order)
      case 'sensitivity': {
        const result = sensitivity(state.baseline, scenario, { kpi: req.kpi });
        return { id: req.id, type: 'sensitivity', ok: true, ms: now() - t0, result };
      }
      case 'optimise': {
        const result = optimiseBudget(state.baseline, scenario, req.options);
        return { id: req.id, type: 'optimise', ok: true, ms: now() - t0, result };
      }
      case 'attribution': {
        const result = attributeByFamily(state.baseline, scenario, req.kpi);
        return { id: req.id, type: 'attribution', ok: true, ms: now() - t0, result };
      }
      case 'bands': {
        if (!(req.draws >= 1) || !Number.isFinite(req.draws))
          return fail([`draws: ${req.draws} (must be a finite number >= 1)`]);
        const result = monteCarlo(state.baseline, scenario, { draws: req.draws, seed: req.seed ?? scenario.seed });
        return { id: req.id, type: 'bands', ok: true, ms: now() - t0, result };
      }
      case 'bandDraws': {
        if (!(req.draws >= 1) || !Number.isFinite(req.draws))
          return fail([`draws: ${req.draws} (must be a finite number >= 1)`]);
        const result = monteCarloDraws(state.baseline, scenario, {
          draws: req.draws,
          seed: req.seed ?? scenario.seed,
          from: req.from,
          to: req.to
        });
        return { id: req.id, type: 'bandDraws', ok: true, ms: now() - t0, result };
      }
      case 'explain': {
        const outcome = evaluateScenario(state.baseline, scenario);
        return {
          id: req.id,
          type: 'explain',
          ok: true,
          ms: now() - t0,
          result: explainGraph(scenario, outcome, state.baseline)
        };
      }
    }
  } catch (e) {
    return fail([e instanceof Error ? e.message : String(e)]);
  }
  return fail([`unknown request type: ${String((req as { type: unknown }).type)}`]);
}
