/**
 * A chart's legend as data: what ChartLegend draws on screen and what an exported
 * SVG or PNG draws above the chart (export.ts reads it back from the legend's data
 * attributes, so the file carries the legend the reader saw).
 */
export type LegendMark = 'swatch' | 'outline' | 'line' | 'dashed' | 'dot' | 'ring' | 'rule' | 'none';

export interface LegendItem {
  label: string;
  mark: LegendMark;
  /** a literal colour (palette.ts); default the muted ink */
  colour?: string;
}

export const LEGEND_MARKS: readonly LegendMark[] = [
  'swatch',
  'outline',
  'line',
  'dashed',
  'dot',
  'ring',
  'rule',
  'none'
];

/** The legend items drawn inside `container` by ChartLegend, in order (empty when it has none). */
export function readLegend(container: Element): LegendItem[] {
  const items: LegendItem[] = [];
  for (const li of container.querySelectorAll<HTMLElement>('[data-chart-legend] > li')) {
    const mark = li.dataset.mark as LegendMark | undefined;
    items.push({
      label: (li.textContent ?? '').trim(),
      mark: mark && LEGEND_MARKS.includes(mark) ? mark : 'none',
      colour: li.dataset.colour || undefined
    });
  }
  return items;
}
