/**
 * Messages of the estimation worker (the classroom's recovery and experiment cells): one seeded
 * draw-and-fit replicate, or one randomised experiment, per request (model/classroom/).
 */
import type { EstimationSpec, Replicate } from '../model/classroom/estimation.ts';
import type { ExperimentResult, ExperimentSpec } from '../model/classroom/experiment.ts';
import type { WireError } from './rpc.ts';

export type EstimationRequest =
  | { id: number; type: 'replicate'; spec: EstimationSpec; index: number }
  | { id: number; type: 'experiment'; spec: ExperimentSpec };

export type EstimationResponse =
  | { id: number; type: 'replicate'; replicate: Replicate }
  | { id: number; type: 'experiment'; result: ExperimentResult }
  | { id: number; type: 'error'; error: WireError };
