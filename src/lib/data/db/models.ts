/**
 * Learned (tfjs) models in IndexedDB: JSON topology, weight specs, one weight
 * ArrayBuffer and metrics, plus an IOHandler with tfjs' save/load shape
 * (tf.io.IOHandler: save(ModelArtifacts) -> SaveResult, load() -> ModelArtifacts),
 * written structurally so the data layer does not import tfjs:
 *   await model.save(modelIOHandler(db, { id, name, kind, datasetId, metrics }))
 *   const model = await tf.loadLayersModel(modelIOHandler(db, { id }))
 */
import type { LeverLabDb } from './database.ts';
import type { ModelRecord, WeightSpec } from './records.ts';

export type SaveModelInput = Omit<ModelRecord, 'version' | 'createdAt'>;

export async function saveModel(db: LeverLabDb, input: SaveModelInput): Promise<ModelRecord> {
  if (input.id.length === 0) throw new TypeError('invalid model id: "" (must not be empty)');
  const declared = input.weightSpecs.reduce((sum, s) => sum + weightBytes(s), 0);
  if (Number.isFinite(declared) && declared !== input.weightData.byteLength) {
    throw new RangeError(
      `invalid model weights for ${input.id}: weight specs describe ${declared} bytes, weightData has ${input.weightData.byteLength}`
    );
  }
  const record: ModelRecord = { ...input, version: 1, createdAt: db.isoNow() };
  await db.guard(() => db.models.put(record));
  return record;
}

export async function loadModel(db: LeverLabDb, id: string): Promise<ModelRecord | undefined> {
  return db.guard(() => db.models.get(id));
}

/** Saved models, optionally of one dataset. */
export async function listModels(db: LeverLabDb, datasetId?: string): Promise<ModelRecord[]> {
  return db.guard(() =>
    datasetId === undefined ? db.models.toArray() : db.models.where('datasetId').equals(datasetId).toArray()
  );
}

export async function deleteModel(db: LeverLabDb, id: string): Promise<void> {
  await db.guard(() => db.models.delete(id));
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8 };

/** Bytes of one tensor's weights (NaN for string tensors, whose size the spec does not fix). */
function weightBytes(spec: WeightSpec): number {
  const size = spec.shape.reduce((n, d) => n * d, 1);
  const quant = spec.quantization as { dtype?: string } | undefined;
  const perValue =
    quant?.dtype === 'uint8'
      ? 1
      : quant?.dtype === 'uint16' || quant?.dtype === 'float16'
        ? 2
        : DTYPE_BYTES[spec.dtype];
  return perValue === undefined ? NaN : size * perValue;
}

/** The parts of tfjs' ModelArtifacts this handler stores. */
export interface ModelArtifactsLike {
  modelTopology?: unknown;
  weightSpecs?: WeightSpec[];
  weightData?: ArrayBuffer | ArrayBuffer[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  trainingConfig?: unknown;
  userDefinedMetadata?: Record<string, unknown>;
}

export interface ModelIOHandlerLike {
  save(
    artifacts: ModelArtifactsLike
  ): Promise<{ modelArtifactsInfo: { dateSaved: Date; modelTopologyType: 'JSON'; weightDataBytes: number } }>;
  load(): Promise<ModelArtifactsLike>;
}

function concatBuffers(data: ArrayBuffer | ArrayBuffer[] | undefined): ArrayBuffer {
  if (data === undefined) return new ArrayBuffer(0);
  if (!Array.isArray(data)) return data;
  const out = new Uint8Array(data.reduce((n, b) => n + b.byteLength, 0));
  let offset = 0;
  for (const b of data) {
    out.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return out.buffer;
}

export function modelIOHandler(
  db: LeverLabDb,
  info: { id: string; name?: string; kind?: string; datasetId?: string | null; metrics?: Record<string, number> }
): ModelIOHandlerLike {
  return {
    async save(artifacts) {
      const weightData = concatBuffers(artifacts.weightData);
      const { modelTopology, weightSpecs, weightData: _w, ...extra } = artifacts;
      await saveModel(db, {
        id: info.id,
        name: info.name ?? info.id,
        kind: info.kind ?? 'model',
        datasetId: info.datasetId ?? null,
        modelTopology: modelTopology ?? null,
        weightSpecs: weightSpecs ?? [],
        weightData,
        metrics: info.metrics ?? {},
        extra
      });
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(db.now()),
          modelTopologyType: 'JSON',
          weightDataBytes: weightData.byteLength
        }
      };
    },
    async load() {
      const record = await loadModel(db, info.id);
      if (!record) throw new RangeError(`no saved model with id ${JSON.stringify(info.id)}`);
      return {
        ...(record.extra ?? {}),
        modelTopology: record.modelTopology,
        weightSpecs: record.weightSpecs,
        weightData: record.weightData
      };
    }
  };
}
