/**
 * Datasets in IndexedDB: save (atomically), list, read back, delete.
 *
 * saveDataset writes the metadata, the customer summaries (columnar chunks of 10,000,
 * customer-chunks.ts) and the transaction chunks in ONE read-write Dexie transaction: if anything throws (a bad row, a full
 * disk, a progress callback that cancels) IndexedDB aborts the transaction and the
 * database is exactly as it was, including an older version of the same dataset.
 */
import { Dexie } from 'dexie';
import type { CustomerSummary, DatasetMeta, ModelChoice, TransactionTable } from '../types.ts';
import type { LeverLabDb } from './database.ts';
import { DEFAULT_CHUNK_ROWS, decodeChunks, encodeChunks } from './chunks.ts';
import { chunkBytes, summaryBytes } from './schema.ts';
import {
  decodeCustomerChunks,
  DEFAULT_CUSTOMERS_PER_CHUNK,
  encodeCustomerChunks,
  inIdOrder
} from './customer-chunks.ts';
import type { DatasetRecord, SpendEvidence, SpendGroupsEvidence } from './records.ts';
import { checkedCurrency } from '../import/amounts.ts';

export interface SaveProgress {
  phase: 'transactions' | 'customers';
  done: number;
  total: number;
}

export interface SaveDatasetOptions {
  rowsPerChunk?: number;
  /** customer summaries per stored chunk (progress is reported after each) */
  customersPerBatch?: number;
  /** called inside the transaction after each batch; throwing cancels the whole save */
  onProgress?: (progress: SaveProgress) => void;
  /**
   * media spend stored with the dataset in the same transaction (a sample's spend history, in the
   * table and shape of an imported spend file); without it, any stored spend of the id stays
   */
  spend?: Omit<SpendEvidence, 'datasetId' | 'kind' | 'savedAt'>;
  /** the Gamma-Gamma spend groups of a compressed summary, stored in the same transaction */
  spendGroups?: Omit<SpendGroupsEvidence, 'datasetId' | 'kind' | 'savedAt'>;
}

function datasetRange(datasetId: string): [[string, unknown], [string, unknown]] {
  return [
    [datasetId, Dexie.minKey],
    [datasetId, Dexie.maxKey]
  ];
}

function assertMeta(meta: DatasetMeta): void {
  if (typeof meta.id !== 'string' || meta.id.length === 0) {
    throw new TypeError(`invalid dataset id: ${JSON.stringify(meta.id)} (must be a non-empty string)`);
  }
}

/**
 * Saves (or replaces) a dataset with its transactions and customer summaries, all or
 * nothing. Replacing a dataset also removes its old fits, which describe the old rows.
 */
export async function saveDataset(
  db: LeverLabDb,
  meta: DatasetMeta,
  transactions: TransactionTable,
  summaries: CustomerSummary[],
  options: SaveDatasetOptions = {}
): Promise<DatasetRecord> {
  assertMeta(meta);
  const chunks = encodeChunks(meta.id, transactions, options.rowsPerChunk ?? DEFAULT_CHUNK_ROWS);
  const batch = options.customersPerBatch ?? DEFAULT_CUSTOMERS_PER_CHUNK;
  if (!Number.isInteger(batch) || batch < 1)
    throw new RangeError(`invalid customers per batch: ${batch} (must be an integer >= 1)`);
  const seen = new Set<string>();
  for (const s of summaries) {
    if (typeof s.id !== 'string' || s.id.length === 0)
      throw new TypeError(`invalid customer id in summaries: ${JSON.stringify(s.id)}`);
    if (seen.has(s.id)) throw new RangeError(`invalid summaries: customer id ${JSON.stringify(s.id)} appears twice`);
    seen.add(s.id);
  }
  // stored in id order, as the one-row-per-customer table of schema v1-v2 returned them
  const customerChunks = encodeCustomerChunks(meta.id, inIdOrder(summaries), batch);
  const record: DatasetRecord = {
    ...meta,
    storageBytes: chunks.reduce((sum, c) => sum + chunkBytes(c), 0) + summaryBytes(summaries)
  };
  const { onProgress, spend, spendGroups } = options;
  return db.guard(() =>
    db.transaction('rw', [db.datasets, db.customerChunks, db.transactions, db.fits, db.evidence], async () => {
      const [lo, hi] = datasetRange(meta.id);
      await db.customerChunks.where('[datasetId+chunk]').between(lo, hi, true, true).delete();
      await db.transactions.where('[datasetId+chunk]').between(lo, hi, true, true).delete();
      await db.fits.where('datasetId').equals(meta.id).delete();
      for (let i = 0; i < chunks.length; i++) {
        await db.transactions.add(chunks[i]);
        onProgress?.({ phase: 'transactions', done: i + 1, total: chunks.length });
      }
      let done = 0;
      for (const chunk of customerChunks) {
        await db.customerChunks.add(chunk);
        done += chunk.rows;
        onProgress?.({ phase: 'customers', done, total: summaries.length });
      }
      if (spend) {
        const row: SpendEvidence = { ...spend, datasetId: meta.id, kind: 'spend', savedAt: db.isoNow() };
        await db.evidence.put(row);
      }
      // a dataset saved again under its id keeps no spend groups of its old rows
      if (spendGroups) {
        const row: SpendGroupsEvidence = {
          ...spendGroups,
          datasetId: meta.id,
          kind: 'spend-groups',
          savedAt: db.isoNow()
        };
        await db.evidence.put(row);
      } else await db.evidence.delete([meta.id, 'spend-groups']);
      await db.datasets.put(record);
      return record;
    })
  );
}

