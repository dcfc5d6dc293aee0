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
import type {
  LearnRequest,
  LearnRequestBody,
  LearnResponse,
  LearnResults,
  LearnRequestType,
  LearnError
} from './learn-protocol.ts';
import { IdCounter, isAbortError, RpcChannel, type Decoded, type WorkerLike } from './rpc.ts';
import type { TrainProgress } from '../learn/train.ts';
import type { TfOptions } from '../learn/tf.ts';

export type LearnWorkerLike = WorkerLike<LearnResponse>;

export type LearnSettled<T> =
  { status: 'ok'; value: T; ms: number } | { status: 'error'; error: LearnError } | { status: 'cancelled' };

export interface CallOptions {
  onProgress?: (progress: TrainProgress) => void;
  signal?: AbortSignal;
}

type BodyOf<K extends LearnRequestType> = Extract<LearnRequestBody, { type: K }>;
type Answer = { value: unknown; ms: number };

const decode = (m: LearnResponse): Decoded<Answer, TrainProgress> =>
  m.type === 'progress'
    ? { id: m.id, kind: 'progress', progress: m.progress }
    : m.ok
      ? { id: m.id, kind: 'result', result: { value: m.result, ms: m.ms } }
      : { id: m.id, kind: 'error', error: m.error };

export class LearnClient {
  private rpc: RpcChannel<LearnResponse, Answer, TrainProgress> | null = null;
  private readonly ids = new IdCounter();

  /** `createWorker` is called on the first request (the worker and tfjs load lazily). */
  constructor(
    private readonly createWorker: () => LearnWorkerLike,
    private readonly tf: TfOptions = {}
  ) {}

  private channel(): RpcChannel<LearnResponse, Answer, TrainProgress> {
    this.rpc ??= new RpcChannel(this.createWorker(), {
      name: 'learn',
      decode,
      ids: this.ids,
      cancelMessage: (target): LearnRequest => ({ type: 'cancel', id: target })
    });
    return this.rpc;
  }

  private async call<K extends LearnRequestType>(
    body: BodyOf<K>,
    options: CallOptions
  ): Promise<LearnSettled<LearnResults[K]>> {
    try {
      const { value, ms } = await this.channel().call<Answer>((id): LearnRequest => ({ ...body, id, tf: this.tf }), {
        onProgress: options.onProgress,
        signal: options.signal
      }).result;
      return { status: 'ok', value: value as LearnResults[K], ms };
    } catch (e) {
      if (isAbortError(e)) return { status: 'cancelled' };
      const error = e instanceof Error ? e : new Error(String(e));
      return { status: 'error', error: { name: error.name, message: error.message } };
    }
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
    this.rpc?.terminate('learn worker terminated');
    this.rpc = null;
  }
}
