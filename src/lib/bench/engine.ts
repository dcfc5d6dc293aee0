/**
 * Browser benchmarks of the scenario engine for the /bench page (registered in
 * src/lib/bench/registry.ts). Both run in a Web Worker through the real EngineClient,
 * so the times are what the workbench sees: request, projection, structured clone
 * of the answer. Targets (issue 6), for 100,000 customers and a 156-week horizon:
 * - a full recompute of all outcomes after one lever change < 16 ms;
 * - 200-draw Monte Carlo bands < 250 ms.
 * The base is a seeded synthetic BG/NBD population (engine/synthetic.ts) with an
 * illustrative fit covariance, so the bands draw fit and assumption uncertainty.
 */
import type { BrowserBenchmark } from './types.ts';
import { quantileSorted } from '../model/core/quantile.ts';
import { EngineClient, type WorkerLike } from '../workers/engine-client.ts';
import { defaultScenario } from '../model/scenario/scenario.ts';
import type { Scenario } from '../model/scenario/scenario-types.ts';
import { syntheticBaseline } from '../model/scenario/engine/synthetic.ts';

const CUSTOMERS = 100_000;
const HORIZON_WEEKS = 156;

function createWorker(): WorkerLike {
  return new Worker(new URL('../workers/engine.worker.ts', import.meta.url), {
    type: 'module'
  }) as unknown as WorkerLike;
}

/** A client with the synthetic base set; the caller disposes it. */
async function preparedClient(
  options: { bandWorkers?: number } = {}
): Promise<{ client: EngineClient; setBaselineMs: number; groups: number }> {
  const spec = syntheticBaseline({ customers: CUSTOMERS, seed: 1, organicNewPerWeek: 50 });
  // illustrative asymptotic covariance of the log-parameters (r, α, a, b) and (p, q, v)
  spec.purchase.logCov = [0.004, 0.001, 0, 0, 0.001, 0.006, 0, 0, 0, 0, 0.01, 0.004, 0, 0, 0.004, 0.012];
  spec.spend.logCov = [0.01, 0, 0, 0, 0.01, 0, 0, 0, 0.01];
  const client = new EngineClient(createWorker, options);
  const t0 = performance.now();
  const r = await client.setBaseline(spec);
  const setBaselineMs = performance.now() - t0;
  if (r.status !== 'ok') {
    client.dispose();
    throw new Error(`engine benchmark: setBaseline failed: ${r.status === 'error' ? r.errors.join('; ') : r.status}`);
  }
  return { client, setBaselineMs, groups: r.value.groups };
}

function scenario(): Scenario {
  const s = defaultScenario('benchmark');
  s.economics.horizonWeeks = HORIZON_WEEKS;
  return s;
}

function median(xs: number[]): number {
  return quantileSorted(
    [...xs].sort((a, b) => a - b),
    0.5
  );
}

/** One lever change per call, cycling through a price, a media budget and a service lever, never repeating a value. */
function leverChanges(): (s: Scenario) => string {
  let i = 0;
  return (s) => {
    const k = i++;
    switch (k % 3) {
      case 0:
        s.levers.pricing.priceChange = -0.1 + (k % 97) * 0.002 + k * 1e-7;
        return 'pricing.priceChange';
      case 1:
        s.levers.channels.budgetPerWeek.search = 2000 + k * 10;
        return 'channels.budgetPerWeek.search';
      default:
        s.levers.service.responseTimeMinutes = 2 + (k % 89) * 0.1 + k * 1e-6;
        return 'service.responseTimeMinutes';
    }
  };
}

export const engineRecomputeBenchmark: BrowserBenchmark = {
  id: 'engine-recompute-100k',
  label: 'Scenario engine: full recompute after one lever change (worker round trip)',
  size: `${CUSTOMERS.toLocaleString('en')} customers, ${HORIZON_WEEKS} weeks; price, budget and service levers in turn`,
  targetMs: 16,
  targetStat: 'median',
  async run(ctx) {
    const { client, setBaselineMs, groups } = await preparedClient();
    try {
      const s = scenario();
      const change = leverChanges();
      const workerMs: Record<string, number[]> = {};
      const timesMs = await ctx.time(
        async () => {
          const lever = change(s);
          const r = await client.evaluate(s);
          if (r.status !== 'ok')
            throw new Error(
              `engine benchmark: evaluate ${r.status}${r.status === 'error' ? `: ${r.errors.join('; ')}` : ''}`
            );
          (workerMs[lever] ??= []).push(client.lastMs.evaluate ?? NaN);
        },
        36,
        3
      );
      const extra: Record<string, number | string> = { setBaselineMs: Math.round(setBaselineMs), groups };
      for (const [lever, xs] of Object.entries(workerMs))
        extra[`workerMedianMs ${lever}`] = Number(median(xs).toFixed(2));
      return { timesMs, extra };
    } finally {
      client.dispose();
    }
  }
};

export const engineBandsBenchmark: BrowserBenchmark = {
  id: 'engine-bands-200',
  label: 'Scenario engine: Monte Carlo 10/50/90 bands, 200 draws (bands lane)',
  size: `${CUSTOMERS.toLocaleString('en')} customers, ${HORIZON_WEEKS} weeks, 200 draws, fit and assumption uncertainty`,
  targetMs: 250,
  targetStat: 'median',
  async run(ctx) {
    // the client as the app makes it (draws split across two workers on two or more cores),
    // and beside it, run for run in turn, one with the engine worker alone: the split's gain
    // in the same conditions
    const { client, setBaselineMs } = await preparedClient();
    const { client: alone } = await preparedClient({ bandWorkers: 1 });
    const bands = async (c: EngineClient, seed: number) => {
      const r = await c.bands(scenario(), 200, seed);
      if (r.status !== 'ok')
        throw new Error(`engine benchmark: bands ${r.status}${r.status === 'error' ? `: ${r.errors.join('; ')}` : ''}`);
    };
    try {
      let seed = 0;
      const workerMs: number[] = [];
      const splitMs: number[] = [];
      const aloneMs: number[] = [];
      const timed = async (c: EngineClient, into: number[]) => {
        const t0 = performance.now();
        await bands(c, seed);
        into.push(performance.now() - t0);
      };
      await ctx.time(
        async () => {
          seed++;
          await timed(client, splitMs);
          workerMs.push(client.lastMs.bands ?? NaN);
          await timed(alone, aloneMs);
        },
        6,
        1
      );
      // the first pair was the warm-up
      const timesMs = splitMs.slice(1).sort((a, b) => a - b);
      return {
        timesMs,
        extra: {
          setBaselineMs: Math.round(setBaselineMs),
          bandWorkers: client.bandWorkers,
          workerMedianMs: Number(median(workerMs).toFixed(1)),
          oneWorkerMedianMs: Number(median(aloneMs.slice(1)).toFixed(1))
        }
      };
    } finally {
      client.dispose();
      alone.dispose();
    }
  }
};

export const engineBenchmarks: readonly BrowserBenchmark[] = [engineRecomputeBenchmark, engineBandsBenchmark];
