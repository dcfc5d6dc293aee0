/**
 * Client of the estimation workers: a small pool (one worker per core, at most two) that runs
 * the replicates of a "repeat" control, each worker taking the next index when it answers, so
 * both cores stay busy and the answers arrive one by one (progress). Cancel stops handing out
 * indices and drops the answers still in flight (a replicate takes milliseconds, so nothing
 * needs interrupting inside a worker). Workers start on first use.
 */
import type { EstimationSpec, Replicate } from '../model/classroom/estimation.ts';
import type { ExperimentResult, ExperimentSpec } from '../model/classroom/experiment.ts';
import type { EstimationRequest, EstimationResponse } from './estimation-protocol.ts';
import { IdCounter, RpcChannel, abortError, type Decoded, type WorkerLike } from './rpc.ts';

type Answer = { replicate: Replicate } | { result: ExperimentResult };

const decode = (m: EstimationResponse): Decoded<Answer, never> => {
  switch (m.type) {
    case 'replicate':
      return { id: m.id, kind: 'result', result: { replicate: m.replicate } };
    case 'experiment':
      return { id: m.id, kind: 'result', result: { result: m.result } };
    case 'error':
      return { id: m.id, kind: 'error', error: m.error };
  }
};

export interface RepeatOptions {
  /** each replicate as it arrives (in any order), with how many have arrived */
  onReplicate?: (replicate: Replicate, done: number) => void;
  signal?: AbortSignal;
}

export class EstimationPool {
  readonly #spawn: () => WorkerLike<EstimationResponse>;
  readonly #size: number;
  readonly #ids = new IdCounter();
  #channels: RpcChannel<EstimationResponse, Answer, never>[] = [];

  constructor(spawn: () => WorkerLike<EstimationResponse>, size: number) {
    this.#spawn = spawn;
    this.#size = Math.max(1, Math.floor(size));
  }

  #channel(k: number): RpcChannel<EstimationResponse, Answer, never> {
    while (this.#channels.length <= k) {
      this.#channels.push(new RpcChannel(this.#spawn(), { name: 'estimation', decode, ids: this.#ids }));
    }
    return this.#channels[k];
  }

  /** Replicate `index` of the spec on the first worker. */
  async replicate(spec: EstimationSpec, index: number, signal?: AbortSignal): Promise<Replicate> {
    const call = this.#channel(0).call<{ replicate: Replicate }>(
      (id) => ({ id, type: 'replicate', spec, index }) satisfies EstimationRequest,
      { signal }
    );
    return (await call.result).replicate;
  }

  async experiment(spec: ExperimentSpec, signal?: AbortSignal): Promise<ExperimentResult> {
    const call = this.#channel(0).call<{ result: ExperimentResult }>(
      (id) => ({ id, type: 'experiment', spec }) satisfies EstimationRequest,
      { signal }
    );
    return (await call.result).result;
  }

  /** Replicates first .. first + count - 1 over every worker of the pool, in index order in the answer. */
  async repeat(spec: EstimationSpec, first: number, count: number, options: RepeatOptions = {}): Promise<Replicate[]> {
    const { signal, onReplicate } = options;
    const out: Replicate[] = new Array(count);
    let next = 0;
    let done = 0;
    const lane = async (k: number): Promise<void> => {
      const channel = this.#channel(k);
      while (next < count) {
        if (signal?.aborted) throw abortError('repeats cancelled');
        const i = next++;
        const call = channel.call<{ replicate: Replicate }>(
          (id) => ({ id, type: 'replicate', spec, index: first + i }) satisfies EstimationRequest,
          { signal }
        );
        out[i] = (await call.result).replicate;
        done++;
        onReplicate?.(out[i], done);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#size, count) }, (_, k) => lane(k)));
    return out;
  }

  dispose(): void {
    for (const c of this.#channels) c.terminate();
    this.#channels = [];
  }
}

/** The browser's pool: module workers, one per core up to two. */
export function workerEstimationPool(): EstimationPool {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 1 : 1;
  return new EstimationPool(
    () =>
      new Worker(new URL('./estimation.worker.ts', import.meta.url), {
        type: 'module'
      }) as unknown as WorkerLike<EstimationResponse>,
    Math.min(2, cores)
  );
}
