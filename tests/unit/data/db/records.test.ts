import { afterEach, describe, expect, it } from 'vitest';
import {
  openDb,
  saveScenario,
  listScenarios,
  deleteScenario,
  getNotebookState,
  setNotebookState,
  saveModel,
  modelIOHandler,
  saveFit,
  getFit,
  getSetting,
  setSetting,
  type LeverLabDb
} from '$lib/data/db';
import type { Scenario } from '$lib/model/scenario/scenario-types';
import type { FitResult } from '$lib/model/core/types';
import { freshName } from './fixtures';

const opened: LeverLabDb[] = [];
let clock = Date.UTC(2026, 0, 1);
async function open(): Promise<LeverLabDb> {
  const db = await openDb(freshName('records'), { storage: undefined, now: () => clock });
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const scenario = (name: string) => ({ version: 1, name }) as unknown as Scenario;

describe('saved scenarios', () => {
  it('keep createdAt on update, move updatedAt, and list most recently updated first', async () => {
    const db = await open();
    clock = Date.UTC(2026, 0, 1);
    const a = await saveScenario(db, { name: 'Cut price 5%', scenario: scenario('a') });
    clock = Date.UTC(2026, 0, 2);
    const b = await saveScenario(db, { name: 'More e-mail', scenario: scenario('b') });
    clock = Date.UTC(2026, 0, 3);
    const a2 = await saveScenario(db, { id: a.id, name: 'Cut price 5% (v2)', scenario: scenario('a2') });
    expect(a2.createdAt).toBe('2026-01-01T00:00:00.000Z');
    expect(a2.updatedAt).toBe('2026-01-03T00:00:00.000Z');
    expect((await listScenarios(db)).map((s) => s.id)).toEqual([a.id, b.id]);
    await deleteScenario(db, a.id);
    expect((await listScenarios(db)).map((s) => s.name)).toEqual(['More e-mail']);
  });

  it('refuse an empty name', async () => {
    const db = await open();
    await expect(saveScenario(db, { name: '  ', scenario: scenario('x') })).rejects.toThrow(/invalid scenario name/);
  });
});

describe('notebooks, settings and fits', () => {
  it('store notebook state per slug', async () => {
    const db = await open();
    expect(await getNotebookState(db, 'retention')).toBeUndefined();
    await setNotebookState(db, 'retention', { cells: [1, 2], open: true });
    expect(await getNotebookState(db, 'retention')).toEqual({ cells: [1, 2], open: true });
  });

  it('return the fallback for a missing setting and the stored value otherwise', async () => {
    const db = await open();
    expect(await getSetting(db, 'currency', 'EUR')).toBe('EUR');
    await setSetting(db, 'currency', 'GBP');
    expect(await getSetting(db, 'currency', 'EUR')).toBe('GBP');
  });

  it('keep one fit per dataset and model, the latest', async () => {
    const db = await open();
    const fit = (logLik: number): FitResult => ({
      version: 1,
      model: 'sbg',
      params: { alpha: 0.704, beta: 1.182 },
      logLik,
      n: 1000,
      stdErr: { alpha: 0.1, beta: 0.2 },
      logCov: [],
      converged: true,
      iterations: 9,
      fitMs: 1
    });
    await saveFit(db, 'd', fit(-1700));
    await saveFit(db, 'd', fit(-1680));
    expect((await getFit(db, 'd', 'sbg'))?.fit.logLik).toBe(-1680);
  });
});

describe('learned models', () => {
  it('round-trip tfjs-shaped artifacts through the IO handler, joining split weight buffers', async () => {
    const db = await open();
    const handler = modelIOHandler(db, { id: 'churn-1', kind: 'churn', datasetId: 'd', metrics: { auc: 0.74 } });
    const w1 = Float32Array.from([1, 2]).buffer;
    const w2 = Float32Array.from([3]).buffer;
    const result = await handler.save({
      modelTopology: { class_name: 'Sequential', config: { layers: [] } },
      weightSpecs: [
        { name: 'dense/kernel', shape: [2], dtype: 'float32' },
        { name: 'dense/bias', shape: [1], dtype: 'float32' }
      ],
      weightData: [w1, w2],
      format: 'layers-model',
      generatedBy: 'TensorFlow.js tfjs-layers v4.22.0'
    });
    expect(result.modelArtifactsInfo.weightDataBytes).toBe(12);
    const loaded = await modelIOHandler(db, { id: 'churn-1' }).load();
    expect(Array.from(new Float32Array(loaded.weightData as ArrayBuffer))).toEqual([1, 2, 3]);
    expect(loaded.format).toBe('layers-model');
    expect(loaded.modelTopology).toEqual({ class_name: 'Sequential', config: { layers: [] } });
  });

  it('refuse weights whose size disagrees with the weight specs', async () => {
    const db = await open();
    await expect(
      saveModel(db, {
        id: 'bad',
        name: 'bad',
        kind: 'churn',
        datasetId: null,
        modelTopology: {},
        weightSpecs: [{ name: 'w', shape: [3], dtype: 'float32' }],
        weightData: new ArrayBuffer(8),
        metrics: {}
      })
    ).rejects.toThrow(/weight specs describe 12 bytes, weightData has 8/);
  });
});
