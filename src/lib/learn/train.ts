/**
 * Seeded, cancellable mini-batch training of a compiled tfjs network.
 *
 * Each epoch draws a seeded permutation of the rows (Fisher-Yates from the project
 * generator, not tfjs's Math.random shuffle), so the same seed gives the same weights up to
 * float32 rounding. Every ~50 ms the loop yields to the event loop (so a worker receives a
 * cancel message while it trains); the AbortSignal is checked after every batch; progress (epoch, loss)
 * is reported after every epoch. When an epoch improves the loss by less than `tolerance`
 * (relative), the learning rate is halved (reduce-on-plateau, so the mini-batch noise
 * around the optimum shrinks and the fitted intercepts reproduce the training means);
 * training stops at `epochs` or after `patience` such plateaus in a row. Every tensor
 * made here is disposed before returning, also on abort and error.
 */
import type { Tf } from './tf.ts';
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import { seededPermutation } from './split.ts';
import { splitSeed } from '../model/core/random/index.ts';

export interface TrainProgress {
  /** which model of a multi-model learner is training, e.g. "arm Womens E-Mail" */
  model: string;
  /** 1-based epoch just finished */
  epoch: number;
  /** maximum epochs */
  epochs: number;
  /** mean training loss of the epoch (including the L2 penalty) */
  loss: number;
}

export interface TrainOptions {
  /** maximum number of epochs (default 30) */
  epochs?: number;
  /** rows per mini-batch (default 256) */
  batchSize?: number;
  /** relative loss improvement below which an epoch counts as a plateau (default 1e-4) */
  tolerance?: number;
  /** plateau epochs in a row (each halving the learning rate) needed to stop early (default 3) */
  patience?: number;
  /** seed for the weight initialisation and the batch order */
  seed?: number;
  signal?: AbortSignal;
  onProgress?: (progress: TrainProgress) => void;
}

export interface TrainSummary {
  epochs: number;
  finalLoss: number;
  lossHistory: number[];
  converged: boolean;
  millis: number;
}

/** The error thrown when training is cancelled through the AbortSignal. */
export class TrainingAborted extends Error {
  constructor(what: string) {
    super(`training of ${what} was cancelled`);
    this.name = 'AbortError';
  }
}

export function checkTrainOptions(options: TrainOptions): void {
  const { epochs, batchSize, tolerance, patience } = options;
  if (epochs !== undefined && !(Number.isInteger(epochs) && epochs >= 1))
    throw new RangeError(`invalid epochs: ${epochs} (must be an integer >= 1)`);
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize >= 1)) {
    throw new RangeError(`invalid batch size: ${batchSize} (must be an integer >= 1)`);
  }
  if (tolerance !== undefined && !(tolerance >= 0))
    throw new RangeError(`invalid tolerance: ${tolerance} (must be >= 0)`);
  if (patience !== undefined && !(Number.isInteger(patience) && patience >= 1))
    throw new RangeError(`invalid patience: ${patience} (must be an integer >= 1)`);
}

const YIELD_EVERY_MS = 50;

/** Resolves on a later macrotask, so queued messages (e.g. a cancel request) are handled. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Halves the learning rate of the model's optimiser (Adam and SGD keep it in `learningRate`). */
function halveLearningRate(model: LayersModel): void {
  const optimizer = model.optimizer as unknown as { learningRate?: number };
  if (typeof optimizer.learningRate === 'number') optimizer.learningRate /= 2;
}

/**
 * Trains `model` on the row-major `x` (rows x columns) and targets `y`.
 * `label` names the model in progress reports and errors.
 */
export async function trainNetwork(
  tf: Tf,
  model: LayersModel,
  x: Float32Array,
  y: Float32Array,
  rows: number,
  columns: number,
  options: TrainOptions,
  label: string
): Promise<TrainSummary> {
  checkTrainOptions(options);
  if (x.length !== rows * columns)
    throw new RangeError(`design matrix has ${x.length} values, expected ${rows} x ${columns}`);
  if (y.length !== rows) throw new RangeError(`${y.length} targets for ${rows} rows`);
  if (rows < 1) throw new RangeError(`no rows to train ${label} on`);
  const epochs = options.epochs ?? 30;
  const batchSize = Math.min(options.batchSize ?? 256, rows);
  const tolerance = options.tolerance ?? 1e-4;
  const patience = options.patience ?? 3;
  const seed = options.seed ?? 0;
  const started = Date.now();
  const lossHistory: number[] = [];
  let calm = 0;
  let converged = false;
  let lastYield = Date.now();
  const xAll = tf.tensor2d(x, [rows, columns], 'float32');
  const yAll = tf.tensor2d(y, [rows, 1], 'float32');
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      if (options.signal?.aborted) throw new TrainingAborted(label);
      const permutation = seededPermutation(rows, splitSeed(seed, 1000 + epoch));
      const [xEpoch, yEpoch] = tf.tidy(() => {
        const index = tf.tensor1d(Int32Array.from(permutation), 'int32');
        return [tf.gather(xAll, index), tf.gather(yAll, index)] as [Tensor, Tensor];
      });
      let history;
      try {
        history = await model.fit(xEpoch, yEpoch, {
          epochs: 1,
          batchSize,
          shuffle: false,
          verbose: 0,
          callbacks: {
            onBatchEnd: async () => {
              // let the event loop run (a worker's 'cancel' message, progress delivery) every ~50 ms
              if (Date.now() - lastYield > YIELD_EVERY_MS) {
                await yieldToEventLoop();
                lastYield = Date.now();
              }
              if (options.signal?.aborted) model.stopTraining = true;
            }
          }
        });
      } finally {
        xEpoch.dispose();
        yEpoch.dispose();
      }
      if (options.signal?.aborted) throw new TrainingAborted(label);
      const loss = Number(history.history.loss[0]);
      if (!Number.isFinite(loss)) throw new Error(`training of ${label} diverged: loss ${loss} at epoch ${epoch}`);
      const previous = lossHistory[lossHistory.length - 1];
      lossHistory.push(loss);
      options.onProgress?.({ model: label, epoch, epochs, loss });
      if (previous !== undefined && previous - loss < tolerance * Math.abs(previous)) {
        calm++;
        halveLearningRate(model);
        if (calm >= patience) {
          converged = true;
          break;
        }
      } else {
        calm = 0;
      }
    }
  } finally {
    xAll.dispose();
    yAll.dispose();
  }
  return {
    epochs: lossHistory.length,
    finalLoss: lossHistory[lossHistory.length - 1],
    lossHistory,
    converged,
    millis: Date.now() - started
  };
}

/** Predictions of `model` for the row-major `x`, as Float64 (batched, tensors disposed). */
export function predict(tf: Tf, model: LayersModel, x: Float32Array, rows: number, columns: number): Float64Array {
  const out = new Float64Array(rows);
  const chunk = 8192;
  for (let start = 0; start < rows; start += chunk) {
    const end = Math.min(rows, start + chunk);
    const values = tf.tidy(() => {
      const input = tf.tensor2d(x.subarray(start * columns, end * columns), [end - start, columns], 'float32');
      return (model.predict(input) as Tensor).dataSync();
    });
    for (let i = start; i < end; i++) out[i] = values[i - start];
  }
  return out;
}
