/**
 * Uplift (heterogeneous treatment effect) models for a randomised, possibly multi-arm,
 * campaign such as Hillstrom's (Mens E-Mail / Womens E-Mail / No E-Mail).
 *
 * - T-learner (Künzel, Sekhon, Bickel & Yu 2019, PNAS 116(10), eq. 3): one response model
 *   mu_a(x) = E[Y | X = x, arm = a] per arm, fitted on that arm's training rows; the uplift
 *   of arm a over the control c is tau_a(x) = mu_a(x) - mu_c(x).
 * - Transformed outcome (Athey & Imbens 2015; Gutierrez & Gerardy 2017, eq. 9): with
 *   p = P(arm = a) among the rows of arms a and c, Z = Y (W / p - (1 - W) / (1 - p)) has
 *   E[Z | x] = tau_a(x); one squared-error regression of Z on x per treated arm.
 *
 * After mini-batch training, each model's output bias is refitted exactly (refit-bias.ts), so
 * the mean fitted response equals the mean training outcome. Rows are split into train and held-out test, stratified by arm and seeded. Each treated arm
 * is evaluated on the held-out rows of that arm and the control: Qini curve and coefficient
 * (Radcliffe 2007), uplift by decile, and the difference-in-means effect it should recover.
 */
import type { Tf } from './tf.ts';
import { loadTf, type TfOptions } from './tf.ts';
import type { FeatureTable } from './table.ts';
import { takeRows, takeValues } from './table.ts';
import { encode, fitEncoder, type EncoderSpec, type FittedEncoder } from './encoder.ts';
import { buildNetwork, disposeNetwork, networkName, type NetworkSpec, type OutcomeKind } from './network.ts';
import { predict, trainNetwork, type TrainOptions, type TrainSummary } from './train.ts';
import { saveNetwork, type SavedNetwork } from './model-io.ts';
import { refitOutputBias } from './refit-bias.ts';
import { trainTestSplit } from './split.ts';
import { qiniCurve, upliftByBin, type QiniCurve, type UpliftBin } from './qini.ts';
import { auc } from './auc.ts';
import { splitSeed } from '../model/core/random/index.ts';

export type UpliftMethod = 't-learner' | 'transformed-outcome';

export interface UpliftData {
  features: FeatureTable;
  /** the arm (treatment label) of each customer */
  arm: string[];
  /** the outcome of each customer (0/1 for visit or conversion, currency for spend) */
  outcome: Float64Array;
}

export interface UpliftOptions extends TrainOptions, TfOptions {
  /** feature columns to use */
  features: EncoderSpec;
  /** label of the control arm */
  control: string;
  /** treated arms to model (default: every arm other than the control) */
  treatments?: string[];
  /** binary (0/1) or continuous outcome */
  outcomeKind: OutcomeKind;
  /** outcome name for reports, e.g. "visit" */
  outcomeName?: string;
  method?: UpliftMethod;
  /** network per model (default logistic / linear regression) */
  network?: NetworkSpec;
  /** share of rows held out for evaluation (default 0.3) */
  testShare?: number;
  /** also return the trained networks serialised (default false) */
  saveModels?: boolean;
}

export interface ArmUplift {
  arm: string;
  /** treated and control rows used to train this arm's model(s) */
  trainTreated: number;
  trainControl: number;
  testTreated: number;
  testControl: number;
  /** difference in mean outcome between the arm and the control, all rows */
  observedEffect: number;
  /** mean predicted uplift over all rows (the model's average treatment effect) */
  estimatedEffect: number;
  /** difference in means and mean predicted uplift on the held-out rows of the two arms */
  observedEffectTest: number;
  estimatedEffectTest: number;
  /** Qini curve of the held-out rows ranked by predicted uplift */
  qini: QiniCurve;
  /** held-out uplift by decile of predicted uplift */
  deciles: UpliftBin[];
}

export interface ArmResponse {
  arm: string;
  /** observed mean outcome of the arm, all rows */
  observedMean: number;
  /** T-learner only: mean of mu_a(x) over all rows (a randomised arm should match observedMean) */
  predictedMean: number | null;
  /** T-learner with a binary outcome: held-out AUC of mu_a on the arm's test rows */
  heldOutAuc: number | null;
}

export interface UpliftResult {
  version: 1;
  method: UpliftMethod;
  modelName: string;
  backend: string;
  outcomeName: string;
  outcomeKind: OutcomeKind;
  control: string;
  arms: ArmUplift[];
  responses: ArmResponse[];
  /** predicted uplift over the control for every row, per treated arm */
  predictedUplift: Record<string, Float64Array>;
  /** held-out row indices */
  testRows: Uint32Array;
  training: Record<string, TrainSummary>;
  encoder: FittedEncoder;
  models: Record<string, SavedNetwork> | null;
  /** per model: the standardisation of a continuous target (prediction = mean + sd * network output) */
  targetScales: Record<string, { mean: number; sd: number }>;
  seed: number;
  trainedAt: string;
  millis: number;
}

