/**
 * The import worker: parses a dropped file, summarises it and saves the dataset,
 * off the main thread. Messages: src/lib/workers/import-protocol.ts; logic:
 * import-handler.ts; storage: the data layer's saveDataset (one Dexie transaction:
 * metadata, customer summaries and transaction chunks, all or nothing).
 */
import { openDb, type LeverLabDb } from '../data/db/database.ts';
import { saveDataset } from '../data/db/datasets.ts';
import { createImportHandler } from './import-handler.ts';
import type { ImportRequest, ImportResponse } from './import-protocol.ts';

let db: Promise<LeverLabDb> | null = null;
const scope = self as unknown as {
  postMessage(message: ImportResponse): void;
  onmessage: ((e: MessageEvent<ImportRequest>) => void) | null;
};

const handler = createImportHandler({
  post: (response) => scope.postMessage(response),
  save: async (meta, table, customers, extra) => {
    // a worker cannot show the blocked-upgrade notice: it answers with it instead of waiting
    // (and tries again on the next import)
    db ??= openDb(undefined, { failWhenBlocked: true });
    const opened = await db.catch((error: unknown) => {
      db = null;
      throw error;
    });
    await saveDataset(opened, meta, table, customers, extra);
  }
});

scope.onmessage = (event) => {
  void handler.handle(event.data);
};
