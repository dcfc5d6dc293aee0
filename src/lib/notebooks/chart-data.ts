/**
 * Data of a chart cell for the TimeSeriesChart and ChartFrame components: one weekly
 * series per scenario (the neutral baseline grey and dashed), and the same numbers
 * as the frame's table (its text alternative and CSV export).
 */
import type { Outcome } from '../model/scenario/scenario-types.ts';
import type { NamedSeries } from '../charts/series.ts';
import type { ValueFormat } from '../charts/format.ts';
import type { ChartTable } from '../charts/table.ts';
import { seriesOf } from './runtime.ts';
import type { ChartSeriesId } from './types.ts';

export const SERIES_INFO: Record<ChartSeriesId, { label: string; format: ValueFormat; description: string }> = {
  activeCustomers: { label: 'Active customers', format: 'count', description: 'expected customers alive at the end of each week' },
  newCustomers: { label: 'New customers', format: 'count', description: 'customers acquired each week, paid and organic' },
  retention: { label: 'Weekly retention', format: 'percent', description: 'share of customers alive at the start of a week still alive at its end' },
  transactions: { label: 'Transactions', format: 'count', description: 'expected transactions per week' },
  revenue: { label: 'Revenue', format: 'currency', description: 'revenue per week' },
  margin: { label: 'Gross margin', format: 'currency', description: 'gross margin per week after price and promotion changes' },
  costs: { label: 'Lever costs', format: 'currency', description: 'media spend and running costs of the levers per week' },
  contribution: { label: 'Contribution', format: 'currency', description: 'gross margin minus lever costs per week' },
  satisfaction: { label: 'Satisfaction index', format: 'number', description: 'customer-experience index, 1 = today' },
  trust: { label: 'Trust index', format: 'number', description: 'expected trust, 1 = today' },
  conversionRate: { label: 'Conversion rate', format: 'percent', description: 'new customers per paid visit' },
  survivalNewCustomer: { label: 'Survival of a new customer', format: 'percent', description: 'probability that a customer acquired in week 0 is still alive, by weeks since acquisition' }
};

export interface ChartInput {
  id: string;
  name: string;
  outcome: Outcome;
}

/** One named weekly series per scenario; the id 'baseline' is drawn as the baseline. */
export function chartSeries(inputs: readonly ChartInput[], series: ChartSeriesId): NamedSeries[] {
  return inputs.map(({ id, name, outcome }) => ({
    name,
    role: id === 'baseline' ? 'baseline' : 'scenario',
    points: Array.from(seriesOf(outcome, series), (y, i) => ({ x: i + 1, y }))
  }));
}

/** The chart's data as a table: one row per week, one column per scenario. */
export function chartTable(named: readonly NamedSeries[]): ChartTable {
  const weeks = Math.max(0, ...named.map((s) => s.points.length));
  const columns = [{ key: 'week', label: 'Week', numeric: true }, ...named.map((s, i) => ({ key: `s${i}`, label: s.name, numeric: true }))];
  const rows = Array.from({ length: weeks }, (_, w) => {
    const row: Record<string, unknown> = { week: w + 1 };
    named.forEach((s, i) => (row[`s${i}`] = s.points[w]?.y ?? null));
    return row;
  });
  return { columns, rows };
}