function mean(values: ArrayLike<number>, rows: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < rows.length; k++) s += values[rows[k]];
  return rows.length > 0 ? s / rows.length : NaN;
}

/** Mean and standard deviation (Welford) of a training target; sd 1 for a constant target. */
function targetScale(target: Float32Array): { mean: number; sd: number } {
  let mean = 0;
  let m2 = 0;
  for (let k = 0; k < target.length; k++) {
    const delta = target[k] - mean;
    mean += delta / (k + 1);
    m2 += delta * (target[k] - mean);
  }
  const sd = target.length > 1 ? Math.sqrt(m2 / (target.length - 1)) : 0;
  return { mean, sd: sd > 0 ? sd : 1 };
}

function rowsWhere(n: number, test: (i: number) => boolean): Uint32Array {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (test(i)) out.push(i);
  return Uint32Array.from(out);
}

function checkData(data: UpliftData, options: UpliftOptions): string[] {
  const n = data.features.length;
  if (data.arm.length !== n || data.outcome.length !== n) {
    throw new RangeError(
      `uplift: ${n} feature rows, ${data.arm.length} arms and ${data.outcome.length} outcomes (must be equal)`
    );
  }
  const arms = new Set(data.arm);
  if (!arms.has(options.control)) {
    throw new RangeError(`uplift: control arm "${options.control}" not in the data (arms: ${[...arms].join(', ')})`);
  }
  const treatments = options.treatments ?? [...arms].filter((a) => a !== options.control).sort();
  if (treatments.length === 0) throw new RangeError('uplift: no treated arm besides the control');
  for (const arm of treatments) {
    if (!arms.has(arm))
      throw new RangeError(`uplift: treated arm "${arm}" not in the data (arms: ${[...arms].join(', ')})`);
    if (arm === options.control) throw new RangeError(`uplift: arm "${arm}" is both treated and control`);
  }
  for (let i = 0; i < n; i++) {
    const y = data.outcome[i];
    if (!Number.isFinite(y)) throw new RangeError(`uplift: outcome ${i} is ${y} (must be finite)`);
    if (options.outcomeKind === 'binary' && y !== 0 && y !== 1) {
      throw new RangeError(`uplift: binary outcome ${i} is ${y} (must be 0 or 1)`);
    }
  }
  return treatments;
}

