/**
 * Messages between the app and the fit worker: fit a stored dataset's baseline
 * (BG/NBD MLE and MAP + Gamma-Gamma, or sBG for subscriptions) and hand back the engine's
 * baseline spec with the CLV of the base and the diagnostics. Errors come back as values.
 */
import type { FitAnswer, FitRequestTerms } from '../pipeline/fit-step.ts';
import type { WireError } from './rpc.ts';

export type { FitAnswer };

/** what the person chose: which estimate drives the baseline, and the CLV terms */
export type FitRequestOptions = FitRequestTerms;

export type FitRequest = { id: number; type: 'fit'; datasetId: string; dbName?: string; options?: FitRequestOptions };

export type FitResponse =
  | { id: number; type: 'progress'; stage: string; fraction: number }
  | { id: number; type: 'fitted'; result: FitAnswer }
  | { id: number; type: 'error'; error: WireError };
