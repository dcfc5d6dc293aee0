/**
 * A small typed client for the import worker: each call gets a request id and a
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

export interface WorkerLike {
  postMessage(message: ImportRequest): void;
  addEventListener(type: 'message', listener: (event: { data: ImportResponse }) => void): void;
  terminate?(): void;
}

export type StageProgress = ImportProgress & { stage: 'parse' | 'summarise' | 'save' };

/** An error reported by the worker, rebuilt on this side. */
export class ImportWorkerError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

interface Pending {
  resolve: (value: never) => void;
  reject: (error: Error) => void;
  onProgress?: (p: StageProgress) => void;
}

export class ImportClient {
  private nextId = 1;
  private pending = new Map<number, Pending>();

  constructor(private readonly worker: WorkerLike) {
    worker.addEventListener('message', (event) => this.receive(event.data));
  }

  /** Creates the client over the real module worker (browser only). */
  static spawn(): ImportClient {
    return new ImportClient(
      new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike
    );
  }

  private receive(message: ImportResponse): void {
    const pending = this.pending.get(message.id);
    if (!pending) return; // a reply to a cancelled or finished request
    if (message.type === 'progress') {
      pending.onProgress?.(message.progress);
      return;
    }
    this.pending.delete(message.id);
    if (message.type === 'error') pending.reject(new ImportWorkerError(message.error.name, message.error.message));
    else pending.resolve(message.result as never);
  }

  private request<T>(
    make: (id: number) => ImportRequest,
    onProgress?: (p: StageProgress) => void
  ): { id: number; result: Promise<T> } {
    const id = this.nextId++;
    const result = new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: never) => void, reject, onProgress });
    });
    this.worker.postMessage(make(id));
    return { id, result };
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
    this.worker.postMessage({ id: this.nextId++, type: 'cancel', target: id });
  }

  terminate(): void {
    this.worker.terminate?.();
    for (const [, p] of this.pending) p.reject(new ImportWorkerError('AbortError', 'import worker terminated'));
    this.pending.clear();
  }
}
