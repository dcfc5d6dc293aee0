// Faults during an import (issue 10): a full disk in the middle of the save, a cancel in
// the middle of the parse, a worker killed in the middle of the save, an upgrade blocked by
// another tab, an upgrade made by another tab. Each must leave the stored data exactly as it
// was (saveDataset is one IndexedDB transaction) and answer with a message a person can act
// on (src/lib/data/db/errors.ts). The import runs through the worker's handler
// (src/lib/workers/import-handler.ts) on fake-indexeddb, as in the browser worker.
import { afterEach, describe, expect, it } from 'vitest';
import { Dexie, type DBCore, type DBCoreMutateRequest } from 'dexie';
import {
  BLOCKED_MESSAGE,
  CURRENT_SCHEMA_VERSION,
  LeverLabDb,
  SCHEMA_V1,
  VERSION_CHANGE_MESSAGE,
  openDb,
  saveDataset,
  listDatasets,
  getSummaries,
  getTransactions,
  type SaveDatasetOptions
} from '$lib/data/db';
import { createImportHandler, type SaveDataset } from '$lib/workers/import-handler';
import type { ImportRequestOptions, ImportResponse } from '$lib/workers/import-protocol';
import { freshName, meta, summaries, table } from '../data/db/fixtures';

const opened: { close(): void }[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/** A transaction file of `rows` rows over `customers` customers (about 30 bytes a row). */
function transactionsCsv(rows: number, customers = 500): string {
  const lines = ['customer_id,date,amount'];
  for (let i = 0; i < rows; i++) {
    const day = 1 + (i % 28);
    const month = 1 + ((i * 7) % 12);
    lines.push(
      `C${i % customers},2011-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')},${(i % 97) + 0.5}`
    );
  }
  return lines.join('\n') + '\n';
}

const OPTIONS: ImportRequestOptions = {
  name: 'Uploaded file',
  delimiter: ',',
  hasHeader: true,
  mapping: { customerId: 0, date: 1, amount: 2, unitPrice: -1, quantity: -1, channel: -1, invoice: -1 },
  dateFormat: 'iso'
};

/** Everything a person could see of the stored datasets, for before/after comparisons. */
async function storedState(db: LeverLabDb) {
  const datasets = await listDatasets(db);
  const out: unknown[] = [];
  for (const d of datasets) {
    const t = await getTransactions(db, d.id);
    out.push({
      dataset: d,
      summaries: await getSummaries(db, d.id),
      transactions: { length: t.length, customerId: t.customerId, day: Array.from(t.day) }
    });
  }
  return { datasets: out, chunks: await db.transactions.count(), customers: await db.customerChunks.count() };
}

/** Runs one import request through the handler and returns its final answer (error or imported). */
async function importThrough(
  save: SaveDataset,
  file: string,
  onPost?: (r: ImportResponse, handle: (id: number) => void) => void
): Promise<Extract<ImportResponse, { type: 'error' | 'imported' }>> {
  const answers: ImportResponse[] = [];
  const handler = createImportHandler({
    post: (r) => {
      answers.push(r);
      onPost?.(r, (target) => void handler.handle({ id: 99, type: 'cancel', target }));
    },
    save,
    newId: () => 'new-dataset',
    now: () => new Date('2026-11-23T10:00:00Z')
  });
  await handler.handle({ id: 1, type: 'import', file, options: OPTIONS });
  const final = answers.filter((a) => a.type === 'error' || a.type === 'imported');
  expect(final).toHaveLength(1);
  return final[0] as Extract<ImportResponse, { type: 'error' | 'imported' }>;
}

/** A database that holds one earlier dataset ('old'), the state every fault must preserve. */
async function databaseWithOldDataset(
  options: ConstructorParameters<typeof LeverLabDb>[1] = {},
  use?: (db: LeverLabDb) => void
) {
  const db = new LeverLabDb(freshName('faults'), { storage: undefined, ...options });
  use?.(db);
  await db.open();
  opened.push(db);
  await saveDataset(db, meta('old'), table(), summaries());
  return db;
}

/** A DBCore middleware that fails every write to `tableName` after the first `okWrites` with `error`. */
function failWritesAfter(tableName: string, okWrites: number, error: () => Error, counter: { writes: number }) {
  return {
    stack: 'dbcore' as const,
    name: `fail-${tableName}-after-${okWrites}`,
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name: string) => {
        const t = down.table(name);
        if (name !== tableName) return t;
        return {
          ...t,
          mutate: (req: DBCoreMutateRequest) => {
            if (req.type === 'add' || req.type === 'put') {
              counter.writes++;
              if (counter.writes > okWrites) return Promise.reject(error());
            }
            return t.mutate(req);
          }
        };
      }
    })
  };
}

