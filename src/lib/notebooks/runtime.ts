/**
 * Notebook runtime: resolves each scenario cell (its base, its assignments, and
 * the levers the reader moved) and evaluates it with the workbench's scenario
 * engine (evaluateScenario on a prepared baseline), so every cell that reads
 * a scenario sees the same outcome and they update together.
 *
 * Baselines by front matter `dataset:`
 *   sample:music  BG/NBD r = 0.243, α = 4.414, a = 0.793, b = 2.426 and Gamma-Gamma
 *                 p = 6.25, q = 3.74, v = 15.44: the population parameters of the
 *                 music-retailer sample preset, which are the CDNOW estimates of
 *                 Fader, Hardie & Lee (2005); the notebook projects from the
 *                 population (ground truth), not from a fit of a generated sample.
 *   sbg:regular   sBG α = 0.704, β = 1.182 (Fader & Hardie 2007, "regular" cohort).
 *
 * Inline expressions are evaluated here too (see inline.ts) and formatted with
 * the KPI catalogue's d3-format specifiers.
 */
import { format as d3format } from 'd3';
import { formatCurrency as formatMoney, formatWholeMoney } from '../charts/format.ts';
import { cdnowDefaultBaseline, sbgDefaultBaseline, prepareBaseline, evaluateScenario, bgnbdPAlive, kpiById } from '../model/scenario/engine/index.ts';
import type { PreparedBaseline, BaselineSpec } from '../model/scenario/engine/index.ts';
import { getPath, neutralScenario } from '../model/scenario/scenario.ts';
import { LEVERS } from '../model/scenario/levers/catalogue.ts';
import type { KpiId, Outcome, Scenario } from '../model/scenario/scenario-types.ts';
import { applyAssignments, type Assignment } from './assign.ts';
import type { InlineExpr } from './inline.ts';
import { BASELINE_ID } from './parse.ts';
import type { ChartSeriesId, Notebook, NotebookDataset, NotebookError, ScenarioCell } from './types.ts';

/** Organic (unpaid) new customers per week added to the sample baseline; illustrative business scale. */
export const SAMPLE_ORGANIC_NEW_PER_WEEK = 50;

export function baselineSpecFor(dataset: NotebookDataset): BaselineSpec {
  return dataset === 'sbg:regular' ? sbgDefaultBaseline() : cdnowDefaultBaseline(SAMPLE_ORGANIC_NEW_PER_WEEK);
}

const prepared = new Map<NotebookDataset, PreparedBaseline>();
export function baselineFor(dataset: NotebookDataset): PreparedBaseline {
  let b = prepared.get(dataset);
  if (!b) prepared.set(dataset, (b = prepareBaseline(baselineSpecFor(dataset))));
  return b;
}

/** Lever moves by the reader: scenario id -> path -> value. */
export type Overrides = Record<string, Record<string, number>>;

export type Resolved = { ok: true; scenario: Scenario } | { ok: false; errors: NotebookError[] };

/**
 * Money in the scenario's currency through the app's one formatter (charts/format.ts):
 * whole units for a ',.0f' spec (budgets, lever values), else as a KPI card shows it.
 */
export function formatCurrency(value: number, currency: string, spec = ',.2f'): string {
  return spec === ',.0f' ? formatWholeMoney(value, { currency }) : formatMoney(value, { currency });
}

/** A KPI value as the workbench shows it (unit and format of the KPI catalogue). */
export function formatKpi(id: KpiId, value: number | null, currency: string): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const def = kpiById(id);
  if (!def) return String(value);
  if (def.unit === 'currency') return formatCurrency(value, currency, def.format);
  const text = d3format(def.format)(value).replace('-', '−');
  return def.unit === 'weeks' ? `${text} weeks` : def.unit === 'customers' ? `${text} customers` : text;
}

const ECONOMICS_LABELS: Record<string, string> = {
  'economics.grossMarginShare': 'Gross margin',
  'economics.discountRatePerYear': 'Discount rate',
  'economics.horizonWeeks': 'Projection horizon',
  'economics.clvWindowWeeks': 'CLV horizon',
  'economics.currency': 'Currency',
  seed: 'Random seed'
};

