import { describe, expect, it } from 'vitest';
import { LatestOnly } from '$lib/workers/engine-latest.ts';
import { EngineClient, scenarioEngine, type WorkerLike } from '$lib/workers/engine-client.ts';
import { createEngineState, handleEngineRequest } from '$lib/workers/engine-handler.ts';
import type { EngineRequest, EngineResponse } from '$lib/workers/engine-protocol.ts';
import { defaultScenario, neutralScenario } from '$lib/model/scenario/scenario.ts';
import { cdnowDefaultBaseline } from '$lib/model/scenario/engine/baseline.ts';

describe('newest-wins scheduling (LatestOnly)', () => {
  function lane() {
    const sent: [number, string][] = [];
    let id = 0;
    const l = new LatestOnly<string, string>(
      (i, q) => sent.push([i, q]),
      () => ++id
    );
    return { l, sent };
  }

  it('a burst of requests sends the first, keeps only the latest pending and draws only the newest answer', async () => {
    const { l, sent } = lane();
    const results = ['a', 'b', 'c', 'd'].map((q) => l.submit(q));
    expect(sent).toEqual([[1, 'a']]);
    l.receive(1, { ok: true, value: 'A' }); // stale: d is waiting
    expect(sent).toEqual([
      [1, 'a'],
      [4, 'd']
    ]);
    l.receive(4, { ok: true, value: 'D' });
    expect(await Promise.all(results)).toEqual([
      { status: 'superseded' },
      { status: 'superseded' },
      { status: 'superseded' },
      { status: 'ok', value: 'D' }
    ]);
    expect(l.busy).toBe(false);
  });

  it('ignores replies with unknown ids and passes errors back as values', async () => {
    const { l } = lane();
    const r = l.submit('x');
    expect(l.receive(99, { ok: true, value: 'nope' })).toBe(false);
    l.receive(1, { ok: false, errors: ['levers.pricing.priceChange: 5 (must be <= 1)'] });
    expect(await r).toEqual({ status: 'error', errors: ['levers.pricing.priceChange: 5 (must be <= 1)'] });
  });

  it('cancel settles pending and in-flight requests and drops the late reply', async () => {
    const { l, sent } = lane();
    const a = l.submit('a');
    const b = l.submit('b');
    l.cancel();
    expect(await a).toEqual({ status: 'cancelled' });
    expect(await b).toEqual({ status: 'cancelled' });
    l.receive(1, { ok: true, value: 'A' });
    expect(sent).toEqual([[1, 'a']]);
    const c = l.submit('c');
    l.receive(3, { ok: true, value: 'C' });
    expect(await c).toEqual({ status: 'ok', value: 'C' });
  });
});

/** A fake worker that runs the real handler when told to. */
class FakeWorker implements WorkerLike {
  onmessage: ((e: { data: EngineResponse }) => void) | null = null;
  inbox: EngineRequest[] = [];
  terminated = false;
  state = createEngineState();
  postMessage(m: unknown) {
    this.inbox.push(m as EngineRequest);
  }
  terminate() {
    this.terminated = true;
  }
  /** process the oldest message */
  step() {
    const m = this.inbox.shift();
    if (m && !this.terminated) this.onmessage?.({ data: handleEngineRequest(this.state, m) });
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
    w.step();
    w.step();
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
    w.step();
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
    workers[0].step();
    expect((await b).status).toBe('ok');
    const run = client.evaluate(defaultScenario(), { draws: 50 });
    client.cancel('evaluate', { hard: true });
    expect(await run).toEqual({ status: 'cancelled' });
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(workers[1].inbox[0]).toMatchObject({ type: 'setBaseline', spec });
    workers[1].step();
    const again = client.evaluate(neutralScenario());
    workers[1].step();
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
    w.step();
    w.step();
    expect(await first).toBeNull();
    expect(await second).toBeNull();
    const r = await third;
    expect(r?.requestId).toBe(3);
    expect(r?.baseline.kpis.costs).toBe(0);
    expect(r?.outcome.kpis.costs).toBeGreaterThan(0);
    const bad = defaultScenario();
    bad.economics.horizonWeeks = 0;
    const p = engine.evaluate(bad);
    w.step();
    await expect(p).rejects.toThrow('economics.horizonWeeks: 0 (must be >= 1)');
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
    w.step();
    w.step();
    w.step();
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
    w.step();
    w.step();
    w.step();
    expect((await b1).status).toBe('superseded');
    expect((await e).status).toBe('ok');
    const r = await b2;
    expect(r.status === 'ok' && r.value.bands.seed).toBe(2);
  });

  it('rejects a bands request without draws as an error value', async () => {
    const w = new FakeWorker();
    const client = new EngineClient(() => w);
    const p = client.bands(defaultScenario(), 0);
    w.step();
    expect(await p).toEqual({ status: 'error', errors: ['draws: 0 (must be a finite number >= 1)'] });
  });
});
