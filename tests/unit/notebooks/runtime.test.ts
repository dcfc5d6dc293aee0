/**
 * The notebook runtime evaluates scenarios on the engine worker (here the real client
 * over the real handler in process): its numbers must equal evaluateScenario on the same
 * baseline, a lever moved on one scenario flows into every scenario that extends it, a
 * cell reads 'pending' until its answer arrives, and only the newest scenario of a cell
 * waits while the worker is busy.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseNotebook } from '$lib/notebooks/parse';
import { NotebookRuntime, formatKpi, baselineSpecFor } from '$lib/notebooks/runtime';
import { InlinePending, parseInlineExpr } from '$lib/notebooks/inline';
import { evaluateScenario, prepareBaseline } from '$lib/model/scenario/engine';
import { defaultScenario, neutralScenario } from '$lib/model/scenario/scenario';
import { evaluated, inProcessEngine } from './in-process-engine';

const source = [
  '---',
  'title: Runtime test',
  '---',
  '```scenario id=a',
  'levers.pricing.priceChange = -10%',
  '```',
  '```scenario id=b extends=a',
  'levers.service.aiShare = 0.5',
  '```',
  '```scenario id=sub dataset=sbg:regular',
  '{"version": 1}',
  '```'
].join('\n');

const rt = new NotebookRuntime(parseNotebook(source), { createEngine: inProcessEngine });
afterAll(() => rt.dispose());
const music = prepareBaseline(baselineSpecFor('sample:music'));

describe('NotebookRuntime', () => {
  it('gives the same KPIs as evaluating the scenario with the engine directly', async () => {
    const s = defaultScenario('a');
    s.levers.pricing.priceChange = -0.1;
    const direct = evaluateScenario(music, s);
    const r = await rt.settled('a');
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    expect(r.scenario).toEqual(s);
    expect(r.outcome.kpis).toEqual(direct.kpis);
  });

  it('evaluates the baseline as the neutral scenario', async () => {
    const r = await rt.settled('baseline');
    if (r.status !== 'ok') throw new Error('baseline failed');
    expect(r.outcome.kpis.clvPerNewCustomer).toBeCloseTo(evaluateScenario(music, neutralScenario()).kpis.clvPerNewCustomer!, 12);
    expect(r.outcome.kpis.costs).toBe(0);
  });

  it('passes a lever moved on a scenario to the scenarios that extend it, and leaves the others alone', () => {
    const moved = { a: { 'levers.pricing.priceChange': 0.05 } };
    const b = rt.resolve('b', moved);
    const a = rt.resolve('a', moved);
    if (!a.ok || !b.ok) throw new Error('resolve failed');
    expect(a.scenario.levers.pricing.priceChange).toBe(0.05);
    expect(b.scenario.levers.pricing.priceChange).toBe(0.05);
    expect(b.scenario.levers.service.aiShare).toBe(0.5);
    const untouched = rt.resolve('b');
    if (!untouched.ok) throw new Error('resolve failed');
    expect(untouched.scenario.levers.pricing.priceChange).toBe(-0.1);
  });

  it('reports a moved lever the validator refuses as an error, not as a number', async () => {
    const r = await rt.settled('a', { a: { 'levers.pricing.priceChange': -3 } });
    expect(r.status).toBe('error');
    if (r.status !== 'error') return;
    expect(r.errors[0].message).toContain('levers.pricing.priceChange: -3');
  });

  it('projects a scenario with dataset=sbg:regular from the contractual sBG baseline', async () => {
    const r = await rt.settled('sub');
    if (r.status !== 'ok') throw new Error('sub failed');
    expect(r.outcome.contractual).toBe(true);
    // sBG(α = 0.704, β = 1.182) (Fader & Hardie 2007): P(renew at the first annual renewal) = β / (α + β)
    // and the JSON cell {"version": 1} is the neutral scenario (no paid channels with their own churn),
    // so the one-year retention of a new subscriber is that closed form
    expect(r.outcome.kpis.retention1y).toBeCloseTo(1.182 / (0.704 + 1.182), 6);
  });

  it('reads pending until the answer arrives, then the answer, and tells its reader when it came', async () => {
    let settles = 0;
    const fresh = new NotebookRuntime(parseNotebook(source), { createEngine: inProcessEngine, onSettle: () => settles++ });
    const first = fresh.outcome('a');
    expect(first.status).toBe('pending');
    if (first.status !== 'pending') return;
    expect(first.scenario.levers.pricing.priceChange).toBe(-0.1);
    await first.until;
    expect(settles).toBe(1);
    expect(fresh.outcome('a').status).toBe('ok');
    fresh.dispose();
  });

  it('never shows the answer to a scenario the reader moved away from, and sends only the newest of a burst', async () => {
    const fresh = new NotebookRuntime(parseNotebook(source), { createEngine: inProcessEngine });
    await fresh.settled('a'); // the worker has its baseline and one answer
    const before = evaluated.count;
    const inFlight = fresh.outcome('a', { a: { 'levers.pricing.priceChange': 0.01 } });
    await Promise.resolve(); // its batch is sent: the worker is busy
    for (const v of [0.02, 0.03, 0.04]) fresh.outcome('a', { a: { 'levers.pricing.priceChange': v } });
    const last = await fresh.settled('a', { a: { 'levers.pricing.priceChange': 0.04 } });
    if (inFlight.status !== 'pending' || last.status !== 'ok') throw new Error('expected a pending then an answer');
    // 0.01 was in the worker; of 0.02, 0.03 and 0.04 only 0.04 waited for it
    expect(evaluated.count - before).toBe(2);
    expect(last.scenario.levers.pricing.priceChange).toBe(0.04);
    const s = defaultScenario('a');
    s.levers.pricing.priceChange = 0.04;
    expect(last.outcome.kpis).toEqual(evaluateScenario(music, s).kpis);
    // the superseded step is not answered: read again, it is pending, not another step's outcome
    expect(fresh.outcome('a', { a: { 'levers.pricing.priceChange': 0.03 } }).status).toBe('pending');
    fresh.dispose();
  });
});

describe('inline expressions', () => {
  it('show the ground-truth parameters of the music sample (CDNOW estimates, FHL 2005)', () => {
    expect(['r', 'alpha', 'a', 'b', 'p', 'q', 'v'].map((n) => rt.inline(parseInlineExpr(`param ${n}`)))).toEqual(['0.243', '4.414', '0.793', '2.426', '6.25', '3.74', '15.44']);
  });

  it('compute P(alive) by FHL 2005 eq. 11', () => {
    // independent closed form: P(alive) = 1 / (1 + a / (b + x - 1) ((α + T) / (α + t_x))^(r + x))
    const [r, alpha, a, b] = [0.243, 4.414, 0.793, 2.426];
    const x = 2, tx = 8, T = 39;
    const p = 1 / (1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x));
    expect(rt.inline(parseInlineExpr(`palive x=${x} tx=${tx} T=${T}`))).toBe(`${(p * 100).toFixed(1)}%`);
    expect(rt.inline(parseInlineExpr('palive x=0 tx=0 T=39'))).toBe('100.0%');
  });

  it('format a KPI, a signed difference and a relative difference of two scenarios', async () => {
    const ra = await rt.settled('a');
    const rb = await rt.settled('baseline');
    if (ra.status !== 'ok' || rb.status !== 'ok') throw new Error('outcomes failed');
    const va = ra.outcome.kpis.clvPerNewCustomer!;
    const vb = rb.outcome.kpis.clvPerNewCustomer!;
    expect(rt.inline(parseInlineExpr('kpi clvPerNewCustomer scenario=a'))).toBe(`$${va.toFixed(2)}`);
    const d = rt.inline(parseInlineExpr('delta clvPerNewCustomer scenario=a base=baseline'));
    expect(d).toBe(`${va < vb ? '−' : '+'}$${Math.abs(va - vb).toFixed(2)}`);
    const rel = rt.inline(parseInlineExpr('delta clvPerNewCustomer scenario=a base=baseline relative'));
    expect(rel).toBe(`${va < vb ? '−' : '+'}${Math.abs(((va - vb) / vb) * 100).toFixed(1)}%`);
  });

  it('show a lever value as the reader set it, shares as percentages', () => {
    expect(rt.inline(parseInlineExpr('lever levers.pricing.priceChange scenario=a'))).toBe('−10%');
    expect(rt.inline(parseInlineExpr('lever levers.pricing.priceChange scenario=b'), { a: { 'levers.pricing.priceChange': 0.05 } })).toBe('5%');
  });

  it('refuse P(alive) on a contractual data set and a series week beyond the horizon', async () => {
    const sub = new NotebookRuntime(parseNotebook('---\ntitle: x\ndataset: sbg:regular\n---\n```scenario id=s\n```'), { createEngine: inProcessEngine });
    expect(() => sub.inline(parseInlineExpr('palive x=1 tx=1 T=2'))).toThrow(/contractual/);
    await expect(rt.inlineSettled(parseInlineExpr('series revenue scenario=a week=9999'))).rejects.toThrow(/beyond the 156-week horizon/);
    sub.dispose();
  });

  it('throw InlinePending while an outcome they read is on its way', async () => {
    const fresh = new NotebookRuntime(parseNotebook(source), { createEngine: inProcessEngine });
    expect(() => fresh.inline(parseInlineExpr('kpi cac scenario=b'))).toThrow(InlinePending);
    expect(await fresh.inlineSettled(parseInlineExpr('kpi cac scenario=b'))).toMatch(/^\$[\d,]+\.\d\d$|^—$/);
    fresh.dispose();
  });
});

describe('formatKpi', () => {
  it('formats by the KPI catalogue: currency, shares, weeks, and a dash for an undefined KPI', () => {
    expect(formatKpi('clvPerNewCustomer', 1234.567, 'USD')).toBe('$1,235');
    expect(formatKpi('customerEquity', -2500, 'EUR')).toBe('−€2,500');
    expect(formatKpi('retention1y', 0.7638, 'USD')).toBe('76.4%');
    expect(formatKpi('paybackWeeks', 19, 'USD')).toBe('19 weeks');
    expect(formatKpi('cac', null, 'USD')).toBe('—');
    expect(formatKpi('cac', 10, 'CHF')).toBe('CHF\u00a010.00');
  });
});
