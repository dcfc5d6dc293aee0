/**
 * Series data of the time-series chart (plain JSON-able) and the text that
 * describes it: the chart's aria summary and the values read out at a highlighted x.
 */
import type { FormatOptions, ValueFormat } from './format.ts';
import { formatValue } from './format.ts';
import { SERIES_COLOURS, palette } from './palette.ts';
import type { XValue } from './nearest.ts';
import { xNumber } from './nearest.ts';

export interface SeriesPoint {
  /** week index, or a Date */
  x: XValue;
  /** median / central value */
  y: number;
  /** lower band edge, e.g. the 10th percentile */
  lo?: number;
  /** upper band edge, e.g. the 90th percentile */
  hi?: number;
}

export interface NamedSeries {
  name: string;
  points: SeriesPoint[];
  /** 'baseline' draws grey and dashed; default 'scenario' */
  role?: 'baseline' | 'scenario';
  /** override the palette colour */
  colour?: string;
}

export interface SeriesStyle {
  colour: string;
  dashed: boolean;
}

/** Baselines grey and dashed; other series take the Okabe–Ito colours in order (the first is the scenario blue). */
export function seriesStyles(series: readonly NamedSeries[]): SeriesStyle[] {
  let next = 0;
  return series.map((s) => {
    if (s.role === 'baseline') return { colour: s.colour ?? palette.baseline, dashed: true };
    const colour = s.colour ?? SERIES_COLOURS[next % SERIES_COLOURS.length];
    next++;
    return { colour, dashed: false };
  });
}

/** x as text: a Date as its ISO day, a number with the x label ("week 12"). */
export function formatX(x: number, isDate: boolean, xLabel?: string): string {
  if (isDate) return new Date(x).toISOString().slice(0, 10);
  return xLabel ? `${xLabel.toLowerCase()} ${x}` : String(x);
}

/** The point of a series at x (exact match on the numeric x), if any. */
export function pointAt(series: NamedSeries, x: number): SeriesPoint | undefined {
  return series.points.find((p) => xNumber(p.x) === x);
}

/** "Week 12: Baseline $1.2k (80% range $1.0k–$1.4k); Scenario $1.5k" */
export function valuesAtText(
  series: readonly NamedSeries[],
  x: number,
  isDate: boolean,
  format: ValueFormat,
  options: FormatOptions = {},
  xLabel?: string
): string {
  const parts: string[] = [];
  for (const s of series) {
    const p = pointAt(s, x);
    if (!p) continue;
    let text = `${s.name} ${formatValue(p.y, format, options)}`;
    if (p.lo !== undefined && p.hi !== undefined)
      text += ` (80% range ${formatValue(p.lo, format, options)}\u2013${formatValue(p.hi, format, options)})`;
    parts.push(text);
  }
  const label = formatX(x, isDate, xLabel);
  return `${label.charAt(0).toUpperCase()}${label.slice(1)}: ${parts.join('; ') || 'no data'}`;
}

/** "Line chart over week 0 to week 52. Baseline goes from $1.2k to $1.1k; Scenario from $1.2k to $1.6k." */
export function seriesSummary(
  series: readonly NamedSeries[],
  isDate: boolean,
  format: ValueFormat,
  options: FormatOptions = {},
  xLabel?: string
): string {
  const withPoints = series.filter((s) => s.points.length > 0);
  if (!withPoints.length) return 'Line chart with no data.';
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of withPoints)
    for (const p of s.points) {
      const x = xNumber(p.x);
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  const sentences = withPoints.map((s) => {
    const first = s.points[0];
    const last = s.points[s.points.length - 1];
    return `${s.name} goes from ${formatValue(first.y, format, options)} to ${formatValue(last.y, format, options)}`;
  });
  return `Line chart over ${formatX(lo, isDate, xLabel)} to ${formatX(hi, isDate, xLabel)}. ${sentences.join('; ')}.`;
}
