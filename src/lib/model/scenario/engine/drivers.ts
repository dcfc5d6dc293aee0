/**
 * Compose the lever families into drivers (MODEL.md sections 2 and 3).
 *
 * Static drivers multiply: M_driver = Π contributions. Satisfaction is an index
 * CX = Σ w_i S_i / Σ w_i over the components service, relevance, omnichannel and
 * price fairness (seed 000), S_i = 1 + change. An improvement is a lead over
 * customers' expectations, which inflate by a drift d a year (seed 001), so the
 * satisfaction felt at week t is max(1, CX (1 + d)^(-t/52)) when CX > 1, and CX
 * when CX <= 1 (a shortfall does not erode). Satisfaction moves dropout through an
 * elasticity ε_s: factor sat(t)^ε_s; expected trust after breaches (levers/personalisation)
 * moves dropout by trust(t)^η_d and conversion by trust(t)^η_c. These two are the
 * time-varying factors g(t) of the projection; all other drivers are constant.
 */
import type { ChannelId, DriverContribution, DriverId, DriverValue, Scenario } from '../scenario-types.ts';
import { DRIVER_IDS } from '../scenario-types.ts';
import { value, type AssumptionValues } from '../assumptions.ts';
import {
  product,
  type CostModel,
  type CxComponent,
  type LeverEffect,
  type MultiplierDriver
} from '../levers/effect.ts';
import { pricingEffect } from '../levers/pricing.ts';
import { channelsEffect } from '../levers/channels.ts';
import { expectedTrust, personalisationEffect } from '../levers/personalisation.ts';
import { serviceEffect } from '../levers/service.ts';
import { loyaltyEffect } from '../levers/loyalty.ts';
import { retentionTargeting, type RetentionTargeting } from '../levers/retention.ts';

export const MULTIPLIER_DRIVERS: readonly MultiplierDriver[] = [
  'conversion',
  'purchaseRate',
  'dropout',
  'spendPerOrder',
  'unitMargin'
];
export const CX_COMPONENTS: readonly CxComponent[] = ['service', 'relevance', 'omnichannel', 'priceFairness'];

export interface DriverState {
  /** static composite multipliers */
  multiplier: Record<MultiplierDriver, number>;
  contributions: Record<MultiplierDriver, DriverContribution[]>;
  cxComponents: Record<CxComponent, number>;
  cxIndex: number;
  /** per week (length = weeks) */
  satisfaction: Float64Array;
  trust: Float64Array;
  /** time-varying dropout factor g(t) = sat^ε_s trust^η_d */
  dropoutTime: Float64Array;
  /** time-varying conversion factor trust^η_c */
  conversionTime: Float64Array;
  /** all-time-constant: true when g(t) = 1 and conversionTime = 1 for every week */
  timeInvariant: boolean;
  costs: {
    pricing: CostModel;
    channels: CostModel;
    personalisation: CostModel;
    service: CostModel;
    loyalty: CostModel;
  };
  budgetPerWeek: Record<ChannelId, number>;
  retention: RetentionTargeting;
  warnings: string[];
}

