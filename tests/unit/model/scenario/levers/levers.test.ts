import { describe, expect, it } from 'vitest';
import { pricingEffect, marginShareAfterPrice } from '$lib/model/scenario/levers/pricing.ts';
import { personalisationEffect, expectedTrust, contactResponse } from '$lib/model/scenario/levers/personalisation.ts';
import { serviceEffect } from '$lib/model/scenario/levers/service.ts';
import { loyaltyEffect, rewardResponse } from '$lib/model/scenario/levers/loyalty.ts';
import { channelsEffect } from '$lib/model/scenario/levers/channels.ts';
import { retentionTargeting } from '$lib/model/scenario/levers/retention.ts';
import { product } from '$lib/model/scenario/levers/effect.ts';
import { composeDrivers } from '$lib/model/scenario/engine/drivers.ts';
import { evaluateScenario, scenarioValues } from '$lib/model/scenario/engine/evaluate.ts';
import {
  prepareBaseline,
  cdnowDefaultBaseline,
  type NonContractualBaselineSpec
} from '$lib/model/scenario/engine/baseline.ts';
import { neutralScenario } from '$lib/model/scenario/scenario.ts';
import type { Scenario } from '$lib/model/scenario/scenario-types.ts';

const a = scenarioValues(neutralScenario());
const lv = () => neutralScenario().levers;

describe('pricing levers', () => {
  it('a 10% price rise moves purchase rate and conversion by 1.1^ε and spend per order by 1.1', () => {
    const e = pricingEffect({ ...lv().pricing, priceChange: 0.1 }, a, 0.3);
    // ε = -1.5 (assumption pricing.priceElasticity; Bijmolt et al. 2005)
    expect(product(e.contributions.purchaseRate)).toBeCloseTo(Math.pow(1.1, -1.5), 14);
    expect(product(e.contributions.conversion)).toBeCloseTo(Math.pow(1.1, -1.5), 14);
    expect(product(e.contributions.spendPerOrder)).toBeCloseTo(1.1, 14);
    // unit cost unchanged: margin share 1 - 0.7 / 1.1
    expect(product(e.contributions.unitMargin)).toBeCloseTo((1 - 0.7 / 1.1) / 0.3, 14);
    expect(marginShareAfterPrice(0.3, 1.1)).toBeCloseTo(1 - 0.7 / 1.1, 15);
  });
  it('promotions lift the rate by (1 - f) + f (1 - d)^ε_promo and raise dropout by deal-proneness', () => {
    const e = pricingEffect({ ...lv().pricing, promoDepth: 0.2, promoFrequency: 0.25 }, a, 0.3);
    const R = 0.75 + 0.25 * Math.pow(0.8, -3);
    expect(product(e.contributions.purchaseRate)).toBeCloseTo(R, 14);
    expect(product(e.contributions.spendPerOrder)).toBeCloseTo((0.75 + 0.25 * Math.pow(0.8, -2)) / R, 14);
    expect(product(e.contributions.dropout)).toBeCloseTo(1 + 1.0 * 0.25 * 0.2, 14);
  });
  it('targeted coupons lift conversion by +18% (seed 000) at a revenue-share cost', () => {
    const e = pricingEffect({ ...lv().pricing, targetedCoupons: true }, a, 0.3);
    expect(product(e.contributions.conversion)).toBeCloseTo(1.18, 14);
    expect(e.cost.perRevenue).toBe(0.01);
  });
  it('price transparency adds +15% to price fairness (seed 000); opaque personalised pricing subtracts', () => {
    expect(pricingEffect({ ...lv().pricing, priceTransparency: true }, a, 0.3).cx.priceFairness).toBeCloseTo(0.15, 14);
    const opaque = pricingEffect({ ...lv().pricing, personalisedPricing: true }, a, 0.3);
    expect(opaque.cx.priceFairness).toBeCloseTo(-0.1, 14);
    expect(product(opaque.contributions.purchaseRate)).toBeCloseTo(1.2, 14);
    expect(product(opaque.contributions.dropout)).toBeCloseTo(0.75, 14);
  });
  it('clamps an extreme price cut and says so', () => {
    const e = pricingEffect({ ...lv().pricing, priceChange: -0.9 }, a, 0.3);
    expect(e.warnings[0]).toBe('levers.pricing.priceChange: -0.9 clamped to -0.5');
  });
});

