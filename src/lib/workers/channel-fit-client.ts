/** Typed client of the channel-fit worker: progress, the result, errors as rejections. */
import type { ChannelFitResult } from '../model/scenario/channel-fit.ts';
import type { ChannelQualityResult } from '../pipeline/channel-quality.ts';
import type { ChannelFitJob, ChannelFitRequest, ChannelFitResponse } from './channel-fit-protocol.ts';

export interface ChannelFitAnswer {
  result: ChannelFitResult;
  /** per acquisition channel, when the job carried the customers */
  quality?: ChannelQualityResult;
  ms: number;
}

export interface ChannelFitWorkerLike {
  postMessage(message: ChannelFitRequest): void;
  onmessage: ((e: { data: ChannelFitResponse }) => void) | null;
  terminate(): void;
}

export class ChannelFitClient {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    {
      resolve(a: ChannelFitAnswer): void;
      reject(e: Error): void;
      onProgress?: (f: number) => void;
    }
  >();

  constructor(private readonly worker: ChannelFitWorkerLike) {
    worker.onmessage = (e) => this.receive(e.data);
  }

  static spawn(): ChannelFitClient {
    return new ChannelFitClient(
      new Worker(new URL('./channel-fit.worker.ts', import.meta.url), {
        type: 'module'
      }) as unknown as ChannelFitWorkerLike
    );
  }

  private receive(m: ChannelFitResponse): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') return p.onProgress?.(m.fraction);
    this.pending.delete(m.id);
    if (m.type === 'fitted') p.resolve({ result: m.result, ms: m.ms, ...(m.quality ? { quality: m.quality } : {}) });
    else p.reject(Object.assign(new Error(m.error.message), { name: m.error.name }));
  }

  fit(job: ChannelFitJob, onProgress?: (fraction: number) => void): Promise<ChannelFitAnswer> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.worker.postMessage({ id, type: 'fit-channels', job });
    });
  }

  terminate(): void {
    this.worker.terminate();
    for (const [, p] of this.pending)
      p.reject(Object.assign(new Error('channel-fit worker terminated'), { name: 'AbortError' }));
    this.pending.clear();
  }
}
