/**
 * Plain data shapes of the bar, histogram and response-curve charts (JSON-able; the
 * other charts' shapes live next to their geometry: series.ts, waterfall.ts,
 * tornado.ts, funnel.ts, graph-layout.ts).
 */

export interface BarDatum {
  category: string;
  /** the scenario value (or the only value) */
  value: number;
  /** when any bar has one, bars are grouped baseline vs scenario */
  baseline?: number;
}

export interface Distribution {
  label: string;
  /** raw values, binned here */
  values?: readonly number[];
  /** or counts already binned at integer x */
  counts?: readonly { x: number; count: number }[];
  /** or counts already binned with their edges [x0, x1) (e.g. a CLV histogram from a worker) */
  bins?: readonly { x0: number; x1: number; count: number }[];
}

export interface ResponseCurve {
  channel: string;
  /** points of the curve, spend ascending */
  curve: readonly { spend: number; response: number }[];
  currentSpend: number;
  currentResponse: number;
  /** d response / d spend at the current spend, response units per currency unit */
  marginalReturn?: number;
  /** a recommended spend (e.g. the budget optimiser's), drawn as a ring */
  recommendedSpend?: number;
  recommendedResponse?: number;
}
