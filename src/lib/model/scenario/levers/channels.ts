/**
 * Channel levers: paid media budget -> visits -> new customers (MODEL.md section 2).
 *
 * Jin, Wang, Sun, Chan & Koehler (2017) "Bayesian methods for media mix modeling
 * with carryover and shape effects" (Google):
 * - geometric adstock (their eq. 1 with geometric weights, unnormalised as in
 *   MODEL.md): A(t) = s(t) + θ A(t - 1), A(-1) = 0; for a constant spend s,
 *   A(t) = s (1 - θ^(t+1)) / (1 - θ) -> s / (1 - θ);
 * - Hill saturation (their eq. 3): V = Vmax A^κ / (A^κ + K^κ), evaluated as
 *   Vmax / (1 + exp(κ (ln K - ln A))) so large or small A never overflow;
 * - new customers = visits x conversion; the customers a channel brings have
 *   their own dropout and purchase-rate multipliers (channel quality).
 * Omnichannel coverage raises the omnichannel satisfaction component (seed 001).
 */
import { CHANNEL_IDS, type ChannelId, type ChannelLevers } from '../scenario-types.ts';
import { value, type AssumptionValues } from '../assumptions.ts';
import { clampLever, emptyEffect, type LeverEffect } from './effect.ts';

export interface ChannelResponseParams {
  adstockDecay: number;
  hillSlope: number;
  halfSaturation: number;
  maxVisits: number;
  conversion: number;
  qualityDropout: number;
  qualityRate: number;
}

export function channelParams(a: AssumptionValues, channel: ChannelId): ChannelResponseParams {
  return {
    adstockDecay: value(a, `channels.${channel}.adstockDecay`),
    hillSlope: value(a, `channels.${channel}.hillSlope`),
    halfSaturation: value(a, `channels.${channel}.halfSaturation`),
    maxVisits: value(a, `channels.${channel}.maxVisits`),
    conversion: value(a, `channels.${channel}.conversion`),
    qualityDropout: value(a, `channels.${channel}.qualityDropout`),
    qualityRate: value(a, `channels.${channel}.qualityRate`)
  };
}

/** Geometric adstock A(t) = s(t) + θ A(t-1) with A(-1) = 0, into `out`. */
export function geometricAdstock(
  spend: ArrayLike<number>,
  decay: number,
  out = new Float64Array(spend.length)
): Float64Array {
  if (!(decay >= 0 && decay < 1)) throw new RangeError(`invalid adstock decay: ${decay} (must be in [0, 1))`);
  let carry = 0;
  for (let t = 0; t < spend.length; t++) {
    carry = spend[t] + decay * carry;
    out[t] = carry;
  }
  return out;
}

/** Hill saturation share A^κ / (A^κ + K^κ) in [0, 1), computed in log space. */
export function hillSaturation(adstock: number, halfSaturation: number, slope: number): number {
  if (!(adstock > 0)) return 0;
  if (!(halfSaturation > 0) || !(slope > 0)) {
    throw new RangeError(`invalid Hill parameters: K = ${halfSaturation}, κ = ${slope} (both must be > 0)`);
  }
  return 1 / (1 + Math.exp(slope * (Math.log(halfSaturation) - Math.log(adstock))));
}

/** Weekly visits and new customers of one channel for a spend series (currency per week). */
export function channelResponse(
  spend: ArrayLike<number>,
  p: ChannelResponseParams,
  conversionMultiplier: ArrayLike<number> | number = 1
): { adstock: Float64Array; visits: Float64Array; newCustomers: Float64Array } {
  const adstock = geometricAdstock(spend, p.adstockDecay);
  const visits = new Float64Array(spend.length);
  const newCustomers = new Float64Array(spend.length);
  for (let t = 0; t < spend.length; t++) {
    visits[t] = p.maxVisits * hillSaturation(adstock[t], p.halfSaturation, p.hillSlope);
    const m = typeof conversionMultiplier === 'number' ? conversionMultiplier : conversionMultiplier[t];
    newCustomers[t] = visits[t] * Math.min(1, p.conversion * m);
  }
  return { adstock, visits, newCustomers };
}

/** Steady-state weekly new customers for a constant budget (A* = s / (1 - θ)). */
export function steadyStateNewCustomers(
  budgetPerWeek: number,
  p: ChannelResponseParams,
  conversionMultiplier = 1
): number {
  const adstock = budgetPerWeek / (1 - p.adstockDecay);
  return (
    p.maxVisits *
    hillSaturation(adstock, p.halfSaturation, p.hillSlope) *
    Math.min(1, p.conversion * conversionMultiplier)
  );
}

/** Budget checks and the omnichannel effect; acquisition itself is computed by the engine per week. */
export function channelsEffect(
  levers: ChannelLevers,
  a: AssumptionValues
): LeverEffect & { budgetPerWeek: Record<ChannelId, number> } {
  const e = emptyEffect();
  const budgetPerWeek = {} as Record<ChannelId, number>;
  for (const ch of CHANNEL_IDS) {
    budgetPerWeek[ch] = clampLever(
      e.warnings,
      `levers.channels.budgetPerWeek.${ch}`,
      levers.budgetPerWeek[ch] ?? 0,
      0,
      1e7
    );
  }
  const coverage = clampLever(e.warnings, 'levers.channels.omnichannelCoverage', levers.omnichannelCoverage, 0, 1);
  if (coverage > 0) {
    e.cx.omnichannel = coverage * value(a, 'channels.omnichannelSatisfaction');
    e.cost.perActivePerWeek += coverage * value(a, 'channels.omnichannelCostPerActive');
  }
  return { ...e, budgetPerWeek };
}
