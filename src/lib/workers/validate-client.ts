/** Typed client of the validation worker: one promise per request, progress by stage, errors as rejections (rpc.ts). */
import type { CdnowFileStage, CdnowFileValidation } from '../validate/cdnow-import.ts';
import type { ValidateRequest, ValidateResponse } from './validate-protocol.ts';
import { RpcClient, decodeTyped, type WorkerLike } from './rpc.ts';

export type ValidateWorkerLike = WorkerLike<ValidateResponse>;

const decode = decodeTyped<ValidateResponse, CdnowFileValidation, CdnowFileStage>((m) => m.stage);

export class ValidateClient extends RpcClient<ValidateResponse, CdnowFileValidation, CdnowFileStage> {
  constructor(worker: ValidateWorkerLike) {
    super(worker, { name: 'validation', decode });
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
}