describe('a full disk in the middle of an import', () => {
  it('leaves the stored datasets as they were and says the storage is full, with usage and quota', async () => {
    const counter = { writes: 0 };
    const db = await databaseWithOldDataset(
      { storage: { estimate: async () => ({ usage: 1.9e9, quota: 2e9 }) } },
      (d) => d.use(failWritesAfter('transactions', 3, quota, counter))
    );
    const before = await storedState(db);
    counter.writes = 0;
    const answer = await importThrough(
      (m, t, c) => saveDataset(db, m, t, c, { rowsPerChunk: 500 }).then(() => undefined),
      transactionsCsv(4000)
    );
    // 4,000 rows in chunks of 500: three chunks were written inside the transaction before the fourth failed
    expect(counter.writes).toBe(4);
    expect(answer).toEqual({
      id: 1,
      type: 'error',
      error: {
        name: 'StorageError',
        code: 'quota',
        message:
          "Your browser's storage for this site is full (used 1.9 GB of 2.0 GB). Delete a dataset on the Data page or free disk space, then try again."
      }
    });
    expect(await storedState(db)).toEqual(before);
  });
});

describe('a cancelled import', () => {
  it('cancelled while parsing: nothing is saved and the answer is an AbortError', async () => {
    const db = await databaseWithOldDataset();
    const before = await storedState(db);
    let saves = 0;
    let cancelled = false;
    const answer = await importThrough(
      async (m, t, c) => {
        saves++;
        await saveDataset(db, m, t, c);
      },
      transactionsCsv(120_000),
      (r, cancel) => {
        if (r.type === 'progress' && r.progress.stage === 'parse' && !cancelled) {
          cancelled = true;
          cancel(1);
        }
      }
    );
    expect(cancelled).toBe(true);
    expect(answer).toMatchObject({ type: 'error', error: { name: 'AbortError', message: 'import cancelled' } });
    expect(saves).toBe(0);
    expect(await storedState(db)).toEqual(before);
  });

  it('cancelled from inside the save (a progress callback that throws): the whole dataset is rolled back', async () => {
    const db = await databaseWithOldDataset();
    const before = await storedState(db);
    const options: SaveDatasetOptions = {
      rowsPerChunk: 1000,
      onProgress: (p) => {
        if (p.phase === 'transactions' && p.done === 2) throw new DOMException('import cancelled', 'AbortError');
      }
    };
    const answer = await importThrough(
      (m, t, c) => saveDataset(db, m, t, c, options).then(() => undefined),
      transactionsCsv(5000)
    );
    expect(answer.type).toBe('error');
    expect(await storedState(db)).toEqual(before);
  });
});

