import { describe, expect, it } from 'vitest';
import { loadTf } from '../../../src/lib/learn/tf.ts';
import { buildNetwork, disposeNetwork } from '../../../src/lib/learn/network.ts';
import { predict, trainNetwork } from '../../../src/lib/learn/train.ts';
import { refitOutputBias } from '../../../src/lib/learn/refit-bias.ts';
import { createRng } from '../../../src/lib/model/core/random/index.ts';

const mean = (v: ArrayLike<number>) => Array.from(v).reduce((a, b) => a + b, 0) / v.length;

describe('refitOutputBias (intercept score equation, McCullagh & Nelder 1989)', async () => {
  const tf = await loadTf();
  const rng = createRng(8);
  const rows = 600;
  const x = new Float32Array(rows);
  const yBinary = new Float32Array(rows);
  const ySpend = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    x[i] = rng.normal();
    yBinary[i] = rng.uniform() < 1 / (1 + Math.exp(1 - x[i])) ? 1 : 0;
    ySpend[i] = rng.uniform() < 0.1 ? rng.gamma(2, 0.02) : 0; // mostly zero, heavy tail, mean about 10
  }

  it('makes the mean predicted probability equal the observed rate and does not raise the log loss', async () => {
    const model = buildNetwork(tf, 1, { hidden: [] }, 'binary', 3);
    await trainNetwork(tf, model, x, yBinary, rows, 1, { epochs: 2, batchSize: 32, seed: 3 }, 'bias');
    const before = predict(tf, model, x, rows, 1);
    const logLoss = (p: Float64Array) => -mean(Array.from(p, (q, i) => (yBinary[i] ? Math.log(q) : Math.log1p(-q))));
    refitOutputBias(tf, model, before, yBinary, 'binary');
    const after = predict(tf, model, x, rows, 1);
    expect(mean(after)).toBeCloseTo(mean(yBinary), 5);
    expect(logLoss(after)).toBeLessThanOrEqual(logLoss(before) + 1e-7);
    disposeNetwork(model);
  });

  it('shifts a linear output by the mean residual', async () => {
    const model = buildNetwork(tf, 1, { hidden: [] }, 'continuous', 4);
    const before = predict(tf, model, x, rows, 1);
    const shift = refitOutputBias(tf, model, before, ySpend, 'continuous');
    expect(shift).toBeCloseTo(mean(ySpend) - mean(before), 6);
    expect(mean(predict(tf, model, x, rows, 1))).toBeCloseTo(mean(ySpend), 4);
    disposeNetwork(model);
  });
});
