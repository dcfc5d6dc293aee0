/**
 * One-at-a-time sensitivity (tornado) and elasticities of a chosen KPI.
 *
 * Tornado: every assumption is set to its low and to its high value (all else at
 * the scenario's central values), every numeric lever to current ∓ 10% of its
 * range (budgets: ±50% of the current value), clamped to the range, every on/off lever to off and on; rows are sorted
 * by the swing |KPI(high) - KPI(low)|.
 * Elasticity of the KPI to an input x != 0: the central log-difference
 *   e = [ln K(x (1 + h)) - ln K(x (1 - h))] / [ln(1 + h) - ln(1 - h)], h = 1%,
 * reported when the KPI is positive at both points.
 */
import type { KpiId, Scenario } from './scenario-types.ts';
import { resolveAssumptions, centralValues } from './assumptions.ts';
import { LEVERS } from './levers/catalogue.ts';
import { getPath, setPath } from './path.ts';
import type { PreparedBaseline } from './engine/baseline.ts';
import { evaluateScenario } from './engine/evaluate.ts';

export interface TornadoRow {
  id: string;
  kind: 'assumption' | 'lever';
  label: string;
  /** input values at the two ends */
  inputLow: number | boolean;
  inputHigh: number | boolean;
  kpiLow: number | null;
  kpiHigh: number | null;
  /** |kpiHigh - kpiLow| (0 when either is undefined) */
  swing: number;
  /** d ln KPI / d ln input at the central value, when defined */
  elasticity: number | null;
}

export interface SensitivityResult {
  kpi: KpiId;
  base: number | null;
  rows: TornadoRow[];
  evaluations: number;
}

export interface SensitivityOptions {
  kpi: KpiId;
  /** include elasticities (two more evaluations per numeric input); default true */
  elasticities?: boolean;
  nodes?: number;
  shouldCancel?: () => boolean;
}

function setLever(s: Scenario, id: string, v: unknown): Scenario {
  return { ...s, levers: setPath(s.levers, id, v) };
}

export function sensitivity(
  base: PreparedBaseline,
  scenario: Scenario,
  options: SensitivityOptions
): SensitivityResult {
  const { kpi } = options;
  const withElasticity = options.elasticities ?? true;
  const nodes = options.nodes ?? 10;
  const { assumptions, errors } = resolveAssumptions(scenario.assumptions);
  if (errors.length) throw new RangeError(`invalid assumption edits: ${errors.join('; ')}`);
  const central = centralValues(assumptions);
  let evaluations = 0;
  const kpiAt = (s: Scenario, values: Record<string, number>): number | null => {
    evaluations++;
    return evaluateScenario(base, s, { values, nodes, lean: true }).kpis[kpi];
  };
  const elasticity = (f: (x: number) => number | null, x: number): number | null => {
    if (!withElasticity || x === 0) return null;
    const h = 0.01;
    const up = f(x * (1 + h));
    const dn = f(x * (1 - h));
    if (up === null || dn === null || !(up > 0) || !(dn > 0)) return null;
    return (Math.log(up) - Math.log(dn)) / (Math.log1p(h) - Math.log1p(-h));
  };
  const baseValue = kpiAt(scenario, central);
  const rows: TornadoRow[] = [];
  for (const a of assumptions) {
    if (options.shouldCancel?.()) break;
    if (a.low === a.high) continue;
    const at = (v: number) => kpiAt(scenario, { ...central, [a.id]: v });
    const kpiLow = at(a.low);
    const kpiHigh = at(a.high);
    rows.push({
      id: a.id,
      kind: 'assumption',
      label: a.label,
      inputLow: a.low,
      inputHigh: a.high,
      kpiLow,
      kpiHigh,
      swing: kpiLow !== null && kpiHigh !== null ? Math.abs(kpiHigh - kpiLow) : 0,
      elasticity: elasticity(at, a.central)
    });
  }
  for (const d of LEVERS) {
    if (options.shouldCancel?.()) break;
    const current = getPath(scenario.levers, d.id);
    let lo: number | boolean;
    let hi: number | boolean;
    if (d.kind === 'boolean') {
      lo = false;
      hi = true;
    } else if ((d.kind === 'number' || d.kind === 'integer') && typeof current === 'number') {
      // budgets (open-ended ranges) swing ±50% of the current value, others ±10% of their range
      const openEnded = d.max! >= 1e4;
      const span = openEnded ? (current > 0 ? 0.5 * current : 10 * (d.step ?? 1)) : 0.1 * (d.max! - d.min!);
      lo = Math.max(d.min!, current - span);
      hi = Math.min(d.max!, current + span);
      if (d.kind === 'integer') {
        lo = Math.round(lo);
        hi = Math.round(hi);
      }
    } else continue;
    const at = (v: number | boolean) => kpiAt(setLever(scenario, d.id, v), central);
    const kpiLow = lo === current ? baseValue : at(lo);
    const kpiHigh = hi === current ? baseValue : at(hi);
    rows.push({
      id: `levers.${d.id}`,
      kind: 'lever',
      label: d.label,
      inputLow: lo,
      inputHigh: hi,
      kpiLow,
      kpiHigh,
      swing: kpiLow !== null && kpiHigh !== null ? Math.abs(kpiHigh - kpiLow) : 0,
      elasticity:
        d.kind === 'number' && typeof current === 'number'
          ? elasticity((x) => at(Math.min(d.max!, Math.max(d.min!, x))), current)
          : null
    });
  }
  rows.sort((p, q) => q.swing - p.swing || p.id.localeCompare(q.id));
  return { kpi, base: baseValue, rows, evaluations };
}
