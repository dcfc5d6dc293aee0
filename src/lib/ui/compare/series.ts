/** Overlaid series of several scenarios for the compare charts. */
import type { NamedSeries } from '$lib/charts/series';
import type { DisplayPeriod } from '$lib/model/scenario/engine/aggregate';
import { aggregateSeries } from '$lib/model/scenario/engine/aggregate';
import type { OutcomeSeries, Series } from '$lib/model/scenario/scenario-types';
import { SERIES_KIND } from '../workbench/view';
import type { Compared } from './compare';

/** The monthly projections a comparison draws, one chart each (the compare page, the report). */
export const COMPARED_CHARTS = [
  { key: 'activeCustomers', title: 'Active customers', format: 'count' },
  { key: 'revenue', title: 'Revenue', format: 'currency' },
  { key: 'contribution', title: 'Contribution', format: 'currency' }
] as const satisfies readonly { key: keyof OutcomeSeries; title: string; format: 'count' | 'currency' }[];

export function overlaid(
  key: keyof OutcomeSeries,
  compared: readonly Compared[],
  period: DisplayPeriod
): NamedSeries[] {
  return compared.map((c) => {
    const agg = aggregateSeries(c.outcome.series[key] as Series, period, SERIES_KIND[key] ?? 'flow');
    return {
      name: c.name,
      role: c.id === 'baseline' ? 'baseline' : 'scenario',
      points: agg.period.map((x, i) => ({ x, y: agg.value[i] }))
    };
  });
}

export function overlaidSurvival(compared: readonly Compared[]): NamedSeries[] {
  return compared.map((c) => ({
    name: c.name,
    role: c.id === 'baseline' ? 'baseline' : 'scenario',
    points: Array.from(c.outcome.cohortSurvival.newCustomer, (y, i) => ({ x: i + 1, y }))
  }));
}
