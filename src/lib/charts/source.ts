/**
 * Where a chart's numbers come from, for the source line of its exported image: a page
 * (or the app shell) provides it through Svelte context as a function read at export
 * time ("dataset Music sample · scenario Baseline"); ChartFrame adds the app and the date.
 * Charts import nothing of the data or the model, so the text comes from above.
 */
import { getContext, setContext } from 'svelte';

const KEY = Symbol('chart-source');

/** Provide the source of every chart below this component. */
export function setChartSource(source: () => string): void {
  setContext(KEY, source);
}

/** The source provided above, if any (call during component initialisation). */
export function getChartSource(): (() => string) | undefined {
  return getContext<(() => string) | undefined>(KEY);
}

/** The exported source line: "Source: Lever Lab · <source> · <YYYY-MM-DD>". */
export function sourceLine(source: string | undefined, date: Date): string {
  return ['Source: Lever Lab', source?.trim() || null, date.toISOString().slice(0, 10)].filter(Boolean).join(' · ');
}
