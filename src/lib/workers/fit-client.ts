/** Typed client of the fit worker: one request at a time per dataset, progress, errors as rejections. */
import type {
  EvaluateRequestOptions,
  FitAnswer,
  FitRequest,
  FitRequestOptions,
  FitResponse,
  HoldoutEvaluation
} from './fit-protocol.ts';

export interface FitWorkerLike {
  postMessage(message: FitRequest): void;
  onmessage: ((e: { data: FitResponse }) => void) | null;
  terminate(): void;
}

export class FitClient {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    {
      resolve(a: FitAnswer | HoldoutEvaluation): void;
      reject(e: Error): void;
      onProgress?: (stage: string, fraction: number) => void;
    }
  >();

  constructor(private readonly worker: FitWorkerLike) {
    worker.onmessage = (e) => this.receive(e.data);
  }

  static spawn(): FitClient {
    return new FitClient(
      new Worker(new URL('./fit.worker.ts', import.meta.url), { type: 'module' }) as unknown as FitWorkerLike
    );
  }

  private receive(m: FitResponse): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') return p.onProgress?.(m.stage, m.fraction);
    this.pending.delete(m.id);
    if (m.type === 'fitted' || m.type === 'evaluated') p.resolve(m.result);
    else p.reject(Object.assign(new Error(m.error.message), { name: m.error.name }));
  }

  fit(
    datasetId: string,
    onProgress?: (stage: string, fraction: number) => void,
    dbName?: string,
    options?: FitRequestOptions
  ): Promise<FitAnswer> {
    const id = this.nextId++;
    return new Promise<FitAnswer>((resolve, reject) => {
      this.pending.set(id, { resolve: (a) => resolve(a as FitAnswer), reject, onProgress });
      this.worker.postMessage({ id, type: 'fit', datasetId, dbName, options });
    });
  }

  /** The holdout comparison of the purchase models on the dataset's transactions. */
  evaluate(
    datasetId: string,
    options?: EvaluateRequestOptions,
    onProgress?: (stage: string, fraction: number) => void,
    dbName?: string
  ): Promise<HoldoutEvaluation> {
    const id = this.nextId++;
    return new Promise<HoldoutEvaluation>((resolve, reject) => {
      this.pending.set(id, { resolve: (a) => resolve(a as HoldoutEvaluation), reject, onProgress });
      this.worker.postMessage({ id, type: 'evaluate', datasetId, dbName, options });
    });
  }

  terminate(): void {
    this.worker.terminate();
    for (const [, p] of this.pending)
      p.reject(Object.assign(new Error('fit worker terminated'), { name: 'AbortError' }));
    this.pending.clear();
  }
}
