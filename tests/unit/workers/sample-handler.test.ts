import { afterEach, describe, expect, it } from 'vitest';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { createSampleHandler } from '$lib/workers/sample-handler';
import { SampleClient, saveSample, type SampleWorkerLike } from '$lib/workers/sample-client';
import type { SampleRequest, SampleResponse } from '$lib/workers/sample-protocol';
import { generateSample } from '$lib/data/sample';
import { openDb, getDataset, getSpendEvidence, getSummaries, getTransactions, type LeverLabDb } from '$lib/data/db';

const ports: MessagePort[] = [];
const dbs: LeverLabDb[] = [];
afterEach(() => {
  for (const p of ports.splice(0)) p.close();
  for (const d of dbs.splice(0)) d.close();
});

/** A worker stand-in: the handler on one end of a real MessageChannel (structured clone + transfer). */
function inProcessWorker(stepCustomers: number): {
  worker: SampleWorkerLike;
  transferred: () => number;
  posted: SampleResponse[];
} {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  let transferredBuffers = 0;
  const posted: SampleResponse[] = [];
  const handler = createSampleHandler({
    stepCustomers,
    post: (response, transfer) => {
      transferredBuffers += transfer?.length ?? 0;
      posted.push(response);
      port2.postMessage(response, (transfer ?? []) as ArrayBuffer[]);
    }
  });
  port2.on('message', (request: SampleRequest) => void handler.handle(request));
  const worker: SampleWorkerLike = {
    postMessage: (m) => port1.postMessage(m),
    addEventListener: (_type, listener) => port1.on('message', (data: SampleResponse) => listener({ data }))
  };
  return { worker, transferred: () => transferredBuffers, posted };
}

describe('sample worker and client', () => {
  it('returns the same dataset as the generator, reports progress per step and transfers the typed arrays', async () => {
    const { worker, transferred } = inProcessWorker(1_000);
    const client = new SampleClient(worker);
    const progress: number[] = [];
    const options = { preset: 'music' as const, customers: 3_500, seed: 21, createdAt: '2026-01-01T00:00:00.000Z' };
    const result = await client.generate(options, (p) => progress.push(p.done)).result;
    expect(progress).toEqual([1_000, 2_000, 3_000, 3_500]);
    expect(transferred()).toBeGreaterThan(10);
    const direct = generateSample(options);
    expect(result.meta).toEqual(direct.meta);
    expect(result.columns.txAmount).toBeInstanceOf(Float64Array);
    expect(Array.from(result.columns.txAmount)).toEqual(Array.from(direct.columns.txAmount));
  });

  it('cancels a running request: the promise rejects with AbortError and the worker stops early', async () => {
    const { worker, posted } = inProcessWorker(500);
    const client = new SampleClient(worker);
    const request = client.generate({ preset: 'fashion', customers: 200_000, seed: 1 }, (p) => {
      if (p.done >= 1_000) client.cancel(request.id);
    });
    await expect(request.result).rejects.toMatchObject({ name: 'AbortError' });
    await new Promise((r) => setTimeout(r, 50));
    // the handler itself stopped: it answered 'cancelled' and never generated the rest
    expect(posted.at(-1)).toEqual({ id: request.id, type: 'cancelled' });
    const furthest = Math.max(...posted.map((m) => (m.type === 'progress' ? m.done : 0)));
    expect(furthest).toBeLessThan(200_000);
  });

  it('reports invalid options as an error value with the reason', async () => {
    const { worker } = inProcessWorker(1_000);
    const client = new SampleClient(worker);
    await expect(client.generate({ preset: 'music', customers: -1, seed: 1 }).result).rejects.toThrow(
      /invalid number of customers: -1/
    );
  });

  it('saves a generated sample with its ground truth, summaries and transactions in one go', async () => {
    const db = await openDb(`sample-save-${Math.random()}`, { storage: undefined });
    dbs.push(db);
    const result = generateSample({ preset: 'subscription', customers: 500, seed: 2, id: 'sub' });
    const saved = await saveSample(db, result);
    expect(saved.groundTruth?.sbg).toEqual({ alpha: 0.704, beta: 1.182 });
    expect((await getDataset(db, 'sub'))?.customers).toBe(500);
    const summaries = await getSummaries(db, 'sub');
    expect(summaries).toHaveLength(500);
    expect(summaries[0].id).toBe('S001');
    expect((await getTransactions(db, 'sub')).length).toBe(result.columns.transactions);
    expect(await getSpendEvidence(db, 'sub')).toBeUndefined();
  });

  it("saves a sample's spend history with it, as the stored spend of an imported file, through the worker", async () => {
    const { worker } = inProcessWorker(700);
    const client = new SampleClient(worker);
    const result = await client.generate({ preset: 'grocery', customers: 2_000, seed: 3, spendHistory: true }).result;
    const db = await openDb(`sample-spend-${Math.random()}`, { storage: undefined });
    dbs.push(db);
    const saved = await saveSample(db, result);
    expect(saved.id).toBe('sample-grocery-2000-3-spend');
    const spend = await getSpendEvidence(db, saved.id);
    expect(spend?.kind).toBe('spend');
    expect(spend?.file.channels).toEqual(['search', 'social', 'email', 'affiliates', 'stores']);
    expect(spend?.file.rows).toHaveLength(104 * 5);
    expect(spend?.mapping).toEqual({
      search: 'search',
      social: 'social',
      email: 'email',
      affiliates: 'affiliates',
      stores: 'stores'
    });
    // the organic customers are labelled so, and no customer is acquired after the 104 spend weeks
    expect(saved.groundTruth?.channels).toContain('organic');
    const last = Math.max(...(await getSummaries(db, saved.id)).map((c) => Date.parse(c.firstDate)));
    expect(last).toBeLessThan(Date.parse('2025-01-06') + 104 * 7 * 86_400_000);
  });
});
