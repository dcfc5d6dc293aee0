import { describe, expect, it } from 'vitest';
import { EngineClient, scenarioEngine, type WorkerLike } from '$lib/workers/engine-client.ts';
import { createEngineState, handleEngineRequest } from '$lib/workers/engine-handler.ts';
import type { EngineRequest, EngineResponse } from '$lib/workers/engine-protocol.ts';
import { defaultScenario, neutralScenario } from '$lib/model/scenario/scenario.ts';
import { cdnowDefaultBaseline } from '$lib/model/scenario/engine/baseline.ts';

/** A fake worker that runs the real handler when told to. */
class FakeWorker implements WorkerLike {
  onmessage: ((e: { data: EngineResponse }) => void) | null = null;
  inbox: EngineRequest[] = [];
  /** the type of every message handled, and how many buffers each moved in */
  seen: { type: string; transferred: number }[] = [];
  terminated = false;
  state = createEngineState();
  postMessage(m: unknown, transfer: Transferable[] = []) {
    this.inbox.push(m as EngineRequest);
    this.seen.push({ type: (m as EngineRequest).type, transferred: transfer.length });
  }
  terminate() {
    this.terminated = true;
  }
  onerror: ((e: unknown) => void) | null = null;
  /** process the oldest message, then let the client's promise callbacks run (a next request is sent) */
  async step() {
    const m = this.inbox.shift();
    if (m && !this.terminated) this.onmessage?.({ data: handleEngineRequest(this.state, m) });
    await new Promise((r) => setTimeout(r, 0));
  }
}

describe('the engine client with a fake worker', () => {
  it('evaluates scenarios through the real handler and draws only the newest of a burst', async () => {
    const workers: FakeWorker[] = [];
    const client = new EngineClient(() => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    });
    const w = workers[0];
    const s1 = neutralScenario();
    const s2 = defaultScenario();
    const p1 = client.evaluate(s1);
    const p2 = client.evaluate(s1);
    const p3 = client.evaluate(s2);
    expect(w.inbox).toHaveLength(1);
    await w.step();
    await w.step();
    const [r1, r2, r3] = await Promise.all([p1, p2, p3]);
    expect(r1.status).toBe('superseded');
    expect(r2.status).toBe('superseded');
    expect(r3.status).toBe('ok');
    if (r3.status === 'ok') {
      expect(r3.value.outcome.kpis.cac).not.toBeNull();
      expect(r3.value.baseline.kpis.cac).toBeNull();
    }
  });

  it('returns validation errors as values naming the field', async () => {
    const w = new FakeWorker();
    const client = new EngineClient(() => w);
    const bad = defaultScenario();
    bad.levers.channels.budgetPerWeek.search = -5;
    const p = client.evaluate(bad);
    await w.step();
    expect(await p).toEqual({ status: 'error', errors: ['levers.channels.budgetPerWeek.search: -5 (must be >= 0)'] });
  });

  it('a hard cancel terminates the worker, starts a new one and re-sends the baseline', async () => {
    const workers: FakeWorker[] = [];
    const client = new EngineClient(() => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    });
    const spec = cdnowDefaultBaseline(10);
    const b = client.setBaseline(spec);
    await workers[0].step();
    expect((await b).status).toBe('ok');
    const run = client.evaluate(defaultScenario(), { draws: 50 });
    client.cancel('evaluate', { hard: true });
    expect(await run).toEqual({ status: 'cancelled' });
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(workers[1].inbox[0]).toMatchObject({ type: 'setBaseline', spec });
    await workers[1].step();
    const again = client.evaluate(neutralScenario());
    await workers[1].step();
    expect((await again).status).toBe('ok');
  });
});

