/**
 * Export of scenario results: the weekly series of one outcome (one column per series,
 * nested records flattened to "newCustomersByChannel.email"), the KPIs of several
 * scenarios side by side (with 10/50/90 bands where computed), and the full scenario
 * + outcome as JSON.
 */
import type { Outcome, Scenario, Series } from '../../model/scenario/scenario-types.ts';
import { toCsv, type CsvValue } from '../../files/csv.ts';
import { toJson } from './json.ts';
import { csvFile, exportFile, type ExportFile } from '../../files/download.ts';

/** Flattens the outcome's series into [column name, series] pairs, `week` first. */
export function flattenSeries(outcome: Outcome): [string, Series][] {
  const out: [string, Series][] = [];
  for (const [key, value] of Object.entries(outcome.series)) {
    if (Array.isArray(value) || ArrayBuffer.isView(value)) out.push([key, value as Series]);
    else
      for (const [sub, series] of Object.entries(value as Record<string, Series>)) out.push([`${key}.${sub}`, series]);
  }
  out.sort((p, q) => (p[0] === 'week' ? -1 : q[0] === 'week' ? 1 : 0));
  return out;
}

/** Weekly series of one outcome, one row per week. */
export function outcomeSeriesCsv(outcome: Outcome): string {
  const columns = flattenSeries(outcome);
  const weeks = columns.reduce((n, [, s]) => Math.max(n, s.length), 0);
  function* rows(): Generator<CsvValue[]> {
    for (let w = 0; w < weeks; w++) yield columns.map(([, s]) => (w < s.length ? s[w] : null));
  }
  return toCsv(
    columns.map(([name]) => name),
    rows()
  );
}

export interface NamedOutcome {
  name: string;
  outcome: Outcome;
}

/** KPIs of several scenarios: one row per KPI, columns scenario (and its p10 / p90 when banded). */
export function kpiComparisonCsv(outcomes: NamedOutcome[]): string {
  if (outcomes.length === 0) throw new RangeError('invalid KPI export: no scenarios given');
  const header = ['kpi'];
  for (const { name, outcome } of outcomes) {
    header.push(name);
    if (outcome.bands) header.push(`${name} p10`, `${name} p90`);
  }
  const kpis = [...new Set(outcomes.flatMap(({ outcome }) => Object.keys(outcome.kpis)))];
  const rows = kpis.map((kpi) => {
    const row: CsvValue[] = [kpi];
    for (const { outcome } of outcomes) {
      row.push((outcome.kpis as Record<string, number | null>)[kpi] ?? null);
      if (outcome.bands) {
        const band = outcome.bands.kpis[kpi];
        row.push(band?.p10 ?? null, band?.p90 ?? null);
      }
    }
    return row;
  });
  return toCsv(header, rows);
}

export function scenarioResultJson(scenario: Scenario, outcome: Outcome, exportedAt?: string): string {
  return toJson('scenario-results', { scenario, outcome }, exportedAt);
}

export function exportScenarioResults(
  scenario: Scenario,
  outcome: Outcome,
  format: 'csv' | 'json',
  exportedAt?: string
): ExportFile {
  return exportFile(`${scenario.name}-results`, format, {
    csv: () => outcomeSeriesCsv(outcome),
    json: () => scenarioResultJson(scenario, outcome, exportedAt)
  });
}

export function exportKpiComparison(outcomes: NamedOutcome[], stem = 'scenario-comparison'): ExportFile {
  return csvFile(stem, kpiComparisonCsv(outcomes));
}
