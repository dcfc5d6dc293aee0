/**
 * One training run of a models-page section (a classifier, an uplift model) in the learn
 * worker: running, progress and error as state, cancel by AbortController (also when the
 * section goes away), and the same messages for a cancelled or failed run; and the save of
 * a trained model to the browser's model list.
 */
import type { SaveModelInput } from '$lib/data/db';
import type { TrainProgress } from '$lib/learn/train';
import type { CallOptions, LearnSettled } from '$lib/workers/learn-client';
import { savedModels } from './saved-models.svelte';

export class TrainingRun {
  running = $state(false);
  progress = $state<TrainProgress | null>(null);
  error = $state('');
  #controller: AbortController | null = null;

  /**
   * Runs `train` (which reads its data and sends the request with the call options it is
   * given) and hands a trained result to `done`; a thrown error, a failure or a cancel
   * becomes `error`.
   */
  async run<T>(train: (call: CallOptions) => Promise<LearnSettled<T>>, done: (value: T) => void): Promise<void> {
    this.error = '';
    this.progress = null;
    this.running = true;
    const controller = (this.#controller = new AbortController());
    try {
      const settled = await train({ onProgress: (p) => (this.progress = p), signal: controller.signal });
      if (settled.status === 'cancelled') this.error = 'Training cancelled.';
      else if (settled.status === 'error') this.error = `Training failed: ${settled.error.message}`;
      else done(settled.value);
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.running = false;
      this.#controller = null;
    }
  }

  cancel(): void {
    this.#controller?.abort();
  }
}

/** Saves a trained model in this browser; the message to show says what happened. */
export async function saveTrainedModel(input: () => SaveModelInput): Promise<string> {
  try {
    const record = input();
    await savedModels.save(record);
    return `Saved “${record.name}” in this browser.`;
  } catch (e) {
    return `Could not save: ${e instanceof Error ? e.message : String(e)}`;
  }
}
