/**
 * Weekly series to display periods (weeks, months, years). Flows (customers
 * acquired, transactions, money) are summed over the period; stocks (active
 * customers) take the period's last week; rates (retention, conversion,
 * satisfaction, trust) are recomputed or averaged as stated per series.
 * A month is 52/12 weeks and a year 52 weeks.
 */
export type DisplayPeriod = 'week' | 'month' | 'year';
export type SeriesKind = 'flow' | 'stock' | 'mean';

export function periodOfWeek(week: number, period: DisplayPeriod): number {
  if (period === 'week') return week;
  if (period === 'month') return Math.ceil((week * 12) / 52 - 1e-9);
  return Math.ceil(week / 52 - 1e-9);
}

/** Length of one display period in weeks. */
export function periodWeeks(period: DisplayPeriod): number {
  return period === 'week' ? 1 : period === 'month' ? 52 / 12 : 52;
}

/**
 * Aggregate a weekly series (index 0 = week 1, covering (w - 1, w]) to periods of
 * `periodWeeks` weeks; returns [period index (1-based), value] pairs. A week that
 * straddles two periods is split between them by overlap, so months (52/12 weeks)
 * do not alternate between 4- and 5-week sums and the flows still add up exactly.
 * Flows are summed, means are overlap-weighted, stocks are read at the period's end
 * (linear between week ends). Only whole periods are returned, plus a last partial
 * one when the series ends inside it.
 */
export function aggregateSeries(
  weekly: ArrayLike<number>,
  period: DisplayPeriod,
  kind: SeriesKind
): { period: number[]; value: number[] } {
  const n = weekly.length;
  const L = periodWeeks(period);
  const count = Math.ceil(n / L - 1e-9);
  const periods: number[] = [];
  const values: number[] = [];
  for (let p = 1; p <= count; p++) {
    const start = (p - 1) * L;
    const end = Math.min(p * L, n);
    let sum = 0;
    let weight = 0;
    for (let w = Math.floor(start + 1e-9); w < Math.ceil(end - 1e-9); w++) {
      const overlap = Math.min(end, w + 1) - Math.max(start, w);
      if (overlap <= 0) continue;
      sum += overlap * weekly[w];
      weight += overlap;
    }
    let v: number;
    if (kind === 'flow') v = sum;
    else if (kind === 'mean') v = weight > 0 ? sum / weight : 0;
    else {
      // stock at time `end` (weeks); weekly[w] is the value at the end of week w + 1
      const t = end - 1;
      const lo = Math.max(0, Math.floor(t + 1e-9));
      const hi = Math.min(n - 1, lo + 1);
      const f = t - lo;
      v = f < 1e-9 ? weekly[lo] : weekly[lo] * (1 - f) + weekly[hi] * f;
    }
    periods.push(p);
    values.push(v);
  }
  return { period: periods, value: values };
}
