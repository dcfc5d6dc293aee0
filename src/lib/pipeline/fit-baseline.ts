/**
 * The fit step on a stored dataset: read its meta and per-customer summaries from IndexedDB,
 * run the pure fit step (fit-step.ts) and save the fits in use with the dataset. The same
 * code runs in the fit worker (browser) and in node tests (fake-indexeddb).
 */
import type { LeverLabDb } from '../data/db/database.ts';
import { getDataset, getSummaries } from '../data/db/datasets.ts';
import { getSpendGroups } from '../data/db/evidence.ts';
import { saveFit } from '../data/db/fits.ts';
import type { FitResult } from '../model/core/types.ts';
import {
  fitBaseline,
  fitModels,
  withChosenModel,
  type FitAnswer,
  type FitStepOptions,
  type FittedModels
} from './fit-step.ts';

export type { FitAnswer } from './fit-step.ts';

/**
 * @param reuse fitted models by dataset id: a later call for the same dataset with other
 *   options (estimate in use, CLV terms) or another chosen model skips the fits made already
 */
export async function fitDatasetBaseline(
  db: LeverLabDb,
  datasetId: string,
  options: FitStepOptions = {},
  reuse?: Map<string, FittedModels>
): Promise<FitAnswer> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  const meta = await getDataset(db, datasetId);
  if (!meta) throw new Error(`no dataset with id ${datasetId}`);
  progress({ stage: 'Reading customers', fraction: 0 });
  const rows = await getSummaries(db, datasetId);
  // a compressed summary: its rows are groups, and Gamma-Gamma is fitted on its spend groups
  const spendGroups = meta.grouped ? ((await getSpendGroups(db, datasetId)) ?? null) : null;
  if (meta.grouped && !spendGroups)
    throw new Error(`dataset “${meta.name}” is a compressed summary, but its spend groups are not stored`);
  let fitted = reuse?.get(datasetId);
  if (!fitted) {
    fitted = fitModels(meta, rows, progress, spendGroups);
  }
  // the purchase model chosen on the Model page, fitted once and kept with the others
  fitted = withChosenModel(meta, rows, fitted, progress);
  reuse?.set(datasetId, fitted);
  const answer = fitBaseline(meta, rows, { ...options, fitted, spendGroups });
  for (const fit of answer.fits) await saveFit(db, datasetId, fit as FitResult);
  return { ...answer, elapsedMs: performance.now() - started };
}