describe('the workspace engine seam', () => {
  it('resolves null for a superseded request, the outcome and baseline for the newest, and throws validation errors', async () => {
    const w = new FakeWorker();
    const engine = scenarioEngine(new EngineClient(() => w));
    const first = engine.evaluate(neutralScenario());
    const second = engine.evaluate(defaultScenario());
    const third = engine.evaluate(defaultScenario());
    await w.step();
    await w.step();
    expect(await first).toBeNull();
    expect(await second).toBeNull();
    const r = await third;
    expect(r?.baseline.kpis.costs).toBe(0);
    expect(r?.outcome.kpis.costs).toBeGreaterThan(0);
    const bad = defaultScenario();
    bad.economics.horizonWeeks = 0;
    const p = expect(engine.evaluate(bad)).rejects.toThrow('economics.horizonWeeks: 0 (must be >= 1)');
    await w.step();
    await p;
  });
});

describe('the attribution and bands lanes', () => {
  it('a bands request does not supersede an evaluate answer, and each lane gets its own answer', async () => {
    const w = new FakeWorker();
    const client = new EngineClient(() => w);
    const s = defaultScenario();
    const evaluate = client.evaluate(s);
    const bands = client.bands(s, 3, 7);
    const attribution = client.attribution(s, 'customerEquity');
    expect(w.inbox.map((m) => m.type)).toEqual(['evaluate', 'bands', 'attribution']);
    await w.step();
    await w.step();
    await w.step();
    const [e, b, a] = await Promise.all([evaluate, bands, attribution]);
    expect(e.status).toBe('ok');
    expect(b.status).toBe('ok');
    if (b.status === 'ok') {
      expect(b.value.bands.draws).toBe(3);
      expect(b.value.bands.seed).toBe(7);
    }
    expect(a.status).toBe('ok');
    if (a.status === 'ok' && e.status === 'ok') expect(a.value.total).toBe(e.value.outcome.kpis.customerEquity);
  });

  it('newer bands requests supersede older ones only within the bands lane', async () => {
    const w = new FakeWorker();
    const client = new EngineClient(() => w);
    const b1 = client.bands(defaultScenario(), 2, 1);
    const b2 = client.bands(defaultScenario(), 2, 2);
    const e = client.evaluate(neutralScenario());
    await w.step();
    await w.step();
    await w.step();
    expect((await b1).status).toBe('superseded');
    expect((await e).status).toBe('ok');
    const r = await b2;
    expect(r.status === 'ok' && r.value.bands.seed).toBe(2);
  });

  it('rejects a bands request without draws as an error value', async () => {
    const w = new FakeWorker();
    const client = new EngineClient(() => w);
    const p = client.bands(defaultScenario(), 0);
    await w.step();
    expect(await p).toEqual({ status: 'error', errors: ['draws: 0 (must be a finite number >= 1)'] });
  });
});

/** Steps the fake worker until its inbox is empty. */
async function drain(w: FakeWorker) {
  while (w.inbox.length) await w.step();
}

describe('latest-only lanes', () => {
  it('never delivers an older answer after a newer request of the lane', async () => {
    const w = new FakeWorker();
    const client = new EngineClient(() => w);
    const order: string[] = [];
    const track = (name: string, p: Promise<{ status: string }>) => p.then((r) => order.push(`${name}:${r.status}`));
    const a = track('a', client.evaluate(neutralScenario()));
    // a is in the worker; b arrives, then a's answer: a is stale and is not delivered
    const b = track('b', client.evaluate(defaultScenario()));
    await w.step();
    expect(order).toEqual(['a:superseded']);
    const c = track('c', client.evaluate(neutralScenario()));
    await drain(w);
    await Promise.all([a, b, c]);
    expect(order).toEqual(['a:superseded', 'b:superseded', 'c:ok']);
  });

  it('a soft cancel settles the lane as cancelled, drops the late answer and leaves the lane usable', async () => {
    const w = new FakeWorker();
    const client = new EngineClient(() => w);
    const a = client.sensitivity(defaultScenario(), 'customerEquity');
    const b = client.sensitivity(defaultScenario(), 'customerEquity');
    client.cancel('sensitivity');
    expect(await a).toEqual({ status: 'cancelled' });
    expect(await b).toEqual({ status: 'cancelled' });
    const c = client.sensitivity(neutralScenario(), 'customerEquity');
    await drain(w); // the cancelled request's answer comes first and is dropped
    expect((await c).status).toBe('ok');
  });
});

