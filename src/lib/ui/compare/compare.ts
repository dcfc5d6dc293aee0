/**
 * Side-by-side comparison: the chosen scenarios evaluated on the same baseline, and
 * the KPI table with each scenario's difference from the first (the reference).
 */
import type { KpiDef } from '$lib/model/scenario/engine/kpis';
import type { Outcome, Scenario } from '$lib/model/scenario/scenario-types';
import { neutralScenario } from '$lib/model/scenario/scenario';
import type { EngineClient } from '$lib/workers/engine-client';

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

/**
 * Every entry's outcome from the engine's batch lane: one answer per entry, never fewer; or
 * a message naming the scenarios that failed; or 'cancelled' once `signal` aborts.
 */
export async function compareAll(
  engine: Pick<EngineClient, 'evaluateAll'>,
  entries: readonly { id: string; name: string; scenario: Scenario }[],
  signal?: AbortSignal
): Promise<{ status: 'ok'; compared: Compared[] } | { status: 'error'; message: string } | { status: 'cancelled' }> {
  const r = await engine.evaluateAll(
    entries.map((e) => e.scenario),
    { signal }
  );
  if (r.status === 'ok')
    return { status: 'ok', compared: entries.map((e, i) => ({ ...e, outcome: r.value[i].outcome })) };
  if (r.status === 'error')
    return { status: 'error', message: `The comparison could not be computed. ${r.errors.join('; ')}` };
  return { status: 'cancelled' };
}
