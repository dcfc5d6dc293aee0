/**
 * Weekly series to display periods (weeks, months, years). Flows (customers
 * acquired, transactions, money) are summed over the period; stocks (active
 * customers) take the period's last week; rates (retention, conversion,
 * satisfaction, trust) are recomputed or averaged as stated per series.
 * A month is 52/12 weeks: week w (1-based, end of week) belongs to month
 * ceil(w · 12 / 52) and year ceil(w / 52).
 */
export type DisplayPeriod = 'week' | 'month' | 'year';
export type SeriesKind = 'flow' | 'stock' | 'mean';

export function periodOfWeek(week: number, period: DisplayPeriod): number {
  if (period === 'week') return week;
  if (period === 'month') return Math.ceil((week * 12) / 52 - 1e-9);
  return Math.ceil(week / 52 - 1e-9);
}

/** Aggregate a weekly series (index 0 = week 1) to periods; returns [period index (1-based), value] pairs. */
export function aggregateSeries(weekly: ArrayLike<number>, period: DisplayPeriod, kind: SeriesKind): { period: number[]; value: number[] } {
  const periods: number[] = [];
  const values: number[] = [];
  let count = 0;
  for (let w = 0; w < weekly.length; w++) {
    const p = periodOfWeek(w + 1, period);
    if (periods.length === 0 || periods[periods.length - 1] !== p) {
      if (kind === 'mean' && count > 0) values[values.length - 1] /= count;
      periods.push(p);
      values.push(0);
      count = 0;
    }
    const i = values.length - 1;
    if (kind === 'stock') values[i] = weekly[w];
    else values[i] += weekly[w];
    count++;
  }
  if (kind === 'mean' && count > 0) values[values.length - 1] /= count;
  return { period: periods, value: values };
}
