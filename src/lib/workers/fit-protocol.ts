/**
 * Messages between the app and the fit worker: fit a stored dataset's baseline
 * (BG/NBD + Gamma-Gamma, or sBG for subscriptions) and hand back the engine's
 * baseline spec. Errors come back as values.
 */
import type { BaselineSpec } from '../model/engine/baseline.ts';
import type { FitResult } from '../model/types.ts';
import type { ClvSummary } from '../pipeline/clv-summary.ts';

export type FitRequest = { id: number; type: 'fit'; datasetId: string; dbName?: string };

export interface FitAnswer {
  spec: BaselineSpec;
  fits: FitResult<object>[];
  /** a sentence naming the data and the models, shown under the KPIs */
  source: string;
  customers: number;
  /** residual CLV of the existing customers at the baseline: histogram, quantiles, by segment and channel */
  clv: ClvSummary;
  elapsedMs: number;
}

export type FitResponse =
  | { id: number; type: 'progress'; stage: string }
  | { id: number; type: 'fitted'; result: FitAnswer }
  | { id: number; type: 'error'; error: { name: string; message: string } };
