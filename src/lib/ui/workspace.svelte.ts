/**
 * The workbench's state: the working scenario, the baseline it is compared with,
 * the engine's latest answers, saved scenarios and the linked-hover selection.
 *
 * Data moves one way (ARCHITECTURE.md): dataset -> fit -> prepared baseline ->
 * engine -> outcome -> charts. This module owns the arrows between them; the
 * components only read its state and call its actions. Everything that crosses a
 * worker or Dexie boundary is `$state.snapshot`-ed; large results are `$state.raw`.
 */
import type { Outcome, OutcomeBands, PersonalisationEvidence, Scenario } from '$lib/model/scenario/scenario-types';
import type { ChannelResponse } from '$lib/model/scenario/response-curves';
import { decodeScenarioParam, neutralScenario, parseScenario } from '$lib/model/scenario/scenario';
import { getPath, setPath } from '$lib/model/scenario/path';
import type { DatasetRecord, ScenarioRecord } from '$lib/data/db';
import type { ClvSummary } from '$lib/pipeline/clv-summary';
import type { EstimateChoice, FitReport, FitRequestTerms } from '$lib/pipeline/fit-step';
import type { AssumptionOrigin, FittedAssumptions } from '$lib/model/scenario/fitted-assumptions';
import { deletedInUseNote, fitFailedNote, goneInUseNote } from './dataset-in-use';
import { History } from './history';

export type WorkspaceStatus = 'starting' | 'empty' | 'loading' | 'ready' | 'error';

/** A saved scenario as the workspace lists it: the database's record. */
export type SavedScenario = ScenarioRecord;

/** What the workbench computes for one scenario. */
export interface ScenarioResult {
  outcome: Outcome;
  baseline: Outcome;
  /** each paid channel's response curve at the scenario's spend (the engine sends them) */
  curves?: ChannelResponse[];
  /** ms the engine took */
  elapsedMs: number;
}

/**
 * The engine seam: the worker client in the app (scenarioEngine in workers/engine-client.ts),
 * the engine itself in tests. The seam owns staleness: `evaluate` resolves null when a newer
 * request overtook it, and a new `evaluate` makes the previous scenario's `bands` resolve null.
 */
export interface ScenarioEngine {
  evaluate(scenario: Scenario): Promise<ScenarioResult | null>;
  /** 10/50/90 Monte Carlo bands of a scenario; null when a newer evaluation superseded it */
  bands?(scenario: Scenario): Promise<OutcomeBands | null>;
}

/** Bands are asked for once the levers have rested this long (they take ~0.25 s of engine time). */
const BANDS_DELAY_MS = 600;

/** The data seam: list, activate (fit + hand the baseline to the engine) and delete datasets. */
export interface DataPort {
  list(): Promise<DatasetRecord[]>;
  /**
   * `clv`: residual CLV of the dataset's existing customers at the fitted baseline; `report`:
   * the fit's diagnostics and estimates. `terms` are the estimate in use and the CLV terms.
   */
  activate(
    id: string,
    terms?: FitRequestTerms,
    onProgress?: (stage: string, fraction: number) => void
  ): Promise<{ source: string; clv?: ClvSummary | null; report?: FitReport | null }>;
  /** the base CLV again under other CLV terms (no new baseline for the engine) */
  valueBase?(id: string, terms: FitRequestTerms): Promise<ClvSummary>;
  remove(id: string): Promise<void>;
  /** stores the ISO 4217 code of a dataset's money */
  setCurrency?(id: string, currency: string): Promise<void>;
  /** the first visit's sample dataset; returns its id */
  createSample(onStage: (stage: string) => void): Promise<string>;
  listScenarios(): Promise<SavedScenario[]>;
  saveScenario(input: {
    id?: string;
    name: string;
    scenario: Scenario;
    datasetId: string | null;
  }): Promise<SavedScenario>;
  deleteScenario(id: string): Promise<void>;
  loadSession(): Promise<SessionState>;
  saveSession(state: SessionState): Promise<void>;
}

/** What survives a reload: the working scenario and the dataset in use. */
export interface SessionState {
  activeDatasetId: string | null;
  scenario: unknown;
}

