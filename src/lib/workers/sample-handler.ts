/**
 * The sample worker's logic, free of worker globals so node tests can run it:
 * generates customers in steps, reports progress after each step, yields to the event
 * loop between steps so a cancel message can arrive, and posts the result with its
 * typed-array buffers in the transfer list.
 */
import { createSampleRun } from '../data/sample/generate.ts';
import { transferables } from '../data/sample/columns.ts';
import type { SampleRequest, SampleResponse } from './sample-protocol.ts';
import { toWireError } from './rpc.ts';

export interface SampleHandlerDeps {
  post(response: SampleResponse, transfer?: Transferable[]): void;
  /** customers per step (default 50,000) */
  stepCustomers?: number;
  /** lets queued messages in between steps (default: a macrotask) */
  yieldToEventLoop?: () => Promise<void>;
  now?: () => number;
}

export function createSampleHandler(deps: SampleHandlerDeps) {
  const cancelled = new Set<number>();
  const step = deps.stepCustomers ?? 50_000;
  const pause = deps.yieldToEventLoop ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  const now = deps.now ?? (() => performance.now());

  async function generate(id: number, request: Extract<SampleRequest, { type: 'generate' }>): Promise<void> {
    const started = now();
    try {
      const run = createSampleRun(request.options);
      for (;;) {
        if (cancelled.has(id)) {
          deps.post({ id, type: 'cancelled' });
          return;
        }
        const finished = run.step(step);
        deps.post({ id, type: 'progress', done: run.done, total: run.total });
        if (finished) break;
        await pause();
      }
      const result = run.finish();
      deps.post({ id, type: 'result', result, ms: now() - started }, transferables(result.columns));
    } catch (err) {
      deps.post({ id, type: 'error', error: toWireError(err) });
    } finally {
      cancelled.delete(id);
    }
  }

  return {
    handle(request: SampleRequest): Promise<void> {
      if (request.type === 'cancel') {
        cancelled.add(request.target);
        return Promise.resolve();
      }
      return generate(request.id, request);
    }
  };
}
