/**
 * The validation results in the shapes of the shared charts (src/lib/charts) and their
 * table views: tracking and sBG survival as named series, the frequency histograms as
 * pre-binned counts with the model as overlay, conditional expectations as grouped bars.
 */
import type { BarDatum, Distribution } from '../charts/chart-data.ts';
import type { NamedSeries } from '../charts/series.ts';
import type { ChartTable } from '../charts/table.ts';
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

export function trackingTable(points: readonly TrackingPoint[], calibrationWeeks: number): ChartTable {
  return {
    columns: [
      { key: 'week', label: 'Week' },
      { key: 'endDate', label: 'Week ending' },
      { key: 'period', label: 'Period' },
      { key: 'actual', label: 'Actual' },
      { key: 'bgnbd', label: 'BG/NBD' },
      { key: 'paretoNbd', label: 'Pareto/NBD' }
    ],
    rows: points.map((p) => ({
      week: p.week,
      endDate: p.endDate,
      period: p.week <= calibrationWeeks ? 'calibration' : 'holdout',
      actual: p.actual,
      bgnbd: round(p.bgnbd, 1),
      paretoNbd: p.paretoNbd === null ? null : round(p.paretoNbd, 1)
    }))
  };
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
  return {
    columns: [
      { key: 'label', label: 'Repeat transactions' },
      { key: 'actual', label: 'Actual customers' },
      { key: 'expected', label: `${model} expected` }
    ],
    rows: bins.map((b) => ({ label: b.label, actual: b.actual, expected: round(b.expected, 1) }))
  };
}

/** Mean holdout transactions by calibration frequency: actual as the grey baseline, the model in colour. */
export function conditionalBars(bins: readonly ConditionalBin[]): BarDatum[] {
  return bins.filter((b) => b.customers > 0).map((b) => ({ category: b.label, value: b.expected, baseline: b.actual }));
}

export function conditionalTable(bins: readonly ConditionalBin[], model = 'BG/NBD'): ChartTable {
  return {
    columns: [
      { key: 'label', label: 'Calibration repeat transactions' },
      { key: 'customers', label: 'Customers' },
      { key: 'actual', label: 'Actual mean holdout transactions' },
      { key: 'expected', label: `${model} expected` }
    ],
    rows: bins.map((b) => ({
      label: b.label,
      customers: b.customers,
      actual: round(b.actual, 3),
      expected: round(b.expected, 3)
    }))
  };
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
  const rows = results.flatMap((r) =>
    r.curve.map((p) => ({
      cohort: SBG_COHORT_LABELS[r.cohort],
      year: p.year,
      period: p.calibration ? 'calibration' : 'projection',
      actual: p.actualPercent,
      fitted: round(p.fittedPercent, 2)
    }))
  );
  return {
    columns: [
      { key: 'cohort', label: 'Cohort' },
      { key: 'year', label: 'Year' },
      { key: 'period', label: 'Period' },
      { key: 'actual', label: 'Actual % active' },
      { key: 'fitted', label: 'sBG % active' }
    ],
    rows
  };
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
  return {
    columns: [
      { key: 'x', label: 'Repeat donations x' },
      { key: 'tx', label: 'Last donation t_x' },
      { key: 'actual', label: 'Actual donors' },
      { key: 'expected', label: 'BG/BB expected' }
    ],
    rows: cells.map((c) => ({ x: c.x, tx: c.tx, actual: c.donors, expected: round(c.expected, 1) }))
  };
}
