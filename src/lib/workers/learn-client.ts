/**
 * Typed client of the learn worker. Each call posts one request and resolves with a
 * settled value ({ status: 'ok', value } | { status: 'error', error } | { status:
 * 'cancelled' }), never rejects; progress (epoch, loss) goes to the caller's callback;
 * an AbortSignal cancels the training in the worker (checked between batches).
 *
 * Usage in the app (the wasm binaries are build assets, see learn/wasm-assets.ts):
 *   import { base } from '$app/paths';
 *   const learn = new LearnClient(() => new Worker(new URL('./learn.worker.ts', import.meta.url), { type: 'module' }),
 *     { wasmPath: wasmAssetUrls });
 *   const r = await learn.trainHillstrom(csvText, { outcome: 'visit' }, { onProgress, signal });
 */
import type { LearnRequestBody, LearnResponse, LearnResults, LearnRequestType, LearnError } from './learn-protocol.ts';
import type { TrainProgress } from '../learn/train.ts';
import type { TfOptions } from '../learn/tf.ts';

export interface LearnWorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((e: { data: LearnResponse }) => void) | null;
}

export type LearnSettled<T> =
  { status: 'ok'; value: T; ms: number } | { status: 'error'; error: LearnError } | { status: 'cancelled' };

export interface CallOptions {
  onProgress?: (progress: TrainProgress) => void;
  signal?: AbortSignal;
}

interface Pending {
  resolve: (settled: LearnSettled<unknown>) => void;
  onProgress?: (progress: TrainProgress) => void;
}

type BodyOf<K extends LearnRequestType> = Extract<LearnRequestBody, { type: K }>;

export class LearnClient {
  private worker: LearnWorkerLike | null = null;
  private nextId = 0;
  private pending = new Map<number, Pending>();

  /** `createWorker` is called on the first request (the worker and tfjs load lazily). */
  constructor(
    private readonly createWorker: () => LearnWorkerLike,
    private readonly tf: TfOptions = {}
  ) {}

  private ensureWorker(): LearnWorkerLike {
    if (!this.worker) {
      this.worker = this.createWorker();
      this.worker.onmessage = (e) => this.onReply(e.data);
    }
    return this.worker;
  }

  private onReply(message: LearnResponse): void {
    const pending = this.pending.get(message.id);
    if (!pending) return; // a reply to a request already settled (cancelled): dropped
    if (message.type === 'progress') {
      pending.onProgress?.(message.progress);
      return;
    }
    this.pending.delete(message.id);
    if (message.ok) pending.resolve({ status: 'ok', value: message.result, ms: message.ms });
    else if (message.error.name === 'AbortError') pending.resolve({ status: 'cancelled' });
    else pending.resolve({ status: 'error', error: message.error });
  }

  private call<K extends LearnRequestType>(
    body: BodyOf<K>,
    options: CallOptions
  ): Promise<LearnSettled<LearnResults[K]>> {
    if (options.signal?.aborted) return Promise.resolve({ status: 'cancelled' });
    const worker = this.ensureWorker();
    const id = ++this.nextId;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve: resolve as Pending['resolve'], onProgress: options.onProgress });
      options.signal?.addEventListener(
        'abort',
        () => {
          if (!this.pending.has(id)) return;
          worker.postMessage({ type: 'cancel', id });
          this.pending.delete(id);
          resolve({ status: 'cancelled' });
        },
        { once: true }
      );
      worker.postMessage({ ...body, id, tf: this.tf });
    });
  }

  trainUplift(data: BodyOf<'uplift'>['data'], options: BodyOf<'uplift'>['options'], call: CallOptions = {}) {
    return this.call<'uplift'>({ type: 'uplift', data, options }, call);
  }

  trainClassifier(
    features: BodyOf<'classifier'>['features'],
    label: Float64Array,
    options: BodyOf<'classifier'>['options'],
    call: CallOptions = {}
  ) {
    return this.call<'classifier'>({ type: 'classifier', features, label, options }, call);
  }

  /** The benchmark workflow: parse Hillstrom CSV text and train the uplift model in the worker. */
  trainHillstrom(csvText: string, options: BodyOf<'hillstrom'>['options'] = {}, call: CallOptions = {}) {
    return this.call<'hillstrom'>({ type: 'hillstrom', csvText, options }, call);
  }

  /** Stops the worker; pending requests settle as cancelled. */
  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const pending of this.pending.values()) pending.resolve({ status: 'cancelled' });
    this.pending.clear();
  }
}
