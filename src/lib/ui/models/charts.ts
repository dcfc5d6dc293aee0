/**
 * The charts of a trained (or saved) model as ChartCard specs: for a classifier its
 * calibration by decile and feature effects, for an uplift model the Qini curve
 * (Radcliffe 2007) against random targeting and uplift by decile. The data and tables
 * come from chart-data.ts.
 */
import type { BarDatum } from '$lib/charts';
import type { BarChartProps, ChartCardSpec } from '$lib/charts/chart-card';
import type { ValueFormat } from '$lib/charts/format';
import {
  calibrationBars,
  calibrationTable,
  decileBars,
  decileTable,
  featureEffectTable,
  qiniSeries,
  qiniTable
} from './chart-data';
import type { ClassifierSummary, UpliftSummary } from './saved-model';

/** A number with fixed digits, '–' when missing or not finite. */
export function fixed(v: number | null | undefined, digits: number): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits);
}

/** Bars per decile: what the model predicted (baseline grey) against what was observed (colour). */
function predictedVsObserved(
  bars: BarDatum[],
  valueLabel: string,
  categoryLabel: string,
  format?: ValueFormat
): BarChartProps {
  return { bars, format, baselineName: 'predicted', scenarioName: 'observed', valueLabel, categoryLabel };
}

export function classifierCharts(s: ClassifierSummary): ChartCardSpec[] {
  const coefficients = s.effectKind === 'coefficient';
  return [
    {
      title: 'Calibration (held-out customers)',
      description: `Mean predicted probability against the observed rate of ${s.labelName} in each decile of predicted probability; a calibrated model has equal bars.`,
      table: calibrationTable(s.calibration),
      filename: 'calibration',
      barChart: predictedVsObserved(
        calibrationBars(s.calibration),
        `rate of ${s.labelName}`,
        'decile of predicted probability (D1 = lowest)',
        'percent'
      )
    },
    {
      title: 'Feature effects',
      description: coefficients
        ? 'Logistic regression coefficients: change in log-odds per standard deviation of a numeric feature, or for a category level.'
        : 'Permutation importance: drop in held-out AUC when the feature is shuffled.',
      table: featureEffectTable(s.effectKind, s.effects),
      filename: 'feature-effects',
      barChart: {
        bars: s.effects.map((e) => ({ category: e.feature, value: e.value })),
        orientation: 'horizontal',
        valueLabel: coefficients ? 'log-odds per SD' : 'AUC drop',
        categoryLabel: 'feature'
      }
    }
  ];
}

export function upliftCharts(s: UpliftSummary): ChartCardSpec[] {
  return [
    {
      title: 'Qini curve (held-out customers)',
      description: `Incremental ${s.outcomeName} as the share of customers targeted by predicted uplift grows, against random targeting.`,
      subtitle: `Area between the curve and the random line = Qini coefficient ${fixed(s.qiniCoefficient, 4)}`,
      table: qiniTable(s.qini),
      filename: 'qini-curve',
      timeSeries: {
        series: qiniSeries(s.qini),
        xLabel: 'share of customers targeted',
        yLabel: `incremental ${s.outcomeName}`,
        ariaLabel: `Qini curve: incremental ${s.outcomeName} by share targeted, model ranking vs random targeting`
      }
    },
    {
      title: 'Uplift by decile of predicted uplift',
      description:
        'Observed uplift (treated minus control mean) per decile of held-out customers ranked by predicted uplift, against the predicted uplift.',
      table: decileTable(s.deciles),
      filename: 'uplift-by-decile',
      barChart: predictedVsObserved(
        decileBars(s.deciles),
        `uplift (${s.outcomeName})`,
        'decile (D1 = highest predicted uplift)'
      )
    }
  ];
}
