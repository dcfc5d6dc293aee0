import { describe, expect, it } from 'vitest';
import { ChannelFitClient, type ChannelFitWorkerLike } from '$lib/workers/channel-fit-client';
import { createChannelFitHandler } from '$lib/workers/channel-fit-handler';
import type { ChannelFitResponse } from '$lib/workers/channel-fit-protocol';
import { createRng } from '$lib/model/core/random/index.ts';
import { simulateAcquisitions } from '$lib/model/scenario/channel-simulate.ts';
import { generateSample, toCustomerSummaries } from '$lib/data/sample';
import { fitChannelQuality } from '$lib/pipeline/channel-quality.ts';

/** the worker boundary in one process: structured-cloned messages, delivered asynchronously */
function inProcess(): ChannelFitWorkerLike {
  const w: ChannelFitWorkerLike = {
    onmessage: null,
    postMessage: (message) => {
      const data = structuredClone(message);
      setTimeout(() => handler.handle(data), 0);
    },
    terminate: () => undefined
  };
  const handler = createChannelFitHandler({
    post: (response: ChannelFitResponse) => {
      const data = structuredClone(response);
      setTimeout(() => w.onmessage?.({ data }), 0);
    }
  });
  return w;
}

describe('channel-fit worker', () => {
  const truth = [
    {
      channel: 'search',
      adstockDecay: 0.3,
      hillSlope: 1.5,
      halfSaturation: 5000,
      maxNewCustomers: 100,
      spendPerWeek: 4000
    }
  ];
  it('fits with progress and answers with the result', async () => {
    const sim = simulateAcquisitions(createRng(4), truth, 104, 10);
    const client = new ChannelFitClient(inProcess());
    const progress: number[] = [];
    const { result } = await client.fit(
      { channels: ['search'], spend: sim.spend, newCustomers: sim.newCustomers, organic: sim.organic },
      (f) => progress.push(f)
    );
    expect(result.converged).toBe(true);
    expect(Math.abs(result.channels[0].params.adstockDecay - 0.3)).toBeLessThan(0.1);
    expect(result.channels[0].fitted).toBeInstanceOf(Float64Array);
    expect(progress.at(-1)).toBe(1);
  });

  it("fits the quality of each channel's customers in the same run when the job carries them", async () => {
    const sample = generateSample({ preset: 'fashion', customers: 3_000, seed: 8, createdAt: 'x' });
    const customers = toCustomerSummaries(sample.columns).map((c) => ({
      x: c.x,
      tx: c.tx,
      T: c.T,
      m: c.m,
      channel: c.channel
    }));
    const sim = simulateAcquisitions(createRng(4), truth, 104, 10);
    const progress: number[] = [];
    const answer = await new ChannelFitClient(inProcess()).fit(
      {
        channels: ['search'],
        spend: sim.spend,
        newCustomers: sim.newCustomers,
        organic: sim.organic,
        quality: customers
      },
      (f) => progress.push(f)
    );
    expect(answer.result.converged).toBe(true);
    // the same numbers as the pipeline's fit on the main thread
    const direct = fitChannelQuality(customers);
    expect(answer.quality?.channels.map((c) => c.channel)).toEqual(direct.channels.map((c) => c.channel));
    expect(answer.quality?.channels[0].dropout.value).toBeCloseTo(direct.channels[0].dropout.value, 12);
    expect(progress.at(-1)).toBe(1);
    expect(Math.max(...progress.slice(0, -1))).toBeLessThanOrEqual(0.9 + 1e-12);
  });

  it('turns bad input into a rejection with the message', async () => {
    const client = new ChannelFitClient(inProcess());
    await expect(
      client.fit({ channels: ['a'], spend: [Float64Array.from([1, -1])], total: Float64Array.from([1, 1]) })
    ).rejects.toThrow(/week 2: -1/);
  });
});