let nextId = 1;

export function newId(prefix: string): string {
  const rand = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${(nextId++).toString(36)}`;
  return `${prefix}-${rand}`;
}

export class Workspace {
  status: WorkspaceStatus = $state('starting');
  /** a sentence for the person: what is happening or what went wrong */
  message = $state('');
  /** starts at the baseline: nothing has moved on a first visit (examples are loaded by choice) */
  scenario: Scenario = $state(neutralScenario('My scenario'));
  /** the scenario every "changed" marker and reset refers to */
  readonly reference: Scenario = neutralScenario();
  outcome: Outcome | null = $state.raw(null);
  baseline: Outcome | null = $state.raw(null);
  /** the response curves of the scenario on show */
  responseCurves: ChannelResponse[] = $state.raw([]);
  lastElapsedMs = $state(0);
  /** engine errors (bad assumption edits and the like), shown beside the levers */
  engineError = $state('');
  /** the week hovered in any chart, for linked highlighting */
  hoverWeek: number | null = $state(null);
  /** the segment or channel hovered in any chart */
  hoverCategory: string | null = $state(null);
  /** the explain view's selected node */
  selectedNode: string | null = $state(null);

  datasets: DatasetRecord[] = $state.raw([]);
  activeDatasetId: string | null = $state(null);
  /** the last thing that happened to the dataset in use (a failed fit kept, a deletion), shown on every page */
  inUseNote = $state('');
  /** where the baseline comes from, shown under the KPIs */
  baselineSource = $state('');
  /** residual CLV of the active dataset's customers (histogram, quantiles, by segment and channel) */
  baseClv: ClvSummary | null = $state.raw(null);
  /** what the fit of the dataset in use cannot tell, and its BG/NBD estimates (FitDiagnostics) */
  fitReport: FitReport | null = $state.raw(null);
  /** which BG/NBD estimate drives the baseline */
  estimateChoice: EstimateChoice = $state('auto');
  /** share of the fit done while the status is 'loading' (null when not known) */
  fitProgress: number | null = $state(null);

  /** scenarios saved in this browser, newest first */
  saved: SavedScenario[] = $state.raw([]);
  /** the saved scenario the working one was loaded from or last saved as */
  savedId: string | null = $state(null);

  /** problems with a scenario from a shared link, shown on the workbench */
  urlErrors: string[] = $state([]);

  /** true while the uncertainty bands of the current scenario are being computed */
  bandsPending = $state(false);
  /** assumptions replaced by a fit on the user's data, with their origin (empty: all from the registry) */
  fittedOrigins: Record<string, AssumptionOrigin> = $state.raw({});

  /** whether there is a change to undo / to redo (the history itself is not reactive) */
  canUndo = $state(false);
  canRedo = $state(false);
  #history = new History<Scenario>({ limit: 100, coalesceMs: 600 });

  #engine: ScenarioEngine | null = null;
  #bandsTimer: ReturnType<typeof setTimeout> | undefined;
  /** datasets being fitted and handed to the engine (useDataset calls under way) */
  #activating = 0;
  #data: DataPort | null = null;
  #restored = false;
  #persistTimer: ReturnType<typeof setTimeout> | undefined;

  /** Connects the data side (IndexedDB, fitting); the app passes the browser one, tests a fake. */
  attachData(port: DataPort): void {
    this.#data = port;
  }

  /**
   * The ISO 4217 code every money figure is shown in: the dataset in use's currency (chosen
   * on import or on /data), else the working scenario's (USD unless a scenario says otherwise).
   */
  get currency(): string {
    const d = this.activeDatasetId ? this.datasets.find((x) => x.id === this.activeDatasetId) : undefined;
    return d?.currency ?? this.scenario.economics.currency;
  }

  /** Sets a dataset's currency (stored with it); every money figure of the app is re-labelled. */
  async setDatasetCurrency(id: string, currency: string): Promise<void> {
    if (!this.#data?.setCurrency) return;
    await this.#data.setCurrency(id, currency);
    await this.refreshDatasets();
  }

  async refreshDatasets(): Promise<void> {
    if (!this.#data) return;
    this.datasets = await this.#data.list();
    if (this.activeDatasetId && !this.datasets.some((d) => d.id === this.activeDatasetId)) this.activeDatasetId = null;
  }

  /** Fits the dataset's baseline and makes it the one every scenario is compared with. */
  async useDataset(id: string, note = ''): Promise<void> {
    if (!this.#data) return;
    const meta = this.datasets.find((d) => d.id === id);
    // what stays on show if this fit fails: the baseline of the dataset in use now
    const kept = this.status === 'ready' && this.baseline ? this.#datasetName(this.activeDatasetId) : null;
    this.status = 'loading';
    this.message = `Fitting the customer model to “${meta?.name ?? id}”…`;
    // no bands of the baseline on its way out: they would hold the engine worker when the
    // new baseline's first answer is wanted (the bands follow that answer)
    clearTimeout(this.#bandsTimer);
    this.#activating++;
    try {
      const { source, clv, report } = await this.#data.activate(id, this.#fitTerms(), (stage, fraction) => {
        this.message = `${stage} for “${meta?.name ?? id}”…`;
        this.fitProgress = fraction;
      });
      this.activeDatasetId = id;
      this.baselineSource = source;
      this.baseClv = clv ?? null;
      this.fitReport = report ?? null;
      this.fitProgress = null;
      this.inUseNote = note;
      await this.#saveSessionNow();
    } catch (error) {
      // stopped because another dataset was chosen meanwhile: that choice now owns the status
      if (error instanceof Error && error.name === 'AbortError') return;
      const message = error instanceof Error ? error.message : String(error);
      this.fitProgress = null;
      if (kept) {
        // the engine still holds the previous baseline: keep it on show and say so
        this.status = 'ready';
        this.message = '';
        this.inUseNote = fitFailedNote(meta?.name ?? id, message, kept);
      } else {
        this.status = 'error';
        this.message = message;
        this.inUseNote = fitFailedNote(meta?.name ?? id, message, null);
      }
      return;
    } finally {
      this.#activating--;
    }
    await this.recompute();
    this.status = 'ready';
    this.message = '';
  }

  #datasetName(id: string | null): string | null {
    return id ? (this.datasets.find((d) => d.id === id)?.name ?? id) : null;
  }

  /** The dataset in use is a choice that must survive a reload at once, not after the pause. */
  async #saveSessionNow(): Promise<void> {
    if (!this.#data || !this.#restored) return;
    clearTimeout(this.#persistTimer);
    this.#persistTimer = undefined;
    await this.#data.saveSession({ activeDatasetId: this.activeDatasetId, scenario: $state.snapshot(this.scenario) });
  }

  /**
   * Brings back the last session (working scenario, dataset in use); a scenario in the
   * URL (`#s=...`) takes precedence. On a first visit, sample data is generated and used.
   */
  async restore(urlScenario: string | null = null): Promise<void> {
    if (!this.#data) return;
    this.status = 'loading';
    this.message = 'Opening your data…';
    await this.refreshDatasets();
    await this.refreshSaved();
    const session = await this.#data.loadSession();
    if (session.scenario) {
      const errors = this.load(session.scenario);
      if (errors.length)
        this.message = `The saved working scenario could not be read (${errors[0]}); starting from the default.`;
    }
    // the scenario the session opens with is where undo stops; a shared link is a step on it
    this.#history.clear();
    this.#syncHistory();
    if (urlScenario) {
      const parsed = decodeScenarioParam(urlScenario);
      if (parsed.ok) {
        this.#remember(null);
        this.scenario = parsed.scenario;
      } else this.urlErrors = parsed.errors;
    }
    let id =
      session.activeDatasetId && this.datasets.some((d) => d.id === session.activeDatasetId)
        ? session.activeDatasetId
        : null;
    // the dataset last in use is gone (deleted in another tab): the next one is used, and said so
    const note = session.activeDatasetId && !id && this.datasets[0] ? goneInUseNote(this.datasets[0].name) : '';
    id ??= this.datasets[0]?.id ?? null;
    if (!id) {
      this.message = 'Loading sample data: a music retailer with 10,000 customers…';
      id = await this.#data.createSample((stage) => (this.message = stage));
      await this.refreshDatasets();
    }
    this.#restored = true;
    await this.useDataset(id, note);
  }

  /** Saves the session shortly after the last change (a dragged slider saves once). */
  #persist(): void {
    if (!this.#data || !this.#restored) return;
    clearTimeout(this.#persistTimer);
    this.#persistTimer = setTimeout(() => void this.flushSession(), 400);
  }

  /**
   * Saves a pending session change now instead of after the pause (the page calls this
   * when it is hidden or closed, so the last edit is not lost). Does nothing when no
   * change is pending.
   */
  flushSession(): Promise<void> {
    if (this.#persistTimer === undefined || !this.#data) return Promise.resolve();
    clearTimeout(this.#persistTimer);
    this.#persistTimer = undefined;
    return this.#data.saveSession({ activeDatasetId: this.activeDatasetId, scenario: $state.snapshot(this.scenario) });
  }

  async refreshSaved(): Promise<void> {
    if (this.#data) this.saved = await this.#data.listScenarios();
  }

  /** Saves the working scenario: over the one it came from, or as a new one (`asNew`). */
  async saveScenario(asNew = false): Promise<SavedScenario | null> {
    if (!this.#data) return null;
    const record = await this.#data.saveScenario({
      id: asNew ? undefined : (this.savedId ?? undefined),
      name: this.scenario.name,
      scenario: $state.snapshot(this.scenario) as Scenario,
      datasetId: this.activeDatasetId
    });
    this.savedId = record.id;
    await this.refreshSaved();
    return record;
  }

  openSaved(id: string): string[] {
    const record = this.saved.find((s) => s.id === id);
    if (!record) return [`no saved scenario with id ${id}`];
    const errors = this.load(record.scenario);
    if (!errors.length) this.savedId = id;
    return errors;
  }

  async deleteSaved(id: string): Promise<void> {
    if (!this.#data) return;
    await this.#data.deleteScenario(id);
    if (this.savedId === id) this.savedId = null;
    await this.refreshSaved();
  }

  /**
   * Deletes a dataset. When it was the one in use, the next dataset is fitted and used, and
   * the switch is said on every page; when none is left, the results from the deleted data
   * are cleared, not kept on show.
   */
  async deleteDataset(id: string): Promise<void> {
    if (!this.#data) return;
    const name = this.#datasetName(id) ?? id;
    await this.#data.remove(id);
    const wasActive = this.activeDatasetId === id;
    if (wasActive) this.activeDatasetId = null;
    await this.refreshDatasets();
    if (!wasActive) return;
    const next = this.datasets[0];
    if (next) {
      // drawn from the deleted data: not kept on show should the next fit fail
      this.baseline = null;
      this.outcome = null;
      return this.useDataset(next.id, deletedInUseNote(name, next.name));
    }
    this.inUseNote = deletedInUseNote(name, null);
    this.baseClv = null;
    this.fitReport = null;
    this.baselineSource = '';
    this.outcome = null;
    this.baseline = null;
    this.responseCurves = [];
    this.status = 'empty';
    this.message = 'No dataset is in use: every dataset was deleted. Load sample data or import a file.';
    this.#persist();
  }

  attachEngine(engine: ScenarioEngine): void {
    this.#engine = engine;
    void this.recompute();
  }

  /** Runs the engine on the working scenario; a newer request supersedes this one. */
  async recompute(): Promise<void> {
    this.#persist();
    if (!this.#engine) return;
    clearTimeout(this.#bandsTimer);
    try {
      const result = await this.#engine.evaluate($state.snapshot(this.scenario) as Scenario);
      if (!result) return; // superseded by a newer request
      this.outcome = result.outcome;
      this.baseline = result.baseline;
      this.responseCurves = result.curves ?? [];
      this.lastElapsedMs = result.elapsedMs;
      this.engineError = '';
      this.#scheduleBands();
    } catch (error) {
      this.engineError = error instanceof Error ? error.message : String(error);
    }
  }

  /** Once the levers rest, adds the seeded Monte Carlo bands to the outcome on show. */
  #scheduleBands(): void {
    const engine = this.#engine;
    // no bands before the session is restored (the engine's built-in baseline, never on show)
    // nor while a dataset is being fitted: they wait for its baseline's first answer
    if (!engine?.bands || (this.#data && !this.#restored) || this.#activating > 0) return;
    this.bandsPending = true;
    this.#bandsTimer = setTimeout(async () => {
      let bands: OutcomeBands | null;
      try {
        bands = await engine.bands!($state.snapshot(this.scenario) as Scenario);
      } catch {
        // bands are an addition: the central answer stays on show
        this.bandsPending = false;
        return;
      }
      if (!bands) return; // a newer evaluation superseded them and asks for its own
      if (this.outcome) this.outcome = { ...this.outcome, bands };
      this.bandsPending = false;
    }, BANDS_DELAY_MS);
  }

  /**
   * Remembers the working scenario before a change, for undo; changes under the same key
   * in quick succession (a slider dragged) make one step. Null: always a step of its own.
   */
  #remember(key: string | null): void {
    this.#history.push($state.snapshot(this.scenario) as Scenario, key);
    this.#syncHistory();
  }

  #syncHistory(): void {
    this.canUndo = this.#history.canUndo;
    this.canRedo = this.#history.canRedo;
  }

  /** Ends a run of coalesced changes (a slider let go, a number committed). */
  sealHistory(): void {
    this.#history.seal();
  }

  /** Goes back to the scenario before the last lever, assumption or load step. */
  undo(): void {
    this.#travel(this.#history.undo($state.snapshot(this.scenario) as Scenario));
  }

  redo(): void {
    this.#travel(this.#history.redo($state.snapshot(this.scenario) as Scenario));
  }

  #travel(to: Scenario | null): void {
    this.#syncHistory();
    if (!to) return;
    this.scenario = to;
    void this.recompute();
  }

  setLever(path: string, value: number | boolean | string): void {
    // a value the lever already has (a slider's change event after its last input, a box
    // committed unchanged) is no change: no undo step that would undo nothing, no recompute
    if (getPath(this.scenario.levers, path) === value) return;
    this.#remember(`lever:${path}`);
    this.scenario = { ...this.scenario, levers: setPath(this.scenario.levers, path, value) };
    void this.recompute();
  }

  /**
   * Records (or, with null, removes) measured personalisation evidence in the working
   * scenario: the engine then uses the measured uplift instead of the seed assumptions.
   */
  setPersonalisationEvidence(personalisation: PersonalisationEvidence | null): void {
    this.#remember(null);
    const { evidence: previous, ...rest } = this.scenario;
    const evidence = { ...previous };
    if (personalisation) evidence.personalisation = personalisation;
    else delete evidence.personalisation;
    this.scenario = Object.keys(evidence).length ? { ...rest, evidence } : rest;
    void this.recompute();
  }

  resetFamily(family: keyof Scenario['levers']): void {
    this.#remember(null);
    this.scenario = {
      ...this.scenario,
      levers: { ...this.scenario.levers, [family]: structuredClone(this.reference.levers[family]) }
    };
    void this.recompute();
  }

  setAssumption(id: string, override: { central?: number; low?: number; high?: number } | null): void {
    this.#remember(`assumption:${id}`);
    const assumptions = { ...this.scenario.assumptions };
    if (override === null) delete assumptions[id];
    else assumptions[id] = override;
    if (id in this.fittedOrigins) {
      // an edit by hand is the user's value, no longer the fit's
      const { [id]: _edited, ...rest } = this.fittedOrigins;
      this.fittedOrigins = rest;
    }
    this.scenario = { ...this.scenario, assumptions };
    void this.recompute();
  }

  /** Uses fitted values in place of the registry's (the scenario's overrides), remembering their origin. */
  applyFittedAssumptions(fitted: FittedAssumptions): void {
    this.#remember(null);
    this.scenario = { ...this.scenario, assumptions: { ...this.scenario.assumptions, ...fitted.overrides } };
    if (fitted.curves) {
      // the fitted curves' covariance, for the bands' joint draws (monteCarlo)
      const evidence = {
        ...this.scenario.evidence,
        channels: { ...this.scenario.evidence?.channels, ...fitted.curves }
      };
      this.scenario = { ...this.scenario, evidence };
    }
    this.fittedOrigins = { ...this.fittedOrigins, ...fitted.origins };
    void this.recompute();
  }

  /**
   * Removes every fitted value (or only those of one origin: the channel fit's, or the lift
   * tests'): those assumptions fall back to the registry.
   */
  removeFittedAssumptions(origin?: AssumptionOrigin['origin']): void {
    this.#remember(null);
    const assumptions = { ...this.scenario.assumptions };
    const kept: Record<string, AssumptionOrigin> = {};
    for (const [id, o] of Object.entries(this.fittedOrigins)) {
      if (origin === undefined || o.origin === origin) delete assumptions[id];
      else kept[id] = o;
    }
    this.scenario = { ...this.scenario, assumptions };
    if (origin !== 'lift test' && this.scenario.evidence?.channels) {
      const { channels: _fitted, ...evidence } = this.scenario.evidence;
      const { evidence: _old, ...rest } = this.scenario;
      this.scenario = Object.keys(evidence).length ? { ...rest, evidence } : rest;
    }
    this.fittedOrigins = kept;
    void this.recompute();
  }

  setEconomics(key: keyof Scenario['economics'], value: number | string): void {
    this.#remember(`economics:${key}`);
    this.scenario = { ...this.scenario, economics: { ...this.scenario.economics, [key]: value } };
    void this.recompute();
    if (key === 'discountRatePerYear' || key === 'clvWindowWeeks') this.#revalueBase();
  }

  /** the estimate and the CLV terms the fit step is asked for */
  #fitTerms(): FitRequestTerms {
    const e = this.scenario.economics;
    return {
      estimate: this.estimateChoice,
      clv: { annualDiscountRate: e.discountRatePerYear, horizonWeeks: e.clvWindowWeeks }
    };
  }

  #revalueTimer: ReturnType<typeof setTimeout> | undefined;

  /** Values today's customers again under the scenario's CLV terms, once they stop changing. */
  #revalueBase(): void {
    clearTimeout(this.#revalueTimer);
    this.#revalueTimer = setTimeout(async () => {
      const id = this.activeDatasetId;
      if (!id || !this.#data?.valueBase) return;
      try {
        const clv = await this.#data.valueBase(id, this.#fitTerms());
        if (id === this.activeDatasetId) this.baseClv = clv;
      } catch (error) {
        this.engineError = error instanceof Error ? error.message : String(error);
      }
    }, 300);
  }

  /**
   * After the purchase model chosen for a dataset changed (stored with it on the Model page): the
   * datasets are read again and, when it is the dataset in use, its baseline is rebuilt on the
   * chosen model (its fit, bands and explain view follow).
   */
  async modelChoiceChanged(id: string): Promise<void> {
    await this.refreshDatasets();
    if (id === this.activeDatasetId) await this.#refit(id);
  }

  /** Rebuilds the baseline of the dataset in use from its stored fits under the current choices. */
  async #refit(id: string): Promise<void> {
    if (!this.#data) return;
    try {
      const { source, clv, report } = await this.#data.activate(id, this.#fitTerms());
      if (id !== this.activeDatasetId) return;
      this.baselineSource = source;
      this.baseClv = clv ?? null;
      this.fitReport = report ?? null;
      await this.recompute();
    } catch (error) {
      this.engineError = error instanceof Error ? error.message : String(error);
    }
  }

  /** Makes the chosen BG/NBD estimate (MLE, MAP, or automatic) drive the baseline. */
  async chooseEstimate(choice: EstimateChoice): Promise<void> {
    this.estimateChoice = choice;
    if (this.activeDatasetId) await this.#refit(this.activeDatasetId);
  }

  rename(name: string): void {
    this.scenario = { ...this.scenario, name };
    this.#persist();
  }

  /** Replaces the working scenario with one from outside (URL, file, saved); returns the errors, if any. */
  load(input: unknown): string[] {
    const parsed = parseScenario(input);
    if (!parsed.ok) return parsed.errors;
    this.#remember(null);
    this.scenario = parsed.scenario;
    void this.recompute();
    return [];
  }
}
