/**
 * Service and experience levers -> satisfaction and cost (MODEL.md section 2; seeds 000, 001).
 *
 * Service satisfaction change = k_rt (rt_ref - rt) + s_ai x aiShare + s_24 [24x7],
 * with k_rt = +5% per minute faster (seed 000), s_ai = +15% and s_24 = +12% (seed 001);
 * clamped to [-0.5, +0.5].
 * Service cost per active customer per week changes by
 * c0 [ (rt / rt_ref)^ε_c (1 + c_ai aiShare)(1 + c_24 [24x7]) - 1 ],
 * c_ai = -22%, c_24 = +340% (seed 001), ε_c the cost elasticity to response time.
 */
import type { ServiceLevers } from '../scenario-types.ts';
import { value, type AssumptionValues } from '../assumptions.ts';
import { clampLever, emptyEffect, type LeverEffect } from './effect.ts';

export function serviceEffect(levers: ServiceLevers, a: AssumptionValues): LeverEffect {
  const e = emptyEffect();
  const rt = clampLever(e.warnings, 'levers.service.responseTimeMinutes', levers.responseTimeMinutes, 0.1, 10080);
  const ai = clampLever(e.warnings, 'levers.service.aiShare', levers.aiShare, 0, 1);
  const ref = value(a, 'service.referenceResponseMinutes');
  let ds =
    value(a, 'service.responseSatisfactionPerMinute') * (ref - rt) +
    value(a, 'service.aiSatisfaction') * ai +
    (levers.support24x7 ? value(a, 'service.allHoursSatisfaction') : 0);
  if (Math.abs(ds) > 0.5) {
    e.warnings.push(`levers.service: service satisfaction change ${ds.toFixed(3)} clamped to ±0.5`);
    ds = Math.max(-0.5, Math.min(0.5, ds));
  }
  if (ds !== 0) e.cx.service = ds;
  const costFactor =
    Math.exp(value(a, 'service.responseCostElasticity') * Math.log(rt / ref)) *
    (1 + value(a, 'service.aiCost') * ai) *
    (levers.support24x7 ? 1 + value(a, 'service.allHoursCost') : 1);
  if (costFactor !== 1) e.cost.perActivePerWeek += value(a, 'service.costPerActivePerWeek') * (costFactor - 1);
  return e;
}
