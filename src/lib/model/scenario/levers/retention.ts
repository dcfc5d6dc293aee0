/**
 * Retention actions: a one-off campaign at week 0 on existing customers whose
 * P(alive) is below a threshold (MODEL.md section 2; seeds 000, 002, 003).
 *
 * Targeted groups: dropout x (1 - s), s = success rate x realised/stated scale
 * (seed 000: churn early warning -15%); a discount action also lifts their
 * purchase rate x (1 + w) (seed 003: CLV-based win-back +20% repurchase).
 * Cost: cost per action x targeted customers (all targeted, alive or not: the
 * firm cannot tell), charged in week 1.
 */
import type { RetentionLevers } from '../scenario-types.ts';
import { value, type AssumptionValues } from '../assumptions.ts';
import { clampLever } from './effect.ts';

export interface RetentionTargeting {
  enabled: boolean;
  pAliveThreshold: number;
  /** dropout multiplier of targeted groups */
  dropoutMultiplier: number;
  /** purchase-rate multiplier of targeted groups */
  rateMultiplier: number;
  costPerTargeted: number;
  warnings: string[];
}

export function retentionTargeting(levers: RetentionLevers, a: AssumptionValues): RetentionTargeting {
  const warnings: string[] = [];
  if (!levers.enabled) {
    return {
      enabled: false,
      pAliveThreshold: 0,
      dropoutMultiplier: 1,
      rateMultiplier: 1,
      costPerTargeted: 0,
      warnings
    };
  }
  const threshold = clampLever(warnings, 'levers.retention.pAliveThreshold', levers.pAliveThreshold, 0, 1);
  const success = clampLever(warnings, 'levers.retention.successRate', levers.successRate, 0, 1);
  const cost = clampLever(warnings, 'levers.retention.costPerAction', levers.costPerAction, 0, 1e6);
  const s = Math.min(0.999, success * value(a, 'retention.successScale'));
  return {
    enabled: true,
    pAliveThreshold: threshold,
    dropoutMultiplier: 1 - s,
    rateMultiplier: levers.action === 'discount' ? 1 + value(a, 'retention.discountRepurchase') : 1,
    costPerTargeted: cost,
    warnings
  };
}
