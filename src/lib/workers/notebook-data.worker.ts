/**
 * The notebook-data worker: fits a stored dataset's baseline for a notebook bound to it and
 * says what the dataset provides (pipeline/notebook-data.ts). Nothing of it runs on the page.
 */
import { openDb } from '../data/db/database.ts';
import { prepareNotebookData } from '../pipeline/notebook-data.ts';
import type { NotebookDataRequest, NotebookDataResponse } from './notebook-data-protocol.ts';
import { toWireError } from './rpc.ts';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<NotebookDataRequest>) => void) | null;
  postMessage(m: NotebookDataResponse): void;
};

scope.onmessage = async (e) => {
  const { id, datasetId, dbName } = e.data;
  try {
    const db = await openDb(dbName);
    try {
      const result = await prepareNotebookData(db, datasetId, {
        onProgress: ({ stage, fraction }) => scope.postMessage({ id, type: 'progress', stage, fraction })
      });
      scope.postMessage({ id, type: 'prepared', result });
    } finally {
      db.close();
    }
  } catch (error) {
    scope.postMessage({ id, type: 'error', error: toWireError(error) });
  }
};
