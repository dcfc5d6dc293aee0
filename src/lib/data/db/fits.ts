/** Saved model fits, one per (dataset, model); saving again replaces the previous fit. */
import type { FitResult, ModelName } from '../../model/core/types.ts';
import type { LeverLabDb } from './database.ts';
import type { FitRecord } from './records.ts';

export async function saveFit(db: LeverLabDb, datasetId: string, fit: FitResult): Promise<FitRecord> {
  if (fit.version !== 1)
    throw new RangeError(`invalid fit version: ${String(fit.version)} (this code reads version 1)`);
  const record: FitRecord = { datasetId, model: fit.model, fit, savedAt: db.isoNow() };
  await db.guard(() => db.fits.put(record));
  return record;
}

/** All fits saved for a dataset. */
export async function getFits(db: LeverLabDb, datasetId: string): Promise<FitRecord[]> {
  return db.guard(() => db.fits.where('datasetId').equals(datasetId).toArray());
}

export async function getFit(db: LeverLabDb, datasetId: string, model: ModelName): Promise<FitRecord | undefined> {
  return db.guard(() => db.fits.get([datasetId, model]));
}
