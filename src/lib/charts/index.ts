// Chart components and the pure helpers behind them.
export { default as ChartFrame } from './ChartFrame.svelte';
export { default as ChartSelect } from './ChartSelect.svelte';
export { default as TimeSeriesChart } from './TimeSeriesChart.svelte';
export { default as BarChart } from './BarChart.svelte';
export { default as HistogramChart } from './HistogramChart.svelte';
export { default as WaterfallChart } from './WaterfallChart.svelte';
export { default as TornadoChart } from './TornadoChart.svelte';
export { default as FunnelChart } from './FunnelChart.svelte';
export { default as ResponseCurveChart } from './ResponseCurveChart.svelte';
export { default as KpiCard } from './KpiCard.svelte';
export { default as CausalGraph } from './CausalGraph.svelte';

export type { BarDatum, Distribution, ResponseCurve } from './chart-data.ts';
export type { NamedSeries, SeriesPoint } from './series.ts';
export type { WaterfallStep, WaterfallBar } from './waterfall.ts';
export type { TornadoInputRow, TornadoBar } from './tornado.ts';
export type { FunnelStage, FunnelConversion } from './funnel.ts';
export type { GraphNode, GraphEdge, GraphLayer } from './graph-layout.ts';
export type { ChartTable, TableColumn } from './table.ts';
export type { ChartSize } from './sizing.ts';
export type { ValueFormat, FormatOptions } from './format.ts';

export * from './format.ts';
export { palette, SERIES_COLOURS, seriesColour } from './palette.ts';
export { chartSizing } from './sizing.ts';
export {
  toCsv,
  csvCell,
  safeFilename,
  serialiseSvg,
  svgToPng,
  downloadSvg,
  downloadPng,
  downloadCsv,
  downloadBlob
} from './export.ts';
export { waterfallBars } from './waterfall.ts';
export { tornadoBars } from './tornado.ts';
export { funnelConversions, funnelNeedsLogScale } from './funnel.ts';
export { layoutGraph, orderLayers, countCrossings, pathsThrough } from './graph-layout.ts';
export { binValues, binsFromCounts } from './bins.ts';
export { snapX, stepX, nearestIndex, distinctXs } from './nearest.ts';
