import { describe, expect, it } from 'vitest';
import { loadTf } from '../../../src/lib/learn/tf.ts';
import { trainUplift } from '../../../src/lib/learn/uplift.ts';
import { createRng } from '../../../src/lib/model/core/random/index.ts';
import { meanOf, simulateCampaign, topRows } from './simulate.ts';

describe('trainUplift on a continuous outcome (spend)', async () => {
  const tf = await loadTf();
  // spend = 50 + 10 x1 + treated * (5 + 8 x2) + N(0, 10^2): true uplift tau(x) = 5 + 8 x2, mean 5
  const rng = createRng(61);
  const rows = 2000;
  const x1 = new Float64Array(rows);
  const x2 = new Float64Array(rows);
  const arm: string[] = [];
  const spend = new Float64Array(rows);
  const tau = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    x1[i] = rng.normal();
    x2[i] = rng.normal();
    tau[i] = 5 + 8 * x2[i];
    const treated = rng.uniform() < 0.5;
    arm.push(treated ? 'email' : 'none');
    spend[i] = 50 + 10 * x1[i] + (treated ? tau[i] : 0) + 10 * rng.normal();
  }
  const result = await trainUplift(
    { features: { length: rows, numeric: { x1, x2 }, categorical: {} }, arm, outcome: spend },
    {
      features: { numeric: ['x1', 'x2'], categorical: [] },
      control: 'none',
      outcomeKind: 'continuous',
      outcomeName: 'spend',
      epochs: 30,
      seed: 4
    },
    tf
  );

  it('recovers the linear uplift: slope on x2 near 8 and the average effect near the observed difference', () => {
    const u = result.predictedUplift.email;
    // least-squares slope of predicted uplift on x2 (the simulated slope is 8)
    const mx = meanOf(x2);
    const mu = meanOf(u);
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < rows; i++) {
      sxy += (x2[i] - mx) * (u[i] - mu);
      sxx += (x2[i] - mx) ** 2;
    }
    expect(sxy / sxx).toBeGreaterThan(6.5);
    expect(sxy / sxx).toBeLessThan(9.5);
    // standard error of a difference in means: sqrt(200 / 1000 + 264 / 1000) = 0.68 (arm variances 10^2 + 10^2, + 8^2 treated); 2.2 is about 3 se
    expect(Math.abs(result.arms[0].estimatedEffect - 5)).toBeLessThan(2.2);
    // the top decile of x2 has mean about 1.75 (normal tail), so its true uplift is about 5 + 8 * 1.75 = 19
    expect(meanOf(tau, topRows(u, 0.1))).toBeGreaterThan(15);
  });

  it('reports the target standardisation of each model', () => {
    expect(result.targetScales['arm none'].mean).toBeGreaterThan(45);
    expect(result.targetScales['arm none'].sd).toBeGreaterThan(10);
  });
});

describe('trainUplift reproducibility', async () => {
  const tf = await loadTf();
  const data = simulateCampaign(800, 71);
  const run = () =>
    trainUplift(
      { features: data.features, arm: data.arm, outcome: data.outcome },
      {
        features: { numeric: ['x1', 'x2'], categorical: ['region'] },
        control: 'control',
        outcomeKind: 'binary',
        epochs: 4,
        seed: 9
      },
      tf
    );

  it('gives the same predicted uplift for the same seed, within float32 tolerance', async () => {
    const a = (await run()).predictedUplift.A;
    const b = (await run()).predictedUplift.A;
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-6);
  });
});
