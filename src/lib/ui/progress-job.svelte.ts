/**
 * A long job run from a page (a model comparison, a scoring run): whether it runs, the stage
 * and fraction it reports, and why it failed, as Svelte state. A job that is cancelled, or
 * replaced by a new run, no longer touches the state when it settles; an abort is no failure.
 */
import { isAbortError } from '$lib/workers/rpc';

/** what a job is told to call as it goes: its stage and the fraction done (0 to 1) */
export type Progress = (stage: string, fraction: number) => void;

export class ProgressJob {
  running = $state(false);
  stage = $state('');
  fraction = $state(0);
  error = $state('');
  /** counts the runs and cancels: a settling job whose count is old leaves the state alone */
  #generation = 0;

  /** runs work (the stage starts as `stage`); its result, or undefined if it failed or was aborted */
  async run<T>(work: (progress: Progress) => Promise<T>, stage = ''): Promise<T | undefined> {
    const generation = ++this.#generation;
    const current = () => generation === this.#generation;
    this.error = '';
    this.running = true;
    this.stage = stage;
    this.fraction = 0;
    try {
      return await work((s, f) => {
        if (!current()) return;
        this.stage = s;
        this.fraction = f;
      });
    } catch (e) {
      if (!isAbortError(e) && current()) this.error = e instanceof Error ? e.message : String(e);
      return undefined;
    } finally {
      if (current()) this.running = false;
    }
  }

  /** stops showing the job that runs (its caller stops the work itself) */
  cancel(): void {
    this.#generation++;
    this.running = false;
    this.stage = '';
  }
}
