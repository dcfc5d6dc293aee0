/**
 * One chart as data: the words and table of its ChartFrame and the props of the one
 * chart inside it. A page that shows a list of charts builds these specs from its
 * results (plain functions, testable without a DOM) and renders each with ChartCard.
 */
import type { ComponentProps } from 'svelte';
import type BarChart from './BarChart.svelte';
import type HeatmapChart from './HeatmapChart.svelte';
import type HistogramChart from './HistogramChart.svelte';
import type TimeSeriesChart from './TimeSeriesChart.svelte';
import type { ChartTable } from './table.ts';

export interface ChartCardFrame {
  title: string;
  /** one or two sentences summarising what the chart shows (screen readers) */
  description: string;
  subtitle?: string;
  caption?: string;
  table: ChartTable;
  /** file name stem of the exports; also the key of the card in a list */
  filename: string;
}

export type BarChartProps = ComponentProps<typeof BarChart>;
export type TimeSeriesChartProps = ComponentProps<typeof TimeSeriesChart>;
export type HistogramChartProps = ComponentProps<typeof HistogramChart>;
export type HeatmapChartProps = ComponentProps<typeof HeatmapChart>;

/** exactly one chart: its kind is the key, its props the value */
export type ChartCardChart =
  | { barChart: BarChartProps }
  | { timeSeries: TimeSeriesChartProps }
  | { histogram: HistogramChartProps }
  | { heatmap: HeatmapChartProps };

export type ChartCardSpec = ChartCardFrame & ChartCardChart;
