/** The estimation worker's logic, free of worker globals so node tests (and a page without workers) can run it. */
import { checkSpec, drawAndFit } from '../model/classroom/estimation.ts';
import { runExperiment } from '../model/classroom/experiment.ts';
import type { EstimationRequest, EstimationResponse } from './estimation-protocol.ts';
import { toWireError } from './rpc.ts';

export function handleEstimation(request: EstimationRequest): EstimationResponse {
  const { id } = request;
  try {
    if (request.type === 'replicate') {
      checkSpec(request.spec);
      return { id, type: 'replicate', replicate: drawAndFit(request.spec, request.index) };
    }
    return { id, type: 'experiment', result: runExperiment(request.spec) };
  } catch (error) {
    return { id, type: 'error', error: toWireError(error) };
  }
}
