/**
 * Undo/redo history of the working scenario: a bounded stack of snapshots taken before
 * each change. Rapid changes under the same key (one lever dragged, one number typed)
 * within `coalesceMs` of each other make one step; `seal()` ends such a run early
 * (a slider's pointer-up or change event).
 */
export interface HistoryOptions {
  /** most steps kept; the oldest are dropped */
  limit?: number;
  /** changes of the same key closer than this make one step */
  coalesceMs?: number;
}

export class History<T> {
  readonly limit: number;
  readonly coalesceMs: number;
  #past: T[] = [];
  #future: T[] = [];
  #lastKey: string | null = null;
  #lastAt = -Infinity;

  constructor(options: HistoryOptions = {}) {
    this.limit = Math.max(1, options.limit ?? 100);
    this.coalesceMs = options.coalesceMs ?? 600;
  }

  /**
   * Records `before`, the state just before a change under `key`, at time `now` (ms).
   * A change with the same key as the last, within the coalescing window, extends that
   * step (the state before the first change of the run stays the one undone to).
   * Any new change clears the redo stack. A null key never coalesces.
   */
  push(before: T, key: string | null = null, now = Date.now()): void {
    const coalesce = key !== null && key === this.#lastKey && now - this.#lastAt < this.coalesceMs && this.#past.length;
    if (!coalesce) {
      this.#past.push(before);
      if (this.#past.length > this.limit) this.#past.splice(0, this.#past.length - this.limit);
    }
    this.#future = [];
    this.#lastKey = key;
    this.#lastAt = now;
  }

  /** Ends the current run of coalesced changes: the next change is a new step. */
  seal(): void {
    this.#lastKey = null;
  }

  get canUndo(): boolean {
    return this.#past.length > 0;
  }

  get canRedo(): boolean {
    return this.#future.length > 0;
  }

  /** The state to go back to, given the current one (kept for redo); null when there is none. */
  undo(current: T): T | null {
    return this.#step(this.#past, this.#future, current);
  }

  /** The state to go forward to, given the current one (kept for undo); null when there is none. */
  redo(current: T): T | null {
    return this.#step(this.#future, this.#past, current);
  }

  /** Takes the newest state off `from`, keeps `current` on `to` to come back to, and ends the run. */
  #step(from: T[], to: T[], current: T): T | null {
    const state = from.pop();
    if (state === undefined) return null;
    to.push(current);
    this.seal();
    return state;
  }

  clear(): void {
    this.#past = [];
    this.#future = [];
    this.seal();
  }
}
