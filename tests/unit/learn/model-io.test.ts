import { describe, expect, it } from 'vitest';
import { loadTf } from '../../../src/lib/learn/tf.ts';
import { buildNetwork, disposeNetwork } from '../../../src/lib/learn/network.ts';
import { predict, trainNetwork } from '../../../src/lib/learn/train.ts';
import { loadNetwork, saveNetwork } from '../../../src/lib/learn/model-io.ts';
import { trainClassifier } from '../../../src/lib/learn/classifier.ts';
import { createRng } from '../../../src/lib/model/core/random/index.ts';
import { sigmoid } from './simulate.ts';

function logisticData(rows: number, seed: number) {
  // y ~ Bernoulli(sigmoid(-0.5 + 1.2 x1 - 0.8 x2)), x ~ N(0, 1)
  const rng = createRng(seed);
  const x = new Float32Array(rows * 2);
  const y = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    x[2 * i] = rng.normal();
    x[2 * i + 1] = rng.normal();
    y[i] = rng.uniform() < sigmoid(-0.5 + 1.2 * x[2 * i] - 0.8 * x[2 * i + 1]) ? 1 : 0;
  }
  return { x, y };
}

describe('saveNetwork / loadNetwork (custom tfjs IO handlers)', async () => {
  const tf = await loadTf();
  const { x, y } = logisticData(500, 1);

  it('round-trips topology and weights through plain data, giving identical predictions', async () => {
    const model = buildNetwork(tf, 2, { hidden: [4] }, 'binary', 9);
    await trainNetwork(tf, model, x, y, 500, 2, { epochs: 3, seed: 9 }, 'io');
    const saved = await saveNetwork(tf, model);
    expect(saved.weightData).toBeInstanceOf(ArrayBuffer);
    // 2x4 + 4 + 4x1 + 1 float32 weights
    expect(saved.weightData.byteLength).toBe(17 * 4);
    const topology = JSON.parse(JSON.stringify(saved.topology));
    const restored = await loadNetwork(tf, { ...saved, topology, weightData: saved.weightData.slice(0) });
    expect(Array.from(predict(tf, restored, x, 500, 2))).toEqual(Array.from(predict(tf, model, x, 500, 2)));
    disposeNetwork(model);
    restored.dispose();
  });

  it('refuses weight data of the wrong size', async () => {
    const model = buildNetwork(tf, 2, { hidden: [] }, 'binary', 1);
    const saved = await saveNetwork(tf, model);
    disposeNetwork(model);
    await expect(loadNetwork(tf, { ...saved, weightData: new ArrayBuffer(4) })).rejects.toThrow(
      /4 bytes, the specs need 12/
    );
  });
});

