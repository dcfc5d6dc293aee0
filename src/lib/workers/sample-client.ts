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
import { RpcClient, decodeTyped, type Decoded, type WorkerLike } from './rpc.ts';

export type SampleWorkerLike = WorkerLike<SampleResponse>;

/** An error reported by the sample worker (the shared WorkerError of rpc.ts). */
export { WorkerError as SampleWorkerError } from './rpc.ts';

export interface SampleProgress {
  done: number;
  total: number;
}

const decodeReply = decodeTyped<Exclude<SampleResponse, { type: 'cancelled' }>, SampleResult, SampleProgress>((m) => ({
  done: m.done,
  total: m.total
}));

const decode = (m: SampleResponse): Decoded<SampleResult, SampleProgress> =>
  m.type === 'cancelled'
    ? { id: m.id, kind: 'error', error: { name: 'AbortError', message: 'sample generation cancelled' } }
    : decodeReply(m);

export class SampleClient extends RpcClient<SampleResponse, SampleResult, SampleProgress> {
  constructor(worker: SampleWorkerLike) {
    super(worker, {
      name: 'sample',
      decode,
      cancelMessage: (target, id): SampleRequest => ({ id, type: 'cancel', target })
    });
  }

  /** The client over the real module worker (browser only). */
  static spawn(): SampleClient {
    return new SampleClient(
      new Worker(new URL('./sample.worker.ts', import.meta.url), { type: 'module' }) as SampleWorkerLike
    );
  }

  generate(
    options: SampleOptions,
    onProgress?: (p: SampleProgress) => void
  ): { id: number; result: Promise<SampleResult> } {
    return this.rpc.call<SampleResult>((id): SampleRequest => ({ id, type: 'generate', options }), { onProgress });
  }

  /** Stops a request: its promise rejects now with an AbortError, the worker stops at its next step. */
  cancel(id: number): void {
    this.rpc.cancel(id, 'sample generation cancelled');
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
    { onProgress, ...(result.spend ? { spend: result.spend } : {}) }
  );
}
