import { describe, expect, it } from 'vitest';
import {
  thinCurve,
  qiniSeries,
  qiniTable,
  decileBars,
  calibrationBars,
  featureEffects
} from '$lib/ui/models/chart-data';
import type { QiniPoint, UpliftBin } from '$lib/learn/qini';

const curve: QiniPoint[] = Array.from({ length: 1001 }, (_, k) => ({
  share: k / 1000,
  targeted: k,
  incremental: Math.sqrt(k)
}));

describe('chart data of the learned models', () => {
  it('thins a long Qini curve to at most the point budget, keeping its first and last point', () => {
    const thin = thinCurve(curve, 101);
    expect(thin.length).toBeLessThanOrEqual(101);
    expect(thin.length).toBeGreaterThan(90);
    expect(thin[0]).toEqual(curve[0]);
    expect(thin[thin.length - 1]).toEqual(curve[1000]);
    expect(thinCurve(curve.slice(0, 5))).toEqual(curve.slice(0, 5));
  });

  it('draws random targeting as the straight line from (0, 0) to (1, Q(N)) (Radcliffe 2007)', () => {
    const [random, model] = qiniSeries(curve);
    expect(random.role).toBe('baseline');
    expect(random.points).toEqual([
      { x: 0, y: 0 },
      { x: 1, y: Math.sqrt(1000) }
    ]);
    expect(model.points[model.points.length - 1]).toEqual({ x: 1, y: Math.sqrt(1000) });
    for (const row of qiniTable(curve).rows) {
      expect(row.random as number).toBeCloseTo((row.share as number) * Math.sqrt(1000), 12);
    }
  });

  it('shows observed against predicted uplift per decile, an empty arm as 0', () => {
    const bin = (b: number, observedUplift: number): UpliftBin => ({
      bin: b,
      count: 10,
      treated: 5,
      control: 5,
      meanTreated: 0,
      meanControl: 0,
      observedUplift,
      predictedUplift: 0.1 / b
    });
    expect(decileBars([bin(1, 0.2), bin(2, Number.NaN)])).toEqual([
      { category: 'D1', value: 0.2, baseline: 0.1 },
      { category: 'D2', value: 0, baseline: 0.05 }
    ]);
    expect(calibrationBars([{ bin: 3, count: 9, meanPredicted: 0.2, observedRate: 0.25 }])).toEqual([
      { category: 'D3', value: 0.25, baseline: 0.2 }
    ]);
  });

  it('ranks feature effects by magnitude, using permutation importance when there are no coefficients', () => {
    const logistic = featureEffects({
      effects: [
        { feature: 'age', coefficient: 0.1 },
        { feature: 'recency', coefficient: -0.9 },
        { feature: 'x', coefficient: 0.5 }
      ],
      importance: null
    });
    expect(logistic.kind).toBe('coefficient');
    expect(logistic.rows.map((r) => r.feature)).toEqual(['recency', 'x', 'age']);
    const network = featureEffects(
      {
        effects: [{ feature: 'age', coefficient: null }],
        importance: [
          { column: 'age', aucDrop: 0.01 },
          { column: 'recency', aucDrop: 0.2 }
        ]
      },
      1
    );
    expect(network).toEqual({ kind: 'importance', rows: [{ feature: 'recency', value: 0.2 }] });
  });
});
