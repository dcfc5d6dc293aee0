/** The fit worker: reads a dataset from IndexedDB, fits its baseline, answers with the engine spec. */
import { openDb } from '../data/db/database.ts';
import { fitDatasetBaseline } from '../pipeline/fit-baseline.ts';
import type { FitRequest, FitResponse } from './fit-protocol.ts';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<FitRequest>) => void) | null;
  postMessage(m: FitResponse): void;
};

scope.onmessage = async (e) => {
  const { id, datasetId, dbName } = e.data;
  try {
    const db = await openDb(dbName);
    try {
      const result = await fitDatasetBaseline(db, datasetId, (stage) =>
        scope.postMessage({ id, type: 'progress', stage })
      );
      scope.postMessage({ id, type: 'fitted', result });
    } finally {
      db.close();
    }
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    scope.postMessage({ id, type: 'error', error: { name: err.name, message: err.message } });
  }
};
