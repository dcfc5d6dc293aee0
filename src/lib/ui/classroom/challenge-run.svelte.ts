/**
 * A student's run of a challenge: the scenario (the start with the unlocked levers moved,
 * each clamped to its limits) and its outcome from the challenge's engine worker. One
 * evaluation is in the worker at a time and only the newest scenario waits, so a dragged
 * lever does not queue every step; the outcome shown is always the answer to the scenario
 * shown (`current`), never an older one.
 */
import { ruleBreaks, withLevers, type Challenge } from '$lib/classroom/challenge';
import { challengeEngine, type ChallengeEngine } from '$lib/classroom/engine';
import type { Outcome, Scenario } from '$lib/model/scenario/scenario-types';
import { workerEngine } from '$lib/notebooks/engine';

export class ChallengeRun {
  scenario: Scenario = $state.raw(null as unknown as Scenario);
  /** the outcome of the scenario with this content (JSON), when it has arrived */
  answered: { key: string; outcome: Outcome } | null = $state.raw(null);
  error = $state('');
  readonly engine: ChallengeEngine;
  #waiting: Scenario | null = null;
  #busy = false;
  #disposed = false;

  constructor(readonly challenge: Challenge) {
    this.engine = challengeEngine(challenge.dataset, workerEngine());
    this.scenario = structuredClone(challenge.start);
    this.#request(this.scenario);
  }

  /** the outcome of the scenario on show; null while it is computed */
  get outcome(): Outcome | null {
    const a = this.answered;
    return a && a.key === JSON.stringify(this.scenario) ? a.outcome : null;
  }

  get breaks(): string[] {
    return ruleBreaks(this.challenge, this.scenario);
  }

  set(id: string, value: unknown): void {
    this.scenario = withLevers(this.challenge, this.scenario, id, value);
    this.#request(this.scenario);
  }

  reset(): void {
    this.scenario = structuredClone(this.challenge.start);
    this.#request(this.scenario);
  }

  /** replaces the scenario with one the student saved earlier, when it keeps the rules */
  load(s: Scenario): string[] {
    const breaks = ruleBreaks(this.challenge, s);
    if (breaks.length === 0) {
      this.scenario = s;
      this.#request(s);
    }
    return breaks;
  }

  dispose(): void {
    this.#disposed = true;
    this.engine.dispose();
  }

  #request(s: Scenario): void {
    this.#waiting = s;
    if (!this.#busy) void this.#flush();
  }

  async #flush(): Promise<void> {
    while (this.#waiting && !this.#disposed) {
      const s = this.#waiting;
      this.#waiting = null;
      this.#busy = true;
      try {
        const [a] = await this.engine.evaluate([s]);
        if (!this.#disposed) {
          this.answered = { key: JSON.stringify(s), outcome: a.outcome };
          this.error = '';
        }
      } catch (e) {
        if (!this.#disposed) this.error = e instanceof Error ? e.message : String(e);
      } finally {
        this.#busy = false;
      }
    }
  }
}
