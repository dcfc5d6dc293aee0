import { describe, expect, it } from 'vitest';
import { generateSample, PRESETS, toCustomerSummaries } from '$lib/data/sample';
import {
  channelEquity,
  fitChannelQuality,
  MIN_CHANNEL_CUSTOMERS,
  newCustomerClv
} from '$lib/pipeline/channel-quality.ts';
import { bgnbdExpectedTransactions } from '$lib/model/core/btyd/bgnbd.ts';

/*
 * The fashion preset draws each channel's customers from BG/NBD with the pooled dropout scaled by
 * the channel's dropoutMultiplier (presets.ts: mu' = mu M with a + b kept), so the true mean
 * dropout per repeat purchase of channel c is a / (a + b) x M_c = 0.7 / 4.2 x M_c.
 */
describe('channel quality on the fashion sample', () => {
  const preset = PRESETS.fashion;
  const { columns } = generateSample({ preset: 'fashion', customers: 12_000, seed: 21, createdAt: 'x' });
  const customers = toCustomerSummaries(columns);
  const result = fitChannelQuality(customers);
  const pooledDropout = preset.bgnbd!.a / (preset.bgnbd!.a + preset.bgnbd!.b);

  it('per-channel mean dropout within 30% of the truth and in the right order', () => {
    expect(result.channels.map((c) => c.channel).sort()).toEqual(preset.channels.map((c) => c.id).sort());
    const truth = new Map(preset.channels.map((c) => [c.id, pooledDropout * c.dropoutMultiplier]));
    for (const c of result.channels) {
      expect(c.estimate).toBe('fitted');
      expect(c.converged, c.channel).toBe(true);
      expect(Math.abs(c.meanDropout / truth.get(c.channel)! - 1), c.channel).toBeLessThan(0.3);
      expect(c.dropout.se).toBeGreaterThan(0);
    }
    // order: every pair whose true multipliers differ by at least 0.15 is ordered the same way
    for (const x of result.channels) {
      for (const y of result.channels) {
        const tx = truth.get(x.channel)!;
        const ty = truth.get(y.channel)!;
        if (tx - ty >= 0.15 * pooledDropout)
          expect(x.meanDropout, `${x.channel} > ${y.channel}`).toBeGreaterThan(y.meanDropout);
      }
    }
  });

  it('purchase-rate multipliers follow the truth within their standard errors', () => {
    for (const c of result.channels) {
      const spec = preset.channels.find((s) => s.id === c.channel)!;
      // the multipliers are relative to the pooled fit, whose rate is the share-weighted mix of the channels
      const mix = preset.channels.reduce((s, k) => s + k.share * k.rateMultiplier, 0);
      expect(Math.abs(c.rate.value - spec.rateMultiplier / mix), c.channel).toBeLessThan(4 * c.rate.se + 0.05);
    }
  });

  it('a channel with few customers keeps the pooled values and says so', () => {
    const few = customers.map((c, i) => (i < MIN_CHANNEL_CUSTOMERS - 1 ? { ...c, channel: 'tiny' } : c));
    const r = fitChannelQuality(few);
    const tiny = r.channels.find((c) => c.channel === 'tiny')!;
    expect(tiny.estimate).toBe('pooled');
    expect(tiny.dropout.value).toBe(1);
    expect(r.notes.join(' ')).toMatch(/tiny: 29 customers/);
  });

  it('groups of a compressed summary weigh as their customers: the same dropout and rate as one row a customer', () => {
    // the same customers as groups of equal (channel, x, t_x, T), each with its count
    const byKey = new Map<string, (typeof customers)[number] & { count: number }>();
    for (const c of customers) {
      const key = `${c.channel}|${c.x}|${c.tx}|${c.T}`;
      const g = byKey.get(key);
      if (g) g.count++;
      else byKey.set(key, { ...c, count: 1 });
    }
    const groups = [...byKey.values()];
    expect(groups.length).toBeLessThan(customers.length);
    const grouped = fitChannelQuality(groups);
    expect(grouped.pooled.customers).toBe(customers.length);
    for (const c of result.channels) {
      const g = grouped.channels.find((k) => k.channel === c.channel)!;
      expect(g.customers).toBe(c.customers);
      expect(g.meanDropout / c.meanDropout).toBeCloseTo(1, 9);
      expect(g.rate.value / c.rate.value).toBeCloseTo(1, 9);
      // a group's mean spend is not its customers' spends: no spend multiplier, said so
      expect(g.spend.value).toBe(1);
      expect(g.gammagamma).toBeNull();
    }
    expect(grouped.notes.join(' ')).toMatch(/compressed summary stores its spend groups without channels/);
  });
});

