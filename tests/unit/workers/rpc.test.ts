/** The one worker RPC layer (src/lib/workers/rpc.ts) over a stub worker and over a real MessageChannel. */
import { afterEach, describe, expect, it } from 'vitest';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import {
  RpcChannel,
  RpcClient,
  decodeTyped,
  toWireError,
  WorkerCrashError,
  WorkerError,
  type Decoded,
  type WireError,
  type WorkerLike
} from '$lib/workers/rpc.ts';

type Reply =
  | { id: number; type: 'progress'; done: number }
  | { id: number; type: 'done'; value: string }
  | { id: number; type: 'failed'; error: WireError };

const decode = (m: Reply): Decoded<string, number> =>
  m.type === 'progress'
    ? { id: m.id, kind: 'progress', progress: m.done }
    : m.type === 'done'
      ? { id: m.id, kind: 'result', result: m.value }
      : { id: m.id, kind: 'error', error: m.error };

/** A stub worker: records what is posted, replies when the test says so. */
class Stub implements WorkerLike<Reply> {
  sent: unknown[] = [];
  terminated = false;
  onmessage: ((e: { data: Reply }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  postMessage(message: never): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(data: Reply): void {
    this.onmessage?.({ data });
  }
}

function channel(options: { cancelSettles?: boolean; onCrash?: () => void } = {}) {
  const worker = new Stub();
  const rpc = new RpcChannel<Reply, string, number>(worker, {
    name: 'test',
    decode,
    cancelMessage: (target, id) => ({ id, type: 'cancel', target }),
    ...options
  });
  return { worker, rpc };
}

describe('RpcChannel', () => {
  it('numbers the calls and matches replies to calls by id, in any order', async () => {
    const { worker, rpc } = channel();
    const a = rpc.call<string>((id) => ({ id, q: 'a' }));
    const b = rpc.call<string>((id) => ({ id, q: 'b' }));
    expect(worker.sent).toEqual([
      { id: 1, q: 'a' },
      { id: 2, q: 'b' }
    ]);
    worker.reply({ id: 2, type: 'done', value: 'B' });
    worker.reply({ id: 1, type: 'done', value: 'A' });
    worker.reply({ id: 7, type: 'done', value: 'nobody asked' });
    expect(await a.result).toBe('A');
    expect(await b.result).toBe('B');
    expect(rpc.pending).toBe(0);
  });

  it('hands progress to its own call only', async () => {
    const { worker, rpc } = channel();
    const seenA: number[] = [];
    const seenB: number[] = [];
    const a = rpc.call((id) => ({ id }), { onProgress: (p) => seenA.push(p) });
    rpc.call((id) => ({ id }), { onProgress: (p) => seenB.push(p) });
    worker.reply({ id: 1, type: 'progress', done: 10 });
    worker.reply({ id: 2, type: 'progress', done: 5 });
    worker.reply({ id: 1, type: 'progress', done: 20 });
    worker.reply({ id: 1, type: 'done', value: 'ok' });
    worker.reply({ id: 1, type: 'progress', done: 30 }); // after the answer: dropped
    await a.result;
    expect(seenA).toEqual([10, 20]);
    expect(seenB).toEqual([5]);
  });

  it('rethrows a worker error as a WorkerError with its name, message and code intact', async () => {
    const { worker, rpc } = channel();
    const a = rpc.call((id) => ({ id }));
    const thrown = Object.assign(new RangeError('line 4: -2 is negative'), { code: 'bad-row' });
    worker.reply({ id: 1, type: 'failed', error: toWireError(thrown) });
    const error = await a.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'RangeError', message: 'line 4: -2 is negative', code: 'bad-row' });
  });

  it('writes any thrown value as { name, message, code? }', () => {
    expect(toWireError(new TypeError('x'))).toEqual({ name: 'TypeError', message: 'x' });
    expect(toWireError('plain text')).toEqual({ name: 'Error', message: 'plain text' });
    expect(toWireError(new DOMException('import cancelled', 'AbortError'))).toMatchObject({
      name: 'AbortError',
      message: 'import cancelled'
    });
  });

  it('cancel rejects at once with an AbortError, tells the worker and drops the late reply', async () => {
    const { worker, rpc } = channel();
    const a = rpc.call((id) => ({ id }));
    expect(rpc.cancel(a.id)).toBe(true);
    await expect(a.result).rejects.toMatchObject({ name: 'AbortError' });
    expect(worker.sent.at(-1)).toEqual({ id: 2, type: 'cancel', target: 1 });
    worker.reply({ id: 1, type: 'done', value: 'late' });
    expect(rpc.cancel(a.id)).toBe(false);
  });

  it('with cancelSettles false a cancel waits for the worker, whose answer may be the result', async () => {
    const { worker, rpc } = channel({ cancelSettles: false });
    const a = rpc.call((id) => ({ id }));
    rpc.cancel(a.id);
    expect(worker.sent.at(-1)).toEqual({ id: 2, type: 'cancel', target: 1 });
    expect(rpc.pending).toBe(1);
    worker.reply({ id: 1, type: 'done', value: 'saved before the cancel landed' });
    expect(await a.result).toBe('saved before the cancel landed');
  });

  it('an AbortSignal cancels the call', async () => {
    const { rpc } = channel();
    const controller = new AbortController();
    const a = rpc.call((id) => ({ id }), { signal: controller.signal });
    controller.abort();
    await expect(a.result).rejects.toMatchObject({ name: 'AbortError' });
    const b = rpc.call((id) => ({ id }), { signal: controller.signal }); // already aborted: not sent
    await expect(b.result).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('a crashed worker fails every pending call with a clear error, and the client hears of it', async () => {
    let crashes = 0;
    const { worker, rpc } = channel({ onCrash: () => crashes++ });
    const a = rpc.call((id) => ({ id }));
    const b = rpc.call((id) => ({ id }));
    worker.onerror?.({ message: 'Uncaught RangeError: Invalid array length' });
    for (const call of [a, b]) {
      const error = await call.result.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkerCrashError);
      expect((error as Error).message).toBe(
        'The test worker stopped unexpectedly: Uncaught RangeError: Invalid array length. Try again; if it keeps happening, reload the page.'
      );
      expect(error).toMatchObject({ name: 'WorkerCrashError', code: 'worker-crashed' });
    }
    expect(crashes).toBe(1);
    expect(rpc.pending).toBe(0);
  });

  it('terminate stops the worker and rejects pending and later calls as aborted', async () => {
    const { worker, rpc } = channel();
    const a = rpc.call((id) => ({ id }));
    rpc.terminate('test worker terminated');
    expect(worker.terminated).toBe(true);
    await expect(a.result).rejects.toMatchObject({ name: 'AbortError', message: 'test worker terminated' });
    await expect(rpc.call((id) => ({ id })).result).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('RpcChannel over a real MessageChannel', () => {
  const ports: MessagePort[] = [];
  afterEach(() => {
    for (const p of ports.splice(0)) p.close();
  });

  it('round-trips results, progress and errors through structured clone', async () => {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    // the worker side: squares a number with one progress message, refuses negatives
    port2.on('message', (m: { id: number; n: number }) => {
      port2.postMessage({ id: m.id, type: 'progress', done: 50 });
      try {
        if (m.n < 0) throw Object.assign(new RangeError(`n: ${m.n} (must be >= 0)`), { code: 'negative' });
        port2.postMessage({ id: m.id, type: 'done', value: String(m.n * m.n) });
      } catch (e) {
        port2.postMessage({ id: m.id, type: 'failed', error: toWireError(e) });
      }
    });
    const worker: WorkerLike<Reply> = {
      postMessage: (m: never) => port1.postMessage(m),
      addEventListener: (_type, listener) => port1.on('message', (data: Reply) => listener({ data }))
    };
    const rpc = new RpcChannel<Reply, string, number>(worker, { name: 'square', decode });
    const progress: number[] = [];
    const four = rpc.call<string>((id) => ({ id, n: 2 }), { onProgress: (p) => progress.push(p) });
    const bad = rpc.call<string>((id) => ({ id, n: -3 }));
    expect(await four.result).toBe('4');
    await expect(bad.result).rejects.toMatchObject({
      name: 'RangeError',
      message: 'n: -3 (must be >= 0)',
      code: 'negative'
    });
    expect(progress).toEqual([50]);
  });
});

describe('decodeTyped and RpcClient', () => {
  type Typed =
    | { id: number; type: 'progress'; done: number }
    | { id: number; type: 'sniffed'; result: string }
    | { id: number; type: 'imported'; result: string }
    | { id: number; type: 'error'; error: WireError };
  const decodeReply = decodeTyped<Typed, string, number>((m) => m.done);

  it('reads progress, any result type and an error', () => {
    expect(decodeReply({ id: 1, type: 'progress', done: 3 })).toEqual({ id: 1, kind: 'progress', progress: 3 });
    expect(decodeReply({ id: 2, type: 'sniffed', result: 'a' })).toEqual({ id: 2, kind: 'result', result: 'a' });
    expect(decodeReply({ id: 3, type: 'imported', result: 'b' })).toEqual({ id: 3, kind: 'result', result: 'b' });
    const error = { name: 'RangeError', message: 'bad', code: 'x' };
    expect(decodeReply({ id: 4, type: 'error', error })).toEqual({ id: 4, kind: 'error', error });
  });

  it('terminate stops the worker and rejects pending calls with "<name> worker terminated"', async () => {
    const worker = {
      terminated: false,
      onmessage: null,
      postMessage() {},
      terminate() {
        this.terminated = true;
      }
    };
    class Client extends RpcClient<Typed, string, number> {
      start(): Promise<string> {
        return this.rpc.call<string>((id) => ({ id })).result;
      }
    }
    const client = new Client(worker, { name: 'demo', decode: decodeReply });
    const pending = client.start();
    client.terminate();
    expect(worker.terminated).toBe(true);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError', message: 'demo worker terminated' });
  });
});
