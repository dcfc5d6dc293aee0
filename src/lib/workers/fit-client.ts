/** Typed client of the fit worker: one request at a time per dataset, progress, errors as rejections (rpc.ts). */
import type {
  CustomerScores,
  EvaluateRequestOptions,
  FitAnswer,
  FitRequest,
  FitRequestOptions,
  FitResponse,
  HoldoutEvaluation,
  ScoreRequestOptions
} from './fit-protocol.ts';
import { RpcClient, decodeTyped, type WorkerLike } from './rpc.ts';

export type FitWorkerLike = WorkerLike<FitResponse>;

type Progress = { stage: string; fraction: number };
type FitResult = FitAnswer | HoldoutEvaluation | CustomerScores;

const decode = decodeTyped<FitResponse, FitResult, Progress>((m) => ({ stage: m.stage, fraction: m.fraction }));

export class FitClient extends RpcClient<FitResponse, FitResult, Progress> {
  constructor(worker: FitWorkerLike) {
    super(worker, { name: 'fit', decode });
  }

  static spawn(): FitClient {
    return new FitClient(new Worker(new URL('./fit.worker.ts', import.meta.url), { type: 'module' }) as FitWorkerLike);
  }

  fit(
    datasetId: string,
    onProgress?: (stage: string, fraction: number) => void,
    dbName?: string,
    options?: FitRequestOptions
  ): Promise<FitAnswer> {
    return this.rpc.call<FitAnswer>((id): FitRequest => ({ id, type: 'fit', datasetId, dbName, options }), {
      onProgress: onProgress && ((p) => onProgress(p.stage, p.fraction))
    }).result;
  }

  /** The holdout comparison of the purchase models on the dataset's transactions. */
  evaluate(
    datasetId: string,
    options?: EvaluateRequestOptions,
    onProgress?: (stage: string, fraction: number) => void,
    dbName?: string
  ): Promise<HoldoutEvaluation> {
    return this.rpc.call<HoldoutEvaluation>(
      (id): FitRequest => ({ id, type: 'evaluate', datasetId, dbName, options }),
      { onProgress: onProgress && ((p) => onProgress(p.stage, p.fraction)) }
    ).result;
  }

  /** Every customer of the dataset scored by the chosen purchase model (fitted to the whole period). */
  score(
    datasetId: string,
    options: ScoreRequestOptions,
    onProgress?: (stage: string, fraction: number) => void,
    dbName?: string
  ): Promise<CustomerScores> {
    return this.rpc.call<CustomerScores>((id): FitRequest => ({ id, type: 'score', datasetId, dbName, options }), {
      onProgress: onProgress && ((p) => onProgress(p.stage, p.fraction))
    }).result;
  }
}
