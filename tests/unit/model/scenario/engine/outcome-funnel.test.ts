import { describe, expect, it } from 'vitest';
import { prepareBaseline, cdnowDefaultBaseline, sbgDefaultBaseline } from '$lib/model/scenario/engine/baseline.ts';
import { evaluateScenario, scenarioValues } from '$lib/model/scenario/engine/evaluate.ts';
import { KPIS } from '$lib/model/scenario/engine/kpis.ts';
import { channelParams } from '$lib/model/scenario/levers/channels.ts';
import { defaultScenario, neutralScenario } from '$lib/model/scenario/scenario.ts';
import { CHANNEL_IDS, KPI_IDS } from '$lib/model/scenario/scenario-types.ts';
import { CDNOW, cumulative } from './fixtures.ts';

/** 1 - P(X(t) = 0) for a new BG/NBD customer: no dropout before the first repeat, so (α / (α + t))^r (FHL 2005 eq. 8 with x = 0). */
const repeatClosedForm = (alpha: number, r: number, t: number) => 1 - Math.pow(alpha / (alpha + t), r);

describe('the 1-year repeat rate', () => {
  const base = prepareBaseline(cdnowDefaultBaseline(50));

  it('is 1 - (α / (α + 52))^r for a new CDNOW customer at neutral levers', () => {
    const o = evaluateScenario(base, neutralScenario());
    expect(o.kpis.repeatRate1y).toBeCloseTo(repeatClosedForm(CDNOW.alpha, CDNOW.r, 52), 12);
  });

  it('uses the purchase-rate multiplier M as α / M (a 10% price cut: M = 0.9^-1.5) and ignores the dropout multiplier', () => {
    const s = neutralScenario();
    s.levers.pricing.priceChange = -0.1;
    const o = evaluateScenario(base, s);
    expect(o.drivers.purchaseRate.multiplier).toBeCloseTo(Math.pow(0.9, -1.5), 12);
    expect(o.kpis.repeatRate1y).toBeCloseTo(repeatClosedForm(CDNOW.alpha / Math.pow(0.9, -1.5), CDNOW.r, 52), 12);
    const t = neutralScenario();
    t.levers.service.responseTimeMinutes = 4; // moves dropout only
    const u = evaluateScenario(base, t);
    expect(u.drivers.dropout.multiplier).not.toBe(1);
    expect(u.kpis.repeatRate1y).toBeCloseTo(repeatClosedForm(CDNOW.alpha, CDNOW.r, 52), 12);
  });

  it('averages over the acquisition mix with each channel’s purchase-rate quality, and the funnel counts newCustomers x repeat rate', () => {
    const s = defaultScenario();
    const o = evaluateScenario(base, s);
    const values = scenarioValues(s);
    let expected = 0;
    let total = 0;
    for (const src of [...CHANNEL_IDS, 'organic'] as const) {
      const n = cumulative(o.series.newCustomersByChannel[src], o.horizonWeeks);
      const rate = src === 'organic' ? 1 : channelParams(values, src).qualityRate;
      expected += n * repeatClosedForm(CDNOW.alpha / rate, CDNOW.r, 52);
      total += n;
    }
    expect(o.funnel.repeatWithin1y).toBeCloseTo(expected, 6);
    expect(o.kpis.repeatRate1y).toBeCloseTo(expected / total, 12);
  });

  it('is the sBG share renewing at the first renewal, β / (α + β) (Fader & Hardie 2007), when the period is at most 52 weeks, and 0 otherwise', () => {
    const { alpha, beta } = { alpha: 0.704, beta: 1.182 };
    for (const P of [13, 52]) {
      const b = prepareBaseline({ ...sbgDefaultBaseline(), periodWeeks: P, organicNewPerWeek: 5 });
      expect(evaluateScenario(b, neutralScenario()).kpis.repeatRate1y).toBeCloseTo(beta / (alpha + beta), 8);
    }
    const long = prepareBaseline({ ...sbgDefaultBaseline(), periodWeeks: 60, organicNewPerWeek: 5 });
    expect(evaluateScenario(long, neutralScenario()).kpis.repeatRate1y).toBe(0);
  });

  it('is in the KPI catalogue with a label, a share format and higher-is-better', () => {
    expect(KPI_IDS).toContain('repeatRate1y');
    const def = KPIS.find((k) => k.id === 'repeatRate1y');
    expect(def).toMatchObject({ unit: 'share', format: '.1%', higherIsBetter: true });
    expect(def!.label.length).toBeGreaterThan(0);
  });
});

describe('the funnel and CLV by channel', () => {
  const base = prepareBaseline(cdnowDefaultBaseline(50));
  const s = defaultScenario();
  const o = evaluateScenario(base, s);

  it('totals visits, paid and organic new customers over the horizon from the weekly series', () => {
    const H = o.horizonWeeks;
    const visits = CHANNEL_IDS.reduce((t, ch) => t + cumulative(o.series.visitsByChannel[ch], H), 0);
    const paid = CHANNEL_IDS.reduce((t, ch) => t + cumulative(o.series.newCustomersByChannel[ch], H), 0);
    expect(o.funnel.visits).toBeCloseTo(visits, 6);
    expect(o.funnel.paidNewCustomers).toBeCloseTo(paid, 6);
    expect(o.funnel.organicNewCustomers).toBeCloseTo(50 * H, 6); // organic 50 a week, no trust lever
    expect(o.funnel.newCustomers).toBeCloseTo(o.kpis.newCustomers!, 9);
    expect(o.funnel.paidNewCustomers).toBeGreaterThan(0);
    expect(o.funnel.visits).toBeGreaterThan(o.funnel.paidNewCustomers);
  });

  it('gives a CLV per source whose acquisition-weighted mean is the CLV per new customer', () => {
    let weighted = 0;
    for (const src of [...CHANNEL_IDS, 'organic'] as const)
      weighted += cumulative(o.series.newCustomersByChannel[src], o.horizonWeeks) * o.clvByChannel[src];
    expect(weighted / o.funnel.newCustomers).toBeCloseTo(o.kpis.clvPerNewCustomer!, 8);
  });

  it('values a channel whose customers buy more often (quality rate > 1) above organic, and equal to organic at neutral quality', () => {
    const values = scenarioValues(s);
    for (const ch of CHANNEL_IDS) {
      const q = channelParams(values, ch);
      if (q.qualityRate > 1 && q.qualityDropout <= 1)
        expect(o.clvByChannel[ch]).toBeGreaterThan(o.clvByChannel.organic);
      if (q.qualityRate === 1 && q.qualityDropout === 1)
        expect(o.clvByChannel[ch]).toBeCloseTo(o.clvByChannel.organic, 9);
    }
  });
});