describe('a worker killed (or a tab closed) in the middle of the save', () => {
  it('the browser aborts the open transaction; a new connection finds the data as it was', async () => {
    const db = await databaseWithOldDataset();
    const before = await storedState(db);
    const answer = await importThrough(
      (m, t, c) =>
        saveDataset(db, m, t, c, {
          rowsPerChunk: 500,
          onProgress: (p) => {
            // what a terminated worker amounts to for IndexedDB: its running transaction is aborted
            if (p.phase === 'transactions' && p.done === 3) Dexie.currentTransaction!.idbtrans.abort();
          }
        }).then(() => undefined),
      transactionsCsv(4000)
    );
    expect(answer.type).toBe('error');
    // the next tab: a fresh connection to the same database
    const reopened = await openDb(db.name, { storage: undefined });
    opened.push(reopened);
    expect(await storedState(reopened)).toEqual(before);
    expect((await listDatasets(reopened)).map((d) => d.id)).toEqual(['old']);
  });
});

/** Writes the 'old' dataset with the version-1 schema, as an older Lever Lab did, and closes. */
async function writeVersion1(name: string) {
  const v1 = new Dexie(name);
  v1.version(1).stores(SCHEMA_V1);
  await v1.open();
  await v1.table('datasets').put(meta('old'));
  await v1.table('customers').bulkPut(summaries().map((s) => ({ ...s, datasetId: 'old' })));
  v1.close();
}

/** "Another tab" at Dexie version 1 (native 10) that ignores versionchange events. */
function oldTab(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, 10);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

describe('an upgrade blocked by another tab', () => {
  it('the import worker answers with the blocked message instead of waiting, and the data survives the upgrade', async () => {
    const name = freshName('blocked-worker');
    await writeVersion1(name);
    const other = await oldTab(name);
    const answer = await importThrough(async (m, t, c) => {
      const db = await openDb(name, { storage: undefined, failWhenBlocked: true });
      opened.push(db);
      await saveDataset(db, m, t, c);
    }, transactionsCsv(50));
    expect(answer).toEqual({
      id: 1,
      type: 'error',
      error: { name: 'StorageError', message: BLOCKED_MESSAGE, code: 'blocked' }
    });
    // the old tab closes: the next open upgrades, with the old data and no half-saved import
    other.close();
    const db = await openDb(name, { storage: undefined });
    opened.push(db);
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect((await listDatasets(db)).map((d) => d.id)).toEqual(['old']);
    expect((await getSummaries(db, 'old')).map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(await db.transactions.count()).toBe(0);
  });

  it('the page is told in plain words and its open resumes, with the old data, once the other tab closes', async () => {
    const name = freshName('blocked-page');
    await writeVersion1(name);
    const other = await oldTab(name);
    const messages: string[] = [];
    const pageOpening = openDb(name, { storage: undefined, onBlocked: (m) => messages.push(m) });
    await new Promise((r) => setTimeout(r, 50));
    expect(messages).toEqual([BLOCKED_MESSAGE]);
    other.close();
    const db = await pageOpening;
    opened.push(db);
    expect((await listDatasets(db)).map((d) => d.id)).toEqual(['old']);
  });
});

describe('an upgrade made by another tab', () => {
  it("closes this tab's connection, tells it to reload, and an import then fails with that message and writes nothing", async () => {
    const messages: string[] = [];
    const db = await databaseWithOldDataset({ onVersionChange: (m) => messages.push(m) });
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(db.name, (CURRENT_SCHEMA_VERSION + 1) * 10); // a future schema version
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error('the newer tab was blocked: the old connection did not close'));
    });
    opened.push(newer);
    expect(messages).toEqual([VERSION_CHANGE_MESSAGE]);
    const answer = await importThrough(
      (m, t, c) => saveDataset(db, m, t, c).then(() => undefined),
      transactionsCsv(50)
    );
    expect(answer).toEqual({
      id: 1,
      type: 'error',
      error: { name: 'StorageError', message: VERSION_CHANGE_MESSAGE, code: 'versionchange' }
    });
    // the newer tab still sees exactly the one old dataset
    const count = await new Promise<number>((resolve, reject) => {
      const req = newer.transaction('datasets').objectStore('datasets').count();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    expect(count).toBe(1);
  });
});
