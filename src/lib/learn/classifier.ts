/**
 * Churn / propensity classifier on tabular customer data: encoder fitted on the training
 * rows only (one-hot + standardisation), seeded stratified train/test split, logistic
 * regression or a small MLP trained with tfjs, and held-out evaluation: exact AUC
 * (Mann-Whitney with ties), calibration by deciles, Brier score and log loss.
 *
 * After training, the output bias is refitted exactly (refit-bias.ts).
 *
 * Feature effects: for logistic regression the coefficients on the standardised inputs
 * (log-odds change per training standard deviation, or per level vs. an average customer);
 * for any network, grouped permutation importance (Breiman 2001; Fisher, Rudin & Dominici
 * 2019): the drop in held-out AUC when one source column (all its one-hot columns
 * together) is permuted across test rows with a seeded permutation.
 */
import type { Tf } from './tf.ts';
import { loadTf, type TfOptions } from './tf.ts';
import type { FeatureTable } from './table.ts';
import { takeRows, takeValues } from './table.ts';
import { encode, fitEncoder, type EncoderSpec, type FittedEncoder, type DesignMatrix } from './encoder.ts';
import { buildNetwork, disposeNetwork, networkName, type NetworkSpec } from './network.ts';
import { predict, trainNetwork, type TrainOptions, type TrainSummary } from './train.ts';
import { saveNetwork, type SavedNetwork } from './model-io.ts';
import { refitOutputBias } from './refit-bias.ts';
import { seededPermutation, trainTestSplit } from './split.ts';
import { auc } from './auc.ts';
import { calibration, type Calibration } from './calibration.ts';
import { splitSeed } from '../model/core/random/index.ts';

export interface ClassifierOptions extends TrainOptions, TfOptions {
  features: EncoderSpec;
  /** name of what is predicted, e.g. "churn" */
  labelName?: string;
  network?: NetworkSpec;
  /** share of rows held out (default 0.25) */
  testShare?: number;
  /** compute permutation importance (default true) */
  permutationImportance?: boolean;
  /** return the trained network serialised (default false) */
  saveModel?: boolean;
}

export interface FeatureEffect {
  feature: string;
  /** logistic regression only: coefficient on the standardised / one-hot input, log-odds */
  coefficient: number | null;
}

export interface PermutationImportance {
  /** source column */
  column: string;
  /** held-out AUC minus the AUC with the column permuted */
  aucDrop: number;
}

export interface ClassifierMetrics {
  aucTest: number;
  aucTrain: number;
  brierTest: number;
  logLossTest: number;
  nTrain: number;
  nTest: number;
  positiveRateTrain: number;
  positiveRateTest: number;
}

export interface ClassifierResult {
  version: 1;
  modelName: string;
  labelName: string;
  backend: string;
  metrics: ClassifierMetrics;
  calibration: Calibration;
  effects: FeatureEffect[];
  intercept: number | null;
  importance: PermutationImportance[] | null;
  /** held-out rows and their predicted probabilities */
  testRows: Uint32Array;
  testPredicted: Float64Array;
  training: TrainSummary;
  encoder: FittedEncoder;
  model: SavedNetwork | null;
  seed: number;
  trainedAt: string;
  millis: number;
}

function rowMatrix(design: DesignMatrix, rows: ArrayLike<number>): Float32Array {
  const { columns } = design;
  const x = new Float32Array(rows.length * columns);
  for (let k = 0; k < rows.length; k++)
    x.set(design.values.subarray(rows[k] * columns, (rows[k] + 1) * columns), k * columns);
  return x;
}

export async function trainClassifier(
  features: FeatureTable,
  label: ArrayLike<number>,
  options: ClassifierOptions,
  tfModule?: Tf
): Promise<ClassifierResult> {
  const started = Date.now();
  const n = features.length;
  if (label.length !== n)
    throw new RangeError(`classifier: ${n} feature rows but ${label.length} labels (must be equal)`);
  for (let i = 0; i < n; i++) {
    if (label[i] !== 0 && label[i] !== 1)
      throw new RangeError(`classifier: label ${i} is ${label[i]} (must be 0 or 1)`);
  }
  const tf = tfModule ?? (await loadTf(options));
  const network = options.network ?? { hidden: [] };
  const seed = options.seed ?? 1;
  const { train, test } = trainTestSplit(n, options.testShare ?? 0.25, splitSeed(seed, 1), label);
  const encoder = fitEncoder(takeRows(features, train), options.features);
  const design = encode(encoder, features);
  const { columns } = design;
  const xTrain = rowMatrix(design, train);
  const xTest = rowMatrix(design, test);
  const yTrain = takeValues(label, train);
  const yTest = takeValues(label, test);
  const modelSeed = splitSeed(seed, 2);
  const model = buildNetwork(tf, columns, network, 'binary', modelSeed);
  try {
    const training = await trainNetwork(
      tf,
      model,
      xTrain,
      Float32Array.from(yTrain),
      train.length,
      columns,
      { ...options, seed: modelSeed },
      options.labelName ?? 'classifier'
    );
    refitOutputBias(tf, model, predict(tf, model, xTrain, train.length, columns), yTrain, 'binary');
    const pTrain = predict(tf, model, xTrain, train.length, columns);
    const pTest = predict(tf, model, xTest, test.length, columns);
    const aucTest = auc(pTest, yTest);

    let intercept: number | null = null;
    let coefficients: Float32Array | null = null;
    if (network.hidden.length === 0) {
      const [kernel, bias] = model.getWeights();
      coefficients = kernel.dataSync() as Float32Array;
      intercept = bias.dataSync()[0];
    }
    const effects: FeatureEffect[] = encoder.featureNames.map((feature, j) => ({
      feature,
      coefficient: coefficients ? coefficients[j] : null
    }));

    let importance: PermutationImportance[] | null = null;
    if (options.permutationImportance ?? true) {
      importance = [];
      const sources = [...new Set(encoder.sourceColumns)];
      for (const [s, column] of sources.entries()) {
        const permutation = seededPermutation(test.length, splitSeed(seed, 100 + s));
        const permuted = xTest.slice();
        encoder.sourceColumns.forEach((source, j) => {
          if (source !== column) return;
          for (let k = 0; k < test.length; k++) permuted[k * columns + j] = xTest[permutation[k] * columns + j];
        });
        const p = predict(tf, model, permuted, test.length, columns);
        importance.push({ column, aucDrop: aucTest - auc(p, yTest) });
      }
      importance.sort((a, b) => b.aucDrop - a.aucDrop);
    }
    const saved = options.saveModel ? await saveNetwork(tf, model) : null;
    const heldOutCalibration = calibration(pTest, yTest, Math.min(10, test.length));
    const positiveRate = (y: Float64Array) => y.reduce((a, b) => a + b, 0) / y.length;
    return {
      version: 1,
      modelName: networkName(network, 'binary'),
      labelName: options.labelName ?? 'label',
      backend: tf.getBackend(),
      metrics: {
        aucTest,
        aucTrain: auc(pTrain, yTrain),
        brierTest: heldOutCalibration.brier,
        logLossTest: heldOutCalibration.logLoss,
        nTrain: train.length,
        nTest: test.length,
        positiveRateTrain: positiveRate(yTrain),
        positiveRateTest: positiveRate(yTest)
      },
      calibration: heldOutCalibration,
      effects,
      intercept,
      importance,
      testRows: test,
      testPredicted: pTest,
      training,
      encoder,
      model: saved,
      seed,
      trainedAt: new Date().toISOString(),
      millis: Date.now() - started
    };
  } finally {
    disposeNetwork(model);
  }
}
