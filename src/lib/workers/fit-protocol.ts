/**
 * Messages between the app and the fit worker: fit a stored dataset's baseline
 * (BG/NBD MLE and MAP + Gamma-Gamma, or sBG for subscriptions) and hand back the engine's
 * baseline spec with the CLV of the base and the diagnostics; or compare the purchase models on a
 * calibration / holdout split (pipeline/holdout-evaluation.ts). Errors come back as values.
 */
import type { FitAnswer, FitRequestTerms } from '../pipeline/fit-step.ts';
import type { WireError } from './rpc.ts';
import type { EvaluationOptions, HoldoutEvaluation } from '../pipeline/holdout-evaluation.ts';
import type { CustomerScores, ScoreOptions } from '../pipeline/customer-scores.ts';

export type { CustomerScores, FitAnswer, HoldoutEvaluation };

/** the chosen model, the horizon and the CLV terms of the customer scores */
export type ScoreRequestOptions = Omit<ScoreOptions, 'onProgress'>;

/** the calibration / holdout split and the models of a holdout comparison */
export type EvaluateRequestOptions = Omit<EvaluationOptions, 'onProgress'>;

/** what the person chose: which estimate drives the baseline, and the CLV terms */
export type FitRequestOptions = FitRequestTerms;

export type FitRequest =
  | { id: number; type: 'fit'; datasetId: string; dbName?: string; options?: FitRequestOptions }
  /** compare the purchase models on a calibration / holdout split of the dataset's transactions */
  | { id: number; type: 'evaluate'; datasetId: string; dbName?: string; options?: EvaluateRequestOptions }
  /** every customer of the dataset scored by the chosen purchase model, fitted to the whole period */
  | { id: number; type: 'score'; datasetId: string; dbName?: string; options: ScoreRequestOptions };

export type FitResponse =
  | { id: number; type: 'progress'; stage: string; fraction: number }
  | { id: number; type: 'fitted'; result: FitAnswer }
  | { id: number; type: 'evaluated'; result: HoldoutEvaluation }
  | { id: number; type: 'scored'; result: CustomerScores }
  | { id: number; type: 'error'; error: WireError };
