/**
 * Conversion between a saved network (model-io.ts) and a row of the Dexie `models` table
 * (src/lib/data/db/records.ts ModelRecord, saved with saveModel). The fitted encoder and
 * any target standardisation travel in `extra`, since a network is useless without the
 * feature encoding it was trained on.
 */
import type { ModelRecord } from '../data/db/records.ts';
import type { SavedNetwork } from './model-io.ts';
import type { FittedEncoder } from './encoder.ts';

export interface ModelRecordMeta {
  id: string;
  name: string;
  /** 'churn' | 'propensity' | 'uplift' | ... */
  kind: string;
  datasetId: string | null;
  metrics: Record<string, number>;
  encoder: FittedEncoder;
  /** continuous targets: prediction = mean + sd * network output */
  targetScale?: { mean: number; sd: number };
  /** anything else to keep with the model (arm, outcome, model name ...) */
  extra?: Record<string, unknown>;
}

/** The input of saveModel(db, ...) for a saved network. */
export function toModelRecordInput(
  saved: SavedNetwork,
  meta: ModelRecordMeta
): Omit<ModelRecord, 'version' | 'createdAt'> {
  return {
    id: meta.id,
    name: meta.name,
    kind: meta.kind,
    datasetId: meta.datasetId,
    modelTopology: saved.topology,
    weightSpecs: saved.weightSpecs as ModelRecord['weightSpecs'],
    weightData: saved.weightData,
    metrics: meta.metrics,
    extra: { ...meta.extra, encoder: meta.encoder, targetScale: meta.targetScale ?? null, learnVersion: 1 }
  };
}

/** The saved network and its encoder from a stored record. */
export function fromModelRecord(record: ModelRecord): {
  network: SavedNetwork;
  encoder: FittedEncoder;
  targetScale: { mean: number; sd: number } | null;
} {
  const encoder = record.extra?.encoder as FittedEncoder | undefined;
  if (!encoder || encoder.version !== 1) {
    throw new RangeError(`model ${record.id} has no learn encoder in extra.encoder (was it saved by src/lib/learn?)`);
  }
  return {
    network: {
      version: 1,
      topology: record.modelTopology as object,
      weightSpecs: record.weightSpecs as SavedNetwork['weightSpecs'],
      weightData: record.weightData
    },
    encoder,
    targetScale: (record.extra?.targetScale as { mean: number; sd: number } | null | undefined) ?? null
  };
}
