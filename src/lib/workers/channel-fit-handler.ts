/** The channel-fit worker's logic, free of worker globals so node tests can run it. */
import { fitChannelResponse } from '../model/scenario/channel-fit.ts';
import type { ChannelFitRequest, ChannelFitResponse } from './channel-fit-protocol.ts';

export function createChannelFitHandler(deps: { post(response: ChannelFitResponse): void; now?: () => number }) {
  const now = deps.now ?? (() => performance.now());
  return {
    handle(request: ChannelFitRequest): void {
      const { id, job } = request;
      const started = now();
      try {
        const result = fitChannelResponse({
          ...job,
          onProgress: (fraction) => deps.post({ id, type: 'progress', fraction })
        });
        deps.post({ id, type: 'fitted', result, ms: now() - started });
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        deps.post({ id, type: 'error', error: { name: e.name, message: e.message } });
      }
    }
  };
}
