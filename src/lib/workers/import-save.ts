/**
 * The import worker's one storage write: the dataset record, its customer
 * summaries and its transactions (columnar chunks, ids dictionary-encoded per
 * chunk) in a single read-write Dexie transaction, so a dataset is either fully
 * there or not at all. Uses engineer C's database (src/lib/data/db); when C's
 * own `saveDataset` lands this function should delegate to it.
 */
import type { CustomerSummary, DatasetMeta, TransactionTable } from '../data/types.ts';
import type { LeverLabDb } from '../data/db/database.ts';
import type { CustomerRecord, DatasetRecord, TransactionChunk } from '../data/db/records.ts';
import { chunkBytes } from '../data/db/schema.ts';

export const CHUNK_ROWS = 1 << 16;

/** Splits a table into chunks of at most CHUNK_ROWS rows with per-chunk dictionaries. */
export function toChunks(datasetId: string, table: TransactionTable, rowsPerChunk = CHUNK_ROWS): TransactionChunk[] {
  const chunks: TransactionChunk[] = [];
  for (let from = 0, k = 0; from < table.length; from += rowsPerChunk, k++) {
    const to = Math.min(table.length, from + rowsPerChunk);
    const ids = new Map<string, number>();
    const channels = new Map<string, number>();
    const customerIndex = new Int32Array(to - from);
    const channelIndex = new Uint16Array(to - from);
    for (let i = from; i < to; i++) {
      const id = table.customerId[i];
      let c = ids.get(id);
      if (c === undefined) ids.set(id, (c = ids.size));
      customerIndex[i - from] = c;
      const ch = table.channel[i];
      let h = channels.get(ch);
      if (h === undefined) {
        if (channels.size === 0xffff) throw new RangeError(`too many distinct channels in one chunk (more than ${0xffff})`);
        channels.set(ch, (h = channels.size));
      }
      channelIndex[i - from] = h;
    }
    chunks.push({
      datasetId,
      chunk: k,
      rows: to - from,
      customerIds: [...ids.keys()],
      customerIndex,
      day: table.day.slice(from, to),
      amount: table.amount.slice(from, to),
      quantity: table.quantity.slice(from, to),
      channels: [...channels.keys()],
      channelIndex
    });
  }
  return chunks;
}

/** Writes meta, customers and transaction chunks atomically. */
export async function saveImportedDataset(
  db: LeverLabDb,
  meta: DatasetMeta,
  table: TransactionTable,
  customers: readonly CustomerSummary[]
): Promise<void> {
  const chunks = toChunks(meta.id, table);
  const record: DatasetRecord = { ...meta, storageBytes: chunks.reduce((a, c) => a + chunkBytes(c), 0) };
  const rows: CustomerRecord[] = customers.map((c) => ({ ...c, datasetId: meta.id }));
  await db.guard(() =>
    db.transaction('rw', db.datasets, db.customers, db.transactions, async () => {
      await db.datasets.put(record);
      await db.customers.bulkPut(rows);
      await db.transactions.bulkPut(chunks);
    })
  );
}
