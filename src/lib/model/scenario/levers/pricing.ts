/**
 * Pricing levers -> drivers (MODEL.md section 2, pricing row).
 *
 * - List price change Δp: constant-elasticity demand, purchase rate and conversion
 *   x (1 + Δp)^ε, ε the price elasticity (Bijmolt, van Heerde & Pieters 2005);
 *   spend per order x (1 + Δp) (same basket at the new price).
 * - Promotions of depth d in a share f of weeks: order-weighted expectation over
 *   promotion and regular weeks, rate x R with R = (1 - f) + f (1 - d)^ε_promo,
 *   spend per order x [(1 - f) + f (1 - d)^(1 + ε_promo)] / R (the mean price paid
 *   per order); deal-proneness raises dropout by x (1 + k f d).
 * - Unit margin: with today's margin share g and an order-weighted price factor P,
 *   the margin share becomes 1 - (1 - g) / P (unit cost unchanged), a multiplier
 *   (1 - (1 - g) / P) / g on margin per revenue.
 * - Targeted coupons: conversion x (1 + lift) for a cost share of revenue (seed 000).
 * - Personalised pricing: rate x (1 + intent), dropout x (1 - loyalty) (seed 000);
 *   without transparency it lowers perceived price fairness.
 * - Price transparency: price-fairness satisfaction + change (seed 000).
 */
import type { PricingLevers } from '../scenario-types.ts';
import { value, type AssumptionValues } from '../assumptions.ts';
import { clampLever, contribute, emptyEffect, type LeverEffect } from './effect.ts';

/** The unit-margin share after a price factor P: 1 - (1 - g) / P. */
export function marginShareAfterPrice(grossMarginShare: number, priceFactor: number): number {
  return 1 - (1 - grossMarginShare) / priceFactor;
}

export function pricingEffect(levers: PricingLevers, a: AssumptionValues, grossMarginShare: number): LeverEffect {
  const e = emptyEffect();
  const dp = clampLever(e.warnings, 'levers.pricing.priceChange', levers.priceChange, -0.5, 1);
  const depth = clampLever(e.warnings, 'levers.pricing.promoDepth', levers.promoDepth, 0, 0.7);
  const freq = clampLever(e.warnings, 'levers.pricing.promoFrequency', levers.promoFrequency, 0, 1);
  const eps = value(a, 'pricing.priceElasticity');
  const epsPromo = value(a, 'pricing.promoElasticity');

  if (dp !== 0) {
    const demand = Math.exp(eps * Math.log1p(dp));
    contribute(e, 'purchaseRate', 'pricing.priceChange', demand);
    contribute(e, 'conversion', 'pricing.priceChange', demand);
    contribute(e, 'spendPerOrder', 'pricing.priceChange', 1 + dp);
  }
  let promoPrice = 1;
  if (depth > 0 && freq > 0) {
    const logKeep = Math.log1p(-depth);
    const rate = 1 - freq + freq * Math.exp(epsPromo * logKeep);
    promoPrice = (1 - freq + freq * Math.exp((1 + epsPromo) * logKeep)) / rate;
    contribute(e, 'purchaseRate', 'pricing.promotions', rate);
    contribute(e, 'spendPerOrder', 'pricing.promotions', promoPrice);
    contribute(e, 'dropout', 'pricing.promotions', 1 + value(a, 'pricing.dealPronenessDropout') * freq * depth);
  }
  const priceFactor = (1 + dp) * promoPrice;
  if (priceFactor !== 1) {
    const share = marginShareAfterPrice(grossMarginShare, priceFactor);
    if (share <= 0) {
      e.warnings.push(
        `levers.pricing: price factor ${priceFactor.toFixed(3)} leaves no unit margin (margin share ${share.toFixed(3)}); margin floored at 1e-6 of revenue`
      );
    }
    contribute(e, 'unitMargin', 'pricing.price', Math.max(share, 1e-6) / grossMarginShare);
  }
  if (levers.targetedCoupons) {
    contribute(e, 'conversion', 'pricing.targetedCoupons', 1 + value(a, 'pricing.targetedCouponConversion'));
    e.cost.perRevenue += value(a, 'pricing.targetedCouponCost');
  }
  if (levers.personalisedPricing) {
    contribute(e, 'purchaseRate', 'pricing.personalisedPricing', 1 + value(a, 'pricing.personalisedPricingIntent'));
    contribute(e, 'dropout', 'pricing.personalisedPricing', 1 - value(a, 'pricing.personalisedPricingLoyalty'));
    if (!levers.priceTransparency)
      e.cx.priceFairness = (e.cx.priceFairness ?? 0) + value(a, 'pricing.personalisedPricingFairness');
  }
  if (levers.priceTransparency) {
    e.cx.priceFairness = (e.cx.priceFairness ?? 0) + value(a, 'pricing.transparencySatisfaction');
  }
  return e;
}
