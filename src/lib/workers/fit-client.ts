/** Typed client of the fit worker: one request at a time per dataset, progress, errors as rejections (rpc.ts). */
import type { FitAnswer, FitRequest, FitRequestOptions, FitResponse } from './fit-protocol.ts';
import { RpcChannel, type Decoded, type WorkerLike } from './rpc.ts';

export type FitWorkerLike = WorkerLike<FitResponse>;

type Progress = { stage: string; fraction: number };

const decode = (m: FitResponse): Decoded<FitAnswer, Progress> =>
  m.type === 'progress'
    ? { id: m.id, kind: 'progress', progress: { stage: m.stage, fraction: m.fraction } }
    : m.type === 'fitted'
      ? { id: m.id, kind: 'result', result: m.result }
      : { id: m.id, kind: 'error', error: m.error };

export class FitClient {
  private readonly rpc: RpcChannel<FitResponse, FitAnswer, Progress>;

  constructor(worker: FitWorkerLike) {
    this.rpc = new RpcChannel(worker, { name: 'fit', decode });
  }

  static spawn(): FitClient {
    return new FitClient(new Worker(new URL('./fit.worker.ts', import.meta.url), { type: 'module' }) as FitWorkerLike);
  }

  fit(
    datasetId: string,
    onProgress?: (stage: string, fraction: number) => void,
    dbName?: string,
    options?: FitRequestOptions
  ): Promise<FitAnswer> {
    return this.rpc.call<FitAnswer>((id): FitRequest => ({ id, type: 'fit', datasetId, dbName, options }), {
      onProgress: onProgress && ((p) => onProgress(p.stage, p.fraction))
    }).result;
  }

  terminate(): void {
    this.rpc.terminate('fit worker terminated');
  }
}