describe('personalisation levers', () => {
  const full = { ...lv().personalisation, coverage: 1, consentShare: 1, modelAuc: 0.75 };
  it('product recommendations at full strength lift conversion +20% and spend +5% (seeds 001, 004)', () => {
    const e = personalisationEffect(
      { ...full, types: { product: true, price: false, channel: false, service: false, promotion: false } },
      a
    );
    expect(e.strength).toBe(1);
    expect(product(e.contributions.conversion)).toBeCloseTo(1.2, 14);
    expect(product(e.contributions.spendPerOrder)).toBeCloseTo(1.05, 14);
  });
  it('scales with coverage x consent x quality, and privacy mode costs 10 AUC points', () => {
    const e = personalisationEffect({ ...full, coverage: 0.5, consentShare: 0.8, modelAuc: 0.7 }, a);
    expect(e.strength).toBeCloseTo(0.5 * 0.8 * (0.2 / 0.25), 14);
    const p = personalisationEffect({ ...full, privacyMode: true, breachRiskPerYear: 0.1 }, a);
    expect(p.strength).toBeCloseTo(0.15 / 0.25, 12);
    expect(p.breachRiskPerYear).toBeCloseTo(0.05, 14);
  });
  it('contact response peaks at the optimal frequency and fatigue raises dropout beyond it', () => {
    expect(contactResponse(1, 1)).toBe(1);
    expect(contactResponse(0.5, 1)).toBeLessThan(1);
    expect(contactResponse(3, 1)).toBeLessThan(1);
    const e = personalisationEffect(
      {
        ...full,
        contactsPerWeek: 3,
        types: { product: false, price: false, channel: false, service: false, promotion: false }
      },
      a
    );
    expect(product(e.contributions.dropout)).toBeCloseTo(1 + 0.05 * 2, 14);
  });
  it('a breach risk gives the expected trust loss recurrence with the -37% shock (seed 001)', () => {
    const trust = expectedTrust(3, 0.1, 0.37, 61);
    const h = -Math.log(0.9) / 52;
    const p0 = 1 - Math.exp(-h);
    expect(trust[0]).toBeCloseTo(1 - 0.37 * p0, 14);
    const l1 = 0.37 * p0 * Math.exp(-1 / 61) + 0.37 * Math.exp(-h) * p0;
    expect(trust[1]).toBeCloseTo(1 - l1, 14);
    expect(expectedTrust(5, 0, 0.37, 61).every((t) => t === 1)).toBe(true);
  });
});

describe('service, channel, loyalty and retention levers', () => {
  it('each minute faster adds +5% service satisfaction (seed 000); AI +15% and -22% cost (seed 001)', () => {
    const e = serviceEffect({ responseTimeMinutes: 8, aiShare: 1, support24x7: false }, a);
    expect(e.cx.service).toBeCloseTo(0.1 + 0.15, 14);
    expect(e.cost.perActivePerWeek).toBeCloseTo(0.1 * (Math.pow(0.8, -0.5) * 0.78 - 1), 14);
  });
  it('24x7 service adds +12% satisfaction at +340% service cost (seed 001)', () => {
    const e = serviceEffect({ responseTimeMinutes: 10, aiShare: 0, support24x7: true }, a);
    expect(e.cx.service).toBeCloseTo(0.12, 14);
    expect(e.cost.perActivePerWeek).toBeCloseTo(0.1 * 3.4, 14);
  });
  it('full omnichannel coverage adds +28% omnichannel satisfaction (seed 001)', () => {
    expect(channelsEffect({ ...lv().channels, omnichannelCoverage: 1 }, a).cx.omnichannel).toBeCloseTo(0.28, 14);
  });
  it('a loyalty programme at the reference reward lifts members’ rate +25% and cuts dropout 18% (seed 003)', () => {
    expect(rewardResponse(0.01, 0.01)).toBeCloseTo(1, 14);
    const e = loyaltyEffect(
      {
        enabled: true,
        enrolmentShare: 1,
        tiers: 1,
        pointsPerCurrency: 1,
        rewardValuePerPoint: 0.01,
        redemptionRate: 0.5
      },
      a
    );
    expect(product(e.contributions.purchaseRate)).toBeCloseTo(1.25, 14);
    expect(product(e.contributions.dropout)).toBeCloseTo(0.82, 14);
    expect(e.cost.perRevenue).toBeCloseTo(0.01 * 0.5, 14);
  });
  it('a retention campaign removes the success share of dropout among targeted customers', () => {
    const t = retentionTargeting(
      { enabled: true, pAliveThreshold: 0.5, action: 'discount', costPerAction: 3, successRate: 0.15 },
      a
    );
    expect(t.dropoutMultiplier).toBeCloseTo(0.85, 14);
    expect(t.rateMultiplier).toBeCloseTo(1.2, 14);
  });
});

