/**
 * The validation results in the shapes of the shared charts (src/lib/charts) and their
 * table views: tracking and sBG survival as named series, the frequency histograms as
 * pre-binned counts with the model as overlay, conditional expectations as grouped bars.
 */
import type { BarDatum, Distribution } from '../charts/chart-data.ts';
import type { NamedSeries } from '../charts/series.ts';
import type { ChartTable, TableColumn } from '../charts/table.ts';
import type { ConditionalBin, FrequencyBin, TrackingPoint } from './cdnow.ts';
import type { BgBbCellFit, SbgCohortResult } from './contractual.ts';
import { SERIES_COLOURS } from '../charts/palette.ts';
import { SBG_COHORT_LABELS } from './published-data.ts';

const round = (v: number, digits: number) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : null);

/** Cumulative repeat transactions by week: actual (solid), BG/NBD and (when fitted) Pareto/NBD (dashed). */
export function trackingSeries(points: readonly TrackingPoint[]): NamedSeries[] {
  const series: NamedSeries[] = [
    { name: 'Actual', points: points.map((p) => ({ x: p.week, y: p.actual })), colour: SERIES_COLOURS[0] },
    {
      name: 'BG/NBD',
      points: points.filter((p) => Number.isFinite(p.bgnbd)).map((p) => ({ x: p.week, y: p.bgnbd })),
      role: 'baseline',
      colour: SERIES_COLOURS[1]
    }
  ];
  if (points.some((p) => p.paretoNbd !== null))
    series.push({
      name: 'Pareto/NBD',
      points: points.filter((p) => p.paretoNbd !== null).map((p) => ({ x: p.week, y: p.paretoNbd as number })),
      role: 'baseline',
      colour: SERIES_COLOURS[2]
    });
  return series.filter((s) => s.points.length > 0);
}

/** One fitted model's column of expected values in a table of actual vs expected: key, header, a value per row. */
export interface ExpectedColumn {
  key: string;
  label: string;
  values: readonly (number | null)[];
}

/**
 * A table of actual vs expected: the given columns of each row, then one column per model
 * with its expected value for the row, rounded to `digits`.
 */
function withExpected<T>(
  items: readonly T[],
  columns: TableColumn[],
  cells: (item: T, i: number) => Record<string, unknown>,
  expected: readonly ExpectedColumn[],
  digits: number
): ChartTable {
  return {
    columns: [...columns, ...expected.map(({ key, label }) => ({ key, label }))],
    rows: items.map((item, i) => ({
      ...cells(item, i),
      ...Object.fromEntries(expected.map((e) => [e.key, round(e.values[i] ?? NaN, digits)]))
    }))
  };
}

/**
 * Repeat transactions of the cohort by week: week, its last day, calibration or holdout,
 * the actual count and each model's expectation (1 decimal).
 */
export function weeklyTable(
  weeks: readonly { week: number; endDate: string }[],
  calibrationWeeks: number,
  actual: { label: string; values: readonly number[] },
  expected: readonly ExpectedColumn[]
): ChartTable {
  const columns = [
    { key: 'week', label: 'Week' },
    { key: 'endDate', label: 'Week ending' },
    { key: 'period', label: 'Period' },
    { key: 'actual', label: actual.label }
  ];
  return withExpected(
    weeks,
    columns,
    (w, k) => ({
      week: w.week,
      endDate: w.endDate,
      period: w.week <= calibrationWeeks ? 'calibration' : 'holdout',
      actual: actual.values[k]
    }),
    expected,
    1
  );
}

export function trackingTable(points: readonly TrackingPoint[], calibrationWeeks: number): ChartTable {
  return weeklyTable(points, calibrationWeeks, { label: 'Actual', values: points.map((p) => p.actual) }, [
    { key: 'bgnbd', label: 'BG/NBD', values: points.map((p) => p.bgnbd) },
    { key: 'paretoNbd', label: 'Pareto/NBD', values: points.map((p) => p.paretoNbd) }
  ]);
}

/** Actual (bars) and expected (overlay) customers by number of repeat transactions. */
export function frequencyDistributions(
  bins: readonly Pick<FrequencyBin, 'x' | 'actual' | 'expected'>[],
  model = 'BG/NBD'
): { distribution: Distribution; overlay: Distribution } {
  return {
    distribution: { label: 'Actual', counts: bins.map((b) => ({ x: b.x, count: b.actual })) },
    overlay: { label: `${model} expected`, counts: bins.map((b) => ({ x: b.x, count: b.expected })) }
  };
}