/*
 * Value of a new customer: the first purchase plus the discounted expected repeat purchases of a
 * customer acquired now. The DERT at x = t_x = T = 0 is checked against the integral of the
 * BG/NBD's own expected-transactions curve (FHL 2005 eq. 9), sum of e^(-δ t) dE[X(t)] over a
 * fine grid: an independent route to the same number.
 */
describe('value of a new customer and the equity a channel buys', () => {
  const bg = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }; // CDNOW, FHL 2005 Table 1
  const gg = { p: 6.25, q: 3.74, v: 15.44 }; // CDNOW, FHL 2005 "RFM and CLV"
  const options = { marginShare: 0.3, annualDiscountRate: 0.1, horizonWeeks: 520, periodWeeks: 1 };

  it('margin x mean spend x (1 + DERT of a customer just acquired), DERT equal to the integral of E[X(t)]', () => {
    const v = newCustomerClv(bg, gg, options);
    expect(v.spendPerOrder).toBeCloseTo((6.25 * 15.44) / 2.74, 10);
    const delta = Math.log1p(0.1) / 52;
    const h = 0.01;
    let dert = 0;
    for (let t = 0; t < 520; t += h) {
      dert +=
        Math.exp(-delta * (t + h / 2)) * (bgnbdExpectedTransactions(bg, t + h) - bgnbdExpectedTransactions(bg, t));
    }
    expect(v.repeatPurchases).toBeCloseTo(dert, 4);
    expect(v.clv).toBeCloseTo(0.3 * v.spendPerOrder * (1 + dert), 3);
    // a monthly model: the same customer in months gives the same value
    const monthly = newCustomerClv({ ...bg, alpha: bg.alpha / 4 }, gg, { ...options, periodWeeks: 4 });
    expect(monthly.clv).toBeCloseTo(v.clv, 6);
  });

  it("equity = new customers at the current spend x the CLV of that channel's customers", () => {
    const quality = {
      pooled: { bgnbd: bg, gammagamma: gg, customers: 1000 },
      channels: [
        {
          channel: 'search',
          customers: 600,
          estimate: 'fitted' as const,
          bgnbd: { ...bg, b: bg.b * 2 },
          bgnbdSe: bg,
          gammagamma: gg,
          meanDropout: 0,
          dropout: { value: 0.6, se: 0.1 },
          rate: { value: 1, se: 0.1 },
          spend: { value: 1, se: 0.1 },
          converged: true
        }
      ],
      notes: []
    };
    const rows = channelEquity(
      quality,
      [
        { channel: 'search', spendPerWeek: 2000, newCustomersPerWeek: 40 },
        { channel: 'email', spendPerWeek: 0, newCustomersPerWeek: 0 }
      ],
      options
    );
    const search = newCustomerClv({ ...bg, b: bg.b * 2 }, gg, options).clv;
    expect(rows[0].clvPerCustomer).toBeCloseTo(search, 10);
    expect(rows[0].equityPerWeek).toBeCloseTo(40 * search, 8);
    expect(rows[0].equityPerSpend).toBeCloseTo((40 * search) / 2000, 10);
    // lower dropout (b doubled) is worth more than the pooled customer; email falls back to the pooled values
    expect(search).toBeGreaterThan(newCustomerClv(bg, gg, options).clv);
    expect(rows[1].estimate).toBe('pooled');
    expect(rows[1].clvPerCustomer).toBeCloseTo(newCustomerClv(bg, gg, options).clv, 10);
    expect(rows[1].equityPerSpend).toBeNaN();
  });
});
