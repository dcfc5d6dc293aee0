/**
 * The printable report: what a consultant hands over. Pure pieces the report page
 * assembles: which scenarios it shows (the same ids as Compare: 'baseline', 'working' or
 * a saved scenario's id), each scenario's lever changes in words, its KPI figures with
 * their 10/50/90 Monte Carlo bands, and the assumptions with their values and sources.
 */
import { LEVERS, type LeverDef } from '$lib/model/scenario/levers/catalogue';
import { leverDisplay } from '$lib/ui/levers/display';
import { formatLocale, formatWholeMoney } from '$lib/charts/format';
import { getPath } from '$lib/model/scenario/scenario';
import { resolveAssumptions, type ResolvedAssumption } from '$lib/model/scenario/assumptions';
import type { Band, Outcome, Scenario } from '$lib/model/scenario/scenario-types';
import type { KpiDef } from '$lib/model/scenario/engine/kpis';
import { baselineEntry } from '$lib/ui/compare/compare';

export interface ReportEntry {
  id: string;
  name: string;
  scenario: Scenario;
}

/** The scenarios a report can show, in the order of `ids` (unknown ids are left out and named). */
export function reportEntries(
  ids: readonly string[],
  working: Scenario,
  saved: readonly { id: string; name: string; scenario: Scenario }[]
): { entries: ReportEntry[]; unknown: string[] } {
  const all: ReportEntry[] = [
    baselineEntry(working.economics),
    { id: 'working', name: `${working.name} (working)`, scenario: working },
    ...saved.map((s) => ({ id: s.id, name: s.name, scenario: s.scenario }))
  ];
  const entries: ReportEntry[] = [];
  const unknown: string[] = [];
  for (const id of ids) {
    const e = all.find((a) => a.id === id);
    if (e) {
      if (!entries.includes(e)) entries.push(e);
    } else unknown.push(id);
  }
  return { entries, unknown };
}

/** A lever value as the lever panel shows it: shares in %, budgets in money per week ("$3,000/week"). */
function leverValue(d: LeverDef, value: unknown, currency: string): string {
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value !== 'number') return String(value);
  const { scale, unit } = leverDisplay(d);
  const text = (value * scale).toLocaleString(formatLocale(), { maximumFractionDigits: 2 });
  if (unit === '/week') return `${formatWholeMoney(value, { currency })}/week`;
  if (unit.startsWith('%')) return `${text}${unit}`;
  return unit ? `${text} ${unit}` : text;
}

export interface LeverChange {
  id: string;
  label: string;
  value: string;
  neutral: string;
}

/** The levers a scenario moves away from the baseline (neutral) value, in catalogue order. */
export function leverChanges(scenario: Scenario, currency = 'USD'): LeverChange[] {
  const out: LeverChange[] = [];
  for (const d of LEVERS) {
    const v = getPath(scenario.levers, d.id);
    if (v === undefined || v === d.neutral) continue;
    out.push({
      id: d.id,
      label: d.label,
      value: leverValue(d, v, currency),
      neutral: leverValue(d, d.neutral, currency)
    });
  }
  return out;
}

export interface KpiFigure {
  value: number | null;
  /** 10th and 90th percentile of the Monte Carlo draws, when the bands were computed */
  low: number | null;
  high: number | null;
}

const finite = (v: number | null | undefined): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : null;

/** One KPI of one outcome: its value and, when the outcome carries bands, the 10-90% range. */
export function kpiFigure(outcome: Outcome, id: KpiDef['id']): KpiFigure {
  const band = outcome.bands?.kpis[id] as Band<number | null> | undefined;
  return { value: finite(outcome.kpis[id]), low: finite(band?.p10), high: finite(band?.p90) };
}

export interface AssumptionLine extends ResolvedAssumption {
  /** ids of the report's scenarios that edit this assumption */
  editedIn: string[];
}

/**
 * The registry as the report's scenarios use it: one line per assumption with the first
 * scenario's value and range, marked where a scenario edits it. Measured assumptions
 * (not illustrative) first, then the illustrative ones, each group in registry order.
 */
export function assumptionLines(entries: readonly ReportEntry[]): AssumptionLine[] {
  const resolved = entries.map((e) => resolveAssumptions(e.scenario.assumptions).assumptions);
  const first = resolved[0] ?? resolveAssumptions({}).assumptions;
  const lines = first.map((a, i) => ({
    ...a,
    editedIn: entries.filter((_, k) => resolved[k][i].edited).map((e) => e.id)
  }));
  return [...lines.filter((l) => !l.illustrative), ...lines.filter((l) => l.illustrative)];
}
