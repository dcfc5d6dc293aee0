import { afterEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import {
  openDb,
  SCHEMA_V1,
  getDataset,
  getSummaries,
  getTransactions,
  getFits,
  listScenarios,
  getNotebookState,
  loadModel,
  getSetting,
  encodeChunks,
  chunkBytes,
  type LeverLabDb
} from '$lib/data/db';
import { freshName, meta, summaries, table } from './fixtures';

const opened: { close(): void }[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** Writes one record of every kind with the version-1 schema and row shapes, then closes. */
async function writeVersion1(name: string) {
  const v1 = new Dexie(name);
  v1.version(1).stores(SCHEMA_V1);
  await v1.open();
  const chunks = encodeChunks('d1', table(), 2);
  const { ...datasetV1 } = meta('d1'); // v1 datasets had no storageBytes
  const scenarioV1 = {
    id: 's1',
    name: 'Cut price 5%',
    createdAt: '2026-03-01T00:00:00.000Z',
    scenario: { version: 1, name: 'x' }
  };
  const fitV1 = {
    datasetId: 'd1',
    model: 'bgnbd',
    savedAt: '2026-03-01T00:00:00.000Z',
    fit: { version: 1, model: 'bgnbd', params: { r: 1 } }
  };
  const weights = Float32Array.from([0.5, -1.25]).buffer;
  const modelV1 = {
    version: 1,
    id: 'm1',
    name: 'churn',
    kind: 'churn',
    datasetId: 'd1',
    createdAt: '2026-03-01T00:00:00.000Z',
    modelTopology: { class_name: 'Sequential' },
    weightSpecs: [{ name: 'w', shape: [2], dtype: 'float32' }],
    weightData: weights,
    metrics: { auc: 0.71 }
  };
  await v1.table('datasets').put(datasetV1);
  await v1.table('customers').bulkPut(summaries().map((s) => ({ ...s, datasetId: 'd1' })));
  await v1.table('transactions').bulkPut(chunks);
  await v1.table('fits').put(fitV1);
  await v1.table('scenarios').put(scenarioV1);
  await v1
    .table('notebooks')
    .put({ slug: 'clv-101', state: { cell3: 'r = 0.243' }, updatedAt: '2026-03-01T00:00:00.000Z' });
  await v1.table('models').put(modelV1);
  await v1.table('settings').put({ key: 'theme', value: 'dark' });
  v1.close();
  return { chunks, scenarioV1, fitV1, modelV1 };
}

describe('schema migration v1 -> v2', () => {
  it('keeps every record written by version 1 and adds the version-2 fields', async () => {
    const name = freshName('migrate');
    const written = await writeVersion1(name);

    const db: LeverLabDb = await openDb(name, { storage: undefined });
    opened.push(db);

    expect(db.verno).toBe(2);
    const dataset = await getDataset(db, 'd1');
    // storageBytes is computed by the upgrade from the v1 chunks (schema.ts chunkBytes)
    expect(dataset).toEqual({ ...meta('d1'), storageBytes: written.chunks.reduce((n, c) => n + chunkBytes(c), 0) });
    expect(dataset!.storageBytes).toBeGreaterThan(0);
    expect(await getSummaries(db, 'd1')).toEqual(summaries());
    const tx = await getTransactions(db, 'd1');
    expect(tx.customerId).toEqual(table().customerId);
    expect(Array.from(tx.amount)).toEqual(Array.from(table().amount));
    expect(await getFits(db, 'd1')).toEqual([written.fitV1]); // reachable through the new datasetId index
    // scenarios gain updatedAt (= createdAt) and datasetId (null)
    expect(await listScenarios(db)).toEqual([
      { ...written.scenarioV1, updatedAt: written.scenarioV1.createdAt, datasetId: null }
    ]);
    expect(await getNotebookState(db, 'clv-101')).toEqual({ cell3: 'r = 0.243' });
    const model = await loadModel(db, 'm1');
    expect(Array.from(new Float32Array(model!.weightData))).toEqual([0.5, -1.25]);
    expect(model!.metrics).toEqual({ auc: 0.71 });
    expect(await getSetting(db, 'theme', 'light')).toBe('dark');
  });

  it('creates an empty version-2 database when none exists', async () => {
    const db = await openDb(freshName('fresh'), { storage: undefined });
    opened.push(db);
    expect(db.verno).toBe(2);
    expect(db.tables.map((t) => t.name).sort()).toEqual(
      ['customers', 'datasets', 'fits', 'models', 'notebooks', 'scenarios', 'settings', 'transactions'].sort()
    );
  });
});

describe('version changes across tabs', () => {
  it('reports a blocked upgrade in plain words and finishes it once the old tab lets go', async () => {
    const name = freshName('blocked');
    await writeVersion1(name);
    // "another tab": a raw connection at Dexie version 1 (native version 10) that ignores versionchange
    const oldTab = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, 10);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const messages: string[] = [];
    const opening = openDb(name, { storage: undefined, onBlocked: (m) => messages.push(m) });
    await new Promise((r) => setTimeout(r, 50));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/another tab still has the old version open/);
    oldTab.close();
    const db = await opening;
    opened.push(db);
    expect(db.verno).toBe(2);
    expect((await listScenarios(db))[0].datasetId).toBeNull();
  });

  it('closes its own connection and says so when another tab upgrades the database', async () => {
    const name = freshName('vc');
    const messages: string[] = [];
    const db = await openDb(name, { storage: undefined, onVersionChange: (m) => messages.push(m) });
    const newerTab = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, 30); // a future schema version 3
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error('the newer tab was blocked: the old connection did not close'));
    });
    opened.push(newerTab);
    expect(messages).toEqual([expect.stringMatching(/Reload this tab/)]);
    expect(db.isOpen()).toBe(false);
    // it stays closed: a later call fails with the same advice instead of reopening an unknown schema
    await expect(listScenarios(db)).rejects.toMatchObject({
      code: 'versionchange',
      message: expect.stringMatching(/Reload this tab/)
    });
  });
});
