/**
 * The browser's engine for a notebook: a scenario-engine worker of its own behind an
 * EngineClient (the workbench's worker holds the workbench's baseline; a notebook sets
 * the baseline of its data set on its own worker). Notebooks draw no Monte Carlo bands,
 * so the client starts no second worker for them.
 */
import { EngineClient, type WorkerLike } from '../workers/engine-client.ts';

export function workerEngine(): EngineClient {
  return new EngineClient(
    () => new Worker(new URL('../workers/engine.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike,
    { bandWorkers: 1 }
  );
}
