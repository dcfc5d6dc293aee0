/**
 * Saving and loading networks as plain data through custom tfjs IO handlers
 * (tf.io.withSaveHandler / tf.io.fromMemory): the topology JSON, the weight specs and one
 * ArrayBuffer of weights, so a model can be stored in IndexedDB (Dexie `models` table),
 * posted between a worker and the page, or written to disk by the CLI. Loading gives
 * bit-identical weights, hence identical predictions on the same backend.
 */
import type { Tf } from './tf.ts';
import type { LayersModel, io } from '@tensorflow/tfjs';

export interface SavedNetwork {
  version: 1;
  /** Keras-style model topology JSON */
  topology: object;
  weightSpecs: io.WeightsManifestEntry[];
  /** all weights, concatenated in weightSpecs order */
  weightData: ArrayBuffer;
}

/** Serialises `model` (topology and weights, not the optimiser state). */
export async function saveNetwork(tf: Tf, model: LayersModel): Promise<SavedNetwork> {
  let saved: SavedNetwork | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      if (!artifacts.modelTopology || !artifacts.weightSpecs || !artifacts.weightData) {
        throw new Error('saveNetwork: tfjs produced artifacts without topology, weight specs or weights');
      }
      const weightData = Array.isArray(artifacts.weightData)
        ? tf.io.CompositeArrayBuffer.join(artifacts.weightData)
        : artifacts.weightData;
      saved = {
        version: 1,
        topology: artifacts.modelTopology as object,
        weightSpecs: artifacts.weightSpecs,
        weightData: weightData.slice(0)
      };
      return {
        modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weightData.byteLength }
      };
    }),
    { includeOptimizer: false }
  );
  if (!saved) throw new Error('saveNetwork: the save handler was not called');
  return saved;
}

/** Rebuilds a network saved by saveNetwork (uncompiled: for prediction). */
export async function loadNetwork(tf: Tf, saved: SavedNetwork): Promise<LayersModel> {
  if (saved?.version !== 1)
    throw new RangeError(`loadNetwork: unsupported saved network version ${saved?.version} (expected 1)`);
  const expectedBytes = saved.weightSpecs.reduce((sum, spec) => {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    return sum + size * (spec.dtype === 'float32' || spec.dtype === 'int32' ? 4 : spec.dtype === 'bool' ? 1 : 4);
  }, 0);
  if (saved.weightData.byteLength !== expectedBytes) {
    throw new RangeError(
      `loadNetwork: weight data has ${saved.weightData.byteLength} bytes, the specs need ${expectedBytes}`
    );
  }
  return tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: saved.topology, weightSpecs: saved.weightSpecs, weightData: saved.weightData })
  );
}
