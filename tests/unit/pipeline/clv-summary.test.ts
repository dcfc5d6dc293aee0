/**
 * Residual CLV of the existing base and its summary for the workbench: per-customer
 * values agree with the model core's clvTable (FHL 2005 "RFM and CLV" eq. 1), the
 * histogram and the groups account for every customer and every unit of value, and
 * subscribers are valued with the sBG DERL (Fader & Hardie 2010 eq. 6).
 */
import { describe, it, expect } from 'vitest';
import {
  clvAtMargin,
  clvTerms,
  contractualClv,
  nonContractualClv,
  summariseClv,
  weeklyContinuousDiscount,
  CLV_HISTOGRAM_BINS
} from '$lib/pipeline/clv-summary';
import { fitBaseline } from '$lib/pipeline/fit-step';
import { clvTable } from '$lib/model/core/clv';
import { bgnbd, bgnbdDert, bgnbdPAlive } from '$lib/model/core/btyd/bgnbd';
import { bgnbdDertTable } from '$lib/pipeline/dert-table';
import { sbgDerl, sbgDerlWithin } from '$lib/model/core/btyd/sbg';
import { generateSample } from '$lib/data/sample/generate';
import { toCustomerSummaries } from '$lib/data/sample/tables';
import type { BgNbdParams, GammaGammaParams } from '$lib/model/core/types';
import { baselineFromFits } from '$lib/model/scenario/engine/baseline-from-fit';
import { prepareBaseline } from '$lib/model/scenario/engine/baseline';
import { evaluateScenario } from '$lib/model/scenario/engine/evaluate';
import { neutralScenario } from '$lib/model/scenario/scenario';

// FHL 2005a Table 1 (CDNOW, weeks) and FHL 2005b (CDNOW spend)
const CDNOW: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const SPEND: GammaGammaParams = { p: 6.25, q: 3.74, v: 15.44 };
const OPTIONS = { marginShare: 0.3, annualDiscountRate: 0.1, horizonWeeks: null };

const customers = [
  { x: 0, txWeeks: 0, TWeeks: 38.86, m: 0 },
  { x: 2, txWeeks: 30.43, TWeeks: 38.86, m: 22.5 },
  { x: 7, txWeeks: 35.71, TWeeks: 38.86, m: 41 },
  { x: 7, txWeeks: 35.71, TWeeks: 38.86, m: 12 },
  { x: 14, txWeeks: 37.0, TWeeks: 38.86, m: 80 },
  // bought often early, then nothing for 76 weeks: P(alive) ~ 0
  { x: 40, txWeeks: 2, TWeeks: 78, m: 30 }
];

