/**
 * The learn worker's logic, independent of the Worker global so it runs in node tests:
 * one AbortController per request id (a 'cancel' message aborts it between batches),
 * progress forwarded as messages, one result per request. The learners and tfjs are loaded
 * by dynamic import on the first request, so the worker starts small.
 *
 * Backend: tfjs is loaded with the request's TfOptions (first request wins; wasm, then webgl,
 * then cpu in a browser). If a training fails on a non-cpu backend because a kernel is
 * missing there, it is retried once on 'cpu' and the result records the backend used.
 */
import type { LearnRequest, LearnRequestType, LearnResponse } from './learn-protocol.ts';
import { toWireError } from './rpc.ts';
import type { Tf } from '../learn/tf.ts';

export interface LearnHandler {
  handle(request: LearnRequest): Promise<void>;
  /** ids of requests still running */
  running(): number[];
}

const MISSING_KERNEL = /kernel .* not registered|not (yet )?(implemented|supported)/i;

export function createLearnHandler(post: (message: LearnResponse) => void): LearnHandler {
  const controllers = new Map<number, AbortController>();

  async function run(
    request: Exclude<LearnRequest, { type: 'cancel' }>,
    tf: Tf,
    signal: AbortSignal
  ): Promise<unknown> {
    const onProgress = (progress: import('../learn/train.ts').TrainProgress) =>
      post({ type: 'progress', id: request.id, progress });
    switch (request.type) {
      case 'uplift': {
        const { trainUplift } = await import('../learn/uplift.ts');
        return trainUplift(request.data, { ...request.options, signal, onProgress }, tf);
      }
      case 'classifier': {
        const { trainClassifier } = await import('../learn/classifier.ts');
        return trainClassifier(request.features, request.label, { ...request.options, signal, onProgress }, tf);
      }
      case 'hillstrom': {
        const { trainHillstromUplift } = await import('../learn/hillstrom-uplift.ts');
        return trainHillstromUplift(request.csvText, { ...request.options, signal, onProgress }, tf);
      }
    }
  }

  return {
    running: () => [...controllers.keys()],
    async handle(request) {
      if (request.type === 'cancel') {
        controllers.get(request.id)?.abort();
        return;
      }
      const started = Date.now();
      const controller = new AbortController();
      controllers.set(request.id, controller);
      const kind: LearnRequestType = request.type;
      try {
        const { loadTf } = await import('../learn/tf.ts');
        const tf = await loadTf(request.tf);
        let result: unknown;
        try {
          result = await run(request, tf, controller.signal);
        } catch (error) {
          if (
            tf.getBackend() === 'cpu' ||
            controller.signal.aborted ||
            !(error instanceof Error) ||
            !MISSING_KERNEL.test(error.message)
          ) {
            throw error;
          }
          await tf.setBackend('cpu');
          result = await run(request, tf, controller.signal);
        }
        post({
          type: 'result',
          id: request.id,
          request: kind,
          ok: true,
          result,
          ms: Date.now() - started
        } as LearnResponse);
      } catch (error) {
        post({
          type: 'result',
          id: request.id,
          request: kind,
          ok: false,
          error: toWireError(error),
          ms: Date.now() - started
        });
      } finally {
        controllers.delete(request.id);
      }
    }
  };
}
