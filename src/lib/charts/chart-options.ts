/**
 * The options every chart passes to Observable Plot, in one place: the frame (width,
 * height, margins and the inline style that makes the SVG inherit the page's font and
 * stay transparent), the value axis, and the props every chart takes.
 */
import type { ValueFormat } from './format.ts';
import { tickFormatter } from './format.ts';
import type { ChartSize, ChartSizing } from './sizing.ts';

/** Props of every chart. */
export interface ChartProps {
  size?: ChartSize;
  /** plot height, px; default from the size (and, for row charts, the number of rows) */
  height?: number;
  /** the summary read by screen readers; default: generated from the data */
  ariaLabel?: string;
}

/** Props of every chart that prints values. */
export interface ValueChartProps extends ChartProps {
  format?: ValueFormat;
  /** ISO 4217 code of money values (format 'currency'); default USD */
  currency?: string;
}

export interface FrameLayout {
  height?: number;
  marginLeft?: number;
  marginRight?: number;
  marginTop?: number;
  marginBottom?: number;
}

export interface PlotFrame {
  width: number;
  height: number;
  marginLeft: number;
  marginBottom: number;
  marginTop?: number;
  marginRight?: number;
  style: Record<string, string>;
}

/**
 * Width, height and margins (defaults from the sizing; top and right margins Plot's own
 * unless given) and the style: the page's font at the sizing's size, a transparent
 * background, and labels allowed to overflow the SVG box (bar-end labels, curve names).
 */
export function plotFrame(sizing: ChartSizing, width: number, layout: FrameLayout = {}): PlotFrame {
  const frame: PlotFrame = {
    width,
    height: layout.height ?? sizing.heightPx,
    marginLeft: layout.marginLeft ?? sizing.marginLeftPx,
    marginBottom: layout.marginBottom ?? sizing.marginBottomPx,
    style: { fontSize: `${sizing.fontPx}px`, fontFamily: 'inherit', background: 'transparent', overflow: 'visible' }
  };
  if (layout.marginTop !== undefined) frame.marginTop = layout.marginTop;
  if (layout.marginRight !== undefined) frame.marginRight = layout.marginRight;
  return frame;
}

/** A value axis: its label, grid lines, nice ends and ticks in the chart's format. */
export function valueAxis(
  label: string | undefined,
  format: ValueFormat,
  currency: string | undefined
): { label: string | null; grid: true; nice: true; tickFormat: (v: number) => string } {
  return { label: label ?? null, grid: true, nice: true, tickFormat: tickFormatter(format, { currency }) };
}
