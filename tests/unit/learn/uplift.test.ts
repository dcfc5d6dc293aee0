import { describe, expect, it } from 'vitest';
import { loadTf } from '../../../src/lib/learn/tf.ts';
import { trainUplift } from '../../../src/lib/learn/uplift.ts';
import { targetingForArm } from '../../../src/lib/learn/targeting-uplift.ts';
import { meanOf, simulateCampaign, topRows } from './simulate.ts';

// Simulated campaigns (simulate.ts) with known per-customer uplift tau(x) = p_A(x) - p_0(x).
const features = { numeric: ['x1', 'x2'], categorical: ['region'] };

describe('trainUplift (T-learner, Künzel et al. 2019)', async () => {
  const tf = await loadTf();
  const data = simulateCampaign(3000, 11);
  const result = await trainUplift(
    { features: data.features, arm: data.arm, outcome: data.outcome },
    {
      features,
      control: 'control',
      outcomeKind: 'binary',
      outcomeName: 'visit',
      seed: 5,
      epochs: 25,
      batchSize: 128,
      network: { hidden: [8] }
    },
    tf
  );
  const tau = result.predictedUplift.A;
  const trueTau = data.trueUplift.A;

  it('ranks customers so the top decile true uplift is well above the average true uplift', () => {
    const top = topRows(tau, 0.1);
    // average true uplift is about 0.04 (simulation); a useful ranking should at least triple it in the top decile
    expect(meanOf(trueTau, top)).toBeGreaterThan(3 * meanOf(trueTau));
  });

  it('estimates the average treatment effect within three standard errors of the simulated one', () => {
    // true ATE = mean tau(x) over the customers; standard error of a two-arm comparison
    // sqrt(p1 (1 - p1) / n1 + p0 (1 - p0) / n0) with the observed arm rates and sizes
    const r0 = result.responses[0];
    const r1 = result.responses[1];
    const n0 = data.arm.filter((a) => a === 'control').length;
    const n1 = data.arm.length - n0;
    const se = Math.sqrt(
      (r1.observedMean * (1 - r1.observedMean)) / n1 + (r0.observedMean * (1 - r0.observedMean)) / n0
    );
    expect(Math.abs(result.arms[0].estimatedEffect - meanOf(trueTau))).toBeLessThan(3 * se);
  });

  it('reports a positive held-out Qini coefficient, deciles and the backend', () => {
    expect(result.arms[0].qini.qini).toBeGreaterThan(0);
    expect(result.arms[0].deciles).toHaveLength(10);
    expect(result.arms[0].deciles[0].predictedUplift).toBeGreaterThan(result.arms[0].deciles[9].predictedUplift);
    expect(result.backend).toBe('cpu');
    expect(result.modelName).toBe('T-learner, MLP 8 (logistic output)');
  });

  it('gives the personalisation lever a measured targeting summary with its source', () => {
    const t = targetingForArm(result, 'A', 0.2, data.arm, data.outcome);
    expect(t.coverage).toBe(0.2);
    expect(t.measurement).toBe('observed');
    expect(t.upliftTargeted).toBeGreaterThan(t.upliftAverage);
    expect(t.auc).toBeGreaterThan(0.5);
    expect(t.modelName).toContain('A vs control');
    expect(t.metrics.testRows).toBe(result.arms[0].testTreated + result.arms[0].testControl);
  });
});

describe('trainUplift with three arms and the transformed outcome', async () => {
  const tf = await loadTf();
  const data = simulateCampaign(3000, 12, true);

  it('fits one uplift per treated arm, each ranking its own responders', async () => {
    const result = await trainUplift(
      { features: data.features, arm: data.arm, outcome: data.outcome },
      {
        features,
        control: 'control',
        outcomeKind: 'binary',
        seed: 3,
        epochs: 20,
        batchSize: 128,
        method: 'transformed-outcome'
      },
      tf
    );
    expect(result.arms.map((a) => a.arm)).toEqual(['A', 'B']);
    for (const arm of ['A', 'B']) {
      const top = topRows(result.predictedUplift[arm], 0.2);
      expect(meanOf(data.trueUplift[arm], top)).toBeGreaterThan(meanOf(data.trueUplift[arm]) + 0.1);
    }
    expect(result.responses.every((r) => r.predictedMean === null)).toBe(true);
  });

  it('rejects an unknown control arm naming the arms present', async () => {
    await expect(
      trainUplift(
        { features: data.features, arm: data.arm, outcome: data.outcome },
        { features, control: 'none', outcomeKind: 'binary' },
        tf
      )
    ).rejects.toThrow(/control arm "none" not in the data \(arms: /);
  });
});
