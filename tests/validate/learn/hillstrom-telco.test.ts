/**
 * Learned models on the public data sets (reads DATA_DIR, default ../shared/data).
 * Hillstrom (2008): visit rates 15.1% (Womens E-Mail), 18.3% (Mens E-Mail), 10.6% (No E-Mail),
 * MineThatData challenge write-up. Telco churn: held-out AUC > 0.80 for a logistic model.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTf } from '../../../src/lib/learn/tf.ts';
import { parseHillstrom } from '../../../src/lib/learn/hillstrom.ts';
import { trainHillstromUplift } from '../../../src/lib/learn/hillstrom-uplift.ts';
import { targetingForArm } from '../../../src/lib/learn/targeting-uplift.ts';
import { parseTelco, TELCO_FEATURES } from '../../../src/lib/learn/telco.ts';
import { trainClassifier } from '../../../src/lib/learn/classifier.ts';

const dataDir = process.env.DATA_DIR ?? path.resolve('../shared/data');

describe('Hillstrom e-mail test, T-learner on visit', async () => {
  const tf = await loadTf();
  const data = parseHillstrom(readFileSync(path.join(dataDir, 'hillstrom/hillstrom.csv'), 'utf8'));
  const result = await trainHillstromUplift(data, { outcome: 'visit', seed: 1 }, tf);
  const response = Object.fromEntries(result.responses.map((r) => [r.arm, r]));
  const arm = Object.fromEntries(result.arms.map((a) => [a.arm, a]));

  it('reads 64,000 customers with the published visit rates per arm', () => {
    expect(data.features.length).toBe(64000);
    // Hillstrom (2008): 15.1% Womens, 18.3% Mens, 10.6% No E-Mail
    expect(response['Womens E-Mail'].observedMean).toBeCloseTo(0.151, 3);
    expect(response['Mens E-Mail'].observedMean).toBeCloseTo(0.183, 3);
    expect(response['No E-Mail'].observedMean).toBeCloseTo(0.106, 3);
  });

  it('predicts mean visit rates per arm that match the observed rates within half a point', () => {
    for (const r of result.responses)
      expect(Math.abs((r.predictedMean as number) - r.observedMean)).toBeLessThan(0.005);
  });

  it('estimates average treatment effects that match the observed differences between arms', () => {
    // observed: 18.3 - 10.6 = 7.7 points (Mens), 15.1 - 10.6 = 4.5 points (Womens)
    expect(Math.abs(arm['Mens E-Mail'].estimatedEffect - arm['Mens E-Mail'].observedEffect)).toBeLessThan(0.006);
    expect(Math.abs(arm['Womens E-Mail'].estimatedEffect - arm['Womens E-Mail'].observedEffect)).toBeLessThan(0.006);
    console.info(
      `Hillstrom visit: ${result.modelName}, backend ${result.backend}, ${result.millis} ms;`,
      result.arms
        .map(
          (a) =>
            `${a.arm}: ATE est ${a.estimatedEffect.toFixed(4)} obs ${a.observedEffect.toFixed(4)}, Qini (normalised) ${a.qini.qiniNormalised.toFixed(3)}`
        )
        .join('; ')
    );
  });

  it('ranks Womens E-Mail responders better than random on held-out customers', () => {
    expect(arm['Womens E-Mail'].qini.qini).toBeGreaterThan(0);
    const targeting = targetingForArm(result, 'Womens E-Mail', 0.3, data.arm, data.visit);
    expect(targeting.upliftTargeted).toBeGreaterThan(targeting.upliftAverage);
    console.info('Womens E-Mail targeting at 30%:', JSON.stringify(targeting));
  });
});

describe('Hillstrom e-mail test, transformed outcome on visit', async () => {
  const tf = await loadTf();
  const data = parseHillstrom(readFileSync(path.join(dataDir, 'hillstrom/hillstrom.csv'), 'utf8'));
  const result = await trainHillstromUplift(data, { outcome: 'visit', method: 'transformed-outcome', seed: 2 }, tf);

  it('estimates both e-mail effects within 0.6 points of the observed differences', () => {
    // E[Z | x] = tau(x) (Athey & Imbens 2015), so the mean of the fitted Z is the average effect
    for (const a of result.arms) expect(Math.abs(a.estimatedEffect - a.observedEffect)).toBeLessThan(0.006);
    expect(result.arms.find((a) => a.arm === 'Womens E-Mail')!.qini.qini).toBeGreaterThan(0);
  });
});

describe('Telco churn classifier', async () => {
  const tf = await loadTf();
  const telco = parseTelco(readFileSync(path.join(dataDir, 'telco/Telco-Customer-Churn.csv'), 'utf8'));
  const result = await trainClassifier(
    telco.features,
    telco.churn,
    { features: TELCO_FEATURES, labelName: 'churn', seed: 1 },
    tf
  );

  it('reads 7,043 customers, 11 of them with a blank TotalCharges', () => {
    expect(telco.features.length).toBe(7043);
    expect(Array.from(telco.features.numeric.TotalCharges).filter(Number.isNaN)).toHaveLength(11);
  });

  it('reaches a held-out AUC above 0.80', () => {
    console.info(
      `Telco churn: ${result.modelName}, held-out AUC ${result.metrics.aucTest.toFixed(4)} on ${result.metrics.nTest} customers, ${result.millis} ms`
    );
    expect(result.metrics.aucTest).toBeGreaterThan(0.8);
  });

  it('finds tenure and contract type among the three most important columns', () => {
    const top = result.importance!.slice(0, 3).map((i) => i.column);
    expect(top).toContain('tenure');
    expect(top).toContain('Contract');
  });
});
