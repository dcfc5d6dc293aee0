/**
 * Reactive state of one open notebook: the reader's lever moves and revealed
 * answers ($state), read by every cell through the same runtime, so cells that
 * share a scenario update together. Evaluation runs on the engine worker through the
 * runtime's content cache (one engine call per distinct scenario); a cell reads
 * 'pending' until its answer arrives, and the arrival of answers (`answers`, a
 * counter) makes every reading cell read again.
 */
import type { Scenario } from '../model/scenario/scenario-types.ts';
import { workerEngine } from './engine.ts';
import type { InlineExpr } from './inline.ts';
import { NotebookRuntime, type NotebookEngine, type OutcomeResult, type Overrides, type RuntimeBinding } from './runtime.ts';
import type { Notebook } from './types.ts';
import { AnswerSheet } from './answers.svelte.ts';

export type { OutcomeResult };

export class NotebookState {
  readonly runtime: NotebookRuntime;
  /** answers to the graded questions and the notebook's score */
  readonly graded: AnswerSheet;
  overrides: Overrides = $state({});
  revealed: Record<number, boolean> = $state({});
  /** how many times answers have arrived from the engine */
  private answers = $state(0);

  constructor(
    readonly notebook: Notebook,
    /** print view: answers revealed, controls shown as values (read reactively from the caller) */
    private readonly isPrinting: () => boolean = () => false,
    createEngine: () => NotebookEngine = workerEngine,
    /** the stored dataset the notebook runs on (null: its built-in data set) */
    binding: RuntimeBinding | null = null
  ) {
    this.runtime = new NotebookRuntime(notebook, { createEngine, onSettle: () => this.answers++, binding });
    this.graded = new AnswerSheet(notebook, this.runtime);
  }

  /** Stops the notebook's engine workers (the notebook closed). */
  dispose(): void {
    this.runtime.dispose();
  }

  get printing(): boolean {
    return this.isPrinting();
  }

  /** A plain copy of the lever moves; reading every key through the proxy makes the caller depend on them. */
  private snapshot(): Overrides {
    return JSON.parse(JSON.stringify(this.overrides)) as Overrides;
  }

  outcome(id: string): OutcomeResult {
    void this.answers;
    return this.runtime.outcome(id, this.snapshot());
  }

  scenario(id: string): Scenario | null {
    const r = this.runtime.resolve(id, this.snapshot());
    return r.ok ? r.scenario : null;
  }

  inline(expr: InlineExpr): string {
    void this.answers;
    return this.runtime.inline(expr, this.snapshot());
  }

  setLever(scenario: string, path: string, value: number): void {
    this.overrides[scenario] = { ...(this.overrides[scenario] ?? {}), [path]: value };
  }

  resetLevers(): void {
    this.overrides = {};
  }

  moved(): boolean {
    return Object.values(this.overrides).some((o) => Object.keys(o).length > 0);
  }
}
