/** The validation worker's client: requests matched to replies by id, progress forwarded, errors as rejections. */
import { describe, expect, it } from 'vitest';
import { ValidateClient, type ValidateWorkerLike } from '$lib/workers/validate-client.ts';
import type { ValidateRequest, ValidateResponse } from '$lib/workers/validate-protocol.ts';
import type { CdnowFileValidation } from '$lib/validate/cdnow-import.ts';

class FakeWorker implements ValidateWorkerLike {
  sent: ValidateRequest[] = [];
  terminated = false;
  onmessage: ((e: { data: ValidateResponse }) => void) | null = null;
  postMessage(message: ValidateRequest): void {
    this.sent.push(message);
  }
  reply(data: ValidateResponse): void {
    this.onmessage?.({ data });
  }
  terminate(): void {
    this.terminated = true;
  }
}

describe('ValidateClient', () => {
  it('resolves each request with its own reply and forwards progress', async () => {
    const worker = new FakeWorker();
    const client = new ValidateClient(worker);
    const stages: string[] = [];
    const first = client.validateCdnow(new Blob(['a']), (s) => stages.push(s));
    const second = client.validateCdnow(new Blob(['b']));
    expect(worker.sent.map((m) => m.id)).toEqual([1, 2]);
    const result = { version: 1, customers: 7 } as unknown as CdnowFileValidation;
    worker.reply({ id: 1, type: 'progress', stage: 'BG/NBD' });
    worker.reply({ id: 2, type: 'error', error: { name: 'RangeError', message: 'no transactions read' } });
    worker.reply({ id: 1, type: 'done', result });
    await expect(first).resolves.toBe(result);
    await expect(second).rejects.toMatchObject({ name: 'RangeError', message: 'no transactions read' });
    expect(stages).toEqual(['BG/NBD']);
  });

  it('rejects pending requests as aborted when terminated', async () => {
    const worker = new FakeWorker();
    const client = new ValidateClient(worker);
    const pending = client.validateCdnow(new Blob(['a']));
    client.terminate();
    expect(worker.terminated).toBe(true);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
