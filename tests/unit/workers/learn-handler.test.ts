import { describe, expect, it } from 'vitest';
import { LearnClient, type LearnWorkerLike } from '../../../src/lib/workers/learn-client.ts';
import { createLearnHandler } from '../../../src/lib/workers/learn-handler.ts';
import type { LearnResponse } from '../../../src/lib/workers/learn-protocol.ts';
import { simulateCampaign } from '../learn/simulate.ts';

/** A fake Worker: messages are structured-cloned and delivered asynchronously, as across a real worker. */
function inProcessWorker() {
  const worker: LearnWorkerLike & { handler?: ReturnType<typeof createLearnHandler> } = {
    onmessage: null,
    terminate() {},
    postMessage(message) {
      const copy = structuredClone(message);
      setTimeout(() => void worker.handler!.handle(copy as never), 0);
    }
  };
  worker.handler = createLearnHandler((reply: LearnResponse) => {
    const copy = structuredClone(reply);
    setTimeout(() => worker.onmessage?.({ data: copy }), 0);
  });
  return worker;
}

const data = simulateCampaign(1500, 31);
const features = { numeric: ['x1', 'x2'], categorical: ['region'] };

describe('LearnClient with the learn handler', () => {
  it('trains in the worker, forwarding progress and returning the result as plain data', async () => {
    const worker = inProcessWorker();
    const client = new LearnClient(() => worker);
    const progress: number[] = [];
    const settled = await client.trainUplift(
      { features: data.features, arm: data.arm, outcome: data.outcome },
      { features, control: 'control', outcomeKind: 'binary', epochs: 3, seed: 2 },
      { onProgress: (p) => progress.push(p.epoch) }
    );
    expect(settled.status).toBe('ok');
    if (settled.status !== 'ok') return;
    expect(settled.value.predictedUplift.A).toBeInstanceOf(Float64Array);
    expect(settled.value.backend).toBe('cpu');
    // two models (control, A), up to 3 epochs each
    expect(progress.length).toBeGreaterThanOrEqual(4);
    expect(worker.handler!.running()).toEqual([]);
  });

  it('cancels a training through the AbortSignal and stops it in the worker', async () => {
    const worker = inProcessWorker();
    const client = new LearnClient(() => worker);
    const controller = new AbortController();
    const settled = await client.trainUplift(
      { features: data.features, arm: data.arm, outcome: data.outcome },
      {
        features,
        control: 'control',
        outcomeKind: 'binary',
        epochs: 200,
        tolerance: 0,
        patience: 200,
        batchSize: 16,
        seed: 2
      },
      { signal: controller.signal, onProgress: (p) => p.epoch === 1 && controller.abort() }
    );
    expect(settled.status).toBe('cancelled');
    // the worker sees the cancel at its next yield (every ~50 ms); uncancelled, 200 epochs of two models would run for several seconds
    const deadline = Date.now() + 2000;
    while (worker.handler!.running().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(worker.handler!.running()).toEqual([]);
  });

  it('returns an error as a value, with the message of the learner', async () => {
    const client = new LearnClient(() => inProcessWorker());
    const settled = await client.trainUplift(
      { features: data.features, arm: data.arm, outcome: data.outcome },
      { features, control: 'placebo', outcomeKind: 'binary' }
    );
    expect(settled).toMatchObject({ status: 'error', error: { name: 'RangeError' } });
    if (settled.status === 'error') expect(settled.error.message).toMatch(/control arm "placebo"/);
  });
});
