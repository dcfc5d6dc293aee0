/**
 * Messages between the app and the fit worker: fit a stored dataset's baseline
 * (BG/NBD + Gamma-Gamma, or sBG for subscriptions) and hand back the engine's
 * baseline spec. Errors come back as values.
 */
import type { FitAnswer } from '../pipeline/fit-baseline.ts';

export type { FitAnswer };

export type FitRequest = { id: number; type: 'fit'; datasetId: string; dbName?: string };

export type FitResponse =
  | { id: number; type: 'progress'; stage: string }
  | { id: number; type: 'fitted'; result: FitAnswer }
  | { id: number; type: 'error'; error: { name: string; message: string } };
