/** The channel-fit worker's logic, free of worker globals so node tests can run it. */
import { fitChannelResponse } from '../model/scenario/channel-fit.ts';
import { fitChannelQuality, type ChannelQualityResult } from '../pipeline/channel-quality.ts';
import type { ChannelFitRequest, ChannelFitResponse } from './channel-fit-protocol.ts';

export function createChannelFitHandler(deps: { post(response: ChannelFitResponse): void; now?: () => number }) {
  const now = deps.now ?? (() => performance.now());
  return {
    handle(request: ChannelFitRequest): void {
      const { id, job } = request;
      const started = now();
      try {
        const { quality: customers, ...input } = job;
        // the response fit is most of the time; the quality fit the last tenth
        const share = customers ? 0.9 : 1;
        const result = fitChannelResponse({
          ...input,
          onProgress: (fraction) => deps.post({ id, type: 'progress', fraction: share * fraction })
        });
        let quality: ChannelQualityResult | undefined;
        if (customers) {
          quality = fitChannelQuality(customers);
          deps.post({ id, type: 'progress', fraction: 1 });
        }
        deps.post({ id, type: 'fitted', result, ...(quality ? { quality } : {}), ms: now() - started });
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        deps.post({ id, type: 'error', error: { name: e.name, message: e.message } });
      }
    }
  };
}
