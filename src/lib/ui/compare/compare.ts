/**
 * Side-by-side comparison: the chosen scenarios evaluated on the same baseline, and
 * the KPI table with each scenario's difference from the first (the reference).
 */
import type { KpiDef } from '$lib/model/scenario/engine/kpis';
import type { Outcome, Scenario } from '$lib/model/scenario/scenario-types';
import { neutralScenario } from '$lib/model/scenario/scenario';

export interface Compared {
  id: string;
  name: string;
  scenario: Scenario;
  outcome: Outcome;
}

export interface KpiRow {
  id: string;
  label: string;
  unit: KpiDef['unit'];
  higherIsBetter: boolean;
  values: (number | null)[];
  /** value - reference value, per scenario (null for the reference itself or when undefined) */
  deltas: (number | null)[];
}

export function kpiRows(defs: readonly KpiDef[], compared: readonly Compared[]): KpiRow[] {
  return defs.map((d) => {
    const values = compared.map((c) => {
      const v = c.outcome.kpis[d.id];
      return typeof v === 'number' && Number.isFinite(v) ? v : null;
    });
    const ref = values[0];
    return {
      id: d.id,
      label: d.label,
      unit: d.unit,
      higherIsBetter: d.higherIsBetter,
      values,
      deltas: values.map((v, i) => (i === 0 || v === null || ref === null ? null : v - ref))
    };
  });
}

/**
 * The chosen scenario ids with the reference first (every difference is taken from it):
 * `ref` when it is among them (Compare's `?ref=`), otherwise the first chosen.
 */
export function withReference(ids: readonly string[], ref: string | null | undefined): string[] {
  if (!ref || !ids.includes(ref)) return [...ids];
  return [ref, ...ids.filter((id) => id !== ref)];
}

/** The "do nothing" reference every comparison can include: the neutral scenario. */
export function baselineEntry(economics: Scenario['economics']): { id: string; name: string; scenario: Scenario } {
  return { id: 'baseline', name: 'Baseline (no levers)', scenario: { ...neutralScenario('Baseline'), economics } };
}

/** Evaluates scenarios one after another (each answer arrives before the next request). */
export async function evaluateAll(
  entries: readonly { id: string; name: string; scenario: Scenario }[],
  evaluate: (s: Scenario) => Promise<Outcome | null>
): Promise<Compared[]> {
  const out: Compared[] = [];
  for (const e of entries) {
    const outcome = await evaluate(e.scenario);
    if (outcome) out.push({ ...e, outcome });
  }
  return out;
}
