/**
 * What the workbench draws, derived from the engine's answers: plain functions from
 * (scenario outcome, baseline outcome, bands) to the chart components' inputs and
 * their table views. No Svelte, no DOM: unit-tested in node.
 */
import type { KpiDef } from '$lib/model/scenario/engine/kpis';
import { aggregateSeries, type DisplayPeriod, type SeriesKind } from '$lib/model/scenario/engine/aggregate';
import type { Band, KpiId, Outcome, OutcomeSeries, Series } from '$lib/model/scenario/scenario-types';
import type { NamedSeries, SeriesPoint } from '$lib/charts/series';
import type { ChartTable } from '$lib/charts/table';
import { formatValue, type ValueFormat } from '$lib/charts/format';
import type { ResponseCurve } from '$lib/charts/chart-data';
import type { ChannelResponse } from '$lib/model/scenario/response-curves';

/** How a KPI's unit is shown. */
export function kpiFormat(unit: KpiDef['unit']): ValueFormat {
  switch (unit) {
    case 'currency':
      return 'currency';
    case 'share':
      return 'percent';
    case 'customers':
      return 'count';
    default:
      return 'number';
  }
}

/** The word after a KPI's value when its format does not carry the unit ("Payback 22 weeks"). */
export function kpiUnitSuffix(unit: KpiDef['unit']): string | undefined {
  return unit === 'weeks' ? 'weeks' : unit === 'points' ? 'points' : undefined;
}

export interface KpiCardData {
  id: KpiId;
  label: string;
  format: ValueFormat;
  value: number | null;
  baseline: number | null;
  higherIsBetter: boolean;
  band: { lo: number; hi: number } | null;
  description: string;
  /** shown after the value (weeks) */
  unit?: string;
}

export function kpiCard(def: KpiDef, outcome: Outcome, baseline: Outcome): KpiCardData {
  const b = outcome.bands?.kpis[def.id];
  return {
    id: def.id,
    label: def.label,
    format: kpiFormat(def.unit),
    value: finiteOrNull(outcome.kpis[def.id]),
    baseline: finiteOrNull(baseline.kpis[def.id]),
    higherIsBetter: def.higherIsBetter,
    band: b && isNum(b.p10) && isNum(b.p90) ? { lo: b.p10, hi: b.p90 } : null,
    description: def.description,
    unit: kpiUnitSuffix(def.unit)
  };
}

function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function finiteOrNull(v: number | null | undefined): number | null {
  return isNum(v) ? v : null;
}

/** Weekly series keys the charts offer, with how they aggregate to months or years. */
export const SERIES_KIND: Partial<Record<keyof OutcomeSeries, SeriesKind>> = {
  newCustomers: 'flow',
  activeCustomers: 'stock',
  transactions: 'flow',
  revenue: 'flow',
  margin: 'flow',
  costs: 'flow',
  contribution: 'flow',
  retention: 'mean',
  conversionRate: 'mean',
  satisfaction: 'mean',
  trust: 'mean'
};

function points(values: Series, period: DisplayPeriod, kind: SeriesKind, band?: Band<Series>): SeriesPoint[] {
  const main = aggregateSeries(values, period, kind);
  const lo = band ? aggregateSeries(band.p10, period, kind).value : null;
  const hi = band ? aggregateSeries(band.p90, period, kind).value : null;
  return main.period.map((x, i) => ({
    x,
    y: main.value[i],
    ...(lo && hi ? { lo: Math.min(lo[i], hi[i]), hi: Math.max(lo[i], hi[i]) } : {})
  }));
}

/** Baseline (grey, dashed) and scenario (with its 10-90% band, when computed) of one outcome series. */
export function seriesPair(
  key: keyof OutcomeSeries,
  outcome: Outcome,
  baseline: Outcome,
  period: DisplayPeriod,
  scenarioName: string
): NamedSeries[] {
  const kind = SERIES_KIND[key] ?? 'flow';
  const values = outcome.series[key] as Series;
  const base = baseline.series[key] as Series;
  const band = outcome.bands?.series[key];
  return [
    { name: 'Baseline', role: 'baseline', points: points(base, period, kind) },
    { name: scenarioName, points: points(values, period, kind, band) }
  ];
}

/** Survival of a newly acquired customer by age (weeks), baseline vs scenario. */
export function survivalPair(outcome: Outcome, baseline: Outcome, scenarioName: string): NamedSeries[] {
  const toPoints = (s: Series): SeriesPoint[] => Array.from(s, (y, i) => ({ x: i + 1, y }));
  return [
    { name: 'Baseline', role: 'baseline', points: toPoints(baseline.cohortSurvival.newCustomer) },
    { name: scenarioName, points: toPoints(outcome.cohortSurvival.newCustomer) }
  ];
}