export function composeDrivers(scenario: Scenario, a: AssumptionValues, weeks: number): DriverState {
  const margin = scenario.economics.grossMarginShare;
  const pricing = pricingEffect(scenario.levers.pricing, a, margin);
  const channels = channelsEffect(scenario.levers.channels, a);
  const personal = personalisationEffect(scenario.levers.personalisation, a, scenario.evidence?.personalisation);
  const service = serviceEffect(scenario.levers.service, a);
  const loyalty = loyaltyEffect(scenario.levers.loyalty, a);
  const retention = retentionTargeting(scenario.levers.retention, a);
  const effects: LeverEffect[] = [pricing, channels, personal, service, loyalty];

  const contributions = {} as Record<MultiplierDriver, DriverContribution[]>;
  const multiplier = {} as Record<MultiplierDriver, number>;
  for (const d of MULTIPLIER_DRIVERS) {
    contributions[d] = effects.flatMap((e) => e.contributions[d] ?? []);
    multiplier[d] = product(contributions[d]);
  }
  const cxComponents = {} as Record<CxComponent, number>;
  for (const c of CX_COMPONENTS) cxComponents[c] = effects.reduce((s, e) => s + (e.cx[c] ?? 0), 0);
  const weights: Record<CxComponent, number> = {
    service: value(a, 'satisfaction.weightService'),
    relevance: value(a, 'satisfaction.weightRelevance'),
    omnichannel: value(a, 'satisfaction.weightOmnichannel'),
    priceFairness: value(a, 'satisfaction.weightPriceFairness')
  };
  const wsum = CX_COMPONENTS.reduce((s, c) => s + weights[c], 0);
  let cxIndex = 1;
  if (wsum > 0) for (const c of CX_COMPONENTS) cxIndex += (weights[c] * cxComponents[c]) / wsum;
  const warnings = effects.flatMap((e) => e.warnings).concat(retention.warnings);
  if (cxIndex < 0.2) {
    warnings.push(`satisfaction index ${cxIndex.toFixed(3)} floored at 0.2`);
    cxIndex = 0.2;
  }

  const satisfaction = new Float64Array(weeks);
  const driftPerWeek = Math.log1p(value(a, 'satisfaction.expectationDriftPerYear')) / 52;
  for (let t = 0; t < weeks; t++)
    satisfaction[t] = cxIndex > 1 ? Math.max(1, cxIndex * Math.exp(-driftPerWeek * t)) : cxIndex;
  const trust = expectedTrust(
    weeks,
    personal.breachRiskPerYear,
    value(a, 'personalisation.breachTrustShock'),
    value(a, 'personalisation.breachRecoveryWeeks')
  );
  const epsSat = value(a, 'satisfaction.dropoutElasticity');
  const etaDrop = value(a, 'personalisation.trustDropoutElasticity');
  const etaConv = value(a, 'personalisation.trustConversionElasticity');
  const dropoutTime = new Float64Array(weeks);
  const conversionTime = new Float64Array(weeks);
  let timeInvariant = true;
  for (let t = 0; t < weeks; t++) {
    const s = satisfaction[t];
    const tr = trust[t];
    dropoutTime[t] = s === 1 && tr === 1 ? 1 : Math.exp(epsSat * Math.log(s) + etaDrop * Math.log(tr));
    conversionTime[t] = tr === 1 ? 1 : Math.exp(etaConv * Math.log(tr));
    if (dropoutTime[t] !== 1 || conversionTime[t] !== 1) timeInvariant = false;
  }
  return {
    multiplier,
    contributions,
    cxComponents,
    cxIndex,
    satisfaction,
    trust,
    dropoutTime,
    conversionTime,
    timeInvariant,
    costs: {
      pricing: pricing.cost,
      channels: channels.cost,
      personalisation: personal.cost,
      service: service.cost,
      loyalty: loyalty.cost
    },
    budgetPerWeek: channels.budgetPerWeek,
    retention,
    warnings
  };
}

function mean(xs: Float64Array): number {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length ? s / xs.length : 1;
}

/** The explain view's driver table: composite multiplier and its contributions. */
export function driverSummary(d: DriverState): Record<DriverId, DriverValue> {
  const out = {} as Record<DriverId, DriverValue>;
  for (const id of DRIVER_IDS) out[id] = { multiplier: 1, contributions: [] };
  for (const m of MULTIPLIER_DRIVERS) out[m] = { multiplier: d.multiplier[m], contributions: d.contributions[m] };
  const satMean = mean(d.satisfaction);
  out.satisfaction = {
    multiplier: satMean,
    contributions: CX_COMPONENTS.filter((c) => d.cxComponents[c] !== 0).map((c) => ({
      lever: `cx.${c}`,
      multiplier: 1 + d.cxComponents[c]
    }))
  };
  out.trust = { multiplier: mean(d.trust), contributions: [] };
  const g = mean(d.dropoutTime);
  if (g !== 1) {
    out.dropout = {
      multiplier: d.multiplier.dropout * g,
      contributions: [...d.contributions.dropout, { lever: 'satisfaction and trust (horizon mean)', multiplier: g }]
    };
  }
  const c = mean(d.conversionTime);
  if (c !== 1) {
    out.conversion = {
      multiplier: d.multiplier.conversion * c,
      contributions: [...d.contributions.conversion, { lever: 'trust (horizon mean)', multiplier: c }]
    };
  }
  return out;
}
