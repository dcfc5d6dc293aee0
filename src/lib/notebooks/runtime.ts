/**
 * Notebook runtime: resolves each scenario cell (its base, its assignments, and
 * the levers the reader moved) and evaluates it on the scenario-engine worker (the
 * batch lane of an EngineClient, one worker per data set the notebook reads, its
 * baseline set once), so every cell that reads a scenario sees the same outcome and
 * they update together. Nothing of the projection runs on the main thread.
 *
 * Answers are kept by the scenario's content: a cell shows the answer to the scenario
 * it reads now, or a pending state while that answer is on its way; an answer to a
 * scenario the reader has since moved away from is never shown for the new one. While
 * a data set's requests are in the worker, only the newest scenario of each cell id
 * waits (a dragged lever does not queue every step it passed).
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
import { cdnowDefaultBaseline, sbgDefaultBaseline, kpiById } from '../model/scenario/engine/index.ts';
import { purchasePAlive } from '../model/scenario/engine/baseline.ts';
import type { BaselineSpec } from '../model/scenario/engine/index.ts';
import { getPath, neutralScenario } from '../model/scenario/scenario.ts';
import { LEVERS } from '../model/scenario/levers/catalogue.ts';
import type { AssumptionOverride, KpiId, Outcome, Scenario } from '../model/scenario/scenario-types.ts';
import { applyAssignments, type Assignment } from './assign.ts';
import { InlinePending, scenariosOf, type InlineExpr } from './inline.ts';
import type { EngineClient } from '../workers/engine-client.ts';
import { BASELINE_ID } from './parse.ts';
import type { ChartSeriesId, Notebook, NotebookDataset, NotebookError, ScenarioCell } from './types.ts';
import type { ChannelQualityRow } from '../pipeline/notebook-data.ts';
import { assumptionById } from '../model/scenario/assumptions.ts';
import { missingMessage, missingNeeds, needOfDataset, NEED_LABELS, type DataNeed, type DatasetCapabilities } from './needs.ts';

/** Organic (unpaid) new customers per week added to the sample baseline; illustrative business scale. */
export const SAMPLE_ORGANIC_NEW_PER_WEEK = 50;

export function baselineSpecFor(dataset: NotebookDataset): BaselineSpec {
  return dataset === 'sbg:regular' ? sbgDefaultBaseline() : cdnowDefaultBaseline(SAMPLE_ORGANIC_NEW_PER_WEEK);
}

/**
 * A stored dataset the notebook is bound to (binding.ts): its fitted baseline takes the place
 * of the built-in data set of the same kind, its fitted assumptions sit under every scenario's
 * own, and a scenario that needs what the dataset lacks answers with what is missing.
 */
export interface RuntimeBinding {
  baselines: Partial<Record<NotebookDataset, BaselineSpec>>;
  assumptions: Record<string, AssumptionOverride>;
  capabilities: DatasetCapabilities;
  /** per acquisition channel of the dataset (empty without two or more channels) */
  channelQuality: readonly ChannelQualityRow[];
}

/** The part of an engine client a notebook uses: its baseline and its batch lane. */
export type NotebookEngine = Pick<EngineClient, 'setBaseline' | 'evaluateAll' | 'dispose'>;

/** A scenario's outcome as a cell reads it: the answer, on its way (`until` settles then), or why there is none. */
export type OutcomeResult =
  | { status: 'ok'; scenario: Scenario; outcome: Outcome }
  | { status: 'pending'; scenario: Scenario; until: Promise<void> }
  | { status: 'error'; errors: NotebookError[] };

export type SettledOutcome = Exclude<OutcomeResult, { status: 'pending' }>;

