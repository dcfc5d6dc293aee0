/**
 * Data of a chart cell: one weekly series per scenario, and its quarterly table
 * (13-week periods) for the text view and the printed handout. Flows are summed
 * over a quarter, stocks taken at its end, rates and indices averaged.
 */
import type { Outcome } from '../model/scenario-types.ts';
import { seriesOf } from './runtime.ts';
import type { ChartSeriesId } from './types.ts';

export type SeriesKind = 'flow' | 'stock' | 'mean';

export const SERIES_INFO: Record<ChartSeriesId, { label: string; kind: SeriesKind; unit: 'currency' | 'count' | 'share' | 'index' }> = {
  activeCustomers: { label: 'Active customers (end of period)', kind: 'stock', unit: 'count' },
  newCustomers: { label: 'New customers', kind: 'flow', unit: 'count' },
  retention: { label: 'Weekly retention (mean)', kind: 'mean', unit: 'share' },
  transactions: { label: 'Transactions', kind: 'flow', unit: 'count' },
  revenue: { label: 'Revenue', kind: 'flow', unit: 'currency' },
  margin: { label: 'Gross margin', kind: 'flow', unit: 'currency' },
  costs: { label: 'Lever costs', kind: 'flow', unit: 'currency' },
  contribution: { label: 'Contribution', kind: 'flow', unit: 'currency' },
  satisfaction: { label: 'Satisfaction index (mean)', kind: 'mean', unit: 'index' },
  trust: { label: 'Trust index (mean)', kind: 'mean', unit: 'index' },
  conversionRate: { label: 'Conversion rate (mean)', kind: 'mean', unit: 'share' },
  survivalNewCustomer: { label: 'Share of a new cohort still alive (end of period)', kind: 'stock', unit: 'share' }
};

export const WEEKS_PER_QUARTER = 13;

/** Weekly values of one series of one scenario as plain numbers, week 1..H. */
export function weekly(outcome: Outcome, id: ChartSeriesId): number[] {
  return Array.from(seriesOf(outcome, id));
}

/** Aggregate weekly values to 13-week quarters (the last quarter may be shorter). */
export function quarterly(values: readonly number[], kind: SeriesKind): number[] {
  const out: number[] = [];
  for (let start = 0; start < values.length; start += WEEKS_PER_QUARTER) {
    const chunk = values.slice(start, start + WEEKS_PER_QUARTER);
    if (kind === 'stock') out.push(chunk[chunk.length - 1]);
    else {
      const sum = chunk.reduce((s, v) => s + v, 0);
      out.push(kind === 'flow' ? sum : sum / chunk.length);
    }
  }
  return out;
}
