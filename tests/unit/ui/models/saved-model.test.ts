import { afterAll, describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { openDb, saveModel, loadModel, type LeverLabDb } from '$lib/data/db';
import { fromModelRecord } from '$lib/learn/model-record';
import type { SavedNetwork } from '$lib/learn/model-io';
import { modelRecordInput, summaryFromRecord, upliftSummary } from '$lib/ui/models/saved-model';
import { upliftEvidence } from '$lib/ui/models/uplift-evidence';
import { upliftFixture } from './fixtures';

function network(weights: number[]): SavedNetwork {
  return {
    version: 1,
    topology: { class_name: 'Sequential' },
    weightSpecs: [{ name: 'dense/kernel', shape: [weights.length, 1], dtype: 'float32' }],
    weightData: Float32Array.from(weights).buffer
  };
}

const opened: LeverLabDb[] = [];
afterAll(async () => {
  for (const db of opened) db.close();
});

describe('saved models', () => {
  it('store every network of a T-learner, the evaluation and the evidence, and read them back', async () => {
    const { result, armOf, outcome } = upliftFixture();
    const { evidence } = upliftEvidence(result, 't', 0.5, armOf, outcome);
    const summary = upliftSummary(result, 't', evidence);
    const input = modelRecordInput({ 'arm c': network([1, 2]), 'arm t': network([3, 4, 5]) }, result.encoder, summary, {
      id: 'model-1',
      name: 'uplift',
      datasetId: 'ds-1',
      kind: 'uplift'
    });
    const db = await openDb(`learn-ui-${Date.now()}-${Math.random()}`, { storage: undefined });
    opened.push(db);
    await saveModel(db, input);
    const record = (await loadModel(db, 'model-1'))!;
    expect(record.metrics.qiniCoefficient).toBe(result.arms[0].qini.qini);
    expect(Array.from(new Float32Array(fromModelRecord(record).network.weightData))).toEqual([1, 2]);
    const rest = record.extra!.networks as Record<string, SavedNetwork>;
    expect(Array.from(new Float32Array(rest['arm t'].weightData))).toEqual([3, 4, 5]);
    const back = summaryFromRecord(record);
    expect(back.kind).toBe('uplift');
    expect(back.kind === 'uplift' && back.evidence).toEqual(evidence);
    expect(back.kind === 'uplift' && back.deciles).toEqual(result.arms[0].deciles);
  });

  it('refuses a record without a readable summary or with invalid stored evidence, naming it', () => {
    expect(() => summaryFromRecord({ id: 'm9', extra: {} })).toThrow('model m9 has no readable summary');
    const { result } = upliftFixture();
    const bad = { ...upliftSummary(result, 't', null), evidence: { model: 'x' } } as never;
    expect(() => summaryFromRecord({ id: 'm8', extra: { summary: bad } })).toThrow(
      'model m8: stored evidence is invalid'
    );
  });

  it('will not save a model without a trained network', () => {
    const { result } = upliftFixture();
    expect(() =>
      modelRecordInput({}, result.encoder, upliftSummary(result, 't', null), {
        id: 'x',
        name: 'empty',
        datasetId: null,
        kind: 'uplift'
      })
    ).toThrow('no trained network to save');
  });
});