/** The table view of a set of series that share x values. */
export function seriesTable(series: NamedSeries[], xLabel: string, format: (v: number) => string): ChartTable {
  const xs = series[0]?.points.map((p) => p.x) ?? [];
  const columns = [
    { key: 'x', label: xLabel },
    ...series.flatMap((s, i) => {
      const cols = [{ key: `s${i}`, label: s.name, format: (v: unknown) => (isNum(v) ? format(v) : '') }];
      if (s.points.some((p) => p.lo !== undefined)) {
        cols.push(
          { key: `s${i}lo`, label: `${s.name} (10%)`, format: (v: unknown) => (isNum(v) ? format(v) : '') },
          { key: `s${i}hi`, label: `${s.name} (90%)`, format: (v: unknown) => (isNum(v) ? format(v) : '') }
        );
      }
      return cols;
    })
  ];
  const rows = xs.map((x, j) => {
    const row: Record<string, unknown> = { x };
    series.forEach((s, i) => {
      const p = s.points[j];
      row[`s${i}`] = p?.y;
      if (p?.lo !== undefined) {
        row[`s${i}lo`] = p.lo;
        row[`s${i}hi`] = p.hi;
      }
    });
    return row;
  });
  return { columns, rows };
}

/** Sum of a weekly series over the horizon. */
export function total(s: Series): number {
  let t = 0;
  for (let i = 0; i < s.length; i++) t += s[i];
  return t;
}

export interface ChannelRow {
  channel: string;
  baseline: number;
  scenario: number;
}

/** New customers by acquisition channel over the horizon. */
export function newCustomersByChannel(outcome: Outcome, baseline: Outcome): ChannelRow[] {
  return Object.keys(outcome.series.newCustomersByChannel).map((channel) => ({
    channel,
    baseline: total(baseline.series.newCustomersByChannel[channel as keyof OutcomeSeries['newCustomersByChannel']]),
    scenario: total(outcome.series.newCustomersByChannel[channel as keyof OutcomeSeries['newCustomersByChannel']])
  }));
}

export interface FunnelStage {
  stage: string;
  baseline: number;
  scenario: number;
}

/**
 * Visits -> first purchase -> repeat within a year, over the horizon (the engine's
 * funnel totals). Paid channels bring the visits; organic first purchases join at the
 * second stage, so the first step is not a conversion rate of all customers.
 */
export function funnel(outcome: Outcome, baseline: Outcome): FunnelStage[] {
  return [
    { stage: 'Visits (paid media)', baseline: baseline.funnel.visits, scenario: outcome.funnel.visits },
    { stage: 'First purchase', baseline: baseline.funnel.newCustomers, scenario: outcome.funnel.newCustomers },
    { stage: 'Repeat within a year', baseline: baseline.funnel.repeatWithin1y, scenario: outcome.funnel.repeatWithin1y }
  ];
}

/** A channel's CLV per new customer in the baseline and the scenario. */
export type ClvChannelRow = ChannelRow;

/** CLV per new customer by acquisition channel (channel quality included). */
export function clvByChannel(outcome: Outcome, baseline: Outcome): ClvChannelRow[] {
  return Object.keys(outcome.clvByChannel).map((channel) => ({
    channel,
    baseline: baseline.clvByChannel[channel as keyof Outcome['clvByChannel']],
    scenario: outcome.clvByChannel[channel as keyof Outcome['clvByChannel']]
  }));
}

/**
 * The table view of a chart of the baseline against the scenario: one row per funnel
 * stage or channel (the `key` column, headed `label`), then the baseline's and the
 * scenario's value.
 */
export function comparisonTable(
  key: 'stage' | 'channel',
  label: string,
  rows: readonly (FunnelStage | ChannelRow)[],
  scenarioName: string
): ChartTable {
  return {
    columns: [
      { key, label },
      { key: 'baseline', label: 'Baseline' },
      { key: 'scenario', label: scenarioName }
    ],
    rows: rows.map((r) => ({ ...r }))
  };
}

/**
 * The response-curve chart's channels: new customers per week against a steady weekly
 * spend, the scenario's spend marked with its marginal customers per unit.
 */
export function responseCurveChannels(curves: readonly ChannelResponse[]): ResponseCurve[] {
  return curves.map((c) => ({
    channel: c.channel,
    curve: c.points.map((p) => ({ spend: p.spend, response: p.customers })),
    currentSpend: c.current.spend,
    currentResponse: c.current.customers,
    marginalReturn: c.marginalCustomers
  }));
}

/**
 * The response curves' table view: each channel at the scenario's spend, its new customers,
 * the extra customers the next 1,000 of spend buys and the lifetime margin per extra unit.
 */
export function responseCurveTable(curves: readonly ChannelResponse[], currency: string): ChartTable {
  const money = (v: unknown) => (typeof v === 'number' ? formatValue(v, 'currency', { currency }) : '');
  const num = (v: unknown) => (typeof v === 'number' ? formatValue(v, 'number') : '');
  return {
    columns: [
      { key: 'channel', label: 'Channel' },
      { key: 'spend', label: 'Spend per week', format: money },
      { key: 'customers', label: 'New customers per week', format: num },
      { key: 'marginal', label: 'Extra customers per 1,000', format: num },
      { key: 'return', label: 'Lifetime margin per extra 1 spent', format: money }
    ],
    rows: curves.map((c) => ({
      channel: c.channel,
      spend: c.current.spend,
      customers: c.current.customers,
      marginal: c.marginalCustomers * 1000,
      return: c.marginalReturn
    }))
  };
}
