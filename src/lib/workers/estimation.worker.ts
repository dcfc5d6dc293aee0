/**
 * The estimation worker: seeded draw-and-fit replicates and experiments off the main thread.
 * Messages: estimation-protocol.ts; logic: estimation-handler.ts.
 */
import { handleEstimation } from './estimation-handler.ts';
import type { EstimationRequest, EstimationResponse } from './estimation-protocol.ts';

const scope = self as unknown as {
  postMessage(message: EstimationResponse): void;
  onmessage: ((e: MessageEvent<EstimationRequest>) => void) | null;
};

scope.onmessage = (event) => scope.postMessage(handleEstimation(event.data));
