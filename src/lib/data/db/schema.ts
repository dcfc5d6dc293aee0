/**
 * The versioned IndexedDB schema of Lever Lab and its migrations.
 *
 * Dexie store syntax: the first entry is the primary key ([a+b] = compound key), the
 * others are indexes. A version is never edited once shipped: a change is a new
 * version with an `upgrade()` that transforms the stored rows, so a browser holding
 * data written by any earlier release opens it with the current code.
 *
 * v1: datasets, customers, transaction chunks, fits, scenarios {id, name, createdAt, scenario},
 *     notebooks, models, settings.
 * v2: scenarios gain `updatedAt` (= createdAt for old rows) and `datasetId` (null), indexed;
 *     datasets gain `storageBytes` computed from their transaction chunks and a `source` index;
 *     fits gain a `datasetId` index (list a dataset's fits without a key range).
 * v3: customer summaries move from one row per customer (`customers`) to columnar chunks of
 *     10,000 (`customerChunks`, [datasetId+chunk], see customer-chunks.ts); the upgrade
 *     converts every dataset's rows, in id order, and empties `customers`.
 * v4: the emptied `customers` table is dropped (Dexie lets an upgrade read a table only if
 *     it is deleted in a later version).
 * v5: `evidence` [datasetId+kind]: what a dataset brings besides its transactions, one row per
 *     kind: its media spend history ('spend') and its lift tests ('lift-tests'); a new table,
 *     so no rows to transform.
 * v6: `answers` keyed by notebook slug: a reader's answers to a notebook's graded questions
 *     ({ key, student, answers, updatedAt }); a new table, so no rows to transform.
 */
import { Dexie, type Transaction } from 'dexie';
import type { CustomerRecord, TransactionChunk } from './records.ts';
import type { CustomerSummary } from '../types.ts';
import { DEFAULT_CUSTOMERS_PER_CHUNK, encodeCustomerChunk } from './customer-chunks.ts';

export const SCHEMA_V1 = {
  datasets: 'id, createdAt',
  customers: '[datasetId+id]',
  transactions: '[datasetId+chunk]',
  fits: '[datasetId+model]',
  scenarios: 'id, createdAt',
  notebooks: 'slug',
  models: 'id, datasetId',
  settings: 'key'
} as const;

export const SCHEMA_V2 = {
  datasets: 'id, createdAt, source',
  customers: '[datasetId+id]',
  transactions: '[datasetId+chunk]',
  fits: '[datasetId+model], datasetId',
  scenarios: 'id, updatedAt, datasetId',
  notebooks: 'slug',
  models: 'id, datasetId',
  settings: 'key'
} as const;

export const SCHEMA_V3 = { ...SCHEMA_V2, customerChunks: '[datasetId+chunk]' } as const;

export const SCHEMA_V4 = { ...SCHEMA_V3, customers: null } as const;

export const SCHEMA_V5 = { ...SCHEMA_V4, evidence: '[datasetId+kind], datasetId' } as const;

export const SCHEMA_V6 = { ...SCHEMA_V5, answers: 'key' } as const;

/** The schema version this code writes. */
export const CURRENT_SCHEMA_VERSION = 6;

/** Approximate stored size of one transaction chunk: typed-array bytes plus UTF-16 strings. */
export function chunkBytes(
  chunk: Pick<
    TransactionChunk,
    'customerIds' | 'channels' | 'customerIndex' | 'day' | 'amount' | 'quantity' | 'channelIndex'
  >
): number {
  let bytes =
    chunk.customerIndex.byteLength +
    chunk.day.byteLength +
    chunk.amount.byteLength +
    chunk.quantity.byteLength +
    chunk.channelIndex.byteLength;
  for (const id of chunk.customerIds) bytes += 2 * id.length;
  for (const c of chunk.channels) bytes += 2 * c.length;
  return bytes;
}

/** Approximate stored size of customer summary rows: eight numbers and the UTF-16 strings of each. */
export function summaryBytes(
  summaries: readonly Pick<CustomerSummary, 'id' | 'firstDate' | 'lastDate' | 'channel' | 'segment' | 'region'>[]
): number {
  let bytes = 0;
  for (const s of summaries)
    bytes +=
      8 * 8 +
      2 *
        (s.id.length + s.firstDate.length + s.lastDate.length + s.channel.length + s.segment.length + s.region.length);
  return bytes;
}

/** v1 -> v2 row transformation; runs inside Dexie's versionchange transaction. */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table('scenarios')
    .toCollection()
    .modify((row: Record<string, unknown>) => {
      if (typeof row.updatedAt !== 'string') row.updatedAt = row.createdAt;
      if (row.datasetId === undefined) row.datasetId = null;
    });
  const bytesByDataset = new Map<string, number>();
  await tx.table('transactions').each((chunk: TransactionChunk) => {
    bytesByDataset.set(chunk.datasetId, (bytesByDataset.get(chunk.datasetId) ?? 0) + chunkBytes(chunk));
  });
  await tx
    .table('datasets')
    .toCollection()
    .modify((row: Record<string, unknown>) => {
      if (typeof row.storageBytes !== 'number') row.storageBytes = bytesByDataset.get(row.id as string) ?? 0;
    });
}

/**
 * v2 -> v3: each dataset's customer rows (read in primary-key order, i.e. by id) become
 * columnar chunks of 10,000 in `customerChunks`; `customers` is then emptied (dropped in v4).
 * Reads one dataset at a time, so memory holds one dataset's summaries, not the table's.
 */
export async function upgradeToV3(tx: Transaction): Promise<void> {
  const customers = tx.table('customers');
  const keys = (await customers.toCollection().primaryKeys()) as unknown as [string, string][];
  const datasetIds: string[] = [];
  for (const [datasetId] of keys) if (datasetIds.at(-1) !== datasetId) datasetIds.push(datasetId);
  for (const datasetId of datasetIds) {
    const rows = (await customers
      .where('[datasetId+id]')
      .between([datasetId, Dexie.minKey], [datasetId, Dexie.maxKey], true, true)
      .toArray()) as CustomerRecord[];
    const chunks = [];
    for (let start = 0, k = 0; start < rows.length; start += DEFAULT_CUSTOMERS_PER_CHUNK, k++) {
      const slice = rows
        .slice(start, start + DEFAULT_CUSTOMERS_PER_CHUNK)
        .map(({ datasetId: _omit, ...summary }) => summary);
      chunks.push(encodeCustomerChunk(datasetId, k, slice));
    }
    await tx.table('customerChunks').bulkAdd(chunks);
  }
  await customers.clear();
}
