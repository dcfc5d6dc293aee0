/**
 * Sequential attribution of a KPI's change to the lever families, for the waterfall
 * chart: start from the neutral scenario with the scenario's economics and assumption
 * edits (the baseline), switch on the scenario's lever families one at a time in
 * LEVER_FAMILIES order (pricing, channels, personalisation, service, loyalty,
 * retention), and evaluate after each; step k's delta is KPI(k) - KPI(k - 1).
 *
 * The deltas telescope: Σ delta = total - baseline, and the last step is the scenario
 * itself. Sequential attribution depends on the order: the levers interact (a
 * dropout change is worth more when the media budget brings more customers), so
 * each family is credited with its effect given the families before it, not with a
 * symmetric share (as a Shapley value over all 6! orders would be).
 *
 * Every family gets a step (a stable set of bars); a family left at its neutral
 * values is not re-evaluated and has delta 0. A KPI that is undefined (null) at a
 * step, e.g. CAC before any paid media, gives null values and deltas around it.
 */
import {
  FAMILY_LABELS,
  LEVER_FAMILIES,
  type KpiId,
  type LeverFamily,
  type Levers,
  type Scenario
} from '../scenario-types.ts';
import { neutralScenario } from '../scenario.ts';
import type { PreparedBaseline } from './baseline.ts';
import { evaluateScenario } from './evaluate.ts';

export const ATTRIBUTION_VERSION = 1 as const;

export { FAMILY_LABELS };

export interface AttributionStep {
  family: LeverFamily;
  label: string;
  /** KPI with this family and the ones before it switched on */
  value: number | null;
  /** value - previous value (null when either is undefined) */
  delta: number | null;
}

export interface Attribution {
  version: typeof ATTRIBUTION_VERSION;
  kpi: KpiId;
  /** KPI of the neutral scenario (same economics and assumptions) */
  baseline: number | null;
  /** KPI of the scenario */
  total: number | null;
  /** in LEVER_FAMILIES order; the order the attribution depends on */
  steps: AttributionStep[];
}

function sameFamily(a: Levers[LeverFamily], b: Levers[LeverFamily]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function attributeByFamily(base: PreparedBaseline, scenario: Scenario, kpi: KpiId): Attribution {
  const neutral = neutralScenario(scenario.name);
  const current: Scenario = {
    ...neutral,
    seed: scenario.seed,
    economics: { ...scenario.economics },
    assumptions: scenario.assumptions,
    ...(scenario.evidence ? { evidence: scenario.evidence } : {}),
    levers: structuredClone(neutral.levers)
  };
  const kpiOf = (s: Scenario): number | null => evaluateScenario(base, s).kpis[kpi];
  const baseline = kpiOf(current);
  let previous = baseline;
  const steps: AttributionStep[] = [];
  for (const family of LEVER_FAMILIES) {
    let value = previous;
    if (!sameFamily(scenario.levers[family], neutral.levers[family])) {
      (current.levers as unknown as Record<LeverFamily, unknown>)[family] = structuredClone(scenario.levers[family]);
      value = kpiOf(current);
    }
    const delta = value !== null && previous !== null ? value - previous : null;
    steps.push({ family, label: FAMILY_LABELS[family], value, delta });
    previous = value;
  }
  return { version: ATTRIBUTION_VERSION, kpi, baseline, total: previous, steps };
}
