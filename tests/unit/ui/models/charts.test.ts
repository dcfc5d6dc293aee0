/**
 * The chart specs of a trained model (ui/models/charts.ts): the uplift model's Qini curve
 * and uplift by decile, the classifier's calibration and feature effects, each with its
 * export name, the words that depend on the outcome and the predicted-vs-observed bars.
 */
import { describe, expect, it } from 'vitest';
import { classifierCharts, fixed, upliftCharts } from '$lib/ui/models/charts';
import { upliftSummary, type ClassifierSummary } from '$lib/ui/models/saved-model';
import { upliftFixture } from './fixtures';

describe('chart specs of the learned models', () => {
  it('shows the Qini curve with its coefficient in the subtitle, then observed vs predicted uplift by decile', () => {
    const { result } = upliftFixture();
    const s = upliftSummary(result, 't', null);
    const [qini, deciles] = upliftCharts(s);
    expect([qini.filename, deciles.filename]).toEqual(['qini-curve', 'uplift-by-decile']);
    expect(qini.subtitle).toBe(
      `Area between the curve and the random line = Qini coefficient ${s.qiniCoefficient.toFixed(4)}`
    );
    if (!('timeSeries' in qini) || !('barChart' in deciles)) throw new Error('a Qini series and decile bars');
    expect(qini.timeSeries.yLabel).toBe('incremental bought');
    expect(deciles.barChart).toMatchObject({
      baselineName: 'predicted',
      scenarioName: 'observed',
      valueLabel: 'uplift (bought)'
    });
    expect(deciles.barChart.bars).toHaveLength(s.deciles.length);
  });

  it('shows calibration as percentages and feature effects as horizontal bars named for the effect kind', () => {
    const s = {
      labelName: 'churn',
      calibration: [{ bin: 1, count: 10, meanPredicted: 0.1, observedRate: 0.2 }],
      effectKind: 'importance',
      effects: [{ feature: 'tenure', value: 0.03 }]
    } as ClassifierSummary;
    const [calibration, effects] = classifierCharts(s);
    expect([calibration.filename, effects.filename]).toEqual(['calibration', 'feature-effects']);
    if (!('barChart' in calibration) || !('barChart' in effects)) throw new Error('both are bar charts');
    expect(calibration.barChart).toMatchObject({ format: 'percent', valueLabel: 'rate of churn' });
    expect(effects.description).toBe('Permutation importance: drop in held-out AUC when the feature is shuffled.');
    expect(effects.barChart).toMatchObject({ orientation: 'horizontal', valueLabel: 'AUC drop' });
    expect(effects.barChart.bars).toEqual([{ category: 'tenure', value: 0.03 }]);
  });

  it('writes a missing or non-finite number as a dash', () => {
    expect([fixed(null, 3), fixed(Number.NaN, 3), fixed(0.12345, 3)]).toEqual(['–', '–', '0.123']);
  });
});
