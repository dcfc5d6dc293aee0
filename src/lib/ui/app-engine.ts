/** The app's one scenario-engine worker (browser only), created on first use. */
import { EngineClient, type WorkerLike } from '$lib/workers/engine-client';

let client: EngineClient | null = null;

export function appEngine(): EngineClient {
  client ??= new EngineClient(
    () =>
      new Worker(new URL('../workers/engine.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike
  );
  return client;
}