export function frequencyTable(bins: readonly FrequencyBin[], model = 'BG/NBD'): ChartTable {
  const columns = [
    { key: 'label', label: 'Repeat transactions' },
    { key: 'actual', label: 'Actual customers' }
  ];
  const expected = { key: 'expected', label: `${model} expected`, values: bins.map((b) => b.expected) };
  return withExpected(bins, columns, (b) => ({ label: b.label, actual: b.actual }), [expected], 1);
}

/** Mean holdout transactions by calibration frequency: actual as the grey baseline, the model in colour. */
export function conditionalBars(bins: readonly ConditionalBin[]): BarDatum[] {
  return bins.filter((b) => b.customers > 0).map((b) => ({ category: b.label, value: b.expected, baseline: b.actual }));
}

/**
 * Mean holdout transactions by calibration frequency: the bin, its customers, the actual
 * mean and each model's conditional expectation (3 decimals).
 */
export function conditionalExpectationTable(
  bins: readonly Pick<ConditionalBin, 'label' | 'customers' | 'actual'>[],
  expected: readonly ExpectedColumn[]
): ChartTable {
  const columns = [
    { key: 'label', label: 'Calibration repeat transactions' },
    { key: 'customers', label: 'Customers' },
    { key: 'actual', label: 'Actual mean holdout transactions' }
  ];
  const cells = (b: (typeof bins)[number]) => ({ label: b.label, customers: b.customers, actual: round(b.actual, 3) });
  return withExpected(bins, columns, cells, expected, 3);
}

export function conditionalTable(bins: readonly ConditionalBin[], model = 'BG/NBD'): ChartTable {
  const expected = { key: 'expected', label: `${model} expected`, values: bins.map((b) => b.expected) };
  return conditionalExpectationTable(bins, [expected]);
}

/** Survival in % by year: each cohort's actual (Table 1, solid) and sBG curve (dashed, same colour). */
export function sbgSeries(results: readonly SbgCohortResult[]): NamedSeries[] {
  return results.flatMap((r, i): NamedSeries[] => {
    const label = SBG_COHORT_LABELS[r.cohort];
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length];
    return [
      {
        name: `${label}, actual`,
        points: r.curve
          .filter((p) => p.actualPercent !== null)
          .map((p) => ({ x: p.year, y: p.actualPercent as number })),
        colour
      },
      {
        name: `${label}, sBG`,
        points: r.curve.map((p) => ({ x: p.year, y: p.fittedPercent })),
        role: 'baseline',
        colour
      }
    ];
  });
}

export function sbgTable(results: readonly SbgCohortResult[]): ChartTable {
  const years = results.flatMap((r) => r.curve.map((p) => ({ cohort: SBG_COHORT_LABELS[r.cohort], ...p })));
  const columns = [
    { key: 'cohort', label: 'Cohort' },
    { key: 'year', label: 'Year' },
    { key: 'period', label: 'Period' },
    { key: 'actual', label: 'Actual % active' }
  ];
  const cells = (y: (typeof years)[number]) => ({
    cohort: y.cohort,
    year: y.year,
    period: y.calibration ? 'calibration' : 'projection',
    actual: y.actualPercent
  });
  const fitted = { key: 'fitted', label: 'sBG % active', values: years.map((y) => y.fittedPercent) };
  return withExpected(years, columns, cells, [fitted], 2);
}

/** Donors by number of repeat donations (0..n), actual vs expected, from the (x, t_x) cells. */
export function donorFrequency(cells: readonly BgBbCellFit[]): { x: number; actual: number; expected: number }[] {
  const byX = new Map<number, { actual: number; expected: number }>();
  for (const c of cells) {
    const b = byX.get(c.x) ?? { actual: 0, expected: 0 };
    b.actual += c.donors;
    b.expected += c.expected;
    byX.set(c.x, b);
  }
  return [...byX].sort((a, b) => a[0] - b[0]).map(([x, b]) => ({ x, ...b }));
}

export function bgbbCellTable(cells: readonly BgBbCellFit[]): ChartTable {
  const columns = [
    { key: 'x', label: 'Repeat donations x' },
    { key: 'tx', label: 'Last donation t_x' },
    { key: 'actual', label: 'Actual donors' }
  ];
  const expected = { key: 'expected', label: 'BG/BB expected', values: cells.map((c) => c.expected) };
  return withExpected(cells, columns, (c) => ({ x: c.x, tx: c.tx, actual: c.donors }), [expected], 1);
}
