/** Typed client of the notebook-data worker (rpc.ts): a stored dataset prepared for a notebook. */
import type { NotebookData, NotebookDataRequest, NotebookDataResponse } from './notebook-data-protocol.ts';
import { RpcClient, decodeTyped, type WorkerLike } from './rpc.ts';

type Progress = { stage: string; fraction: number };

const decode = decodeTyped<NotebookDataResponse, NotebookData, Progress>((m) => ({
  stage: m.stage,
  fraction: m.fraction
}));

export class NotebookDataClient extends RpcClient<NotebookDataResponse, NotebookData, Progress> {
  constructor(worker: WorkerLike<NotebookDataResponse>) {
    super(worker, { name: 'notebook data', decode });
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
}
