/**
 * The lever catalogue: one entry per user-settable lever, with range, step,
 * neutral value (the value that leaves the baseline unchanged) and help text,
 * so the UI can render the lever panel generically and the scenario parser can
 * validate every lever by the same table.
 */
import { CHANNEL_IDS, PERSONALISATION_TYPES, type LeverFamily } from '../scenario-types.ts';

export interface LeverDef {
  /** dotted path under `levers`, e.g. 'pricing.priceChange' */
  id: string;
  family: LeverFamily;
  label: string;
  unit: string;
  kind: 'number' | 'integer' | 'boolean' | 'choice';
  min?: number;
  max?: number;
  step?: number;
  choices?: readonly string[];
  /** value of the neutral (baseline) scenario */
  neutral: number | boolean | string;
  /** value of the default scenario shown on first load */
  default: number | boolean | string;
  help: string;
}

const channelDefaults: Record<string, number> = {
  search: 3000,
  social: 1500,
  display: 1000,
  email: 500,
  affiliates: 500,
  stores: 0
};

/** The family of a lever: the first part of its dotted id. */
function familyOf(id: string): LeverFamily {
  return id.slice(0, id.indexOf('.')) as LeverFamily;
}

/** An on/off lever, at `on` (by default off) in the baseline and in the default scenario. */
function toggle(id: string, label: string, help: string, on = false): LeverDef {
  return { id, family: familyOf(id), label, unit: '', kind: 'boolean', neutral: on, default: on, help };
}

/** A lever for a share from 0 to 1, at `value` in the baseline and in the default scenario. */
function share(id: string, label: string, unit: string, step: number, value: number, help: string): LeverDef {
  return {
    id,
    family: familyOf(id),
    label,
    unit,
    kind: 'number',
    min: 0,
    max: 1,
    step,
    neutral: value,
    default: value,
    help
  };
}

