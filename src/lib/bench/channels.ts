/**
 * Issue 16's channel-fit target: 104 weeks x 6 channels, attributed mode, with uncertainty (the
 * Hessian of every channel's penalised likelihood), under 1 s in the browser. Synthetic data from
 * known truth (model/scenario/channel-simulate.ts, seeded); each timed run posts the job to a
 * fresh channel-fit worker and times request to answer, so structured cloning is included.
 */
import type { BrowserBenchmark } from './types';
import { ChannelFitClient } from '$lib/workers/channel-fit-client';
import { createRng } from '$lib/model/core/random/index.ts';
import { simulateAcquisitions, type ChannelTruth } from '$lib/model/scenario/channel-simulate.ts';

const TRUTH: ChannelTruth[] = [
  {
    channel: 'search',
    adstockDecay: 0.2,
    hillSlope: 1.2,
    halfSaturation: 8000,
    maxNewCustomers: 120,
    spendPerWeek: 6000
  },
  { channel: 'social', adstockDecay: 0.5, hillSlope: 2, halfSaturation: 9000, maxNewCustomers: 80, spendPerWeek: 4000 },
  {
    channel: 'display',
    adstockDecay: 0.7,
    hillSlope: 1.5,
    halfSaturation: 12000,
    maxNewCustomers: 60,
    spendPerWeek: 3000
  },
  { channel: 'email', adstockDecay: 0.3, hillSlope: 1, halfSaturation: 1500, maxNewCustomers: 100, spendPerWeek: 1200 },
  {
    channel: 'affiliates',
    adstockDecay: 0.1,
    hillSlope: 2,
    halfSaturation: 2000,
    maxNewCustomers: 50,
    spendPerWeek: 1500
  },
  {
    channel: 'stores',
    adstockDecay: 0.6,
    hillSlope: 1.5,
    halfSaturation: 10000,
    maxNewCustomers: 90,
    spendPerWeek: 5000
  }
];

export const channelsFitBenchmark: BrowserBenchmark = {
  id: 'channels-fit',
  label: 'Channel response fit with standard errors (attributed, channel-fit worker)',
  size: '104 weeks x 6 channels',
  targetMs: 1000,
  targetStat: 'max',
  async run() {
    const sim = simulateAcquisitions(createRng(16), TRUTH, 104, 40, 0.3);
    const job = {
      channels: TRUTH.map((t) => t.channel),
      spend: sim.spend,
      newCustomers: sim.newCustomers,
      organic: sim.organic
    };
    const timesMs: number[] = [];
    let worstDecayError = 0;
    let progressMessages = 0;
    for (let i = 0; i < 5; i++) {
      const client = ChannelFitClient.spawn();
      try {
        const t0 = performance.now();
        const { result } = await client.fit(job, () => progressMessages++);
        timesMs.push(performance.now() - t0);
        result.channels.forEach((c, k) => {
          worstDecayError = Math.max(worstDecayError, Math.abs(c.params.adstockDecay - TRUTH[k].adstockDecay));
        });
      } finally {
        client.terminate();
      }
    }
    return {
      timesMs: timesMs.sort((a, b) => a - b),
      extra: { worstDecayError: worstDecayError.toFixed(3), progressPerRun: progressMessages / 5 }
    };
  }
};
