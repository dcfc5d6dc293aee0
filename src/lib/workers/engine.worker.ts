/**
 * The scenario-engine Web Worker: receives EngineRequest messages and answers
 * each with one EngineResponse (same id). All logic is in engine-handler.ts.
 */
import { createEngineState, handleEngineRequest } from './engine-handler.ts';
import type { EngineRequest } from './engine-protocol.ts';

const state = createEngineState();
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<EngineRequest>) => void) | null;
  postMessage(m: unknown): void;
};

scope.onmessage = (e) => {
  scope.postMessage(handleEngineRequest(state, e.data));
};
