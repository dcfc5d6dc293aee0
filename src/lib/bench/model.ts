/**
 * Issue 4's speed targets: the BG/NBD fit on CDNOW (2,357 customers) in the browser
 * under 20 ms, and 1,000,000 simulated customers under 1 s in a worker.
 */
import type { BrowserBenchmark } from './types';
import { importTransactions } from '$lib/data/import/import-transactions';
import { NO_COLUMNS } from '$lib/data/import/columns';
import { summarize } from '$lib/data/summarize';
import { toRfmData } from '$lib/data/rfm-data';
import { modelFits } from '$lib/pipeline/model-fits';
import type { BenchReply, BenchTask } from './bench.worker';

export const cdnowFitBenchmark: BrowserBenchmark = {
  id: 'model-bgnbd-cdnow',
  label: 'BG/NBD fit on CDNOW (calibration to 1997-09-30, weeks)',
  size: '2,357 customers',
  targetMs: 20,
  targetStat: 'median',
  async run(ctx) {
    const text = await ctx.dataText('cdnow/CDNOW_sample.txt');
    // CDNOW_sample.txt: master_id sample_id date(YYYYMMDD) number_of_cds dollar_value, no header
    const imported = await importTransactions(text, {
      delimiter: 'whitespace',
      hasHeader: false,
      mapping: { ...NO_COLUMNS, customerId: 0, date: 2, quantity: 3, amount: 4 },
      dateFormat: 'ymd8'
    });
    const { customers } = summarize(imported.table, { calibrationEnd: '1997-09-30', unit: 'week' });
    const data = toRfmData(customers);
    let r = 0;
    const timesMs = await ctx.time(
      () => {
        r = (modelFits.fitPurchase('bgnbd', data).params as { r: number }).r;
      },
      25,
      3
    );
    return { timesMs, extra: { customers: data.customers, distinctTriples: data.length, r: r.toFixed(4) } };
  }
};

export const simulateMillionBenchmark: BrowserBenchmark = {
  id: 'model-simulate-1m',
  label: 'BG/NBD simulation in a worker (CDNOW parameters, 39 weeks)',
  size: '1,000,000 customers',
  targetMs: 1000,
  targetStat: 'median',
  async run() {
    const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
    try {
      const reply = await new Promise<BenchReply>((resolve) => {
        worker.onmessage = (e: MessageEvent<BenchReply>) => resolve(e.data);
        worker.postMessage({ id: 1, task: 'simulate-bgnbd', customers: 1_000_000, repeats: 3 } satisfies BenchTask);
      });
      if ('error' in reply) throw new Error(reply.error);
      return { timesMs: reply.timesMs, extra: reply.extra };
    } finally {
      worker.terminate();
    }
  }
};
