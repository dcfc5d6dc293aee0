/**
 * Messages between the scenario-engine worker and its client: discriminated
 * unions with a request id; errors come back as values, never as exceptions.
 * Scenarios cross as plain JSON and are validated again in the worker.
 */
import type { BaselineSpec } from '../model/scenario/engine/baseline.ts';
import type { ExplainGraph, KpiId, Outcome, OutcomeBands } from '../model/scenario/scenario-types.ts';
import type { Attribution } from '../model/scenario/engine/attribution.ts';
import type { SensitivityResult } from '../model/scenario/sensitivity.ts';
import type { ChannelResponse } from '../model/scenario/response-curves.ts';
import type { OptimiseOptions, OptimiseResult } from '../model/scenario/optimise.ts';
import type { BandDraws } from '../model/scenario/montecarlo.ts';

export type EngineRequestBody =
  | { type: 'setBaseline'; spec: BaselineSpec }
  | { type: 'evaluate'; scenario: unknown; draws?: number; seed?: number }
  | { type: 'sensitivity'; scenario: unknown; kpi: KpiId }
  | { type: 'optimise'; scenario: unknown; options: OptimiseOptions }
  | { type: 'explain'; scenario: unknown }
  | { type: 'attribution'; scenario: unknown; kpi: KpiId }
  | { type: 'bands'; scenario: unknown; draws: number; seed?: number }
  | { type: 'bandDraws'; scenario: unknown; draws: number; seed?: number; from: number; to: number }
  /** the bands of stretches drawn apart (the quantiles are sorted here, off the main thread) */
  | { type: 'mergeBands'; parts: BandDraws[] };

export type EngineRequest = EngineRequestBody & { id: number };

export interface EngineResults {
  setBaseline: { customers: number; groups: number; source: string; notes: string[] };
  /**
   * the scenario's outcome, the baseline (neutral scenario, same economics) it is compared
   * with, and each paid channel's response curve at the scenario's spend
   */
  evaluate: { outcome: Outcome; baseline: Outcome; curves: ChannelResponse[] };
  sensitivity: SensitivityResult;
  optimise: OptimiseResult;
  explain: ExplainGraph;
  /** the KPI's change from the neutral scenario, switched on family by family */
  attribution: Attribution;
  /** Monte Carlo 10/50/90 bands of the scenario (the central line comes from `evaluate`) */
  bands: { bands: OutcomeBands; warnings: string[] };
  /** the raw draws [from, to) of a Monte Carlo run of `draws` draws, for bands drawn in two workers */
  bandDraws: BandDraws;
  mergeBands: { bands: OutcomeBands; warnings: string[] };
}

export type EngineRequestType = EngineRequestBody['type'];

export type EngineResponse =
  | {
      [K in EngineRequestType]: { id: number; type: K; ok: true; result: EngineResults[K]; ms: number };
    }[EngineRequestType]
  | { id: number; type: EngineRequestType; ok: false; errors: string[] };
