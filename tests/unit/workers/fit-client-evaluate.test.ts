/**
 * The fit worker's holdout comparison message, through FitClient with an in-process stand-in for
 * the worker that answers as fit.worker.ts does: progress first, then the evaluation, or an error.
 */
import { describe, expect, it } from 'vitest';
import { FitClient, type FitWorkerLike } from '$lib/workers/fit-client';
import type { FitRequest, FitResponse, HoldoutEvaluation } from '$lib/workers/fit-protocol';

function fakeWorker(answer: (req: FitRequest) => FitResponse[]): FitWorkerLike & { sent: FitRequest[] } {
  const worker = {
    sent: [] as FitRequest[],
    onmessage: null as FitWorkerLike['onmessage'],
    postMessage(req: FitRequest) {
      worker.sent.push(req);
      queueMicrotask(() => answer(req).forEach((data) => worker.onmessage?.({ data })));
    },
    terminate() {}
  };
  return worker;
}

describe('FitClient.evaluate', () => {
  it('sends an evaluate request with the split, reports progress and resolves with the evaluation', async () => {
    const result = { version: 1, chosen: 'bgnbd' } as HoldoutEvaluation;
    const worker = fakeWorker((req) => [
      { id: req.id, type: 'progress', stage: 'BG/NBD', fraction: 0.1 },
      { id: req.id, type: 'evaluated', result }
    ]);
    const client = new FitClient(worker);
    const progress: [string, number][] = [];
    const got = await client.evaluate('ds1', { calibrationEnd: '2020-06-30' }, (s, f) => progress.push([s, f]), 'db');
    expect(got).toBe(result);
    expect(progress).toEqual([['BG/NBD', 0.1]]);
    expect(worker.sent[0]).toMatchObject({
      type: 'evaluate',
      datasetId: 'ds1',
      dbName: 'db',
      options: { calibrationEnd: '2020-06-30' }
    });
  });

  it('rejects with the worker error message', async () => {
    const worker = fakeWorker((req) => [
      { id: req.id, type: 'error', error: { name: 'RangeError', message: 'the holdout has no days' } }
    ]);
    await expect(new FitClient(worker).evaluate('ds1')).rejects.toThrow(/the holdout has no days/);
  });
});
