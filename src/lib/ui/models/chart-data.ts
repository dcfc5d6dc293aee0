/**
 * The learned models' results as data for the existing chart components (no chart code
 * here): the Qini curve (Radcliffe 2007) against random targeting for TimeSeriesChart,
 * uplift by decile and calibration by decile as grouped bars for BarChart, feature
 * effects as horizontal bars, and the ChartTable behind each (ChartFrame's table view
 * and CSV export).
 */
import type { BarDatum, ChartTable, NamedSeries, TableColumn } from '$lib/charts';
import type { QiniCurve, UpliftBin } from '$lib/learn/qini';
import type { CalibrationBin } from '$lib/learn/calibration';
import type { ClassifierResult } from '$lib/learn/classifier';

/** Keeps at most `max` points of a curve, evenly spaced in share, first and last always kept. */
export function thinCurve(points: QiniCurve['points'], max = 201): QiniCurve['points'] {
  if (points.length <= max) return points.slice();
  const out: QiniCurve['points'] = [];
  let next = 0;
  for (let i = 0; i < points.length; i++) {
    const last = i === points.length - 1;
    if (points[i].share >= next || last) {
      out.push(points[i]);
      next = points[i].share + 1 / (max - 1);
    }
  }
  return out;
}

/** Model curve and the random-targeting line from (0, 0) to (1, Q(N)), x = share targeted. */
export function qiniSeries(points: QiniCurve['points'], modelName = 'model ranking'): NamedSeries[] {
  const thin = thinCurve(points);
  const total = points[points.length - 1]?.incremental ?? 0;
  return [
    {
      name: 'random targeting',
      role: 'baseline',
      points: [
        { x: 0, y: 0 },
        { x: 1, y: total }
      ]
    },
    { name: modelName, points: thin.map((p) => ({ x: p.share, y: p.incremental })) }
  ];
}

export function qiniTable(points: QiniCurve['points']): ChartTable {
  const total = points[points.length - 1]?.incremental ?? 0;
  return {
    columns: [
      { key: 'share', label: 'share targeted' },
      { key: 'targeted', label: 'customers targeted' },
      { key: 'incremental', label: 'incremental outcomes' },
      { key: 'random', label: 'random targeting' }
    ],
    rows: thinCurve(points).map((p) => ({ ...p, random: p.share * total }))
  };
}

const decileName = (bin: number) => `D${bin}`;

/** Observed (scenario colour) vs predicted (baseline grey) uplift per decile; empty arms draw 0. */
export function decileBars(deciles: readonly UpliftBin[]): BarDatum[] {
  return deciles.map((d) => ({
    category: decileName(d.bin),
    value: Number.isFinite(d.observedUplift) ? d.observedUplift : 0,
    baseline: d.predictedUplift
  }));
}

/** A table with a row per decile: its name ("D1") under `decileLabel`, then the bin's own fields. */
function perDecile(bins: readonly { bin: number }[], decileLabel: string, columns: TableColumn[]): ChartTable {
  return {
    columns: [{ key: 'decile', label: decileLabel }, ...columns],
    rows: bins.map((b) => ({ ...b, decile: decileName(b.bin) }))
  };
}

export function decileTable(deciles: readonly UpliftBin[]): ChartTable {
  return perDecile(deciles, 'decile (1 = highest predicted uplift)', [
    { key: 'count', label: 'customers' },
    { key: 'treated', label: 'treated' },
    { key: 'control', label: 'control' },
    { key: 'meanTreated', label: 'mean outcome, treated' },
    { key: 'meanControl', label: 'mean outcome, control' },
    { key: 'observedUplift', label: 'observed uplift' },
    { key: 'predictedUplift', label: 'predicted uplift' }
  ]);
}

/** Observed positive rate (scenario colour) vs mean predicted probability (baseline grey) per decile. */
export function calibrationBars(bins: readonly CalibrationBin[]): BarDatum[] {
  return bins.map((b) => ({ category: decileName(b.bin), value: b.observedRate, baseline: b.meanPredicted }));
}

export function calibrationTable(bins: readonly CalibrationBin[]): ChartTable {
  return perDecile(bins, 'decile (1 = lowest predicted)', [
    { key: 'count', label: 'customers' },
    { key: 'meanPredicted', label: 'mean predicted probability' },
    { key: 'observedRate', label: 'observed rate' }
  ]);
}

export interface FeatureEffectRow {
  feature: string;
  /** log-odds per standard deviation (logistic) or held-out AUC drop (permutation) */
  value: number;
}

/**
 * The classifier's feature effects, largest magnitude first: coefficients when it is a
 * logistic regression, otherwise permutation importance (AUC drop).
 */
export function featureEffects(
  result: Pick<ClassifierResult, 'effects' | 'importance'>,
  max = 15
): { kind: 'coefficient' | 'importance'; rows: FeatureEffectRow[] } {
  const coefficients = result.effects.filter((e) => e.coefficient !== null && Number.isFinite(e.coefficient));
  const rows: FeatureEffectRow[] =
    coefficients.length > 0
      ? coefficients.map((e) => ({ feature: e.feature, value: e.coefficient! }))
      : (result.importance ?? [])
          .filter((p) => Number.isFinite(p.aucDrop))
          .map((p) => ({ feature: p.column, value: p.aucDrop }));
  rows.sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || a.feature.localeCompare(b.feature));
  return { kind: coefficients.length > 0 ? 'coefficient' : 'importance', rows: rows.slice(0, max) };
}

export function featureEffectTable(kind: 'coefficient' | 'importance', rows: readonly FeatureEffectRow[]): ChartTable {
  return {
    columns: [
      { key: 'feature', label: 'feature' },
      {
        key: 'value',
        label: kind === 'coefficient' ? 'log-odds per standard deviation' : 'held-out AUC drop when permuted'
      }
    ],
    rows: rows.map((r) => ({ ...r }))
  };
}
