/**
 * The workbench's view of the existing customers' CLV: the summary follows the
 * scenario's margin share, the table views list every bin and group, and the caption
 * states the mean, the median and the assumptions.
 */
import { describe, it, expect } from 'vitest';
import { summariseClv } from '$lib/pipeline/clv-summary';
import {
  clvCaption,
  clvDistribution,
  clvForScenario,
  clvGroupBars,
  clvGroupTable,
  clvHistogramTable,
  clvGroupCaption,
  kpiNotes
} from '$lib/ui/workbench/base-clv-view';
import { defaultScenario } from '$lib/model/scenario/scenario';

const values = Float64Array.from([0, 4, 6, 10, 20, 60, 2000]);
const labels = ['vip', 'vip', 'casual', 'casual', 'casual', 'vip', 'vip'].map((segment, i) => ({
  segment,
  channel: i < 3 ? 'search' : 'social'
}));
const summary = summariseClv(values, labels, 'bgnbd-gammagamma', {
  marginShare: 0.3,
  annualDiscountRate: 0.1,
  horizonWeeks: 520
});
const money = (v: number) => `$${v.toFixed(2)}`;

describe('the workbench view of the base CLV', () => {
  it('rescales every value to the scenario’s margin share (CLV is proportional to it)', () => {
    const at15 = clvForScenario(summary, 0.15);
    expect(at15.totalClv).toBeCloseTo(summary.totalClv / 2, 9);
    expect(at15.p50).toBeCloseTo(summary.p50 / 2, 9);
    expect(at15.marginShare).toBe(0.15);
    // an invalid margin keeps the fitted summary rather than throwing in a render
    expect(clvForScenario(summary, 7)).toBe(summary);
  });

  it('hands the histogram its pre-binned edges and tabulates every bin', () => {
    const d = clvDistribution(summary);
    expect(d.bins).toBe(summary.histogram.bins);
    const table = clvHistogramTable(summary, money);
    expect(table.rows).toHaveLength(summary.histogram.bins.length);
    expect(table.rows.reduce((s, r) => s + (r.customers as number), 0)).toBe(7);
    expect(String(table.rows[table.rows.length - 1].range)).toMatch(/and above$/);
  });

  it('shows total or mean CLV by segment or channel, the totals adding up to the customer equity', () => {
    const total = Array.from(values).reduce((s, v) => s + v, 0);
    const bySegment = clvGroupBars(summary, 'segment', 'total');
    expect(bySegment.map((b) => b.category)).toEqual(['vip', 'casual']);
    expect(bySegment.reduce((s, b) => s + b.value, 0)).toBeCloseTo(total, 9);
    // search: 0, 4, 6 -> mean 10 / 3
    const search = clvGroupBars(summary, 'channel', 'mean').find((b) => b.category === 'search')!;
    expect(search.value).toBeCloseTo(10 / 3, 12);
    expect(clvGroupTable(summary, 'channel', money).columns[0].label).toBe('Channel');
  });

  it('captions the histogram with the mean, the median and the margin and discount assumed', () => {
    const text = clvCaption(summary, money);
    // mean 2100 / 7 = 300, median 10 (type-7 quantile of 7 values is the 4th)
    expect(text).toContain('Mean $300.00');
    expect(text).toContain('median $10.00');
    expect(text).toContain('30% gross margin');
    expect(text).toContain('10% a year');
    expect(text).toContain('over a 10-year horizon');
    expect(text).toContain('BG/NBD DERT');
  });

  it('labels the group total as today’s customers and says why it is not the Customer equity KPI', () => {
    const economics = defaultScenario('s').economics;
    const text = clvGroupCaption(summary, economics, money);
    expect(text).toContain('Today’s 7 customers are worth $2100.00 in residual CLV');
    expect(text).toContain('10-year horizon, 10%/yr discount');
    expect(text).toContain('Not the Customer equity KPI');
    expect(text).toContain('over the 3-year projection only, plus the 10-year CLV');
  });

  it('puts the horizon and discount under every lifetime-value KPI', () => {
    const notes = kpiNotes({ ...defaultScenario('s').economics, clvWindowWeeks: 156, discountRatePerYear: 0.08 });
    expect(notes.clvPerNewCustomer).toBe('3-year horizon, 8%/yr discount');
    expect(notes.clvToCac).toBe('3-year horizon, 8%/yr discount');
    expect(notes.customerEquity).toBe('today’s customers over 3 years + new customers’ 3-year CLV − media, 8%/yr');
  });
});
