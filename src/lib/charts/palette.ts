/**
 * Chart colours as concrete hex values (Observable Plot and exported SVG files need
 * literal colours, not CSS variables). They mirror the design tokens of src/app.css:
 * the colour-blind-safe palette of Okabe & Ito (2008), "Color Universal Design",
 * with a neutral grey for the baseline. Keep the two in step.
 */

/** --c-1 .. --c-7 of src/app.css, in order: blue, orange, bluish green, reddish purple, sky blue, vermillion, yellow. */
export const SERIES_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442'] as const;

export const palette = {
  /** --c-baseline: the status quo, drawn grey and dashed */
  baseline: '#6b7785',
  /** --c-scenario: the scenario being explored */
  scenario: '#0072b2',
  /** --c-3 bluish green: an increase (waterfall, tornado high side) */
  increase: '#009e73',
  /** --c-6 vermillion: a decrease */
  decrease: '#d55e00',
  /** --c-2 orange: a highlight that stands apart from blue and grey */
  highlight: '#e69f00',
  /** --text, --text-muted, --border */
  ink: '#1b2430',
  inkMuted: '#4f5d6e',
  rule: '#d5dbe3',
  surface: '#ffffff'
} as const;

/** The colour of the i-th named series (cycles after seven). */
export function seriesColour(index: number): string {
  if (!Number.isInteger(index) || index < 0)
    throw new RangeError(`invalid series index: ${index} (must be an integer >= 0)`);
  return SERIES_COLOURS[index % SERIES_COLOURS.length];
}
