/**
 * What the workbench draws of the existing customers' residual CLV (the fit worker's
 * ClvSummary, src/lib/pipeline/clv-summary.ts): the histogram, its caption, and the
 * bars by segment or channel, with their table views. The summary is rescaled to the
 * scenario's gross margin share (CLV is proportional to it). Plain functions, no DOM.
 */
import { clvAtMargin, clvTerms, type ClvGroup, type ClvSummary } from '$lib/pipeline/clv-summary';
import type { KpiId, Scenario } from '$lib/model/scenario/scenario-types';
import type { BarDatum, Distribution } from '$lib/charts/chart-data';
import type { ChartTable } from '$lib/charts/table';
import { formatPlain } from '$lib/charts/format';

export type ClvGrouping = 'segment' | 'channel';
export type ClvMeasure = 'total' | 'mean';

/** The summary at the scenario's margin share; a margin outside [0, 1] keeps the fitted one. */
export function clvForScenario(summary: ClvSummary, grossMarginShare: number): ClvSummary {
  return grossMarginShare >= 0 && grossMarginShare <= 1 ? clvAtMargin(summary, grossMarginShare) : summary;
}

export function clvDistribution(summary: ClvSummary): Distribution {
  return { label: 'Customers', bins: summary.histogram.bins };
}

export function clvHistogramTable(summary: ClvSummary, money: (v: number) => string): ChartTable {
  const last = summary.histogram.bins.length - 1;
  return {
    columns: [
      { key: 'range', label: 'Residual CLV' },
      { key: 'customers', label: 'Customers' },
      { key: 'share', label: 'Share', format: (v) => `${((v as number) * 100).toFixed(1)}%` }
    ],
    rows: summary.histogram.bins.map((b, i) => ({
      range: i === last ? `${money(b.x0)} and above` : `${money(b.x0)} – ${money(b.x1)}`,
      customers: b.count,
      share: summary.customers ? b.count / summary.customers : 0
    }))
  };
}

const CLV_MODEL_LABELS: Record<string, string> = {
  'bgnbd-gammagamma': 'BG/NBD',
  'mbgnbd-gammagamma': 'MBG/NBD',
  'paretonbd-gammagamma': 'Pareto/NBD'
};

/** One or two sentences under the histogram: mean, median, the worthless share and the assumptions. */
export function clvCaption(summary: ClvSummary, money: (v: number) => string): string {
  const share = (n: number) => `${((100 * n) / Math.max(1, summary.customers)).toFixed(0)}%`;
  const last = summary.histogram.bins[summary.histogram.bins.length - 1];
  const model =
    summary.method === 'sbg'
      ? 'price × discounted expected renewals (sBG DERL)'
      : `expected spend per purchase (Gamma-Gamma) × discounted expected purchases (${CLV_MODEL_LABELS[summary.method]} DERT)`;
  return (
    `Mean ${money(summary.meanClv)}, median ${money(summary.p50)} (10th–90th percentile ` +
    `${money(summary.p10)}–${money(summary.p90)}); ${share(summary.zeroCustomers)} of customers are worth ` +
    `about nothing` +
    (summary.histogram.overflow
      ? `, and the last bar holds the ${formatPlain(summary.histogram.overflow)} above ${money(last.x1)}`
      : '') +
    `. CLV = ${(summary.marginShare * 100).toFixed(0)}% gross margin (the scenario’s) × ${model}, ` +
    `${horizonPhrase(summary)}, discounted at ${percent(summary.annualDiscountRate)} a year, at the fitted baseline.`
  );
}

const percent = (share: number) => `${Number((share * 100).toPrecision(3))}%`;

function horizonPhrase(summary: Pick<ClvSummary, 'horizonWeeks'>): string {
  const w = summary.horizonWeeks;
  if (w === null) return 'over the whole residual lifetime';
  return `over a ${spanAdjective(w)} horizon`;
}

/**
 * The caption under the CLV by segment or channel: the total of today's customers, its terms,
 * and why it is not the Customer equity KPI (a different quantity).
 */
export function clvGroupCaption(
  summary: ClvSummary,
  economics: Scenario['economics'],
  money: (v: number) => string
): string {
  return (
    `Today’s ${formatPlain(summary.customers)} customers are worth ${money(summary.totalClv)} in residual CLV ` +
    `(${(summary.marginShare * 100).toFixed(0)}% gross margin, ${clvTerms(summary)}). ` +
    `Not the Customer equity KPI, a different quantity: ${equityDefinition(economics)}.`
  );
}

/** "3 years" / "26 weeks" */
function span(weeks: number): string {
  return weeks % 52 === 0 ? `${weeks / 52} year${weeks === 52 ? '' : 's'}` : `${weeks} weeks`;
}

/** "3-year" / "26-week" */
function spanAdjective(weeks: number): string {
  return weeks % 52 === 0 ? `${weeks / 52}-year` : `${weeks}-week`;
}

/** Customer equity in words, at the scenario's terms. */
export function equityDefinition(economics: Scenario['economics']): string {
  return (
    `today’s customers over the ${spanAdjective(economics.horizonWeeks)} projection only, plus the ${spanAdjective(economics.clvWindowWeeks)} ` +
    `CLV of the customers acquired in it, less media spend, at ${percent(economics.discountRatePerYear)}/yr`
  );
}

/** The notes under the KPIs that are lifetime values: the horizon and the discount each counts. */
export function kpiNotes(economics: Scenario['economics']): Partial<Record<KpiId, string>> {
  const terms = clvTerms({ annualDiscountRate: economics.discountRatePerYear, horizonWeeks: economics.clvWindowWeeks });
  return {
    clvPerNewCustomer: terms,
    clvToCac: terms,
    customerEquity: `today’s customers over ${span(economics.horizonWeeks)} + new customers’ ${spanAdjective(economics.clvWindowWeeks)} CLV − media, ${percent(economics.discountRatePerYear)}/yr`
  };
}

export function clvGroups(summary: ClvSummary, by: ClvGrouping): ClvGroup[] {
  return by === 'segment' ? summary.bySegment : summary.byChannel;
}

export function clvGroupBars(summary: ClvSummary, by: ClvGrouping, measure: ClvMeasure): BarDatum[] {
  return clvGroups(summary, by).map((g) => ({ category: g.name, value: measure === 'total' ? g.totalClv : g.meanClv }));
}

export function clvGroupTable(summary: ClvSummary, by: ClvGrouping, money: (v: number) => string): ChartTable {
  return {
    columns: [
      { key: 'name', label: by === 'segment' ? 'Segment' : 'Channel' },
      { key: 'customers', label: 'Customers' },
      { key: 'meanClv', label: 'Mean CLV', format: (v) => money(v as number) },
      { key: 'totalClv', label: 'Total CLV', format: (v) => money(v as number) }
    ],
    rows: clvGroups(summary, by).map((g) => ({ ...g }))
  };
}