describe('residual CLV of the existing customers', () => {
  it('equals clvTable (margin x E[M | x, m] x DERT at ln(1.1)/52 per week) customer by customer', () => {
    const ours = nonContractualClv(customers, CDNOW, SPEND, OPTIONS);
    const reference = clvTable(
      bgnbd,
      CDNOW,
      SPEND,
      customers.map((c) => ({ x: c.x, tx: c.txWeeks, T: c.TWeeks, m: c.m })),
      { margin: 0.3, discountPerPeriod: Math.log(1.1) / 52 }
    );
    // one bounded integral over p (aliveDert.ts) against adaptive exp-sinh quadrature of E[Y(t)]: 1e-9
    for (let i = 0; i < customers.length; i++) {
      expect(Math.abs(ours[i] - reference.clv[i])).toBeLessThanOrEqual(2e-4 * reference.clv[i] + 1e-12);
    }
    // more recent, more frequent, bigger spenders are worth more
    expect(ours[2]).toBeGreaterThan(ours[3]);
    expect(ours[4]).toBeGreaterThan(ours[1]);
  });

  it('gives a customer with negligible P(alive) a CLV of about 0', () => {
    const lapsed = customers[5];
    expect(bgnbdPAlive(CDNOW, lapsed.x, lapsed.txWeeks, lapsed.TWeeks)).toBeLessThan(1e-10);
    expect(nonContractualClv([lapsed], CDNOW, SPEND, OPTIONS)[0]).toBeLessThan(1e-6);
  });

  it('gives customers with the same (x, T) DERTs in the ratio of their P(alive) (FHL 2005a eq. 10)', () => {
    const dert = bgnbdDertTable(CDNOW, Math.log(1.1) / 52);
    const early = dert(5, 20, 40);
    const late = dert(5, 39, 40);
    expect(early / late).toBeCloseTo(bgnbdPAlive(CDNOW, 5, 20, 40) / bgnbdPAlive(CDNOW, 5, 39, 40), 12);
    // and each is the model core's DERT
    expect(Math.abs(early / bgnbdDert(CDNOW, 5, 20, 40, Math.log(1.1) / 52) - 1)).toBeLessThan(1e-12);
  });

  it('counts fewer purchases over a 3-year horizon than over the lifetime, and says which on every number', () => {
    const life = nonContractualClv(customers, CDNOW, SPEND, OPTIONS);
    const threeYears = nonContractualClv(customers, CDNOW, SPEND, { ...OPTIONS, horizonWeeks: 156 });
    for (let i = 0; i < customers.length - 1; i++) {
      expect(threeYears[i]).toBeLessThan(life[i]);
      expect(threeYears[i]).toBeGreaterThan(0.4 * life[i]);
    }
    expect(clvTerms({ annualDiscountRate: 0.1, horizonWeeks: 156 })).toBe('3-year horizon, 10%/yr discount');
    expect(clvTerms({ annualDiscountRate: 0.08, horizonWeeks: null })).toBe('lifetime, 8%/yr discount');
    expect(clvTerms({ annualDiscountRate: 0.1, horizonWeeks: 26 })).toBe('26-week horizon, 10%/yr discount');
  });

  it('uses the weekly continuous rate ln(1 + annual) / 52', () => {
    expect(weeklyContinuousDiscount(0.1)).toBeCloseTo(Math.log(1.1) / 52, 15);
  });

  it('values an active subscriber at margin x price x DERL(renewals) and a stopped one at 0', () => {
    const params = { alpha: 0.704, beta: 1.182 }; // FH 2007 "regular" segment
    const clv = contractualClv(
      [
        { renewals: 3, active: true, pricePerPeriod: 10 },
        { renewals: 3, active: false, pricePerPeriod: 10 }
      ],
      params,
      52, // yearly periods: the per-period rate is the annual rate
      OPTIONS
    );
    expect(clv[0]).toBeCloseTo(0.3 * 10 * sbgDerl(params, 0.1, 3), 10);
    expect(clv[1]).toBe(0);
  });

  it('sums the DERL over the payments within the horizon: the lifetime sum truncated (FH 2010 eq. 6)', () => {
    const params = { alpha: 0.704, beta: 1.182 };
    // by hand: payments 0, 1, 2 with S(4)/S(3), S(5)/S(3), S(6)/S(3) discounted at 10% a period
    const r = (t: number) => (params.beta + t) / (params.alpha + params.beta + t);
    const byHand = r(3) + (r(3) * r(4)) / 1.1 + (r(3) * r(4) * r(5)) / 1.21;
    expect(sbgDerlWithin(params, 0.1, 3, 3)).toBeCloseTo(byHand, 12);
    expect(sbgDerlWithin(params, 0.1, 3, 5000)).toBeCloseTo(sbgDerl(params, 0.1, 3), 8);
    const threeYears = contractualClv([{ renewals: 3, active: true, pricePerPeriod: 10 }], params, 52, {
      ...OPTIONS,
      horizonWeeks: 156
    });
    expect(threeYears[0]).toBeCloseTo(0.3 * 10 * byHand, 10);
  });

  it('rejects a margin share outside [0, 1] and names the value', () => {
    expect(() => nonContractualClv(customers, CDNOW, SPEND, { ...OPTIONS, marginShare: 30 })).toThrow(
      /margin share: 30/
    );
  });
});