describe('satisfaction', () => {
  it('CX = Σ w_i S_i; a lead erodes with expectation drift; dropout factor sat^ε_s', () => {
    const s = neutralScenario();
    s.levers.service.responseTimeMinutes = 8; // service +0.10
    const d = composeDrivers(s, a, 60);
    expect(d.cxIndex).toBeCloseTo(1 + 0.3 * 0.1, 14);
    expect(d.satisfaction[0]).toBeCloseTo(1.03, 14);
    // after 52 weeks the lead is 1.03 / 1.175 < 1: eroded to 1
    expect(d.satisfaction[52]).toBe(1);
    expect(d.dropoutTime[0]).toBeCloseTo(Math.pow(1.03, -1.91), 14);
  });
});

describe('lever direction through the engine', () => {
  const histories: NonContractualBaselineSpec['customers'] = {
    x: [0, 1, 3, 8, 2],
    tx: [0, 5, 20, 30, 2],
    T: [40, 40, 35, 38, 30],
    m: [0, 30, 40, 50, 25]
  };
  const base = prepareBaseline({ ...cdnowDefaultBaseline(50), customers: histories });
  const neutral = evaluateScenario(base, neutralScenario());
  const run = (edit: (s: Scenario) => void) => {
    const s = neutralScenario();
    edit(s);
    return evaluateScenario(base, s);
  };
  it('a price cut raises transactions but lowers unit margin', () => {
    const o = run((s) => (s.levers.pricing.priceChange = -0.1));
    expect(o.kpis.revenue! / o.kpis.aov!).toBeGreaterThan(neutral.kpis.revenue! / neutral.kpis.aov!);
    expect(o.drivers.unitMargin.multiplier).toBeLessThan(1);
  });
  it('better service raises active customers at the end of the horizon', () => {
    const o = run((s) => (s.levers.service.responseTimeMinutes = 2));
    expect(o.kpis.activeCustomersEnd!).toBeGreaterThan(neutral.kpis.activeCustomersEnd!);
    expect(o.kpis.satisfaction!).toBeGreaterThan(1);
  });
  it('a retention campaign keeps more customers alive and costs cost x targeted in week 1', () => {
    const o = run((s) =>
      Object.assign(s.levers.retention, { enabled: true, pAliveThreshold: 0.9, successRate: 0.5, costPerAction: 2 })
    );
    expect(o.kpis.activeCustomersEnd!).toBeGreaterThan(neutral.kpis.activeCustomersEnd!);
    let targeted = 0;
    for (let j = 0; j < base.groups.length; j++) if (base.groups.pAlive[j] < 0.9) targeted += base.groups.count[j];
    expect(targeted).toBeGreaterThan(0);
    expect(o.series.costsByLever.retention[0]).toBeCloseTo(2 * targeted, 12);
  });
  it('a breach lowers trust, conversion and active customers', () => {
    const o = run((s) => (s.levers.personalisation.breachRiskPerYear = 0.5));
    expect(o.kpis.newCustomers!).toBeLessThan(neutral.kpis.newCustomers!);
    expect(o.kpis.activeCustomersEnd!).toBeLessThan(neutral.kpis.activeCustomersEnd!);
  });
});
