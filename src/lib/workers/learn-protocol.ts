/**
 * Messages between the learn worker and its client: discriminated unions with a request
 * id. Training reports progress (epoch, loss) as it goes and ends with exactly one result;
 * errors (including cancellation, name 'AbortError') come back as values. Data cross as
 * plain objects and typed arrays (structured clone).
 */
import type { UpliftData, UpliftOptions, UpliftResult } from '../learn/uplift.ts';
import type { ClassifierOptions, ClassifierResult } from '../learn/classifier.ts';
import type { HillstromUpliftOptions } from '../learn/hillstrom-uplift.ts';
import type { FeatureTable } from '../learn/table.ts';
import type { TrainProgress } from '../learn/train.ts';
import type { TfOptions } from '../learn/tf.ts';
import type { WireError } from './rpc.ts';

/** Options without the in-process parts (callbacks and signals do not cross a worker). */
type Portable<T> = Omit<T, 'signal' | 'onProgress'>;

export type LearnRequestBody =
  | { type: 'uplift'; data: UpliftData; options: Portable<UpliftOptions> }
  | { type: 'classifier'; features: FeatureTable; label: Float64Array; options: Portable<ClassifierOptions> }
  | { type: 'hillstrom'; csvText: string; options: Portable<HillstromUpliftOptions> };

export type LearnRequest = (LearnRequestBody & { id: number; tf?: TfOptions }) | { type: 'cancel'; id: number };

export interface LearnResults {
  uplift: UpliftResult;
  classifier: ClassifierResult;
  hillstrom: UpliftResult;
}

export type LearnRequestType = LearnRequestBody['type'];

export type LearnError = WireError;

export type LearnResponse =
  | { type: 'progress'; id: number; progress: TrainProgress }
  | {
      [K in LearnRequestType]: {
        type: 'result';
        id: number;
        request: K;
        ok: true;
        result: LearnResults[K];
        ms: number;
      };
    }[LearnRequestType]
  | { type: 'result'; id: number; request: LearnRequestType; ok: false; error: LearnError; ms: number };