export const LEVERS: readonly LeverDef[] = [
  {
    id: 'pricing.priceChange',
    family: 'pricing',
    label: 'List price change',
    unit: 'share',
    kind: 'number',
    min: -0.5,
    max: 1,
    step: 0.01,
    neutral: 0,
    default: 0,
    help: 'Relative change of list prices (-0.05 = 5% cheaper). Moves purchase rate and conversion through the price elasticity, spend per order and unit margin.'
  },
  {
    id: 'pricing.promoDepth',
    family: 'pricing',
    label: 'Promotion depth',
    unit: 'share',
    kind: 'number',
    min: 0,
    max: 0.7,
    step: 0.01,
    neutral: 0,
    default: 0,
    help: 'Discount in promotion weeks.'
  },
  share(
    'pricing.promoFrequency',
    'Promotion frequency',
    'share of weeks',
    0.05,
    0,
    'Share of weeks with a promotion. Frequent deep promotions train deal-proneness (higher dropout).'
  ),
  toggle(
    'pricing.targetedCoupons',
    'Targeted coupons',
    'Coupons to selected prospects: conversion up, cost as a share of revenue.'
  ),
  toggle(
    'pricing.personalisedPricing',
    'Personalised pricing',
    'Individual prices: purchase intent and loyalty up; without transparency perceived fairness falls.'
  ),
  toggle(
    'pricing.priceTransparency',
    'Price transparency',
    'Published, explained prices: perceived price fairness up.'
  ),
  ...CHANNEL_IDS.map((ch): LeverDef => ({
    id: `channels.budgetPerWeek.${ch}`,
    family: 'channels',
    label: `Budget: ${ch}`,
    unit: 'currency per week',
    kind: 'number',
    min: 0,
    max: 1e7,
    step: 100,
    neutral: 0,
    default: channelDefaults[ch],
    help: `Paid media in ${ch} per week: adstock carries it over, Hill saturation caps the visits it buys.`
  })),
  share(
    'channels.omnichannelCoverage',
    'Omnichannel coverage',
    'share',
    0.05,
    0,
    'Share of journeys that cross channels seamlessly: satisfaction up, running cost per active customer.'
  ),
  share(
    'personalisation.coverage',
    'Personalisation coverage',
    'share of customers',
    0.05,
    0,
    'Share of customers who get personalised content or offers.'
  ),
  {
    id: 'personalisation.modelAuc',
    family: 'personalisation',
    label: 'Model quality (AUC)',
    unit: 'AUC',
    kind: 'number',
    min: 0.5,
    max: 1,
    step: 0.01,
    neutral: 0.75,
    default: 0.75,
    help: 'Discrimination of the recommendation or propensity model; 0.5 is random. Set by hand or from a learned model.'
  },
  ...PERSONALISATION_TYPES.map((t) =>
    toggle(
      `personalisation.types.${t}`,
      `Personalise: ${t}`,
      `Include ${t} personalisation (seed 004's five kinds).`,
      true
    )
  ),
  {
    id: 'personalisation.contactsPerWeek',
    family: 'personalisation',
    label: 'Contacts per week',
    unit: 'contacts per customer per week',
    kind: 'number',
    min: 0,
    max: 14,
    step: 0.25,
    neutral: 1,
    default: 1,
    help: 'Marketing contact frequency: effect peaks at the optimum, fatigue raises dropout beyond it.'
  },
  share(
    'personalisation.consentShare',
    'Consent share',
    'share',
    0.05,
    0.8,
    'Share of customers whose data may be used.'
  ),
  toggle(
    'personalisation.privacyMode',
    'Privacy-preserving mode',
    'Federated or differentially private models: lower accuracy (8-12 AUC points), lower breach risk.'
  ),
  share(
    'personalisation.breachRiskPerYear',
    'Breach risk',
    'probability per year',
    0.01,
    0,
    'Probability of a data breach per year; a breach cuts trust, which recovers over more than a year.'
  ),
  {
    id: 'service.responseTimeMinutes',
    family: 'service',
    label: 'Response time',
    unit: 'minutes',
    kind: 'number',
    min: 0.1,
    max: 10080,
    step: 0.5,
    neutral: 10,
    default: 10,
    help: 'Mean first response time of customer service.'
  },
  share(
    'service.aiShare',
    'AI-assisted share',
    'share of contacts',
    0.05,
    0,
    'Share of contacts handled with AI assistance: satisfaction up, cost down.'
  ),
  toggle('service.support24x7', '24x7 service', 'Round-the-clock service: satisfaction up a little, cost up a lot.'),
  toggle('loyalty.enabled', 'Loyalty programme', 'Run a points programme.'),
  share('loyalty.enrolmentShare', 'Enrolment', 'share of customers', 0.05, 0.5, 'Share of customers in the programme.'),
  {
    id: 'loyalty.tiers',
    family: 'loyalty',
    label: 'Tiers',
    unit: 'tiers',
    kind: 'integer',
    min: 1,
    max: 6,
    step: 1,
    neutral: 1,
    default: 1,
    help: 'Number of member tiers (silver, gold, ...).'
  },
  {
    id: 'loyalty.pointsPerCurrency',
    family: 'loyalty',
    label: 'Points per currency unit',
    unit: 'points',
    kind: 'number',
    min: 0,
    max: 100,
    step: 0.5,
    neutral: 1,
    default: 1,
    help: 'Points earned per currency unit spent.'
  },
  {
    id: 'loyalty.rewardValuePerPoint',
    family: 'loyalty',
    label: 'Value per point',
    unit: 'currency',
    kind: 'number',
    min: 0,
    max: 10,
    step: 0.001,
    neutral: 0.01,
    default: 0.01,
    help: 'What a point is worth when redeemed.'
  },
  share(
    'loyalty.redemptionRate',
    'Redemption rate',
    'share of points',
    0.05,
    0.6,
    'Share of earned points that are redeemed (the liability actually paid).'
  ),
  toggle(
    'retention.enabled',
    'Retention campaign',
    'Act on existing customers at risk of churning, once at the start.'
  ),
  share(
    'retention.pAliveThreshold',
    'P(alive) threshold',
    'probability',
    0.05,
    0.5,
    'Target customers whose P(alive) is below this.'
  ),
  {
    id: 'retention.action',
    family: 'retention',
    label: 'Action',
    unit: '',
    kind: 'choice',
    choices: ['care', 'discount'],
    neutral: 'care',
    default: 'care',
    help: 'Care call or discount; a discount also lifts repurchase.'
  },
  {
    id: 'retention.costPerAction',
    family: 'retention',
    label: 'Cost per action',
    unit: 'currency per customer',
    kind: 'number',
    min: 0,
    max: 1e6,
    step: 0.5,
    neutral: 2,
    default: 2,
    help: 'Cost of contacting one targeted customer.'
  },
  share(
    'retention.successRate',
    'Success rate',
    'share',
    0.01,
    0.15,
    'Share of dropout removed among targeted customers (seed 000: early warning -15% churn).'
  )
];

const byId = new Map(LEVERS.map((l) => [l.id, l]));

export function leverById(id: string): LeverDef | undefined {
  return byId.get(id);
}
