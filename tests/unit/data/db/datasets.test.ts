import { afterEach, describe, expect, it } from 'vitest';
import {
  getSpendGroups,
  openDb,
  saveDataset,
  listDatasets,
  getDataset,
  getSummaries,
  getTransactions,
  deleteDataset,
  setDatasetCurrency,
  saveFit,
  getFits,
  saveModel,
  listModels,
  saveScenario,
  getScenario,
  saveEvidence,
  getLiftTestEvidence,
  getSpendEvidence,
  encodeChunks,
  decodeChunks,
  type LeverLabDb
} from '$lib/data/db';
import type { TransactionTable } from '$lib/data/types';
import type { FitResult } from '$lib/model/core/types';
import type { Scenario } from '$lib/model/scenario/scenario-types';
import { freshName, meta, summaries, summary, table } from './fixtures';

const opened: LeverLabDb[] = [];
async function open(): Promise<LeverLabDb> {
  const db = await openDb(freshName(), { storage: undefined, now: () => Date.UTC(2026, 10, 23, 10) });
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const fit: FitResult = {
  version: 1,
  model: 'bgnbd',
  params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  logLik: -9582.4,
  n: 2357,
  stdErr: { r: 0.013, alpha: 0.38, a: 0.185, b: 0.705 },
  logCov: [],
  converged: true,
  iterations: 30,
  fitMs: 5
};

function expectSameTable(actual: TransactionTable, expected: TransactionTable): void {
  expect(actual.length).toBe(expected.length);
  expect(actual.customerId).toEqual(expected.customerId);
  expect(Array.from(actual.day)).toEqual(Array.from(expected.day));
  expect(Array.from(actual.amount)).toEqual(Array.from(expected.amount)); // NaN equals NaN in toEqual
  expect(Array.from(actual.quantity)).toEqual(Array.from(expected.quantity));
  expect(actual.channel).toEqual(expected.channel);
}

describe('transaction chunks', () => {
  it('splits a table into chunks of the given size and joins them back unchanged', () => {
    const chunks = encodeChunks('d', table(), 2);
    expect(chunks.map((c) => c.rows)).toEqual([2, 2, 1]);
    // each chunk stores its distinct customer ids once: rows a,a -> one id
    expect(chunks[0].customerIds).toEqual(['a']);
    expectSameTable(decodeChunks([...chunks].reverse()), table());
  });

  it('rejects a table whose columns disagree with its length, naming the column', () => {
    const bad = { ...table(), day: new Int32Array(4) };
    expect(() => encodeChunks('d', bad)).toThrow(/column day has 4 entries, length says 5/);
  });
});

describe('setDatasetCurrency', () => {
  it('stores an ISO code with the dataset; a record without one reads as before', async () => {
    const db = await open();
    await saveDataset(db, meta('d1'), table(), summaries());
    expect((await getDataset(db, 'd1'))?.currency).toBeUndefined(); // older records: the scenario's currency
    await setDatasetCurrency(db, 'd1', 'eur');
    expect((await getDataset(db, 'd1'))?.currency).toBe('EUR');
    expect((await getSummaries(db, 'd1')).length).toBe(summaries().length); // nothing else touched
  });
  it('refuses a code Intl does not know and an unknown dataset, changing nothing', async () => {
    const db = await open();
    await saveDataset(db, { ...meta('d1'), currency: 'JPY' }, table(), summaries());
    await expect(setDatasetCurrency(db, 'd1', 'EURO')).rejects.toThrow(/invalid currency: "EURO"/);
    await expect(setDatasetCurrency(db, 'nope', 'EUR')).rejects.toThrow(/no dataset "nope"/);
    expect((await getDataset(db, 'd1'))?.currency).toBe('JPY');
  });
});

describe('saveDataset', () => {
  it('stores metadata, summaries and transactions that read back identically', async () => {
    const db = await open();
    const saved = await saveDataset(db, meta('d1'), table(), summaries(), { rowsPerChunk: 2 });
    expect(saved.storageBytes).toBeGreaterThan(0);
    expect(await getDataset(db, 'd1')).toEqual(saved);
    expect(await getSummaries(db, 'd1')).toEqual(summaries());
    expectSameTable(await getTransactions(db, 'd1'), table());
    expect(await db.transactions.count()).toBe(3);
  });

  it('keeps the counts of grouped rows and the spend groups, and drops the spend groups when saved again without', async () => {
    const db = await open();
    const grouped = summaries().map((s, i) => ({ ...s, count: [400, 1, 25][i] }));
    const spendGroups = {
      name: 'w',
      x: Float64Array.from([1]),
      m: Float64Array.from([12.5]),
      customers: Float64Array.from([425])
    };
    await saveDataset(db, meta('g'), table(), grouped, { spendGroups });
    expect((await getSummaries(db, 'g')).map((r) => r.count)).toEqual([400, 1, 25]);
    expect(Array.from((await getSpendGroups(db, 'g'))!.customers)).toEqual([425]);
    await saveDataset(db, meta('g'), table(), summaries());
    expect((await getSummaries(db, 'g')).every((r) => !('count' in r))).toBe(true);
    expect(await getSpendGroups(db, 'g')).toBeUndefined();
  });

  it('lists datasets newest first', async () => {
    const db = await open();
    await saveDataset(db, meta('old', '2026-01-01T00:00:00.000Z'), table(), summaries());
    await saveDataset(db, meta('new', '2026-02-01T00:00:00.000Z'), table(), summaries());
    expect((await listDatasets(db)).map((d) => d.id)).toEqual(['new', 'old']);
  });

  it('leaves the database unchanged when the save fails part-way through the transaction', async () => {
    const db = await open();
    await saveDataset(db, meta('d1'), table(), summaries());
    const replacement = { ...meta('d1'), name: 'replacement' };
    const bigger = [...summaries(), summary('d', 2), summary('e', 3)];
    let calls = 0;
    await expect(
      saveDataset(db, replacement, table(), bigger, {
        rowsPerChunk: 1,
        customersPerBatch: 2,
        onProgress: (p) => {
          calls += 1;
          // transactions and the first customer batch are written by now: fail mid-transaction
          if (p.phase === 'customers' && p.done === 2) throw new Error('disk unplugged');
        }
      })
    ).rejects.toThrow(/disk unplugged/);
    expect(calls).toBe(6); // 5 transaction chunks + 1 customer batch were written before the failure
    expect((await getDataset(db, 'd1'))?.name).toBe('Dataset d1');
    expect(await getSummaries(db, 'd1')).toEqual(summaries());
    expectSameTable(await getTransactions(db, 'd1'), table());
    expect(await db.transactions.count()).toBe(1); // the original single 50k chunk, not the 5 new ones
  });

  it('leaves nothing behind when IndexedDB itself rejects a row after the chunks were written', async () => {
    const db = await open();
    // a function cannot be structured-cloned: bulkAdd throws DataCloneError inside the transaction
    const unstorable = { ...summary('z', 1), segment: (() => 'x') as unknown as string };
    await expect(saveDataset(db, meta('x'), table(), [...summaries(), unstorable])).rejects.toThrow();
    expect(await db.datasets.count()).toBe(0);
    expect(await db.customerChunks.count()).toBe(0);
    expect(await db.transactions.count()).toBe(0);
  });

  it('replacing a dataset drops its old fits, which describe the old rows', async () => {
    const db = await open();
    await saveDataset(db, meta('d1'), table(), summaries());
    await saveFit(db, 'd1', fit);
    await saveDataset(db, meta('d1'), table(), summaries());
    expect(await getFits(db, 'd1')).toEqual([]);
  });
});

describe('deleteDataset', () => {
  it('removes the dataset, its customers, chunks, fits and models, and detaches its scenarios', async () => {
    const db = await open();
    await saveDataset(db, meta('d1'), table(), summaries(), { rowsPerChunk: 2 });
    await saveDataset(db, meta('d2'), table(), summaries());
    await saveFit(db, 'd1', fit);
    await saveModel(db, {
      id: 'm1',
      name: 'churn',
      kind: 'churn',
      datasetId: 'd1',
      modelTopology: {},
      weightSpecs: [],
      weightData: new ArrayBuffer(0),
      metrics: {}
    });
    const scenario = await saveScenario(db, { name: 'base', scenario: { version: 1 } as Scenario, datasetId: 'd1' });
    const tests = [
      {
        kind: 'lever' as const,
        assumptionId: 'loyalty.rateLift',
        control: { size: 10, conversions: 1 },
        treatment: { size: 10, conversions: 2 },
        start: '2025-01-01',
        end: '2025-02-01',
        note: ''
      }
    ];
    for (const id of ['d1', 'd2']) await saveEvidence(db, { datasetId: id, kind: 'lift-tests', name: 't.csv', tests });
    expect((await getLiftTestEvidence(db, 'd1'))?.tests).toEqual(tests);

    const counts = await deleteDataset(db, 'd1');

    expect(counts).toEqual({ datasets: 1, customers: 3, transactionChunks: 3, fits: 1, models: 1 });
    expect(await getDataset(db, 'd1')).toBeUndefined();
    expect(await getSummaries(db, 'd1')).toEqual([]);
    expect((await getTransactions(db, 'd1')).length).toBe(0);
    expect(await listModels(db, 'd1')).toEqual([]);
    expect((await getScenario(db, scenario.id))?.datasetId).toBeNull();
    // the other dataset is untouched
    expect(await getSummaries(db, 'd2')).toEqual(summaries());
    expect(await db.customerChunks.count()).toBe(1); // d2's 3 customers, one chunk
    expect(await db.transactions.count()).toBe(1);
    // its evidence goes with it
    expect(await getLiftTestEvidence(db, 'd1')).toBeUndefined();
    expect(await getSpendEvidence(db, 'd1')).toBeUndefined();
    expect((await getLiftTestEvidence(db, 'd2'))?.savedAt).toBe('2026-11-23T10:00:00.000Z');
  });
});
