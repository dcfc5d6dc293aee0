/**
 * The workbench's state: the working scenario, the baseline it is compared with,
 * the engine's latest answers, saved scenarios and the linked-hover selection.
 *
 * Data moves one way (ARCHITECTURE.md): dataset -> fit -> prepared baseline ->
 * engine -> outcome -> charts. This module owns the arrows between them; the
 * components only read its state and call its actions. Everything that crosses a
 * worker or Dexie boundary is `$state.snapshot`-ed; large results are `$state.raw`.
 */
import type { Outcome, Scenario } from '$lib/model/scenario-types';
import { defaultScenario, neutralScenario, parseScenario } from '$lib/model/scenario';
import { setPath } from './levers/display';

export type WorkspaceStatus = 'starting' | 'empty' | 'loading' | 'ready' | 'error';

export interface SavedScenario {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  datasetId: string | null;
  scenario: Scenario;
}

/** What the workbench computes for one scenario. */
export interface ScenarioResult {
  requestId: number;
  outcome: Outcome;
  baseline: Outcome;
  /** ms the engine took */
  elapsedMs: number;
}

/** The engine seam: the worker client in the app, the engine itself in tests. */
export interface ScenarioEngine {
  evaluate(scenario: Scenario): Promise<ScenarioResult | null>;
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
  scenario: Scenario = $state(defaultScenario('My scenario'));
  /** the scenario every "changed" marker and reset refers to */
  readonly reference: Scenario = neutralScenario();
  outcome: Outcome | null = $state.raw(null);
  baseline: Outcome | null = $state.raw(null);
  lastElapsedMs = $state(0);
  /** engine errors (bad assumption edits and the like), shown beside the levers */
  engineError = $state('');
  /** the week hovered in any chart, for linked highlighting */
  hoverWeek: number | null = $state(null);
  /** the segment or channel hovered in any chart */
  hoverCategory: string | null = $state(null);
  /** the explain view's selected node */
  selectedNode: string | null = $state(null);

  #engine: ScenarioEngine | null = null;

  attachEngine(engine: ScenarioEngine): void {
    this.#engine = engine;
    void this.recompute();
  }

  /** Runs the engine on the working scenario; a newer request supersedes this one. */
  async recompute(): Promise<void> {
    if (!this.#engine) return;
    try {
      const result = await this.#engine.evaluate($state.snapshot(this.scenario) as Scenario);
      if (!result) return; // superseded by a newer request
      this.outcome = result.outcome;
      this.baseline = result.baseline;
      this.lastElapsedMs = result.elapsedMs;
      this.engineError = '';
    } catch (error) {
      this.engineError = error instanceof Error ? error.message : String(error);
    }
  }

  setLever(path: string, value: number | boolean | string): void {
    this.scenario = { ...this.scenario, levers: setPath(this.scenario.levers, path, value) };
    void this.recompute();
  }

  resetFamily(family: keyof Scenario['levers']): void {
    this.scenario = {
      ...this.scenario,
      levers: { ...this.scenario.levers, [family]: structuredClone(this.reference.levers[family]) }
    };
    void this.recompute();
  }

  setAssumption(id: string, override: { central?: number; low?: number; high?: number } | null): void {
    const assumptions = { ...this.scenario.assumptions };
    if (override === null) delete assumptions[id];
    else assumptions[id] = override;
    this.scenario = { ...this.scenario, assumptions };
    void this.recompute();
  }

  setEconomics(key: keyof Scenario['economics'], value: number | string): void {
    this.scenario = { ...this.scenario, economics: { ...this.scenario.economics, [key]: value } };
    void this.recompute();
  }

  rename(name: string): void {
    this.scenario = { ...this.scenario, name };
  }

  /** Replaces the working scenario with one from outside (URL, file, saved); returns the errors, if any. */
  load(input: unknown): string[] {
    const parsed = parseScenario(input);
    if (!parsed.ok) return parsed.errors;
    this.scenario = parsed.scenario;
    void this.recompute();
    return [];
  }
}