type Answer = { ok: true; outcome: Outcome } | { ok: false; errors: string[] };
type Waiting = { key: string; scenario: Scenario };

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
  /** the baseline of the notebook's own data set (its parameters, for `param` and `palive`) */
  readonly spec: BaselineSpec;
  private readonly cells = new Map<string, ScenarioCell>();
  readonly #createEngine: () => NotebookEngine;
  readonly #onSettle: () => void;
  readonly #binding: RuntimeBinding | null;
  readonly #engines = new Map<NotebookDataset, { engine: NotebookEngine; ready: ReturnType<NotebookEngine['setBaseline']> }>();
  /** answers by data set + scenario content */
  readonly #answers = new Map<string, Answer>();
  /** requests not yet sent, per data set: the newest scenario of each cell id */
  readonly #waiting = new Map<NotebookDataset, Map<string, Waiting>>();
  /** a promise per requested key, settled when its answer arrives or it is superseded */
  readonly #settles = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  readonly #busy = new Set<NotebookDataset>();
  #disposed = false;

  /**
   * @param createEngine a fresh engine client (one per data set the notebook reads)
   * @param onSettle called after answers arrive (a reactive reader re-reads its outcomes)
   */
  constructor(
    readonly notebook: Notebook,
    options: { createEngine: () => NotebookEngine; onSettle?: () => void; binding?: RuntimeBinding | null }
  ) {
    this.#binding = options.binding ?? null;
    this.spec = this.#baselineOf(notebook.meta.dataset);
    this.#createEngine = options.createEngine;
    this.#onSettle = options.onSettle ?? (() => {});
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

  #baselineOf(dataset: NotebookDataset): BaselineSpec {
    return this.#binding?.baselines[dataset] ?? baselineSpecFor(dataset);
  }

  /** The notebook's bound dataset, when it has one. */
  get binding(): RuntimeBinding | null {
    return this.#binding;
  }

  /** What a scenario needs of the data: the `needs=` of it and of the scenarios it extends, and its data set's kind. */
  scenarioNeeds(id: string): DataNeed[] {
    const needs = new Set<DataNeed>([needOfDataset(id === BASELINE_ID ? this.notebook.meta.dataset : this.datasetOf(id))]);
    let cell = this.cells.get(id);
    for (let depth = 0; cell && depth < 32; depth++) {
      for (const n of cell.needs ?? []) needs.add(n);
      cell = cell.extends ? this.cells.get(cell.extends) : undefined;
    }
    return [...needs];
  }

  /** A scenario on the bound dataset: its fitted assumptions under the scenario's own, its money in the dataset's currency. */
  #onBoundData(s: Scenario, b: RuntimeBinding): Scenario {
    const currency = b.capabilities.currency;
    return {
      ...s,
      assumptions: { ...b.assumptions, ...s.assumptions },
      economics: currency ? { ...s.economics, currency } : s.economics
    };
  }

  /** Why a scenario cannot run on the bound dataset (null: it can, or nothing is bound). */
  unavailable(id: string): string | null {
    if (!this.#binding) return null;
    const missing = missingNeeds(this.scenarioNeeds(id), this.#binding.capabilities);
    return missing.length ? missingMessage(missing) : null;
  }

  /**
   * A scenario's outcome as known now: the engine's answer, an error (the scenario's own
   * or the engine's), or pending, in which case its evaluation has been requested.
   */
  outcome(id: string, overrides: Overrides = {}): OutcomeResult {
    if (this.#disposed) return { status: 'error', errors: [{ line: 1, message: 'the notebook was closed' }] };
    const resolved = this.resolve(id, overrides);
    if (!resolved.ok) return { status: 'error', errors: resolved.errors };
    const why = this.unavailable(id);
    if (why) return { status: 'error', errors: [{ line: this.cells.get(id)?.line ?? 1, message: why }] };
    const r = this.#binding ? { ok: true as const, scenario: this.#onBoundData(resolved.scenario, this.#binding) } : resolved;
    const dataset = this.datasetOf(id);
    const json = JSON.stringify(r.scenario);
    const key = dataset + json;
    const answer = this.#answers.get(key);
    // the worker gets a plain copy (a notebook held in Svelte state hands out proxies, which do not clone)
    if (!answer) return { status: 'pending', scenario: r.scenario, until: this.#request(dataset, id, key, () => JSON.parse(json) as Scenario) };
    if (!answer.ok) {
      const line = this.cells.get(id)?.line ?? 1;
      return { status: 'error', errors: answer.errors.map((message) => ({ line, message: `engine: ${message}` })) };
    }
    return { status: 'ok', scenario: r.scenario, outcome: answer.outcome };
  }

  /** A scenario's outcome once the engine has answered. */
  async settled(id: string, overrides: Overrides = {}): Promise<SettledOutcome> {
    for (;;) {
      const r = this.outcome(id, overrides);
      if (r.status !== 'pending') return r;
      await r.until;
    }
  }

  /** An inline expression's text once every outcome it reads has arrived. */
  async inlineSettled(expr: InlineExpr, overrides: Overrides = {}): Promise<string> {
    for (;;) {
      try {
        return this.inline(expr, overrides);
      } catch (e) {
        if (!(e instanceof InlinePending)) throw e;
        await e.until;
      }
    }
  }

  /** Stops the notebook's engine workers; outstanding answers are dropped. */
  dispose(): void {
    this.#disposed = true;
    for (const { engine } of this.#engines.values()) engine.dispose();
    this.#engines.clear();
    for (const s of this.#settles.values()) s.resolve();
    this.#settles.clear();
    this.#waiting.clear();
  }

  #request(dataset: NotebookDataset, id: string, key: string, scenario: () => Scenario): Promise<void> {
    const known = this.#settles.get(key);
    if (known) return known.promise;
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    this.#settles.set(key, { promise, resolve });
    let queue = this.#waiting.get(dataset);
    if (!queue) this.#waiting.set(dataset, (queue = new Map()));
    const older = queue.get(id);
    if (older) this.#release(older.key); // superseded before it was sent: its readers re-read
    queue.set(id, { key, scenario: scenario() });
    queueMicrotask(() => void this.#flush(dataset));
    return promise;
  }

  #release(key: string): void {
    this.#settles.get(key)?.resolve();
    this.#settles.delete(key);
  }

  #engine(dataset: NotebookDataset) {
    let e = this.#engines.get(dataset);
    if (!e) {
      const engine = this.#createEngine();
      this.#engines.set(dataset, (e = { engine, ready: engine.setBaseline(this.#baselineOf(dataset)) }));
    }
    return e;
  }

  /** Sends a data set's waiting scenarios (one batch in the worker at a time), then the ones that came meanwhile. */
  async #flush(dataset: NotebookDataset): Promise<void> {
    const queue = this.#waiting.get(dataset);
    if (this.#disposed || this.#busy.has(dataset) || !queue?.size) return;
    this.#waiting.delete(dataset);
    this.#busy.add(dataset);
    const { engine, ready } = this.#engine(dataset);
    const baseline = await ready;
    const sent = [...queue.values()];
    await Promise.all(
      sent.map(async ({ key, scenario }) => {
        const r = baseline.status === 'error' ? baseline : await engine.evaluateAll([scenario]);
        if (this.#disposed) return;
        if (r.status === 'ok') this.#store(key, { ok: true, outcome: r.value[0].outcome });
        else if (r.status === 'error') this.#store(key, { ok: false, errors: r.errors });
      })
    );
    this.#busy.delete(dataset);
    if (this.#disposed) return;
    this.#onSettle();
    for (const { key } of sent) this.#release(key);
    await this.#flush(dataset);
  }

  #store(key: string, answer: Answer): void {
    if (this.#answers.size > 256) this.#answers.clear();
    this.#answers.set(key, answer);
  }

  /**
   * A channel's quality multiplier as text. Bound to a dataset with channels: the partially
   * pooled fit on that channel's customers (channel-quality.ts), with ± 1.96 standard errors;
   * on the built-in data: the engine's assumption (the registry's central value; the engine has
   * no spend multiplier per channel, so spend is 1).
   */
  #quality(measure: 'dropout' | 'rate' | 'spend', channel: string): string {
    const times = (v: number) => `×${d3format('.2f')(v)}`;
    const b = this.#binding;
    if (b) {
      const row = b.channelQuality.find((r) => r.channel === channel);
      if (!row) throw new Error(`quality: no customer of ${JSON.stringify(b.capabilities.name)} came through ${channel} (its channels: ${b.channelQuality.map((r) => r.channel).join(', ')})`);
      if (row.estimate === 'pooled') return `${times(1)} (${row.customers} customers, too few to fit: pooled)`;
      const m = row[measure];
      return Number.isFinite(m.se) ? `${times(m.value)} (± ${d3format('.2f')(1.959964 * m.se)})` : times(m.value);
    }
    if (measure === 'spend') return times(1);
    const a = assumptionById(`channels.${channel}.quality${measure === 'dropout' ? 'Dropout' : 'Rate'}`);
    if (!a) throw new Error(`quality: ${channel} is not a channel of the engine`);
    return times(a.central);
  }

  /**
   * A number in the text that the bound dataset cannot give: a short note in its place
   * ("— (needs acquisition channels)"); the cells that need the same say in full what is
   * missing and how to add it.
   */
  #unavailableInline(expr: InlineExpr): string | null {
    const b = this.#binding;
    if (!b) return null;
    const needs = expr.op === 'quality' ? (['channels'] as DataNeed[]) : scenariosOf(expr).flatMap((id) => this.scenarioNeeds(id));
    const missing = missingNeeds(needs, b.capabilities);
    return missing.length ? `— (needs ${missing.map((m) => NEED_LABELS[m.need]).join(' and ')})` : null;
  }

  /** Value of an inline expression as display text; throws an Error saying what went wrong. */
  inline(expr: InlineExpr, overrides: Overrides = {}): string {
    const unavailable = this.#unavailableInline(expr);
    if (unavailable) return unavailable;
    const get = (id: string) => {
      const r = this.outcome(id, overrides);
      if (r.status === 'pending') throw new InlinePending(r.until);
      if (r.status === 'error') throw new Error(r.errors.map((e) => e.message).join('; '));
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
        const spec = this.spec;
        if (spec.kind !== 'noncontractual') throw new Error(`param ${expr.name}: the ${this.notebook.meta.dataset} data set has no BG/NBD or Gamma-Gamma parameters`);
        const all: Record<string, number> = { ...spec.purchase.params, ...spec.spend.params };
        return d3format('.4~f')(all[expr.name]);
      }
      case 'palive': {
        const spec = this.spec;
        if (spec.kind !== 'noncontractual') throw new Error(`palive: the ${this.notebook.meta.dataset} data set is contractual (no P(alive))`);
        return d3format('.1%')(purchasePAlive(spec.purchase, expr.x, expr.tx, expr.T));
      }
      case 'quality':
        return this.#quality(expr.measure, expr.channel);
    }
  }
}