describe('trainNetwork', async () => {
  const tf = await loadTf();
  const { x, y } = logisticData(400, 2);

  it('is reproducible: the same seed gives the same predictions within float32 tolerance', async () => {
    const run = async (seed: number) => {
      const model = buildNetwork(tf, 2, { hidden: [4] }, 'binary', seed);
      await trainNetwork(tf, model, x, y, 400, 2, { epochs: 3, batchSize: 64, seed }, 'repro');
      const p = predict(tf, model, x, 400, 2);
      disposeNetwork(model);
      return p;
    };
    const a = await run(4);
    const b = await run(4);
    const c = await run(5);
    for (let i = 0; i < 400; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-6);
    expect(a.some((v, i) => Math.abs(v - c[i]) > 1e-4)).toBe(true);
  });

  it('reports progress per epoch and stops with an AbortError when cancelled, leaking no tensors', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const epochs: number[] = [];
    const model = buildNetwork(tf, 2, { hidden: [] }, 'binary', 1);
    const training = trainNetwork(
      tf,
      model,
      x,
      y,
      400,
      2,
      {
        epochs: 50,
        tolerance: 0,
        patience: 50,
        batchSize: 32,
        signal: controller.signal,
        onProgress: (p) => {
          epochs.push(p.epoch);
          expect(Number.isFinite(p.loss)).toBe(true);
          if (p.epoch === 2) controller.abort();
        }
      },
      'cancel'
    );
    await expect(training).rejects.toMatchObject({ name: 'AbortError' });
    expect(epochs).toEqual([1, 2]);
    disposeNetwork(model);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('does not grow the tensor count over 20 trainings', async () => {
    const counts: number[] = [];
    for (let k = 0; k < 20; k++) {
      const model = buildNetwork(tf, 2, { hidden: [3] }, 'binary', k);
      await trainNetwork(tf, model, x, y, 400, 2, { epochs: 2, batchSize: 100, seed: k }, 'leak');
      predict(tf, model, x, 400, 2);
      disposeNetwork(model);
      counts.push(tf.memory().numTensors);
    }
    expect(counts[19]).toBe(counts[0]);
  });
});

describe('trainClassifier', async () => {
  const tf = await loadTf();
  // churn ~ Bernoulli(sigmoid(-1 + 1.5 tenureZ - 1 [contract = monthly])) on 2,000 simulated customers
  const rng = createRng(21);
  const rows = 2000;
  const tenure = new Float64Array(rows);
  const contract: string[] = [];
  const noise = new Float64Array(rows);
  const label = new Float64Array(rows);
  const truth = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    tenure[i] = 10 + 5 * rng.normal();
    contract.push(rng.uniform() < 0.5 ? 'monthly' : 'yearly');
    noise[i] = rng.normal();
    truth[i] = sigmoid(-1 - 1.5 * ((tenure[i] - 10) / 5) + (contract[i] === 'monthly' ? 1 : 0));
    label[i] = rng.uniform() < truth[i] ? 1 : 0;
  }
  const result = await trainClassifier(
    { length: rows, numeric: { tenure, noise }, categorical: { contract } },
    label,
    {
      features: { numeric: ['tenure', 'noise'], categorical: ['contract'] },
      labelName: 'churn',
      seed: 3,
      epochs: 40,
      batchSize: 64,
      saveModel: true
    },
    tf
  );

  it('reaches a held-out AUC close to that of the true probabilities', async () => {
    const { auc } = await import('../../../src/lib/learn/auc.ts');
    const oracle = auc(
      Array.from(result.testRows, (i) => truth[i]),
      Array.from(result.testRows, (i) => label[i])
    );
    expect(result.metrics.aucTest).toBeGreaterThan(oracle - 0.02);
  });

  it('recovers the signs of the standardised coefficients and ranks the noise column last', () => {
    const coef = Object.fromEntries(result.effects.map((e) => [e.feature, e.coefficient as number]));
    // simulated: -1.5 per tenure sd; monthly - yearly = +1 on the logit scale
    expect(coef.tenure).toBeLessThan(-1);
    expect(coef['contract=monthly'] - coef['contract=yearly']).toBeGreaterThan(0.5);
    expect(result.importance?.[result.importance.length - 1].column).toBe('noise');
  });

  it('returns decile calibration and a saved model with the held-out metrics', () => {
    expect(result.calibration.bins).toHaveLength(10);
    const last = result.calibration.bins[9];
    expect(Math.abs(last.meanPredicted - last.observedRate)).toBeLessThan(0.1);
    expect(result.metrics.nTest).toBe(500);
    expect(result.model?.weightData.byteLength).toBe((4 + 1) * 4);
    expect(result.backend).toBe('cpu');
  });
});

describe('the learners', async () => {
  const tf = await loadTf();
  const { simulateCampaign } = await import('./simulate.ts');
  const { trainUplift } = await import('../../../src/lib/learn/uplift.ts');

  it('leave no tensors behind after 20 uplift trainings', async () => {
    const data = simulateCampaign(300, 41);
    const before = tf.memory().numTensors;
    for (let k = 0; k < 20; k++) {
      await trainUplift(
        { features: data.features, arm: data.arm, outcome: data.outcome },
        {
          features: { numeric: ['x1'], categorical: ['region'] },
          control: 'control',
          outcomeKind: 'binary',
          epochs: 1,
          seed: k,
          testShare: 0.5,
          saveModels: k % 2 === 0
        },
        tf
      );
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