/**
 * Stores the ISO 4217 code of a dataset's money (a field of the record: no index, so no
 * schema version; records without it read as the scenario's currency). Throws for an
 * unknown dataset or a code Intl does not know.
 */
export async function setDatasetCurrency(db: LeverLabDb, datasetId: string, currency: string): Promise<void> {
  const code = checkedCurrency(currency);
  await db.guard(() =>
    db.transaction('rw', db.datasets, async () => {
      if (!(await db.datasets.get(datasetId)))
        throw new RangeError(`no dataset ${JSON.stringify(datasetId)} to set the currency of`);
      await db.datasets.update(datasetId, { currency: code });
    })
  );
}

/** All datasets, newest first. */
export async function listDatasets(db: LeverLabDb): Promise<DatasetRecord[]> {
  return db.guard(async () => (await db.datasets.orderBy('createdAt').toArray()).reverse());
}

export async function getDataset(db: LeverLabDb, datasetId: string): Promise<DatasetRecord | undefined> {
  return db.guard(() => db.datasets.get(datasetId));
}

/** A dataset's customer summaries (in id order), without the datasetId bookkeeping field. */
/**
 * Stores the purchase model chosen for a dataset (a field of its record: no index, so no schema
 * change), or clears it with null. Deleting the dataset deletes the choice with it.
 */
export async function setModelChoice(db: LeverLabDb, datasetId: string, choice: ModelChoice | null): Promise<void> {
  const updated = await db.guard(() =>
    db.datasets.update(datasetId, choice ? { modelChoice: choice } : { modelChoice: undefined })
  );
  if (!updated) throw new Error(`no dataset with id ${datasetId}`);
}

export async function getSummaries(db: LeverLabDb, datasetId: string): Promise<CustomerSummary[]> {
  const [lo, hi] = datasetRange(datasetId);
  const chunks = await db.guard(() =>
    db.customerChunks.where('[datasetId+chunk]').between(lo, hi, true, true).toArray()
  );
  return decodeCustomerChunks(chunks);
}

/** A dataset's transactions in the order they were saved (empty table when it has none). */
export async function getTransactions(db: LeverLabDb, datasetId: string): Promise<TransactionTable> {
  const [lo, hi] = datasetRange(datasetId);
  const chunks = await db.guard(() => db.transactions.where('[datasetId+chunk]').between(lo, hi, true, true).toArray());
  return decodeChunks(chunks);
}

export interface DeletedCounts {
  datasets: number;
  customers: number;
  transactionChunks: number;
  fits: number;
  models: number;
}

/**
 * Deletes a dataset and everything derived from it (customers, transaction chunks, fits,
 * learned models), in one transaction. Saved scenarios survive, detached (datasetId null).
 */
export async function deleteDataset(db: LeverLabDb, datasetId: string): Promise<DeletedCounts> {
  const [lo, hi] = datasetRange(datasetId);
  return db.guard(() =>
    db.transaction(
      'rw',
      [db.datasets, db.customerChunks, db.transactions, db.fits, db.models, db.scenarios, db.evidence],
      async () => {
        const datasets = (await db.datasets.get(datasetId)) ? 1 : 0;
        await db.datasets.delete(datasetId);
        const customerRange = db.customerChunks.where('[datasetId+chunk]').between(lo, hi, true, true);
        let customers = 0;
        await customerRange.each((c) => (customers += c.rows));
        await customerRange.delete();
        const transactionChunks = await db.transactions.where('[datasetId+chunk]').between(lo, hi, true, true).delete();
        const fits = await db.fits.where('datasetId').equals(datasetId).delete();
        const models = await db.models.where('datasetId').equals(datasetId).delete();
        await db.evidence.where('datasetId').equals(datasetId).delete();
        await db.scenarios.where('datasetId').equals(datasetId).modify({ datasetId: null });
        return { datasets, customers, transactionChunks, fits, models };
      }
    )
  );
}
