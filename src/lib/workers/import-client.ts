/**
 * A small typed client for the import worker over rpc.ts: each call gets a request id and a
 * promise; progress arrives through a callback; `cancel` aborts one request;
 * errors come back as rejected promises carrying the worker's { name, message }.
 * The worker is injected as a `WorkerLike` so node tests can drive the client
 * with an in-process handler.
 */
import type {
  ImportAnswer,
  ImportRequest,
  ImportRequestOptions,
  ImportResponse,
  SniffAnswer
} from './import-protocol.ts';
import type { ImportProgress } from '../data/import/import-transactions.ts';
import { RpcClient, decodeTyped, type WorkerLike as RpcWorkerLike } from './rpc.ts';

export type WorkerLike = RpcWorkerLike<ImportResponse>;

export type StageProgress = ImportProgress & { stage: 'parse' | 'summarise' | 'save' };

/** An error reported by the import worker (the shared WorkerError of rpc.ts). */
export { WorkerError as ImportWorkerError } from './rpc.ts';

type Answer = SniffAnswer | ImportAnswer;

const decode = decodeTyped<ImportResponse, Answer, StageProgress>((m) => m.progress);

export class ImportClient extends RpcClient<ImportResponse, Answer, StageProgress> {
  constructor(worker: WorkerLike) {
    // a cancelled import settles with the worker's answer: an AbortError, or the saved dataset
    // when the cancel came after the save
    super(worker, {
      name: 'import',
      decode,
      cancelSettles: false,
      cancelMessage: (target, id): ImportRequest => ({ id, type: 'cancel', target })
    });
  }

  /** Creates the client over the real module worker (browser only). */
  static spawn(): ImportClient {
    return new ImportClient(
      new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' }) as WorkerLike
    );
  }

  private request<T extends Answer>(
    make: (id: number) => ImportRequest,
    onProgress?: (p: StageProgress) => void
  ): { id: number; result: Promise<T> } {
    return this.rpc.call<T>(make, { onProgress });
  }

  /** Proposes delimiter, header, column mapping and date format for a file (of a workbook: for `sheet`). */
  sniff(file: Blob | string, options: { name?: string; sheet?: string } = {}): Promise<SniffAnswer> {
    return this.request<SniffAnswer>((id) => ({ id, type: 'sniff', file, ...options })).result;
  }

  /** Starts an import; returns its id (for `cancel`) and the answer. */
  import(
    file: Blob | string,
    options: ImportRequestOptions,
    onProgress?: (p: StageProgress) => void
  ): { id: number; result: Promise<ImportAnswer> } {
    return this.request<ImportAnswer>((id) => ({ id, type: 'import', file, options }), onProgress);
  }

  cancel(id: number): void {
    this.rpc.cancel(id);
  }
}