describe('the CLV summary', () => {
  const values = Float64Array.from([0, 0, 0.001, 1, 2.5, 3, 10, 40, 120, 5000]);
  const labels = ['a', 'b', 'a', 'c', 'a', 'b', 'c', 'a', 'b', 'a'].map((segment, i) => ({
    segment,
    channel: i % 2 ? 'paid' : 'organic'
  }));
  const summary = summariseClv(values, labels, 'bgnbd-gammagamma', OPTIONS);
  const sum = Array.from(values).reduce((s, v) => s + v, 0);

  it('has histogram counts that sum to the customers, with the tail above the bound in the last bar', () => {
    expect(summary.histogram.bins.length).toBeLessThanOrEqual(CLV_HISTOGRAM_BINS);
    expect(summary.histogram.bins.reduce((s, b) => s + b.count, 0)).toBe(values.length);
    // the 99th percentile (type 7) is 120 + 0.91 (5000 - 120) = 4560.8; 4560.8 / 30 = 152 rounds up to a
    // width of 200, and 23 bins of 200 reach 4600
    expect(summary.histogram.bins).toHaveLength(23);
    const last = summary.histogram.bins[22];
    expect(last.x1).toBe(4600);
    expect(summary.histogram.overflow).toBe(1);
    expect(summary.histogram.bins[0].x0).toBe(0);
  });

  it('has a total that equals the sum by segment and the sum by channel', () => {
    expect(summary.totalClv).toBeCloseTo(sum, 9);
    expect(summary.bySegment.reduce((s, g) => s + g.totalClv, 0)).toBeCloseTo(sum, 9);
    expect(summary.byChannel.reduce((s, g) => s + g.totalClv, 0)).toBeCloseTo(sum, 9);
    expect(summary.bySegment.reduce((s, g) => s + g.customers, 0)).toBe(values.length);
    const a = summary.bySegment.find((g) => g.name === 'a')!;
    // segment a: 0 + 0.001 + 2.5 + 40 + 5000 over 5 customers
    expect(a.customers).toBe(5);
    expect(a.meanClv).toBeCloseTo(5042.501 / 5, 9);
  });

  it('reports the mean, type-7 quantiles and the customers worth nothing', () => {
    expect(summary.meanClv).toBeCloseTo(sum / 10, 9);
    // sorted: 0 0 0.001 1 2.5 3 10 40 120 5000; p50 = (2.5 + 3) / 2, p10 = 0 + 0.9 (0 - 0), p90 = 120 + 0.1 (5000 - 120)
    expect(summary.p50).toBeCloseTo(2.75, 12);
    expect(summary.p10).toBe(0);
    expect(summary.p90).toBeCloseTo(608, 9);
    expect(summary.zeroCustomers).toBe(3);
  });

  it('scales with the margin share (CLV is proportional to the margin)', () => {
    const doubled = clvAtMargin(summary, 0.6);
    expect(doubled.totalClv).toBeCloseTo(2 * summary.totalClv, 9);
    expect(doubled.bySegment[0].meanClv).toBeCloseTo(2 * summary.bySegment[0].meanClv, 9);
    expect(doubled.histogram.bins[5].x1).toBeCloseTo(2 * summary.histogram.bins[5].x1, 9);
    expect(doubled.histogram.bins.map((b) => b.count)).toEqual(summary.histogram.bins.map((b) => b.count));
  });

  it('is plain JSON that survives a round trip', () => {
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });
});

describe('the CLV of a fitted dataset', () => {
  it('comes with the non-contractual fit and accounts for every customer', () => {
    const sample = generateSample({ preset: 'music', customers: 3000, seed: 11, id: 'music-3k' });
    const { clv } = fitBaseline(sample.meta, toCustomerSummaries(sample.columns));
    expect(clv.customers).toBe(3000);
    expect(clv.histogram.bins.reduce((s, b) => s + b.count, 0)).toBe(3000);
    expect(clv.bySegment.reduce((s, g) => s + g.totalClv, 0)).toBeCloseTo(clv.totalClv, 6);
    expect(clv.byChannel.reduce((s, g) => s + g.customers, 0)).toBe(3000);
    expect(clv.p10).toBeLessThanOrEqual(clv.p50);
    expect(clv.p50).toBeLessThanOrEqual(clv.p90);
    expect(clv.totalClv).toBeGreaterThan(0);
  });

  it('comes with the sBG fit for subscriptions, churned subscribers worth 0', () => {
    const sample = generateSample({ preset: 'subscription', customers: 2000, seed: 5, id: 'subs-2k' });
    const rows = toCustomerSummaries(sample.columns);
    const { clv } = fitBaseline(sample.meta, rows);
    const stopped = rows.filter((r) => !(r.T - r.tx < 1)).length;
    expect(clv.method).toBe('sbg');
    expect(clv.zeroCustomers).toBeGreaterThanOrEqual(stopped);
    expect(clv.histogram.bins.reduce((s, b) => s + b.count, 0)).toBe(2000);
  });
});

