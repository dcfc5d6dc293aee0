// The browser's one fit step (fitBaseline) on a compressed summary stored as groups with counts
// (groupSummaries, spendGroupColumns: what the import worker saves) against the same fit step on
// the per-customer summary of the same customers. 4,000 customers drawn from known BG/NBD and
// Gamma-Gamma parameters (r 0.24, alpha 30 days, a 0.8, b 2.4; p 6, q 4, v 15), in whole days
// as sql/compressed.*.sql measures them, each standing for 25 customers (100,000 in all), as
// tests/unit/pipeline/compressed-evaluation.test.ts builds its million. The fits, the residual
// CLV total and the customer count must agree to 1e-9 relative.
import { describe, expect, it } from 'vitest';
import { simulateBgNbd } from '$lib/model/core/btyd/simulate';
import { createRng } from '$lib/model/core/random/rng';
import {
  groupSummaries,
  spendGroupColumns,
  type CompressedSummary,
  type SpendGroup,
  type SummaryGroup
} from '$lib/data/compressed-summary';
import { formatDay, parseIsoDateOption } from '$lib/data/import/dates';
import type { CustomerSummary } from '$lib/data/types';
import { fitBaseline, type FitInputMeta } from '$lib/pipeline/fit-step';
import { evaluateCompressed, evaluateGroupedSummary } from '$lib/pipeline/compressed-evaluation';

const BASE = 4_000;
const COPIES = 25;
const N = BASE * COPIES;
const SLOW = 120_000;
const CAL = '2024-06-30';
const SEGMENTS = ['retail', 'trade'];

function relClose(a: number, b: number, tol = 1e-9) {
  expect(Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300)).toBeLessThan(tol);
}

function draw() {
  const rng = createRng(21);
  // first purchases spread over 364 days before the calibration end
  const TDays = Int32Array.from({ length: BASE }, () => 1 + rng.int(364));
  const sim = simulateBgNbd(
    { r: 0.24, alpha: 30, a: 0.8, b: 2.4 },
    { customers: BASE, seed: 8, T: Float64Array.from(TDays, (d) => d), holdout: 182 }
  );
  const txDays = Int32Array.from(sim.tx, (t, i) => (sim.x[i] > 0 ? Math.min(TDays[i], Math.floor(t)) : 0));
  const m = Float64Array.from(sim.x, (x) => {
    if (x === 0) return 0;
    const nu = rng.gamma(4, 15);
    let s = 0;
    for (let k = 0; k < x; k++) s += Math.round(rng.gamma(6, nu) * 100) / 100;
    return s / x;
  });
  const firstSpend = Float64Array.from({ length: BASE }, () => Math.round(rng.gamma(6, 0.3) * 100) / 100);
  const segment = Array.from({ length: BASE }, (_, i) => SEGMENTS[i % 2]);
  return { TDays, txDays, x: sim.x, xHoldout: sim.xHoldout, m, firstSpend, segment };
}

