/**
 * The chart specs of the holdout comparison (ui/model-fit/charts.ts) on a hand-made
 * evaluation of one model over two weeks: only the fields the charts read are real.
 */
import { describe, expect, it } from 'vitest';
import type { HoldoutEvaluation, ModelEvaluation } from '$lib/pipeline/holdout-evaluation';
import { focusCharts, trackingCharts } from '$lib/ui/model-fit/charts';

const model = {
  model: 'bgnbd',
  label: 'BG/NBD',
  error: null,
  trackingCumulative: [1.5, 3],
  trackingWeekly: [1.5, 1.5],
  frequency: [{ x: 0, label: '0', actual: 3, expected: 2.5 }],
  conditional: [{ x: 0, label: '0', customers: 3, actual: 0.2, expected: 0.25 }],
  pAlive: {
    T: 2,
    recency: [0, 1],
    frequency: [0, 1],
    values: [
      [0.9, null],
      [0.5, 0.8]
    ]
  }
} as unknown as ModelEvaluation;

const ev = {
  calibrationWeeks: 1,
  calibrationEnd: '2021-01-10',
  holdoutWeeks: 1,
  tracking: [
    { week: 1, endDate: '2021-01-10', actual: 2, actualWeekly: 2 },
    { week: 2, endDate: '2021-01-17', actual: 3, actualWeekly: 1 }
  ],
  models: [model]
} as unknown as HoldoutEvaluation;

describe('holdout comparison chart specs', () => {
  it('tracks cumulative and weekly repeat transactions, the calibration end marked', () => {
    const [cumulative, weekly] = trackingCharts(ev);
    expect([cumulative.filename, weekly.filename]).toEqual(['model-tracking-cumulative', 'model-tracking-weekly']);
    if (!('timeSeries' in cumulative) || !('timeSeries' in weekly)) throw new Error('tracking is a time series');
    expect(cumulative.timeSeries.markX).toEqual({ x: 1, label: 'calibration end 2021-01-10' });
    // the weekly chart draws the weekly counts: actual 2 then 1, the model's 1.5 a week
    expect(weekly.timeSeries.series.map((s) => s.points.map((p) => p.y))).toEqual([
      [2, 1],
      [1.5, 1.5]
    ]);
  });

  it('details the model in focus, P(alive) only when it was computed', () => {
    const charts = focusCharts(ev, model);
    expect(charts.map((c) => c.filename)).toEqual([
      'model-frequency-bgnbd',
      'model-conditional-bgnbd',
      'model-palive-bgnbd'
    ]);
    expect(charts[1]).toMatchObject({ barChart: { baselineName: 'Actual', scenarioName: 'BG/NBD expected' } });
    expect(focusCharts(ev, { ...model, pAlive: null }).map((c) => c.filename)).toEqual([
      'model-frequency-bgnbd',
      'model-conditional-bgnbd'
    ]);
  });
});