/** A scenario field's label as the workbench names it ("List price change"), the path when unknown. */
export function fieldLabel(path: string): string {
  return LEVERS.find((d) => `levers.${d.id}` === path)?.label ?? ECONOMICS_LABELS[path] ?? path;
}

/** A scenario field's value for prose: shares as percentages, budgets as currency. */
export function formatField(path: string, value: unknown, currency: string): string {
  if (typeof value !== 'number') return String(value);
  const def = LEVERS.find((d) => `levers.${d.id}` === path);
  const unit = def?.unit ?? (path.endsWith('Share') || path.endsWith('PerYear') ? 'share' : '');
  if (unit === 'share' || unit === 'share of weeks' || unit === 'share of customers' || unit === 'share of contacts' || unit === 'share of points' || unit === 'probability per year') {
    return d3format('.0%')(value).replace('-', '−');
  }
  if (unit.startsWith('currency')) return formatCurrency(value, currency, ',.0f') + (unit === 'currency per week' ? ' a week' : '');
  if (path === 'economics.horizonWeeks' || path === 'economics.clvWindowWeeks') return `${d3format(',.0f')(value)} weeks`;
  return d3format(',.4~f')(value).replace('-', '−') + (unit && unit !== 'AUC' ? ` ${value === 1 ? unit.replace(/^(\w+)s\b/, '$1') : unit}` : '');
}

/** One weekly series of an outcome (the new-customer survival curve included). */
export function seriesOf(o: Outcome, id: ChartSeriesId): ArrayLike<number> {
  return id === 'survivalNewCustomer' ? o.cohortSurvival.newCustomer : o.series[id];
}

export class NotebookRuntime {
  readonly baseline: PreparedBaseline;
  private readonly cells = new Map<string, ScenarioCell>();
  private readonly cache = new Map<string, Outcome>();

  constructor(readonly notebook: Notebook) {
    this.baseline = baselineFor(notebook.meta.dataset);
    for (const b of notebook.blocks) if (b.kind === 'scenario' && !this.cells.has(b.id)) this.cells.set(b.id, b);
  }

  scenarioIds(): string[] {
    return [...this.cells.keys()];
  }

  /** The neutral scenario with the economics of the notebook's first scenario. */
  private neutral(): Scenario {
    const first = [...this.cells.values()].find((c) => c.scenario)?.scenario;
    const n = neutralScenario('Baseline');
    return first ? { ...n, economics: { ...first.economics } } : n;
  }

  /** A scenario with its base chain and the reader's lever moves applied. */
  resolve(id: string, overrides: Overrides = {}, depth = 0): Resolved {
    if (id === BASELINE_ID) return { ok: true, scenario: this.neutral() };
    const cell = this.cells.get(id);
    if (!cell) return { ok: false, errors: [{ line: 1, message: `no scenario with id ${JSON.stringify(id)}` }] };
    if (!cell.scenario || cell.errors.length) return { ok: false, errors: cell.errors.length ? cell.errors : [{ line: cell.line, message: `scenario ${id} has errors` }] };
    if (depth > 32) return { ok: false, errors: [{ line: cell.line, message: `scenario ${id}: extends chain too deep` }] };
    let base: Scenario;
    if (cell.extends) {
      const p = this.resolve(cell.extends, overrides, depth + 1);
      if (!p.ok) return p;
      base = p.scenario;
    } else base = cell.scenario;
    const moved: Assignment[] = Object.entries(overrides[id] ?? {}).map(([path, value]) => ({ path, value, line: cell.line }));
    const assignments = cell.extends ? [...cell.assignments, ...moved] : moved;
    if (assignments.length === 0) return { ok: true, scenario: base };
    const r = applyAssignments(base, cell.extends ? [{ path: 'name', value: cell.scenario.name, line: cell.line }, ...assignments] : assignments, cell.line);
    return r.scenario ? { ok: true, scenario: r.scenario } : { ok: false, errors: r.errors };
  }

  /** The data set a scenario projects from: its own `dataset=`, that of the scenario it extends, or the notebook's. */
  datasetOf(id: string): NotebookDataset {
    let cell = this.cells.get(id);
    for (let depth = 0; cell && depth < 32; depth++) {
      if (cell.dataset) return cell.dataset;
      cell = cell.extends ? this.cells.get(cell.extends) : undefined;
    }
    return this.notebook.meta.dataset;
  }

