/**
 * What a lever family returns: multiplicative contributions to the named drivers
 * (MODEL.md section 2: multipliers compose), index changes of the satisfaction
 * components (CX = Σ w_i S_i, seed 000), and a linear weekly cost model
 * (cost_t = fixed + perActive * active_t + perRevenue * revenue_t + perContact * contacts_t).
 */
import type { DriverContribution } from '../scenario-types.ts';

/** Drivers a lever can multiply directly (satisfaction and trust are derived, see engine/drivers.ts). */
export type MultiplierDriver = 'conversion' | 'purchaseRate' | 'dropout' | 'spendPerOrder' | 'unitMargin';

/** Satisfaction components of the CX index (seed 000): S_i = 1 + change. */
export type CxComponent = 'service' | 'relevance' | 'omnichannel' | 'priceFairness';

export interface CostModel {
  fixedPerWeek: number;
  perActivePerWeek: number;
  /** share of revenue */
  perRevenue: number;
}

export interface LeverEffect {
  contributions: Partial<Record<MultiplierDriver, DriverContribution[]>>;
  /** additive changes of the CX components (0 = today) */
  cx: Partial<Record<CxComponent, number>>;
  cost: CostModel;
  warnings: string[];
}

export function emptyEffect(): LeverEffect {
  return { contributions: {}, cx: {}, cost: { fixedPerWeek: 0, perActivePerWeek: 0, perRevenue: 0 }, warnings: [] };
}

/** Add a multiplier contribution unless it is exactly 1 (a neutral lever leaves no trace). */
export function contribute(effect: LeverEffect, driver: MultiplierDriver, lever: string, multiplier: number): void {
  if (multiplier === 1) return;
  if (!Number.isFinite(multiplier) || multiplier <= 0) {
    throw new RangeError(`driver ${driver} from ${lever}: multiplier ${multiplier} (must be finite and > 0)`);
  }
  (effect.contributions[driver] ??= []).push({ lever, multiplier });
}

/** Clamp a lever value into [min, max], recording a warning when it had to move. */
export function clampLever(warnings: string[], path: string, value: number, min: number, max: number): number {
  if (Number.isNaN(value)) {
    warnings.push(`${path}: NaN replaced by ${min}`);
    return min;
  }
  if (value < min) {
    warnings.push(`${path}: ${value} clamped to ${min}`);
    return min;
  }
  if (value > max) {
    warnings.push(`${path}: ${value} clamped to ${max}`);
    return max;
  }
  return value;
}

/** Product of the contributions' multipliers. */
export function product(contributions: readonly DriverContribution[] | undefined): number {
  let m = 1;
  if (contributions) for (const c of contributions) m *= c.multiplier;
  return m;
}
