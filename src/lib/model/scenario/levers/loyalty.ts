/**
 * Loyalty programme levers -> drivers and cost (MODEL.md section 2; seeds 002, 003).
 *
 * Reward share of spend ρ = points per currency x value per point (seed 002: 1 point
 * per currency unit). Its effect saturates: g(ρ) = (1 - e^(-ρ/ρ_ref)) / (1 - e^(-1)),
 * 1 at the reference reward share. With enrolment share n:
 *   purchase rate x (1 + n g l_rate)            (seed 003: +25% conversion)
 *   dropout x (1 - n g l_ret) x (1 - n l_tier (tiers - 1))   (seed 003: rewards +18% retention)
 * Cost: points liability ρ x redemption x n share of revenue, plus a fixed running cost.
 */
import type { LoyaltyLevers } from '../scenario-types.ts';
import { value, type AssumptionValues } from '../assumptions.ts';
import { clampLever, contribute, emptyEffect, type LeverEffect } from './effect.ts';

/** Saturating response to the reward share, 1 at the reference share. */
export function rewardResponse(rewardShare: number, referenceShare: number): number {
  if (!(rewardShare > 0)) return 0;
  return -Math.expm1(-rewardShare / referenceShare) / -Math.expm1(-1);
}

export function loyaltyEffect(levers: LoyaltyLevers, a: AssumptionValues): LeverEffect {
  const e = emptyEffect();
  if (!levers.enabled) return e;
  const w = e.warnings;
  const n = clampLever(w, 'levers.loyalty.enrolmentShare', levers.enrolmentShare, 0, 1);
  const tiers = Math.round(clampLever(w, 'levers.loyalty.tiers', levers.tiers, 1, 6));
  const points = clampLever(w, 'levers.loyalty.pointsPerCurrency', levers.pointsPerCurrency, 0, 100);
  const pointValue = clampLever(w, 'levers.loyalty.rewardValuePerPoint', levers.rewardValuePerPoint, 0, 10);
  const redemption = clampLever(w, 'levers.loyalty.redemptionRate', levers.redemptionRate, 0, 1);
  let rho = points * pointValue;
  if (rho > 0.5) {
    w.push(`levers.loyalty: reward share of spend ${rho} clamped to 0.5`);
    rho = 0.5;
  }
  const g = rewardResponse(rho, value(a, 'loyalty.referenceRewardShare'));
  if (n > 0 && g > 0) {
    contribute(e, 'purchaseRate', 'loyalty.rewards', 1 + n * g * value(a, 'loyalty.rateLift'));
    contribute(e, 'dropout', 'loyalty.rewards', Math.max(1e-3, 1 - n * g * value(a, 'loyalty.retentionLift')));
  }
  if (n > 0 && tiers > 1) {
    contribute(e, 'dropout', 'loyalty.tiers', Math.max(1e-3, 1 - n * value(a, 'loyalty.tierRetention') * (tiers - 1)));
  }
  e.cost.perRevenue += rho * redemption * n;
  e.cost.fixedPerWeek += value(a, 'loyalty.fixedCostPerWeek');
  return e;
}
