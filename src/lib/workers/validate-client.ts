/** Typed client of the validation worker: one promise per request, progress by stage, errors as rejections (rpc.ts). */
import type { CdnowFileStage, CdnowFileValidation } from '../validate/cdnow-import.ts';
import type { ValidateRequest, ValidateResponse } from './validate-protocol.ts';
import { RpcChannel, type Decoded, type WorkerLike } from './rpc.ts';

export type ValidateWorkerLike = WorkerLike<ValidateResponse>;

const decode = (m: ValidateResponse): Decoded<CdnowFileValidation, CdnowFileStage> =>
  m.type === 'progress'
    ? { id: m.id, kind: 'progress', progress: m.stage }
    : m.type === 'done'
      ? { id: m.id, kind: 'result', result: m.result }
      : { id: m.id, kind: 'error', error: m.error };

export class ValidateClient {
  private readonly rpc: RpcChannel<ValidateResponse, CdnowFileValidation, CdnowFileStage>;

  constructor(worker: ValidateWorkerLike) {
    this.rpc = new RpcChannel(worker, { name: 'validation', decode });
  }

  static spawn(): ValidateClient {
    return new ValidateClient(
      new Worker(new URL('./validate.worker.ts', import.meta.url), { type: 'module' }) as ValidateWorkerLike
    );
  }

  /** Runs the CDNOW checks on a file in CDNOW_sample.txt format. */
  validateCdnow(file: Blob, onProgress?: (stage: CdnowFileStage) => void): Promise<CdnowFileValidation> {
    return this.rpc.call<CdnowFileValidation>((id): ValidateRequest => ({ id, type: 'cdnow', file }), { onProgress })
      .result;
  }

  terminate(): void {
    this.rpc.terminate('validation worker terminated');
  }
}
