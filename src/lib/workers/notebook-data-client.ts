/** Typed client of the notebook-data worker (rpc.ts): a stored dataset prepared for a notebook. */
import type { NotebookData, NotebookDataRequest, NotebookDataResponse } from './notebook-data-protocol.ts';
import { RpcChannel, type Decoded, type WorkerLike } from './rpc.ts';

type Progress = { stage: string; fraction: number };

const decode = (m: NotebookDataResponse): Decoded<NotebookData, Progress> =>
  m.type === 'progress'
    ? { id: m.id, kind: 'progress', progress: { stage: m.stage, fraction: m.fraction } }
    : m.type === 'prepared'
      ? { id: m.id, kind: 'result', result: m.result }
      : { id: m.id, kind: 'error', error: m.error };

export class NotebookDataClient {
  private readonly rpc: RpcChannel<NotebookDataResponse, NotebookData, Progress>;

  constructor(worker: WorkerLike<NotebookDataResponse>) {
    this.rpc = new RpcChannel(worker, { name: 'notebook data', decode });
  }

  static spawn(): NotebookDataClient {
    return new NotebookDataClient(
      new Worker(new URL('./notebook-data.worker.ts', import.meta.url), {
        type: 'module'
      }) as WorkerLike<NotebookDataResponse>
    );
  }

  prepare(
    datasetId: string,
    onProgress?: (stage: string, fraction: number) => void,
    dbName?: string
  ): Promise<NotebookData> {
    return this.rpc.call<NotebookData>((id): NotebookDataRequest => ({ id, type: 'prepare', datasetId, dbName }), {
      onProgress: onProgress && ((p) => onProgress(p.stage, p.fraction))
    }).result;
  }

  terminate(): void {
    this.rpc.terminate('notebook data worker terminated');
  }
}