describe('the batch lane', () => {
  it('answers every scenario, in order, while a drag floods the evaluate lane', async () => {
    const w = new FakeWorker();
    const client = new EngineClient(() => w);
    const scenarios = [neutralScenario('A'), defaultScenario(), { ...defaultScenario(), name: 'C', seed: 3 }];
    scenarios[2].levers.pricing.priceChange = 0.05;
    const all = client.evaluateAll(scenarios);
    const drags = [1, 2, 3, 4].map((i) => {
      const s = defaultScenario();
      s.levers.pricing.priceChange = i / 100;
      return client.evaluate(s);
    });
    await drain(w);
    const r = await all;
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    expect(r.value).toHaveLength(3);
    // each answer is that scenario's own: the same numbers as evaluating it alone
    for (const [i, s] of scenarios.entries()) {
      const alone = handleEngineRequest(createEngineState(), { id: 0, type: 'evaluate', scenario: s });
      expect(alone.ok && alone.type === 'evaluate' && alone.result.outcome.kpis).toEqual(r.value[i].outcome.kpis);
    }
    expect((await Promise.all(drags)).map((d) => d.status)).toEqual(['superseded', 'superseded', 'superseded', 'ok']);
  });

  it('with bands, every outcome carries its own bands, seeded by its own scenario', async () => {
    const w = new FakeWorker();
    const client = new EngineClient(() => w);
    const scenarios = [
      { ...neutralScenario('A'), seed: 11 },
      { ...defaultScenario(), seed: 12 }
    ];
    const all = client.evaluateAll(scenarios, { bands: { draws: 20 } });
    await drain(w);
    const r = await all;
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    expect(r.value.map((v) => [v.outcome.bands?.draws, v.outcome.bands?.seed])).toEqual([
      [20, 11],
      [20, 12]
    ]);
    // and without, none (the comparison does not pay for draws it does not show)
    const plain = client.evaluateAll(scenarios);
    await drain(w);
    const p = await plain;
    expect(p.status === 'ok' && p.value.every((v) => v.outcome.bands === undefined)).toBe(true);
  });

  it('a failing scenario makes the batch an error that names it, not a shorter list', async () => {
    const w = new FakeWorker();
    const client = new EngineClient(() => w);
    const bad = { ...defaultScenario(), name: 'Too dear' };
    bad.levers.channels.budgetPerWeek.search = -5;
    const r = client.evaluateAll([neutralScenario('Baseline'), bad]);
    await drain(w);
    expect(await r).toEqual({
      status: 'error',
      errors: ['scenario 2 “Too dear”: levers.channels.budgetPerWeek.search: -5 (must be >= 0)']
    });
  });

  it('an aborted batch settles as cancelled and its late answers are dropped', async () => {
    const w = new FakeWorker();
    const client = new EngineClient(() => w);
    const controller = new AbortController();
    const r = client.evaluateAll([neutralScenario(), defaultScenario()], { signal: controller.signal });
    await w.step();
    controller.abort();
    expect(await r).toEqual({ status: 'cancelled' });
    const next = client.evaluateAll([defaultScenario()]);
    await drain(w);
    const answer = await next;
    expect(answer.status === 'ok' && answer.value).toHaveLength(1);
  });
});

describe('a crashed engine worker', () => {
  it('fails pending requests with a clear error, then starts a fresh worker with the baseline', async () => {
    const workers: FakeWorker[] = [];
    const client = new EngineClient(() => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    });
    const spec = cdnowDefaultBaseline(10);
    const b = client.setBaseline(spec);
    await workers[0].step();
    expect((await b).status).toBe('ok');
    const dragged = client.evaluate(defaultScenario());
    const batch = client.evaluateAll([defaultScenario()]);
    workers[0].onerror?.({ message: 'Uncaught RangeError: Maximum call stack size exceeded' });
    const message =
      'The scenario engine worker stopped unexpectedly: Uncaught RangeError: Maximum call stack size exceeded. Try again; if it keeps happening, reload the page.';
    expect(await dragged).toEqual({ status: 'error', errors: [message] });
    expect(await batch).toEqual({ status: 'error', errors: [`scenario 1 “${defaultScenario().name}”: ${message}`] });
    expect(workers[0].terminated).toBe(true);
    const again = client.evaluate(neutralScenario());
    expect(workers).toHaveLength(2);
    expect(workers[1].inbox.map((m) => m.type)).toEqual(['setBaseline', 'evaluate']);
    await drain(workers[1]);
    expect((await again).status).toBe('ok');
    expect(workers[1].state.baseline).toEqual(workers[0].state.baseline);
  });
});

