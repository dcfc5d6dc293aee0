/**
 * The fit worker: reads a dataset from IndexedDB, fits its baseline, answers with the engine
 * spec. The fitted models of the last dataset are kept, so asking again with another estimate
 * or other CLV terms only rebuilds the baseline and the CLV.
 */
import { openDb } from '../data/db/database.ts';
import { fitDatasetBaseline } from '../pipeline/fit-baseline.ts';
import type { FittedModels } from '../pipeline/fit-step.ts';
import type { FitRequest, FitResponse } from './fit-protocol.ts';
import { toWireError } from './rpc.ts';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<FitRequest>) => void) | null;
  postMessage(m: FitResponse): void;
};

/** fitted models of the datasets of one database (the newest only: a fit holds little, but datasets are many) */
let reuse: { dbName: string | undefined; fitted: Map<string, FittedModels> } = { dbName: undefined, fitted: new Map() };

scope.onmessage = async (e) => {
  const { id, datasetId, dbName, options } = e.data;
  try {
    if (reuse.dbName !== dbName) reuse = { dbName, fitted: new Map() };
    for (const key of reuse.fitted.keys()) if (key !== datasetId) reuse.fitted.delete(key);
    const db = await openDb(dbName);
    try {
      const result = await fitDatasetBaseline(
        db,
        datasetId,
        {
          ...options,
          onProgress: ({ stage, fraction }) => scope.postMessage({ id, type: 'progress', stage, fraction })
        },
        reuse.fitted
      );
      scope.postMessage({ id, type: 'fitted', result });
    } finally {
      db.close();
    }
  } catch (error) {
    scope.postMessage({ id, type: 'error', error: toWireError(error) });
  }
};
