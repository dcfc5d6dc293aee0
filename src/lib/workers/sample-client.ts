/**
 * A small typed client for the sample-data worker: `generate` returns the request id
 * (for `cancel`) and a promise of the result; progress arrives through a callback; a
 * cancelled request rejects at once with an AbortError and its late replies are
 * dropped. `saveSample` turns the columns into the shared shapes and saves them with
 * saveDataset (one Dexie transaction). The worker is injected as a WorkerLike so node
 * tests drive the client over a MessageChannel.
 */
import type { SampleOptions } from '../data/sample/generate.ts';
import type { SampleResult } from '../data/sample/columns.ts';
import { customerIds, toCustomerSummaries, toTransactionTable } from '../data/sample/tables.ts';
import { saveDataset, type SaveProgress } from '../data/db/datasets.ts';
import type { LeverLabDb } from '../data/db/database.ts';
import type { DatasetRecord } from '../data/db/records.ts';
import type { SampleRequest, SampleResponse } from './sample-protocol.ts';

export interface SampleWorkerLike {
  postMessage(message: SampleRequest): void;
  addEventListener(type: 'message', listener: (event: { data: SampleResponse }) => void): void;
  terminate?(): void;
}

export class SampleWorkerError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export interface SampleProgress {
  done: number;
  total: number;
}

interface Pending {
  resolve: (result: SampleResult) => void;
  reject: (error: Error) => void;
  onProgress?: (p: SampleProgress) => void;
}

export class SampleClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly worker: SampleWorkerLike) {
    worker.addEventListener('message', (event) => this.receive(event.data));
  }

  /** The client over the real module worker (browser only). */
  static spawn(): SampleClient {
    return new SampleClient(
      new Worker(new URL('./sample.worker.ts', import.meta.url), { type: 'module' }) as unknown as SampleWorkerLike
    );
  }

  private receive(message: SampleResponse): void {
    const pending = this.pending.get(message.id);
    if (!pending) return; // stale: cancelled or already settled
    switch (message.type) {
      case 'progress':
        pending.onProgress?.({ done: message.done, total: message.total });
        return;
      case 'result':
        this.pending.delete(message.id);
        pending.resolve(message.result);
        return;
      case 'cancelled':
        this.pending.delete(message.id);
        pending.reject(new SampleWorkerError('AbortError', 'sample generation cancelled'));
        return;
      case 'error':
        this.pending.delete(message.id);
        pending.reject(new SampleWorkerError(message.error.name, message.error.message));
    }
  }

  generate(
    options: SampleOptions,
    onProgress?: (p: SampleProgress) => void
  ): { id: number; result: Promise<SampleResult> } {
    const id = this.nextId++;
    const result = new Promise<SampleResult>((resolve, reject) =>
      this.pending.set(id, { resolve, reject, onProgress })
    );
    this.worker.postMessage({ id, type: 'generate', options });
    return { id, result };
  }

  /** Stops a request: its promise rejects now with an AbortError, the worker stops at its next step. */
  cancel(id: number): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    pending.reject(new SampleWorkerError('AbortError', 'sample generation cancelled'));
    this.worker.postMessage({ id: this.nextId++, type: 'cancel', target: id });
  }

  terminate(): void {
    this.worker.terminate?.();
    for (const [, p] of this.pending) p.reject(new SampleWorkerError('AbortError', 'sample worker terminated'));
    this.pending.clear();
  }
}

/** Saves a generated sample (metadata with ground truth, transactions, summaries) atomically. */
export async function saveSample(
  db: LeverLabDb,
  result: SampleResult,
  onProgress?: (p: SaveProgress) => void
): Promise<DatasetRecord> {
  const ids = customerIds(result.columns);
  return saveDataset(
    db,
    result.meta,
    toTransactionTable(result.columns, ids),
    toCustomerSummaries(result.columns, ids),
    { onProgress }
  );
}
