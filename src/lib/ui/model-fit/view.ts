/**
 * The holdout evaluation (pipeline/holdout-evaluation.ts) in the shapes of the shared charts
 * and tables of the Model page: tracking as named series (actual solid, each model in its own
 * colour), the conditional-expectation table with one column per model, the P(alive) matrix
 * as its table view, and the words of the proposal. Plain functions of the evaluation.
 */
import type { NamedSeries } from '$lib/charts/series';
import type { ChartTable } from '$lib/charts/table';
import { SERIES_COLOURS } from '$lib/charts/palette';
import { conditionalExpectationTable, weeklyTable } from '$lib/validate/chart-data';
import type { HoldoutEvaluation, ModelEvaluation, PAliveMatrix } from '$lib/pipeline/holdout-evaluation';

const round = (v: number, digits: number) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : null);

/** the models that fitted, in the evaluation's order */
export function fittedModels(ev: HoldoutEvaluation): ModelEvaluation[] {
  return ev.models.filter((m) => !m.error);
}

/** the colour of a model in every chart of the page (Actual takes the first colour) */
export function modelColour(ev: HoldoutEvaluation, model: string): string {
  const i = ev.models.findIndex((m) => m.model === model);
  return SERIES_COLOURS[(i + 1) % SERIES_COLOURS.length];
}

/** Cumulative or weekly repeat transactions of the cohort by week: actual and each fitted model. */
export function trackingSeries(ev: HoldoutEvaluation, kind: 'cumulative' | 'weekly'): NamedSeries[] {
  const actual: NamedSeries = {
    name: 'Actual',
    points: ev.tracking.map((t) => ({ x: t.week, y: kind === 'cumulative' ? t.actual : t.actualWeekly })),
    colour: SERIES_COLOURS[0]
  };
  const models = fittedModels(ev).map((m): NamedSeries => ({
    name: m.label,
    points: (kind === 'cumulative' ? m.trackingCumulative : m.trackingWeekly).map((y, k) => ({
      x: ev.tracking[k]?.week ?? k + 1,
      y
    })),
    role: 'baseline',
    colour: modelColour(ev, m.model)
  }));
  return [actual, ...models];
}

export function trackingTable(ev: HoldoutEvaluation, kind: 'cumulative' | 'weekly'): ChartTable {
  const cumulative = kind === 'cumulative';
  const actual = ev.tracking.map((t) => (cumulative ? t.actual : t.actualWeekly));
  return weeklyTable(
    ev.tracking,
    ev.calibrationWeeks,
    { label: 'Actual repeat transactions', values: actual },
    fittedModels(ev).map((m) => ({
      key: m.model,
      label: `${m.label} expected`,
      values: cumulative ? m.trackingCumulative : m.trackingWeekly
    }))
  );
}

/** Mean holdout transactions by calibration frequency: actual and every fitted model's expectation. */
export function conditionalTable(ev: HoldoutEvaluation): ChartTable {
  const models = fittedModels(ev);
  const bins = models[0]?.conditional ?? [];
  return conditionalExpectationTable(
    bins,
    models.map((m) => ({
      key: m.model,
      label: `${m.label} expected`,
      values: bins.map((_, i) => m.conditional[i]?.expected ?? NaN)
    }))
  );
}

/** Every cell of the P(alive) matrix: recency (weeks), repeat transactions, P(alive). */
export function pAliveTable(matrix: PAliveMatrix): ChartTable {
  const rows: Record<string, unknown>[] = [];
  matrix.frequency.forEach((x, f) =>
    matrix.recency.forEach((tx, r) => {
      const v = matrix.values[f][r];
      if (v !== null) rows.push({ x, tx: round(tx, 1), pAlive: round(v, 4) });
    })
  );
  return {
    columns: [
      { key: 'x', label: 'Repeat transactions x' },
      { key: 'tx', label: 'Recency t_x (weeks)' },
      { key: 'pAlive', label: 'P(alive)' }
    ],
    rows
  };
}

/** Parameters of a model with standard errors, as table rows ("r", 0.243, 0.013). */
export function parameterRows(m: ModelEvaluation): { name: string; value: number; stdErr: number }[] {
  return Object.entries(m.params).map(([name, value]) => ({ name, value, stdErr: m.stdErr[name] ?? NaN }));
}

/** A number in the tables: 4 significant digits, '—' when not finite. */
export function fmt(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) return v.toExponential(2);
  return Number(v.toPrecision(digits)).toLocaleString('en', { maximumFractionDigits: 6 });
}

/** What is wrong with a chosen split, in words, or null when it can be evaluated. */
export function splitProblem(
  calibrationEnd: string,
  holdoutEnd: string,
  firstDate: string,
  lastDate: string
): string | null {
  if (!calibrationEnd || !holdoutEnd) return 'Pick both dates.';
  if (calibrationEnd <= firstDate)
    return `The calibration end must be after the first purchase (${firstDate}): the models need some history.`;
  if (holdoutEnd <= calibrationEnd)
    return `The holdout has no days: pick a holdout end after the calibration end (${calibrationEnd}).`;
  if (holdoutEnd > lastDate)
    return `The holdout end is after the last purchase (${lastDate}): the data cannot say what happened then.`;
  return null;
}
