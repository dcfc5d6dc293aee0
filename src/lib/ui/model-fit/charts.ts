/**
 * The charts of the holdout comparison as ChartCard specs: tracking (cumulative and
 * weekly, every model, the calibration end marked) and, for the model in focus, the
 * calibration frequency histogram, calibration vs holdout and the P(alive) heat map.
 * Series and tables come from view.ts and the validation's chart data.
 */
import type { ChartCardSpec } from '$lib/charts/chart-card';
import type { HoldoutEvaluation, ModelEvaluation } from '$lib/pipeline/holdout-evaluation';
import { conditionalBars, frequencyDistributions, frequencyTable } from '$lib/validate/chart-data';
import { conditionalTable, fmt, pAliveTable, trackingSeries, trackingTable } from './view';

const TRACKING = [
  {
    kind: 'cumulative',
    title: 'Cumulative repeat transactions',
    description:
      'Cumulative repeat transactions of the calibration cohort by week: actual and expected under each model.',
    caption: 'The models were fitted to the calibration period only; to the right of the marked week they forecast.',
    yLabel: 'Cumulative repeat transactions'
  },
  {
    kind: 'weekly',
    title: 'Weekly repeat transactions',
    description: 'Repeat transactions of the calibration cohort in each week: actual and expected under each model.',
    caption: 'Weekly counts show seasonality and spikes the cumulative curve smooths over.',
    yLabel: 'Repeat transactions per week'
  }
] as const;

/** Cumulative and weekly repeat transactions by week, actual and every fitted model. */
export function trackingCharts(ev: HoldoutEvaluation): ChartCardSpec[] {
  const markX = { x: ev.calibrationWeeks, label: `calibration end ${ev.calibrationEnd}` };
  return TRACKING.map(({ kind, title, description, caption, yLabel }) => ({
    title,
    description,
    caption,
    table: trackingTable(ev, kind),
    filename: `model-tracking-${kind}`,
    timeSeries: { series: trackingSeries(ev, kind), xLabel: 'Week since the first purchase', yLabel, markX }
  }));
}

/** The frequency histogram, calibration vs holdout and (when computed) P(alive) of one model. */
export function focusCharts(ev: HoldoutEvaluation, focus: ModelEvaluation): ChartCardSpec[] {
  const charts: ChartCardSpec[] = [
    {
      title: `Calibration frequency: actual vs ${focus.label}`,
      description:
        'Customers by number of repeat transactions in calibration: actual (bars) and expected under the model (outline).',
      caption:
        'The last bar pools customers with 7 or more repeat transactions; expected counts sum P(X(T) = n) over customers, each with their own T.',
      table: frequencyTable(focus.frequency, focus.label),
      filename: `model-frequency-${focus.model}`,
      histogram: {
        ...frequencyDistributions(focus.frequency, focus.label),
        xLabel: 'Repeat transactions in calibration',
        yLabel: 'Customers'
      }
    },
    {
      title: `Calibration vs holdout: ${focus.label}`,
      description:
        "Mean transactions in the holdout by number of repeat transactions in calibration: actual vs the model's conditional expectation.",
      caption: `Holdout of ${fmt(ev.holdoutWeeks, 3)} weeks; the last group pools 7 or more repeat transactions.`,
      table: conditionalTable(ev),
      filename: `model-conditional-${focus.model}`,
      barChart: {
        bars: conditionalBars(focus.conditional),
        baselineName: 'Actual',
        scenarioName: `${focus.label} expected`,
        categoryLabel: 'Repeat transactions in calibration',
        valueLabel: 'Mean holdout transactions per customer'
      }
    }
  ];
  const pAlive = focus.pAlive;
  if (pAlive)
    charts.push({
      title: `P(alive): ${focus.label}`,
      description:
        'Probability that a customer is still active, by recency (week of the last repeat purchase) and number of repeat purchases.',
      caption: `For a customer observed ${fmt(pAlive.T, 3)} weeks (the oldest in the cohort). A customer with no repeat purchase has recency 0.`,
      table: pAliveTable(pAlive),
      filename: `model-palive-${focus.model}`,
      heatmap: {
        xs: pAlive.recency,
        ys: pAlive.frequency,
        values: pAlive.values,
        xLabel: 'Recency t_x (weeks since the first purchase)',
        yLabel: 'Repeat transactions x',
        valueLabel: 'P(alive)'
      }
    });
  return charts;
}
