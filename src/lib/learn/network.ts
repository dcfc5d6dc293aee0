/**
 * The networks the learners train: logistic regression (no hidden layer) or a small
 * multilayer perceptron (ReLU hidden layers), with a sigmoid output and binary
 * cross-entropy for binary outcomes, or a linear output and squared error for continuous
 * ones (spend, the transformed outcome). Weights are initialised with seeded Glorot-uniform
 * initialisers (Glorot & Bengio 2010) and L2-penalised; optimised by Adam (Kingma & Ba 2015).
 */
import type { Tf } from './tf.ts';
import type { LayersModel } from '@tensorflow/tfjs';
import { splitSeed } from '../model/core/random/index.ts';

export type OutcomeKind = 'binary' | 'continuous';

export interface NetworkSpec {
  /** hidden layer widths; [] = logistic / linear regression */
  hidden: number[];
  /** L2 penalty per weight (default 1e-4) */
  l2?: number;
  /** Adam learning rate (default 0.03) */
  learningRate?: number;
}

export function networkName(spec: NetworkSpec, kind: OutcomeKind): string {
  const base = kind === 'binary' ? 'logistic' : 'linear';
  return spec.hidden.length === 0 ? `${base} regression` : `MLP ${spec.hidden.join('-')} (${base} output)`;
}

export function validateNetworkSpec(spec: NetworkSpec): void {
  for (const width of spec.hidden) {
    if (!Number.isInteger(width) || width < 1)
      throw new RangeError(`invalid hidden layer width: ${width} (must be an integer >= 1)`);
  }
  if (spec.l2 !== undefined && !(spec.l2 >= 0)) throw new RangeError(`invalid L2 penalty: ${spec.l2} (must be >= 0)`);
  if (spec.learningRate !== undefined && !(spec.learningRate > 0)) {
    throw new RangeError(`invalid learning rate: ${spec.learningRate} (must be > 0)`);
  }
}

/** Builds and compiles a network for `inputSize` features, weights seeded by `seed`. */
export function buildNetwork(
  tf: Tf,
  inputSize: number,
  spec: NetworkSpec,
  kind: OutcomeKind,
  seed: number
): LayersModel {
  validateNetworkSpec(spec);
  if (!Number.isInteger(inputSize) || inputSize < 1) throw new RangeError(`invalid input size: ${inputSize}`);
  const l2 = spec.l2 ?? 1e-4;
  const model = tf.sequential();
  const widths = [...spec.hidden, 1];
  widths.forEach((units, layer) => {
    const last = layer === widths.length - 1;
    model.add(
      tf.layers.dense({
        units,
        inputShape: layer === 0 ? [inputSize] : undefined,
        activation: last ? (kind === 'binary' ? 'sigmoid' : 'linear') : 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: splitSeed(seed, layer) }),
        biasInitializer: 'zeros',
        kernelRegularizer: l2 > 0 ? tf.regularizers.l2({ l2 }) : undefined
      })
    );
  });
  model.compile({
    optimizer: tf.train.adam(spec.learningRate ?? 0.03),
    loss: kind === 'binary' ? 'binaryCrossentropy' : 'meanSquaredError'
  });
  return model;
}

/**
 * Disposes a network and its optimiser state. `LayersModel.dispose()` keeps an optimiser
 * passed to compile() as an object (it is not "owned"), so Adam's moment tensors would leak.
 */
export function disposeNetwork(model: LayersModel): void {
  const optimizer = model.optimizer;
  model.dispose();
  optimizer?.dispose();
}
