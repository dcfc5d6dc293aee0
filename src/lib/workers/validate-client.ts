/** Typed client of the validation worker: one promise per request, progress by stage, errors as rejections. */
import type { CdnowFileStage, CdnowFileValidation } from '../validate/cdnow-import.ts';
import type { ValidateRequest, ValidateResponse } from './validate-protocol.ts';

export interface ValidateWorkerLike {
  postMessage(message: ValidateRequest): void;
  onmessage: ((e: { data: ValidateResponse }) => void) | null;
  terminate(): void;
}

export class ValidateClient {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve(r: CdnowFileValidation): void; reject(e: Error): void; onProgress?: (stage: CdnowFileStage) => void }
  >();

  constructor(private readonly worker: ValidateWorkerLike) {
    worker.onmessage = (e) => this.receive(e.data);
  }

  static spawn(): ValidateClient {
    return new ValidateClient(
      new Worker(new URL('./validate.worker.ts', import.meta.url), {
        type: 'module'
      }) as unknown as ValidateWorkerLike
    );
  }

  private receive(m: ValidateResponse): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') return p.onProgress?.(m.stage);
    this.pending.delete(m.id);
    if (m.type === 'done') p.resolve(m.result);
    else p.reject(Object.assign(new Error(m.error.message), { name: m.error.name }));
  }

  /** Runs the CDNOW checks on a file in CDNOW_sample.txt format. */
  validateCdnow(file: Blob, onProgress?: (stage: CdnowFileStage) => void): Promise<CdnowFileValidation> {
    const id = this.nextId++;
    return new Promise<CdnowFileValidation>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.worker.postMessage({ id, type: 'cdnow', file });
    });
  }

  terminate(): void {
    this.worker.terminate();
    for (const [, p] of this.pending)
      p.reject(Object.assign(new Error('validation worker terminated'), { name: 'AbortError' }));
    this.pending.clear();
  }
}