describe('the workspace seam and bands', () => {
  it("a new evaluation makes the previous scenario's bands resolve null", async () => {
    const w = new FakeWorker();
    const engine = scenarioEngine(new EngineClient(() => w), { draws: 3 });
    const bands = engine.bands(defaultScenario());
    const next = engine.evaluate(neutralScenario());
    expect(await bands).toBeNull();
    await drain(w);
    expect(await next).not.toBeNull();
  });
});

describe('bands drawn in two workers', () => {
  /** runs every worker's inbox until all are empty */
  async function drainAll(workers: FakeWorker[]) {
    while (workers.some((w) => w.inbox.length)) for (const w of workers) await w.step();
  }
  function twoWorkerClient() {
    const workers: FakeWorker[] = [];
    const client = new EngineClient(
      () => {
        const w = new FakeWorker();
        workers.push(w);
        return w;
      },
      { bandWorkers: 2 }
    );
    return { client, workers };
  }

  it('splits the draws between the engine worker and a second one and gives the bands one worker gives', async () => {
    const spec = cdnowDefaultBaseline(10);
    const single = new FakeWorker();
    const one = new EngineClient(() => single, { bandWorkers: 1 });
    void one.setBaseline(spec);
    const s = { ...defaultScenario(), seed: 5 };
    const alone = one.bands(s, 16);
    await drain(single);
    const { client, workers } = twoWorkerClient();
    void client.setBaseline(spec);
    const split = client.bands(s, 16);
    expect(workers).toHaveLength(2);
    // each worker gets the baseline, then its half of the draws
    expect(workers.map((w) => w.inbox.map((m) => (m.type === 'bandDraws' ? `${m.from}-${m.to}` : m.type)))).toEqual([
      ['setBaseline', '0-8'],
      ['setBaseline', '8-16']
    ]);
    await drainAll(workers);
    const [a, b] = [await alone, await split];
    expect(a.status).toBe('ok');
    expect(b.status).toBe('ok');
    if (a.status === 'ok' && b.status === 'ok') expect(b.value).toEqual(a.value);
    // the halves are merged in the engine worker, their buffers moved there, not copied
    const merge = workers[0].seen.find((m) => m.type === 'mergeBands');
    expect(merge?.transferred).toBeGreaterThan(2);
    expect(workers[1].seen.map((m) => m.type)).not.toContain('mergeBands');
  });

  it('hands the second half to the engine worker when the second worker crashes', async () => {
    const { client, workers } = twoWorkerClient();
    void client.setBaseline(cdnowDefaultBaseline(10));
    const r = client.bands({ ...defaultScenario(), seed: 3 }, 10);
    workers[1].onerror?.({ message: 'out of memory' });
    await drainAll(workers);
    const answer = await r;
    expect(answer.status).toBe('ok');
    if (answer.status === 'ok') expect(answer.value.bands.draws).toBe(10);
    expect(workers[0].inbox).toHaveLength(0);
    // the next bands start a fresh second worker with the baseline
    const next = client.bands({ ...defaultScenario(), seed: 3 }, 10);
    expect(workers).toHaveLength(3);
    expect(workers[2].inbox.map((m) => m.type)).toEqual(['setBaseline', 'bandDraws']);
    await drainAll(workers);
    expect((await next).status).toBe('ok');
  });

  it('a cancelled bands request drops both halves', async () => {
    const { client, workers } = twoWorkerClient();
    void client.setBaseline(cdnowDefaultBaseline(10));
    const r = client.bands(defaultScenario(), 10);
    client.cancel('bands');
    expect(await r).toEqual({ status: 'cancelled' });
    await drainAll(workers);
  });
});