/** The groups the SQL writes (key: segment, channel, x, t_x, T, x_holdout) and the spend groups (segment, channel, x, m). */
function compressed(d: ReturnType<typeof draw>): CompressedSummary {
  const groups = new Map<string, SummaryGroup>();
  const spend = new Map<string, SpendGroup>();
  for (let i = 0; i < BASE; i++) {
    const key = `${d.segment[i]}|${d.x[i]}|${d.txDays[i]}|${d.TDays[i]}|${d.xHoldout[i]}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        segment: d.segment[i],
        channel: '',
        x: d.x[i],
        txDays: d.txDays[i],
        TDays: d.TDays[i],
        xHoldout: d.xHoldout[i],
        customers: 0,
        mSum: 0,
        mSumSq: 0,
        firstSpendSum: 0,
        holdoutSpendSum: 0
      };
      groups.set(key, g);
    }
    g.customers += COPIES;
    g.mSum += COPIES * d.m[i];
    g.mSumSq += COPIES * d.m[i] * d.m[i];
    g.firstSpendSum += COPIES * d.firstSpend[i];
    if (d.m[i] > 0) {
      const sk = `${d.segment[i]}|${d.x[i]}|${d.m[i]}`;
      const s = spend.get(sk);
      if (s) s.customers += COPIES;
      else spend.set(sk, { segment: d.segment[i], channel: '', x: d.x[i], m: d.m[i], customers: COPIES });
    }
  }
  return {
    calibrationEnd: CAL,
    holdoutEnd: '2024-12-29',
    groups: [...groups.values()],
    spend: [...spend.values()],
    customers: N
  };
}

/** The per-customer summary of the same 100,000 customers (the copies one by one), in weeks. */
function perCustomer(d: ReturnType<typeof draw>): CustomerSummary[] {
  const end = parseIsoDateOption(CAL, 'calibration end');
  return Array.from({ length: N }, (_, k) => {
    const i = k % BASE;
    return {
      id: `c${k}`,
      x: d.x[i],
      tx: d.txDays[i] / 7,
      T: d.TDays[i] / 7,
      m: d.m[i],
      firstSpend: d.firstSpend[i],
      xHoldout: d.xHoldout[i],
      holdoutSpend: 0,
      firstDate: formatDay(end - d.TDays[i]),
      lastDate: formatDay(end - d.TDays[i] + d.txDays[i]),
      channel: '',
      segment: d.segment[i],
      region: '',
      treatment: -1
    };
  });
}

describe('the fit step on a compressed summary', () => {
  const d = draw();
  const summary = compressed(d);
  const groups = groupSummaries(summary, 'week');
  const meta: FitInputMeta = { name: 'Warehouse', kind: 'summary', unit: 'week', calibrationEnd: CAL };
  const onGroups = fitBaseline(meta, groups, { spendGroups: spendGroupColumns(summary) });
  const onCustomers = fitBaseline(meta, perCustomer(d));

  it('stores far fewer rows than customers, and counts the customers behind them', () => {
    expect(groups.length).toBeLessThan(BASE);
    expect(onGroups.customers).toBe(N);
    expect(onCustomers.customers).toBe(N);
    expect(onGroups.clv.customers).toBe(N);
    expect(onGroups.source).toContain('100,000 customers in');
  });

  it(
    'gives the BG/NBD (maximum likelihood and MAP) and Gamma-Gamma parameters of the per-customer fit (1e-9 relative)',
    () => {
      const g = onGroups.purchase!;
      const c = onCustomers.purchase!;
      expect(g.mle).not.toBeNull();
      for (const [k, v] of Object.entries(c.mle!.params))
        relClose((g.mle!.params as unknown as Record<string, number>)[k], v);
      relClose(g.mle!.logLik, c.mle!.logLik);
      for (const [k, v] of Object.entries(c.map.params))
        relClose((g.map.params as unknown as Record<string, number>)[k], v);
      // the Gamma-Gamma fit is the second fit of each answer
      expect(onGroups.fits).toHaveLength(2);
      expect(onGroups.fits[1].model).toBe('gammagamma');
      for (const [k, v] of Object.entries(onCustomers.fits[1].params))
        relClose((onGroups.fits[1].params as Record<string, number>)[k], v);
      expect(onGroups.fits[1].n).toBe(onCustomers.fits[1].n);
    },
    SLOW
  );

  it('gives the residual CLV total of today’s customers, in all and by segment (1e-9 relative)', () => {
    // E[M | x, m] is linear in m, so a group's customers at their mean m are worth what they are one by one
    expect(onGroups.clv.totalClv).toBeGreaterThan(0);
    relClose(onGroups.clv.totalClv, onCustomers.clv.totalClv);
    relClose(onGroups.clv.meanClv, onCustomers.clv.meanClv);
    for (const s of onCustomers.clv.bySegment) {
      const g = onGroups.clv.bySegment.find((x) => x.name === s.name)!;
      expect(g.customers).toBe(s.customers);
      relClose(g.totalClv, s.totalClv);
    }
    const bars = onGroups.clv.histogram.bins.reduce((a, b) => a + b.count, 0);
    expect(bars).toBe(N);
  });

  it('measures organic acquisition from the first-purchase week counts as from the customers', () => {
    expect(onGroups.organic.method).toBe(onCustomers.organic.method);
    relClose(onGroups.organic.perWeek, onCustomers.organic.perWeek);
  });

  it('hands the engine the groups with their counts, the spend model and the per-customer mean spend', () => {
    const spec = onGroups.spec;
    if (spec.kind !== 'noncontractual' || !('x' in spec.customers)) throw new Error('expected customer columns');
    expect(spec.customers.x.length).toBe(groups.length);
    expect(Array.from(spec.customers.count!).reduce((a, b) => a + b, 0)).toBe(N);
    const perCustomerSpec = onCustomers.spec;
    if (perCustomerSpec.kind !== 'noncontractual') throw new Error('expected a non-contractual spec');
    for (const [k, v] of Object.entries(perCustomerSpec.purchase.params))
      relClose((spec.purchase.params as unknown as Record<string, number>)[k], v);
  });

  it(
    'compares the models on the stored groups (the Model page) with the fits and holdout scores of the file (the CLI)',
    () => {
      const stored = {
        meta: {
          name: 'Warehouse',
          unit: 'week' as const,
          calibrationEnd: CAL,
          firstDate: '2023-07-02',
          lastDate: CAL,
          grouped: { groups: groups.length, spendGroups: summary.spend.length, holdoutEnd: summary.holdoutEnd }
        },
        rows: groups,
        spendGroups: spendGroupColumns(summary)
      };
      const page = evaluateGroupedSummary(stored);
      const cli = evaluateCompressed(summary, { unit: 'week' });
      expect(page.customers).toBe(N);
      expect(page.holdoutWeeks).toBe(26);
      expect(page.tracking).toEqual([]);
      expect(page.chosen).toBe(cli.chosen);
      for (const m of page.models) {
        const c = cli.models.find((x) => x.model === m.model)!;
        expect(m.error).toBeNull();
        for (const [k, v] of Object.entries(c.fit!.params)) relClose(m.params[k], v);
        relClose(m.holdout.rmse, c.holdout.rmse);
        relClose(m.holdout.predicted, c.holdout.predicted);
        expect(m.frequency.reduce((a, b) => a + b.actual, 0)).toBe(N);
      }
      for (const [k, v] of Object.entries(cli.spend.fit!.params))
        relClose((page.spend!.params as unknown as Record<string, number>)[k], v);
    },
    SLOW
  );
});
