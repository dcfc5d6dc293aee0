/**
 * The app's one learn-worker client, created on first use (tfjs and the worker load only
 * when a person trains a model). The tfjs WebAssembly binaries are build assets.
 */
import { LearnClient, type LearnWorkerLike } from '$lib/workers/learn-client';
import { wasmAssetUrls } from '$lib/learn/wasm-assets';

let client: LearnClient | null = null;

export function learnClient(): LearnClient {
  client ??= new LearnClient(
    () =>
      new Worker(new URL('../../workers/learn.worker.ts', import.meta.url), {
        type: 'module'
      }) as unknown as LearnWorkerLike,
    { wasmPath: wasmAssetUrls }
  );
  return client;
}
