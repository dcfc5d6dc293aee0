/**
 * Type and stroke scale of the charts. 'normal' suits a laptop screen from 1280x720;
 * 'large' (presenter mode) scales fonts, strokes and marks so a chart stays readable
 * on a projector from the back of a room.
 */
export type ChartSize = 'normal' | 'large';

export interface ChartSizing {
  /** axis and label font size, px */
  fontPx: number;
  /** data line width, px */
  strokePx: number;
  /** dot radius, px */
  dotRadiusPx: number;
  /** default plot height, px */
  heightPx: number;
  /** left margin for y tick labels, px */
  marginLeftPx: number;
  /** bottom margin for x tick labels and the x label, px */
  marginBottomPx: number;
}

const SIZINGS: Record<ChartSize, ChartSizing> = {
  normal: { fontPx: 12, strokePx: 2, dotRadiusPx: 4, heightPx: 260, marginLeftPx: 56, marginBottomPx: 40 },
  large: { fontPx: 18, strokePx: 3.5, dotRadiusPx: 6.5, heightPx: 380, marginLeftPx: 84, marginBottomPx: 58 }
};

export function chartSizing(size: ChartSize = 'normal'): ChartSizing {
  const s = SIZINGS[size];
  if (!s) throw new RangeError(`invalid chart size: ${JSON.stringify(size)} (must be 'normal' or 'large')`);
  return s;
}

/** What a chart's draw function is given besides its element: the width it has (px, > 0) and its scale. */
export interface PlotFrame {
  width: number;
  sizing: ChartSizing;
}
