/**
 * A notebook bound to a stored dataset: the saved binding resolved against the datasets stored
 * now, the dataset prepared as the notebook-data worker prepares it (fake-indexeddb, sample data
 * drawn from known parameters), and the runtime evaluating on its fitted baseline, with cells
 * that need what the dataset lacks saying so.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDb, saveDataset, type LeverLabDb } from '$lib/data/db';
import { generateSample } from '$lib/data/sample/generate';
import { customerIds, toCustomerSummaries, toTransactionTable } from '$lib/data/sample/tables';
import { saveSample } from '$lib/workers/sample-client';
import { prepareNotebookData, channelCounts } from '$lib/pipeline/notebook-data';
import { bindingState, missingForBlock, resolveBinding, runtimeBinding } from '$lib/notebooks/binding';
import { getBinding, removeBinding, saveBinding } from '$lib/notebooks/binding-store';
import { parseNotebook } from '$lib/notebooks/parse';
import { NotebookRuntime } from '$lib/notebooks/runtime';
import { inProcessEngine } from './in-process-engine';

let db: LeverLabDb;

beforeEach(async () => {
  db = await openDb(`binding-${Math.random().toString(36).slice(2)}`);
});

afterEach(async () => {
  db.close();
  await db.delete();
});

const lesson = parseNotebook(readFileSync(join(process.cwd(), 'notebooks/08-which-channel-brings-customers-who-stay.md'), 'utf8'));

describe('resolveBinding', () => {
  const datasets = [{ id: 'd1', name: 'Shop A' }];
  it('is unbound without a valid saved binding', () => {
    expect(resolveBinding(null, datasets)).toEqual({ status: 'unbound' });
    expect(resolveBinding({ kind: 'binding', version: 1, datasetId: '' }, datasets)).toEqual({ status: 'unbound' });
    expect(resolveBinding({ kind: 'imported', source: '' }, datasets)).toEqual({ status: 'unbound' });
  });
  it('names the dataset now stored, or the one that was deleted', () => {
    expect(resolveBinding(bindingState('d1', 'old name', '2026-01-01'), datasets)).toEqual({ status: 'bound', datasetId: 'd1', datasetName: 'Shop A' });
    expect(resolveBinding(bindingState('gone', 'Shop B', '2026-01-01'), datasets)).toEqual({ status: 'gone', datasetName: 'Shop B' });
  });
});

describe('the binding store', () => {
  it('keeps one binding per notebook and removes it', async () => {
    await saveBinding(db, '08-lesson', 'd1', 'Shop A');
    await saveBinding(db, '02-other', 'd2', 'Shop B');
    expect((await getBinding(db, '08-lesson'))?.datasetId).toBe('d1');
    expect((await getBinding(db, '02-other'))?.datasetId).toBe('d2');
    await removeBinding(db, '08-lesson');
    expect(await getBinding(db, '08-lesson')).toBeNull();
    expect((await getBinding(db, '02-other'))?.datasetId).toBe('d2');
  });
});

describe('a notebook on a stored dataset', () => {
  it('runs on the dataset’s fitted baseline: its numbers are the fit’s, not the built-in sample’s', async () => {
    // music preset: BG/NBD at the CDNOW estimates (FHL 2005), four channels with every quality multiplier 1
    const sample = generateSample({ preset: 'music', customers: 3000, seed: 11, id: 'music-3k' });
    await saveSample(db, sample);
    const data = await prepareNotebookData(db, 'music-3k', { today: '2026-12-03' });
    expect(data.capabilities.kind).toBe('transactions');
    expect(data.capabilities.customers).toBe(3000);
    expect(data.capabilities.channels.map((c) => c.channel).sort()).toEqual(['affiliates', 'display', 'email', 'search']);
    expect(data.capabilities.spendHistory).toBe(false);
    // the truth of every channel's multipliers is 1 (presets.ts): each 95% interval should hold it;
    // with 4 channels x 2 measures, allow one miss (a 5% chance each)
    const fitted = data.channelQuality.filter((q) => q.estimate === 'fitted');
    expect(fitted.length).toBe(4);
    const misses = fitted.flatMap((q) => [q.dropout, q.rate]).filter((m) => Math.abs(m.value - 1) > 1.96 * m.se).length;
    expect(misses).toBeLessThanOrEqual(1);
    expect(Object.keys(data.assumptions)).toContain('channels.email.qualityDropout');

    const bound = new NotebookRuntime(lesson, { createEngine: inProcessEngine, binding: runtimeBinding(data) });
    const builtIn = new NotebookRuntime(lesson, { createEngine: inProcessEngine });
    try {
      const a = await bound.settled('plan');
      const b = await builtIn.settled('plan');
      if (a.status !== 'ok' || b.status !== 'ok') throw new Error('plan did not evaluate');
      // the fitted baseline is the spec the worker answered with
      expect(bound.spec).toEqual(data.spec);
      expect(a.outcome.kpis.clvPerNewCustomer).not.toBeCloseTo(b.outcome.kpis.clvPerNewCustomer!, 2);
      // the quality multiplier in the text is the fit's, with its interval
      const email = data.channelQuality.find((q) => q.channel === 'email')!;
      expect(bound.inline({ op: 'quality', measure: 'dropout', channel: 'email' })).toBe(`×${email.dropout.value.toFixed(2)} (± ${(1.959964 * email.dropout.se).toFixed(2)})`);
      // built in: the registry's assumption for e-mail (seed 003: dropout 0.85)
      expect(builtIn.inline({ op: 'quality', measure: 'dropout', channel: 'email' })).toBe('×0.85');
      // the spend-needing table says what is missing; the channel cells run
      const spendCell = lesson.blocks.find((b) => b.needs?.includes('spend'))!;
      const missing = missingForBlock(spendCell, bound.binding, (id) => bound.scenarioNeeds(id));
      expect(missing.map((m) => m.need)).toEqual(['spend']);
      expect((await bound.settled('toEmail')).status).toBe('ok');
    } finally {
      bound.dispose();
      builtIn.dispose();
    }
  });

  it('says in place that a dataset without channels cannot answer the channel cells', async () => {
    const sample = generateSample({ preset: 'music', customers: 1500, seed: 5, id: 'plain' });
    const ids = customerIds(sample.columns);
    // the same purchases without an acquisition channel, as a file without a channel column imports
    const summaries = toCustomerSummaries(sample.columns, ids).map((s) => ({ ...s, channel: '' }));
    await saveDataset(db, { ...sample.meta, name: 'No channels', currency: 'GBP' }, toTransactionTable(sample.columns, ids), summaries);
    const data = await prepareNotebookData(db, 'plain');
    expect(channelCounts(summaries)).toEqual([]);
    expect(data.channelQuality).toEqual([]);
    const rt = new NotebookRuntime(lesson, { createEngine: inProcessEngine, binding: runtimeBinding(data) });
    try {
      const plan = await rt.settled('plan');
      // money in the dataset's currency, as the workbench shows it
      expect(plan.status === 'ok' && plan.scenario.economics.currency).toBe('GBP');
      const r = await rt.settled('toEmail');
      expect(r.status).toBe('error');
      if (r.status === 'error') expect(r.errors[0].message).toMatch(/^needs channels: "No channels" has no acquisition channel per customer; to add it, import the data again with a channel column/);
      // in the text, a short note in place of the number (the cells beside it say it in full)
      expect(rt.inline({ op: 'quality', measure: 'dropout', channel: 'email' })).toBe('— (needs acquisition channels)');
      expect(rt.inline({ op: 'kpi', kpi: 'clvPerNewCustomer', scenario: 'toEmail' })).toBe('— (needs acquisition channels)');
      // a subscription scenario in a notebook bound to purchases says it needs contracts
      const mixed = parseNotebook(['---', 'title: Mixed', '---', '```scenario id=sub dataset=sbg:regular', '{"version": 1}', '```'].join('\n'));
      const rt2 = new NotebookRuntime(mixed, { createEngine: inProcessEngine, binding: runtimeBinding(data) });
      try {
        const sub = await rt2.settled('sub');
        expect(sub.status === 'error' && sub.errors[0]).toEqual({
          line: 4,
          message: expect.stringMatching(/^needs contracts: "No channels" has no subscriptions \(renewals and cancellations\); to add it, bind a subscription dataset/)
        });
      } finally {
        rt2.dispose();
      }
      const chart = lesson.blocks.find((b) => b.kind === 'chart')!;
      expect(missingForBlock(chart, rt.binding, (id) => rt.scenarioNeeds(id)).map((m) => m.need)).toEqual(['channels']);
    } finally {
      rt.dispose();
    }
  });

  it('asks a subscription dataset for purchase histories on a purchase notebook', async () => {
    const sample = generateSample({ preset: 'subscription', customers: 800, seed: 2, id: 'subs' });
    await saveSample(db, sample);
    const data = await prepareNotebookData(db, 'subs');
    expect(data.capabilities.kind).toBe('subscription');
    const binding = runtimeBinding(data);
    expect(Object.keys(binding.baselines)).toEqual(['sbg:regular']);
    const rt = new NotebookRuntime(lesson, { createEngine: inProcessEngine, binding });
    try {
      const r = await rt.settled('plan');
      expect(r.status === 'error' && r.errors[0].message).toMatch(/^needs purchases: "[^"]+" is a subscription dataset/);
    } finally {
      rt.dispose();
    }
  });
});