/** Trains the uplift model(s) and evaluates them on held-out rows. */
export async function trainUplift(data: UpliftData, options: UpliftOptions, tfModule?: Tf): Promise<UpliftResult> {
  const started = Date.now();
  const treatments = checkData(data, options);
  const tf = tfModule ?? (await loadTf(options));
  const method = options.method ?? 't-learner';
  const network = options.network ?? { hidden: [] };
  const seed = options.seed ?? 1;
  const n = data.features.length;
  const { train, test } = trainTestSplit(n, options.testShare ?? 0.3, splitSeed(seed, 1), data.arm);
  const inTrain = new Uint8Array(n);
  for (const i of train) inTrain[i] = 1;

  const encoder = fitEncoder(takeRows(data.features, train), options.features);
  const design = encode(encoder, data.features);
  const { columns } = design;
  const trainRowsOf = (keep: (i: number) => boolean) => rowsWhere(n, (i) => inTrain[i] === 1 && keep(i));
  const gatherX = (rows: Uint32Array) => {
    const x = new Float32Array(rows.length * columns);
    for (let k = 0; k < rows.length; k++)
      x.set(design.values.subarray(rows[k] * columns, (rows[k] + 1) * columns), k * columns);
    return x;
  };

  const training: Record<string, TrainSummary> = {};
  const models: Record<string, SavedNetwork> = {};
  const predictedUplift: Record<string, Float64Array> = {};
  const targetScales: Record<string, { mean: number; sd: number }> = {};
  const responses: ArmResponse[] = [];
  const kind: OutcomeKind = method === 'transformed-outcome' ? 'continuous' : options.outcomeKind;

  async function fitModel(
    key: string,
    rows: Uint32Array,
    target: Float32Array,
    modelSeed: number
  ): Promise<Float64Array> {
    if (rows.length < 2) throw new RangeError(`uplift: model "${key}" has ${rows.length} training rows (need >= 2)`);
    // continuous targets (spend, the transformed outcome) are standardised on the training rows,
    // so the squared-error gradients are O(1) whatever the currency scale; predictions are mapped back
    const scale = kind === 'continuous' ? targetScale(target) : { mean: 0, sd: 1 };
    const scaled = kind === 'continuous' ? target.map((y) => (y - scale.mean) / scale.sd) : target;
    const model = buildNetwork(tf, columns, network, kind, modelSeed);
    try {
      const x = gatherX(rows);
      training[key] = await trainNetwork(
        tf,
        model,
        x,
        scaled,
        rows.length,
        columns,
        { ...options, seed: modelSeed },
        key
      );
      refitOutputBias(tf, model, predict(tf, model, x, rows.length, columns), scaled, kind);
      if (options.saveModels) models[key] = await saveNetwork(tf, model);
      targetScales[key] = scale;
      return predict(tf, model, design.values, n, columns).map((v) => scale.mean + scale.sd * v);
    } finally {
      disposeNetwork(model);
    }
  }

  const allArms = [options.control, ...treatments];
  if (method === 't-learner') {
    const mu: Record<string, Float64Array> = {};
    for (const [index, arm] of allArms.entries()) {
      const rows = trainRowsOf((i) => data.arm[i] === arm);
      const target = Float32Array.from(rows, (i) => data.outcome[i]);
      mu[arm] = await fitModel(`arm ${arm}`, rows, target, splitSeed(seed, 10 + index));
    }
    for (const arm of treatments) {
      const tau = new Float64Array(n);
      for (let i = 0; i < n; i++) tau[i] = mu[arm][i] - mu[options.control][i];
      predictedUplift[arm] = tau;
    }
    for (const arm of allArms) {
      const all = rowsWhere(n, (i) => data.arm[i] === arm);
      const armTest = rowsWhere(n, (i) => inTrain[i] === 0 && data.arm[i] === arm);
      let heldOutAuc: number | null = null;
      if (options.outcomeKind === 'binary') {
        const y = takeValues(data.outcome, armTest);
        const positives = y.reduce((s, v) => s + v, 0);
        if (positives > 0 && positives < y.length) heldOutAuc = auc(takeValues(mu[arm], armTest), y);
      }
      const allRows = rowsWhere(n, () => true);
      responses.push({ arm, observedMean: mean(data.outcome, all), predictedMean: mean(mu[arm], allRows), heldOutAuc });
    }
  } else {
    for (const [index, arm] of treatments.entries()) {
      const rows = trainRowsOf((i) => data.arm[i] === arm || data.arm[i] === options.control);
      let treatedCount = 0;
      for (const i of rows) if (data.arm[i] === arm) treatedCount++;
      const p = treatedCount / rows.length;
      if (!(p > 0 && p < 1))
        throw new RangeError(`uplift: arm "${arm}" has treated share ${p} in training (must be in (0, 1))`);
      const target = Float32Array.from(rows, (i) =>
        data.arm[i] === arm ? data.outcome[i] / p : -data.outcome[i] / (1 - p)
      );
      predictedUplift[arm] = await fitModel(
        `arm ${arm} vs ${options.control}`,
        rows,
        target,
        splitSeed(seed, 10 + index)
      );
    }
    for (const arm of allArms) {
      responses.push({
        arm,
        observedMean: mean(
          data.outcome,
          rowsWhere(n, (i) => data.arm[i] === arm)
        ),
        predictedMean: null,
        heldOutAuc: null
      });
    }
  }

  const arms: ArmUplift[] = treatments.map((arm) => {
    const tau = predictedUplift[arm];
    const treated = rowsWhere(n, (i) => data.arm[i] === arm);
    const control = rowsWhere(n, (i) => data.arm[i] === options.control);
    const testPair = rowsWhere(n, (i) => inTrain[i] === 0 && (data.arm[i] === arm || data.arm[i] === options.control));
    const testTreated = testPair.filter((i) => data.arm[i] === arm);
    const testControl = testPair.filter((i) => data.arm[i] === options.control);
    const score = takeValues(tau, testPair);
    const flag = Uint8Array.from(testPair, (i) => (data.arm[i] === arm ? 1 : 0));
    const outcome = takeValues(data.outcome, testPair);
    return {
      arm,
      trainTreated: treated.length - testTreated.length,
      trainControl: control.length - testControl.length,
      testTreated: testTreated.length,
      testControl: testControl.length,
      observedEffect: mean(data.outcome, treated) - mean(data.outcome, control),
      estimatedEffect: mean(
        tau,
        rowsWhere(n, () => true)
      ),
      observedEffectTest: mean(data.outcome, testTreated) - mean(data.outcome, testControl),
      estimatedEffectTest: mean(tau, testPair),
      qini: qiniCurve(score, flag, outcome),
      deciles: upliftByBin(score, flag, outcome, Math.min(10, testPair.length))
    };
  });

  return {
    version: 1,
    method,
    modelName: `${method === 't-learner' ? 'T-learner' : 'transformed outcome'}, ${networkName(network, kind)}`,
    backend: tf.getBackend(),
    outcomeName: options.outcomeName ?? 'outcome',
    outcomeKind: options.outcomeKind,
    control: options.control,
    arms,
    responses,
    predictedUplift,
    testRows: test,
    training,
    encoder,
    models: options.saveModels ? models : null,
    targetScales,
    seed,
    trainedAt: new Date().toISOString(),
    millis: Date.now() - started
  };
}
