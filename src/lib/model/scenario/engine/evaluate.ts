/**
 * Evaluate a scenario against a prepared baseline: resolve the assumptions
 * (registry + the scenario's edits, or explicit values from a Monte Carlo draw),
 * project, and compare with the neutral projection for the ROI:
 *   ROI = (discounted contribution - discounted baseline contribution) / discounted lever costs.
 * The neutral projection is cached per (baseline, economics).
 */
import type { Outcome, Scenario } from '../scenario-types.ts';
import { centralValues, resolveAssumptions, type AssumptionValues } from '../assumptions.ts';
import { neutralScenario } from '../scenario.ts';
import type { PreparedBaseline } from './baseline.ts';
import { project, type ProjectOptions } from './project/index.ts';

export interface EvaluateOptions extends ProjectOptions {
  /** assumption values to use instead of the scenario's central values */
  values?: AssumptionValues;
}

const neutralCache = new WeakMap<PreparedBaseline, Map<string, Outcome>>();
let neutralValues: Record<string, number> | null = null;

/** Central assumption values of a scenario (registry with the scenario's edits). */
export function scenarioValues(s: Scenario): Record<string, number> {
  const { assumptions, errors } = resolveAssumptions(s.assumptions);
  if (errors.length) throw new RangeError(`invalid assumption edits: ${errors.join('; ')}`);
  return centralValues(assumptions);
}

/**
 * Projection of the neutral scenario with the same economics (the baseline), at the
 * registry's central values: a neutral scenario's series do not depend on the
 * lever assumptions (tests/unit/engine/neutral.test.ts), so Monte Carlo draws that
 * only vary assumptions share one baseline per fit.
 */
export function baselineOutcome(base: PreparedBaseline, s: Scenario, options: EvaluateOptions = {}): Outcome {
  const key = JSON.stringify([
    s.economics,
    options.nodes ?? 0,
    options.existingNodes ?? 0,
    options.lean ?? false,
    options.tailBlockWeeks ?? 0,
    options.snapQuadrature ?? false,
    options.horizonBlockWeeks ?? 1
  ]);
  let m = neutralCache.get(base);
  if (!m) neutralCache.set(base, (m = new Map()));
  let o = m.get(key);
  if (!o) {
    const neutral = { ...neutralScenario(), economics: s.economics };
    neutralValues ??= scenarioValues(neutral); // the registry's central values: no edits
    o = project(base, neutral, neutralValues, {
      nodes: options.nodes,
      existingNodes: options.existingNodes,
      lean: options.lean,
      tailBlockWeeks: options.tailBlockWeeks,
      snapQuadrature: options.snapQuadrature,
      horizonBlockWeeks: options.horizonBlockWeeks
    }).outcome;
    if (m.size > 64) m.clear();
    m.set(key, o);
  }
  return o;
}

export function evaluateScenario(base: PreparedBaseline, s: Scenario, options: EvaluateOptions = {}): Outcome {
  const values = options.values ?? scenarioValues(s);
  const outcome = project(base, s, values, options).outcome;
  const b = baselineOutcome(base, s, options);
  const costs = discountedCosts(outcome, s.economics.discountRatePerYear);
  const gain = (outcome.kpis.discountedContribution ?? 0) - (b.kpis.discountedContribution ?? 0);
  outcome.kpis.roiVsBaseline = costs > 1e-9 ? gain / costs : null;
  return outcome;
}

function discountedCosts(o: Outcome, discountRatePerYear: number): number {
  const delta = Math.log1p(discountRatePerYear) / 52;
  let s = 0;
  const c = o.series.costs;
  for (let w = 0; w < c.length; w++) s += c[w] * Math.exp(-delta * (w + 0.5));
  return s;
}
