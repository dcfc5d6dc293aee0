/**
 * Generate a sample dataset in the sample worker and save it atomically, with one
 * progress figure over both stages and a cancel that leaves the database as it was.
 */
import { SampleClient, saveSample } from '$lib/workers/sample-client';
import type { SampleOptions } from '$lib/data/sample/generate';
import type { DatasetMeta } from '$lib/data/types';
import { appDb } from './app-db';
import { formatPlain } from '$lib/charts/format';

export interface SampleJob {
  result: Promise<DatasetMeta>;
  cancel(): void;
}

export interface SampleJobProgress {
  stage: string;
  /** 0..1 over generation (first 70%) and saving */
  share: number;
}

export function generateAndSaveSample(options: SampleOptions, onProgress?: (p: SampleJobProgress) => void): SampleJob {
  const client = SampleClient.spawn();
  const run = client.generate(options, (p) =>
    onProgress?.({
      stage: `Drawing customers: ${formatPlain(p.done)} of ${formatPlain(p.total)}`,
      share: 0.7 * (p.done / p.total)
    })
  );
  let cancelled = false;
  const result = (async () => {
    try {
      const sample = await run.result;
      if (cancelled) throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
      const db = await appDb();
      const saved = await saveSample(db, sample, (p) =>
        onProgress?.({ stage: `Saving ${p.phase}`, share: 0.7 + 0.3 * (p.total ? p.done / p.total : 1) })
      );
      return saved;
    } finally {
      client.terminate();
    }
  })();
  return {
    result,
    cancel() {
      cancelled = true;
      client.cancel(run.id);
    }
  };
}
