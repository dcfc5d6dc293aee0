import { describe, expect, it } from 'vitest';
import { calibration } from '../../../src/lib/learn/calibration.ts';
import { leverSettingsFromTargeting, targetingFromUplift } from '../../../src/lib/learn/targeting.ts';

describe('calibration', () => {
  it('bins ranked predictions and compares the mean prediction with the observed rate', () => {
    const c = calibration([0.1, 0.2, 0.8, 0.9], [0, 1, 1, 1], 2);
    expect(c.bins[0]).toMatchObject({ bin: 1, count: 2, observedRate: 0.5 });
    expect(c.bins[0].meanPredicted).toBeCloseTo(0.15, 15);
    expect(c.bins[1].observedRate).toBe(1);
    // Brier = (0.01 + 0.64 + 0.04 + 0.01) / 4 = 0.175 (hand computed)
    expect(c.brier).toBeCloseTo(0.175, 15);
    // log loss = -(log 0.9 + log 0.2 + log 0.8 + log 0.9) / 4
    expect(c.logLoss).toBeCloseTo(-(Math.log(0.9) + Math.log(0.2) + Math.log(0.8) + Math.log(0.9)) / 4, 14);
  });
});

describe('targetingFromUplift', () => {
  it('averages the predicted uplift of the top share and of everyone when no outcomes are given', () => {
    const t = targetingFromUplift([0.1, 0.05, 0.3, 0.0, 0.05], 0.4, undefined, { modelName: 'toy', auc: 0.7 });
    expect(t.coverage).toBe(0.4);
    expect(t.targetedCount).toBe(2);
    expect(t.upliftTargeted).toBeCloseTo(0.2, 15); // (0.3 + 0.1) / 2
    expect(t.upliftAverage).toBeCloseTo(0.1, 15); // 0.5 / 5
    expect(t.liftRatio).toBeCloseTo(2, 14);
    expect(t).toMatchObject({ measurement: 'predicted', qini: null, auc: 0.7, modelName: 'toy', version: 1 });
  });

  it('measures the uplift on held-out randomised outcomes when they are given', () => {
    // top half by score: rows 0 (treated, 1) and 1 (control, 0) -> uplift 1;
    // all rows: treated 1, 0 -> 0.5; control 0, 0 -> 0; uplift 0.5
    const t = targetingFromUplift([0.9, 0.8, 0.1, 0.2], 0.5, { treated: [1, 0, 1, 0], outcome: [1, 0, 0, 0] });
    expect(t.upliftTargeted).toBe(1);
    expect(t.upliftAverage).toBe(0.5);
    expect(t.measurement).toBe('observed');
    expect(t.qini).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(t))).toEqual(t);
  });

  it('rejects a coverage outside (0, 1]', () => {
    expect(() => targetingFromUplift([0.1], 0)).toThrow(/invalid coverage: 0/);
  });

  it('turns a summary into lever settings with a readable source', () => {
    const t = targetingFromUplift([0.1, 0.05, 0.3, 0.0, 0.05], 0.4, undefined, {
      modelName: 'toy',
      auc: 0.7,
      trainedAt: 'T'
    });
    const settings = leverSettingsFromTargeting(t);
    expect(settings).toMatchObject({ coverage: 0.4, modelAuc: 0.7 });
    expect(settings.source).toBe(
      'toy; top 40%: uplift 0.2000 vs 0.1000 average (predicted); held-out AUC 0.700; trained T'
    );
  });
});