  /** Evaluate a scenario (cached by its content). Throws a RangeError with the engine's message when the engine refuses it. */
  outcomeOf(scenario: Scenario, dataset: NotebookDataset = this.notebook.meta.dataset): Outcome {
    const key = dataset + JSON.stringify(scenario);
    let o = this.cache.get(key);
    if (!o) {
      o = evaluateScenario(baselineFor(dataset), scenario);
      if (this.cache.size > 256) this.cache.clear();
      this.cache.set(key, o);
    }
    return o;
  }

  outcome(id: string, overrides: Overrides = {}): { ok: true; scenario: Scenario; outcome: Outcome } | { ok: false; errors: NotebookError[] } {
    const r = this.resolve(id, overrides);
    if (!r.ok) return r;
    try {
      return { ok: true, scenario: r.scenario, outcome: this.outcomeOf(r.scenario, this.datasetOf(id)) };
    } catch (e) {
      return { ok: false, errors: [{ line: this.cells.get(id)?.line ?? 1, message: `engine: ${e instanceof Error ? e.message : String(e)}` }] };
    }
  }

  /** Value of an inline expression as display text; throws an Error saying what went wrong. */
  inline(expr: InlineExpr, overrides: Overrides = {}): string {
    const get = (id: string) => {
      const r = this.outcome(id, overrides);
      if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
      return r;
    };
    switch (expr.op) {
      case 'kpi': {
        const r = get(expr.scenario);
        return formatKpi(expr.kpi, r.outcome.kpis[expr.kpi], r.scenario.economics.currency);
      }
      case 'delta': {
        const a = get(expr.scenario);
        const b = get(expr.base);
        const va = a.outcome.kpis[expr.kpi];
        const vb = b.outcome.kpis[expr.kpi];
        if (va === null || vb === null) return '—';
        if (expr.relative) {
          if (vb === 0) return '—';
          return d3format('+.1%')((va - vb) / Math.abs(vb)).replace('-', '−');
        }
        const d = va - vb;
        const text = formatKpi(expr.kpi, Math.abs(d), a.scenario.economics.currency);
        return `${d < 0 ? '−' : '+'}${text}`;
      }
      case 'series': {
        const r = get(expr.scenario);
        const s = seriesOf(r.outcome, expr.series);
        if (expr.week > s.length) throw new Error(`series ${expr.series}: week ${expr.week} is beyond the ${s.length}-week horizon`);
        const v = s[expr.week - 1];
        const share = expr.series === 'retention' || expr.series === 'survivalNewCustomer' || expr.series === 'conversionRate';
        const money = expr.series === 'revenue' || expr.series === 'margin' || expr.series === 'costs' || expr.series === 'contribution';
        if (share) return d3format('.1%')(v);
        if (money) return formatCurrency(v, r.scenario.economics.currency, ',.0f');
        if (expr.series === 'satisfaction' || expr.series === 'trust') return d3format('.3f')(v);
        return d3format(',.0f')(v);
      }
      case 'lever': {
        const r = this.resolve(expr.scenario, overrides);
        if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
        const v = getPath(r.scenario, expr.path);
        if (v === undefined) throw new Error(`lever: no field ${expr.path} in scenario ${expr.scenario}`);
        return formatField(expr.path, v, r.scenario.economics.currency);
      }
      case 'param': {
        const spec = this.baseline.spec;
        if (spec.kind !== 'noncontractual') throw new Error(`param ${expr.name}: the ${this.notebook.meta.dataset} data set has no BG/NBD or Gamma-Gamma parameters`);
        const all: Record<string, number> = { ...spec.purchase.params, ...spec.spend.params };
        return d3format('.4~f')(all[expr.name]);
      }
      case 'palive': {
        const spec = this.baseline.spec;
        if (spec.kind !== 'noncontractual') throw new Error(`palive: the ${this.notebook.meta.dataset} data set is contractual (no P(alive))`);
        return d3format('.1%')(bgnbdPAlive(spec.purchase.params, expr.x, expr.tx, expr.T));
      }
    }
  }
}
