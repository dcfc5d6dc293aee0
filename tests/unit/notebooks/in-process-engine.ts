/**
 * The engine a notebook gets in node tests: the real EngineClient over a worker stand-in
 * that runs the real request handler (engine-handler.ts) a task later, as a worker would.
 */
import { EngineClient, type WorkerLike } from '$lib/workers/engine-client';
import { createEngineState, handleEngineRequest } from '$lib/workers/engine-handler';
import type { EngineRequest } from '$lib/workers/engine-protocol';

/** How many scenarios the stand-in workers evaluated (for tests of what is sent). */
export const evaluated: { count: number } = { count: 0 };

export function inProcessEngine(): EngineClient {
  return new EngineClient(() => {
    const state = createEngineState();
    const worker: WorkerLike = {
      onmessage: null,
      postMessage(m: never) {
        const req = m as EngineRequest;
        setTimeout(() => {
          if (req.type === 'evaluate') evaluated.count++;
          worker.onmessage?.({ data: handleEngineRequest(state, req) });
        }, 0);
      },
      terminate() {}
    };
    return worker;
  }, { bandWorkers: 1 });
}
