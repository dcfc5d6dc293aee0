/**
 * The fit worker: reads a dataset from IndexedDB, fits its baseline, answers with the engine
 * spec. The fitted models of the last dataset are kept, so asking again with another estimate
 * or other CLV terms only rebuilds the baseline and the CLV.
 */
import { openDb } from '../data/db/database.ts';
import { getDataset, getSummaries, getTransactions } from '../data/db/datasets.ts';
import { getSpendGroups } from '../data/db/evidence.ts';
import { evaluateGroupedSummary } from '../pipeline/compressed-evaluation.ts';
import { scoreCustomers } from '../pipeline/customer-scores.ts';
import { evaluateHoldout } from '../pipeline/holdout-evaluation.ts';
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
  const { id, datasetId, dbName } = e.data;
  const onProgress = ({ stage, fraction }: { stage: string; fraction: number }) =>
    scope.postMessage({ id, type: 'progress', stage, fraction });
  try {
    if (e.data.type === 'evaluate') {
      const options = e.data.options;
      const db = await openDb(dbName);
      let table;
      let groups;
      try {
        const meta = await getDataset(db, datasetId);
        // a compressed summary is compared on its groups and its own split
        if (meta?.grouped) {
          const spendGroups = await getSpendGroups(db, datasetId);
          if (!spendGroups) throw new Error(`the spend groups of “${meta.name}” are not stored`);
          groups = { meta: { ...meta, grouped: meta.grouped }, rows: await getSummaries(db, datasetId), spendGroups };
        } else table = await getTransactions(db, datasetId);
      } finally {
        db.close();
      }
      const result = groups
        ? evaluateGroupedSummary(groups, { models: options?.models, onProgress })
        : evaluateHoldout(table!, { ...options, onProgress });
      scope.postMessage({ id, type: 'evaluated', result });
      return;
    }
    if (e.data.type === 'score') {
      const options = e.data.options;
      const db = await openDb(dbName);
      let meta, rows, spendGroups;
      try {
        meta = await getDataset(db, datasetId);
        if (!meta) throw new Error(`no dataset with id ${datasetId}`);
        rows = await getSummaries(db, datasetId);
        if (meta.grouped) spendGroups = await getSpendGroups(db, datasetId);
      } finally {
        db.close();
      }
      const result = scoreCustomers(meta, rows, { ...options, spendGroups, onProgress });
      const transfer = [
        ...(result.groupCustomers ? [result.groupCustomers] : []),
        result.x,
        result.tx,
        result.T,
        result.m,
        result.pAlive,
        result.expected,
        result.expectedSpend,
        result.clvValue
      ].map((a) => a.buffer as ArrayBuffer);
      (scope.postMessage as (m: FitResponse, t: ArrayBuffer[]) => void)({ id, type: 'scored', result }, transfer);
      return;
    }
    const options = e.data.options;
    if (reuse.dbName !== dbName) reuse = { dbName, fitted: new Map() };
    for (const key of reuse.fitted.keys()) if (key !== datasetId) reuse.fitted.delete(key);
    const db = await openDb(dbName);
    try {
      const result = await fitDatasetBaseline(db, datasetId, { ...options, onProgress }, reuse.fitted);
      scope.postMessage({ id, type: 'fitted', result });
    } finally {
      db.close();
    }
  } catch (error) {
    scope.postMessage({ id, type: 'error', error: toWireError(error) });
  }
};
