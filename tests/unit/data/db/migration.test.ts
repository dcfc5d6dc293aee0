import { afterEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import {
  openDb,
  CURRENT_SCHEMA_VERSION,
  SCHEMA_V1,
  SCHEMA_V2,
  saveDataset,
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
import type { CustomerSummary } from '$lib/data/types';

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

describe('schema migration v1 -> current', () => {
  it('keeps every record written by version 1 and adds the version-2 fields', async () => {
    const name = freshName('migrate');
    const written = await writeVersion1(name);

    const db: LeverLabDb = await openDb(name, { storage: undefined });
    opened.push(db);

    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
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

  it('creates an empty current-version database when none exists', async () => {
    const db = await openDb(freshName('fresh'), { storage: undefined });
    opened.push(db);
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual(
      [
        'answers',
        'customerChunks',
        'datasets',
        'evidence',
        'fits',
        'models',
        'notebooks',
        'scenarios',
        'settings',
        'transactions'
      ].sort()
    );
  });
});

describe('schema migration v2 -> v3 -> v4: customer rows become columnar chunks', () => {
  /** customer i of a dataset, with every field varied (NaN, -0, empty and non-ASCII strings included) */
  function customer(i: number): CustomerSummary {
    return {
      id: `c${String(i).padStart(5, '0')}`,
      x: i % 7,
      tx: i % 7 === 0 ? 0 : (i % 13) + 0.5,
      T: 20 + (i % 17),
      m: i % 7 === 0 ? 0 : 3.25 * (i % 5),
      firstSpend: i % 11 === 0 ? -0 : 10 + i / 3,
      xHoldout: i % 9 === 0 ? NaN : i % 4,
      holdoutSpend: (i % 4) * 2.5,
      firstDate: `1997-01-${String(1 + (i % 28)).padStart(2, '0')}`,
      lastDate: `1997-0${1 + (i % 9)}-15`,
      channel: ['search', 'email', '', 'Geschäfte'][i % 4],
      segment: i % 2 ? 'regular' : 'vip',
      region: i % 3 ? 'north' : 'süd',
      treatment: (i % 3) - 1
    };
  }

  it('converts every dataset, in id order, with the same records, and drops the old table', async () => {
    const name = freshName('migrate-v3');
    const v2 = new Dexie(name);
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    await v2.open();
    // 25,003 customers: three chunks of 10,000 and one of 3, written in shuffled order
    const big = Array.from({ length: 25_003 }, (_, i) => customer(i));
    const shuffled = big.map((c, i) => big[(i * 7919) % big.length]);
    expect(new Set(shuffled.map((c) => c.id)).size).toBe(big.length);
    await v2.table('datasets').bulkPut([
      { ...meta('big'), storageBytes: 1 },
      { ...meta('d1'), storageBytes: 2 }
    ]);
    await v2.table('customers').bulkPut(shuffled.map((s) => ({ ...s, datasetId: 'big' })));
    await v2.table('customers').bulkPut(summaries().map((s) => ({ ...s, datasetId: 'd1' })));
    v2.close();

    const db = await openDb(name, { storage: undefined });
    opened.push(db);
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name)).not.toContain('customers');
    expect(await getSummaries(db, 'big')).toEqual(big); // id order, field for field (NaN and -0 by Object.is)
    expect(await getSummaries(db, 'd1')).toEqual(summaries());
    expect((await db.customerChunks.toArray()).map((c) => [c.datasetId, c.chunk, c.rows])).toEqual([
      ['big', 0, 10_000],
      ['big', 1, 10_000],
      ['big', 2, 5_003],
      ['d1', 0, 3]
    ]);
  });

  it('saves and reads back the same records in id order, across chunk boundaries', async () => {
    const db = await openDb(freshName('chunks'), { storage: undefined });
    opened.push(db);
    const rows = Array.from({ length: 2_345 }, (_, i) => customer(i));
    const reversed = [...rows].reverse();
    await saveDataset(db, meta('d1'), table(), reversed, { customersPerBatch: 1_000 });
    expect(await db.customerChunks.count()).toBe(3);
    expect(await getSummaries(db, 'd1')).toEqual(rows);
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
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect((await listScenarios(db))[0].datasetId).toBeNull();
  });

  it('closes its own connection and says so when another tab upgrades the database', async () => {
    const name = freshName('vc');
    const messages: string[] = [];
    const db = await openDb(name, { storage: undefined, onVersionChange: (m) => messages.push(m) });
    const newerTab = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, (CURRENT_SCHEMA_VERSION + 1) * 10); // a future schema version
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