describe('the base CLV and the Customer equity KPI (reconciled on a small case by hand)', () => {
  // four customers; no acquisition (neutral scenario, no organic): the KPI is then the existing
  // customers' discounted margin over the projection, sum_w E[transactions in week w] m g e^(-delta (w + 1/2))
  const four = [
    { x: 0, tx: 0, T: 30, m: 0 },
    { x: 2, tx: 20, T: 38, m: 25 },
    { x: 7, tx: 35, T: 39, m: 40 },
    { x: 1, tx: 3, T: 39, m: 12 }
  ];
  const fit = <P extends object>(model: 'bgnbd' | 'gammagamma', params: P) => ({
    version: 1 as const,
    model,
    params,
    logLik: 0,
    n: 4,
    stdErr: {} as { [K in keyof P]: number },
    logCov: [],
    converged: true,
    iterations: 0,
    fitMs: 0
  });
  const equityOver = (purchase: BgNbdParams, weeks: number) => {
    const spec = baselineFromFits(four, fit('bgnbd', purchase), fit('gammagamma', SPEND), { source: 'four customers' });
    const s = neutralScenario();
    s.economics.horizonWeeks = weeks;
    s.economics.clvWindowWeeks = weeks;
    return evaluateScenario(prepareBaseline(spec), s).kpis.customerEquity!;
  };
  const baseClv = (purchase: BgNbdParams, weeks: number | null) =>
    nonContractualClv(
      four.map((c) => ({ x: c.x, txWeeks: c.tx, TWeeks: c.T, m: c.m })),
      purchase,
      SPEND,
      { ...OPTIONS, horizonWeeks: weeks }
    ).reduce((s, v) => s + v, 0);

  it('are the same quantity when the horizons agree: 156 weeks, 10% a year, CDNOW parameters', () => {
    expect(equityOver(CDNOW, 156) / baseClv(CDNOW, 156)).toBeCloseTo(1, 5);
  });

  it('match the hand computation without dropout: 0.3 E[M | x, m] (r + x) / (alpha + T) (1 - e^(-delta H)) / delta each', () => {
    // a -> 0: nobody leaves, P(alive) = 1 and DERT has the Poisson-Gamma closed form
    const noDropout = { r: 0.7, alpha: 9, a: 1e-9, b: 1 };
    const delta = Math.log(1.1) / 52;
    const { p, q, v } = SPEND;
    let byHand = 0;
    for (const c of four) {
      const spend = (p * v + p * c.x * c.m) / (p * c.x + q - 1); // FHL 2005 "RFM and CLV" eq. 5
      byHand += 0.3 * spend * ((0.7 + c.x) / (9 + c.T)) * (-Math.expm1(-delta * 156) / delta);
    }
    expect(baseClv(noDropout, 156) / byHand).toBeCloseTo(1, 7);
    // the engine counts weeks at their midpoints: e^(-delta / 2) (1 - e^(-delta H)) / (1 - e^(-delta)) per unit rate
    expect(equityOver(noDropout, 156) / byHand).toBeCloseTo(1, 5);
  });

  it('differ by the horizon otherwise: the workbench labels the KPI (3-year projection) and the chart (CLV horizon)', () => {
    expect(baseClv(CDNOW, 520)).toBeGreaterThan(equityOver(CDNOW, 156));
    expect(baseClv(CDNOW, null)).toBeGreaterThan(baseClv(CDNOW, 520));
  });
});

describe('summariseClv over groups of customers', () => {
  // five groups standing for 1 + 3 + 2 + 4 + 5 = 15 customers; the same summary as the 15 values one by one
  const values = Float64Array.from([7, 0, 120, 35, 0.001]);
  const weights = [1, 3, 2, 4, 5];
  const labels = ['a', 'b', 'a', 'b', 'c'].map((segment) => ({ segment, channel: 'web' }));
  const options = { marginShare: 0.3, annualDiscountRate: 0.1, horizonWeeks: 520 };
  const expandedValues = Float64Array.from(Array.from(values).flatMap((v, i) => Array(weights[i]).fill(v)));
  const expandedLabels = labels.flatMap((l, i) => Array(weights[i]).fill(l));
  const grouped = summariseClv(values, labels, 'bgnbd-gammagamma', options, weights);
  const oneByOne = summariseClv(expandedValues, expandedLabels, 'bgnbd-gammagamma', options);

  it('counts, totals, quantiles and bars as the customers one by one', () => {
    expect(grouped.customers).toBe(15);
    for (const k of ['totalClv', 'meanClv', 'p10', 'p50', 'p90', 'maxClv', 'zeroCustomers'] as const)
      expect(grouped[k], k).toBeCloseTo(oneByOne[k], 12);
    expect(grouped.histogram).toEqual(oneByOne.histogram);
    expect(grouped.bySegment).toEqual(oneByOne.bySegment);
  });
});
