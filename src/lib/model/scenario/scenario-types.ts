/**
 * Plain-data shapes of the scenario engine: the Scenario a user edits (levers,
 * assumption overrides, economics) and the Outcome the engine returns (weekly
 * series, KPIs, optional 10/50/90 bands, driver multipliers, warnings).
 *
 * Both are JSON-able (series may be number[] or Float64Array) and carry a
 * `version`. The levers act on named drivers (MODEL.md section 2), never on
 * results directly; the drivers move the BTYD population parameters:
 *   dropout      mu' = clamp(mu * M), a' = mu' (a + b), b' = (1 - mu')(a + b)
 *   purchaseRate alpha' = alpha / M          (mean rate r / alpha scales by M)
 *   spendPerOrder v' = v * M                 (mean spend p v / (q - 1) scales by M)
 * Time is in weeks internally.
 */

export const SCENARIO_VERSION = 1 as const;
export const OUTCOME_VERSION = 1 as const;

/** Paid acquisition channels (MODEL.md section 2, channels row). */
export const CHANNEL_IDS = ['search', 'social', 'display', 'email', 'affiliates', 'stores'] as const;
export type ChannelId = (typeof CHANNEL_IDS)[number];

/** The five kinds of personalisation of seed 004. */
export const PERSONALISATION_TYPES = ['product', 'price', 'channel', 'service', 'promotion'] as const;
export type PersonalisationType = (typeof PERSONALISATION_TYPES)[number];

export const LEVER_FAMILIES = ['pricing', 'channels', 'personalisation', 'service', 'loyalty', 'retention'] as const;
export type LeverFamily = (typeof LEVER_FAMILIES)[number];

/** A lever family's name as shown (attribution steps, the challenge editor). */
export const FAMILY_LABELS: Record<LeverFamily, string> = {
  pricing: 'Pricing',
  channels: 'Channels',
  personalisation: 'Personalisation',
  service: 'Service',
  loyalty: 'Loyalty',
  retention: 'Retention'
};

/** A lever family's heading in the lever panel and on the assumptions page. */
export const FAMILY_HEADINGS: Record<LeverFamily, string> = {
  ...FAMILY_LABELS,
  loyalty: 'Loyalty programme',
  retention: 'Retention actions'
};

export interface PricingLevers {
  /** list price change as a share (-0.1 = 10% cheaper) */
  priceChange: number;
  /** promotion depth: discount share in promotion weeks (0 = none) */
  promoDepth: number;
  /** promotion frequency: share of weeks with a promotion (0..1) */
  promoFrequency: number;
  /** targeted coupons on/off */
  targetedCoupons: boolean;
  /** personalised (individual) pricing on/off */
  personalisedPricing: boolean;
  /** price transparency (published, explained prices) on/off */
  priceTransparency: boolean;
}

export interface ChannelLevers {
  /** paid media budget per channel, currency per week */
  budgetPerWeek: Record<ChannelId, number>;
  /** omnichannel coverage: share of journeys that can cross channels seamlessly (0..1) */
  omnichannelCoverage: number;
}

export interface PersonalisationLevers {
  /** share of customers personalised to (0..1) */
  coverage: number;
  /** model quality as AUC (0.5 = random .. 1); the baseline reference is an assumption */
  modelAuc: number;
  types: Record<PersonalisationType, boolean>;
  /** marketing contacts per customer per week */
  contactsPerWeek: number;
  /** share of customers who consented to personal data use (0..1) */
  consentShare: number;
  /** privacy-preserving mode (federated / differential privacy): costs accuracy, lowers breach risk */
  privacyMode: boolean;
  /** probability of a data breach per year (0..1) */
  breachRiskPerYear: number;
}

export interface ServiceLevers {
  /** mean first response time, minutes */
  responseTimeMinutes: number;
  /** share of contacts handled with AI assistance (0..1) */
  aiShare: number;
  /** round-the-clock service on/off */
  support24x7: boolean;
}

export interface LoyaltyLevers {
  enabled: boolean;
  /** share of customers enrolled (0..1) */
  enrolmentShare: number;
  /** number of tiers (1 = flat programme) */
  tiers: number;
  /** points earned per currency unit spent */
  pointsPerCurrency: number;
  /** value of one point, currency */
  rewardValuePerPoint: number;
  /** share of earned points redeemed (0..1) */
  redemptionRate: number;
}

export type RetentionAction = 'care' | 'discount';

export interface RetentionLevers {
  enabled: boolean;
  /** target existing customers whose P(alive) is below this threshold (0..1) */
  pAliveThreshold: number;
  action: RetentionAction;
  /** cost per targeted customer, currency */
  costPerAction: number;
  /** share of targeted customers whose dropout is removed by the action (0..1) */
  successRate: number;
}

export interface Levers {
  pricing: PricingLevers;
  channels: ChannelLevers;
  personalisation: PersonalisationLevers;
  service: ServiceLevers;
  loyalty: LoyaltyLevers;
  retention: RetentionLevers;
}

/** A user edit of one assumption (any subset of its central / low / high). */
export interface AssumptionOverride {
  central?: number;
  low?: number;
  high?: number;
}

export interface Economics {
  /** gross margin as a share of revenue at today's prices (0..1) */
  grossMarginShare: number;
  /** annual discount rate for CLV and equity (0.10 = 10% a year) */
  discountRatePerYear: number;
  /** projection horizon, weeks */
  horizonWeeks: number;
  /** lifetime window used for CLV per new customer, weeks */
  clvWindowWeeks: number;
  currency: string;
}

export interface Scenario {
  version: typeof SCENARIO_VERSION;
  name: string;
  /** seed of the Monte Carlo bands: same seed, same numbers */
  seed: number;
  economics: Economics;
  levers: Levers;
  /** edits of the assumptions registry, by assumption id; saved with the scenario */
  assumptions: Record<string, AssumptionOverride>;
  /** measured effects that replace seed assumptions (absent = every effect is an assumption) */
  evidence?: ScenarioEvidence;
}

/**
 * A measured personalisation effect: a learned uplift model, evaluated on held-out rows
 * of a randomised campaign, targeting the top `coverage` share by predicted uplift.
 * Uplifts are differences in the outcome (treated - control) per customer; `baselineRate`
 * is the control group's mean outcome among the targeted customers, so the relative
 * effect is upliftTargeted / baselineRate (binary outcomes map through a rate, see
 * levers/personalisation.ts).
 */
export interface PersonalisationEvidence {
  /** model name, e.g. "T-learner, logistic regression on bought in holdout, 1 vs 0" */
  model: string;
  /** one-line provenance (data, metrics, training time) */
  source: string;
  /** 'binary' = a purchase probability over the window, 'continuous' = an amount */
  outcomeKind: 'binary' | 'continuous';
  /** uplift among the targeted customers, outcome units per customer */
  upliftTargeted: number;
  /** uplift over all customers, outcome units per customer */
  upliftAverage: number;
  /** control-group mean outcome among the targeted customers (binary: in (0, 1)) */
  baselineRate: number;
  /** share targeted when the uplift was measured (0..1] */
  coverage: number;
  /** held-out metrics by name (Qini, AUC, test rows ...) */
  metrics: Record<string, number>;
  /** ISO date-time of training */
  trainedAt: string;
}

/**
 * A channel's fitted response curve as a distribution (channel-fit.ts): the estimate of
 * (logit θ, log κ, log K, log N) and its covariance (the Laplace approximation). The Monte Carlo
 * draws the channel's adstock decay, Hill slope, half-saturation and maximum visits (N over the
 * conversion) jointly from it instead of from the registry's independent ranges.
 */
export interface ChannelCurveEvidence {
  /** logit θ, log κ, log K, log N */
  mean: number[];
  /** 4 x 4 covariance, row-major */
  cov: number[];
  /** conversion that turns new customers into visits (maxVisits = N / conversion) */
  conversion: number;
  /** "fitted from your data (2026-12-02)" */
  source: string;
}

export interface ScenarioEvidence {
  personalisation?: PersonalisationEvidence;
  /** fitted channel curves by channel id */
  channels?: Partial<Record<ChannelId, ChannelCurveEvidence>>;
}

/** Drivers the levers act on; each has a multiplier shown in the explain view. */
export const DRIVER_IDS = [
  'conversion',
  'purchaseRate',
  'dropout',
  'spendPerOrder',
  'unitMargin',
  'satisfaction',
  'trust'
] as const;
export type DriverId = (typeof DRIVER_IDS)[number];

export interface DriverContribution {
  /** lever id (e.g. 'pricing.priceChange') or derived path (e.g. 'satisfaction') */
  lever: string;
  multiplier: number;
}

export interface DriverValue {
  /** composite multiplier (product of the contributions), horizon-average for time-varying drivers */
  multiplier: number;
  contributions: DriverContribution[];
}

export const KPI_IDS = [
  'clvPerNewCustomer',
  'customerEquity',
  'cac',
  'clvToCac',
  'paybackWeeks',
  'retention1y',
  'churn1y',
  'repeatRate1y',
  'aov',
  'satisfaction',
  'nps',
  'roiVsBaseline',
  'newCustomers',
  'activeCustomersEnd',
  'revenue',
  'margin',
  'costs',
  'contribution',
  'discountedContribution'
] as const;
export type KpiId = (typeof KPI_IDS)[number];

/** acquisition = paid media budget; omnichannel = running cost of omnichannel coverage */
export const COST_IDS = [
  'acquisition',
  'omnichannel',
  'pricing',
  'personalisation',
  'service',
  'loyalty',
  'retention'
] as const;
export type CostId = (typeof COST_IDS)[number];

/** A series: one value per week (index 0 = first projected week). */
export type Series = Float64Array | number[];

export interface OutcomeSeries {
  /** week index 1..H (end of week) */
  week: Series;
  newCustomers: Series;
  newCustomersByChannel: Record<ChannelId | 'organic', Series>;
  visitsByChannel: Record<ChannelId, Series>;
  /** new customers / visits (paid channels), 0 when no visits */
  conversionRate: Series;
  /** expected alive customers at the end of the week (existing base + new cohorts) */
  activeCustomers: Series;
  /** share of customers alive at the start of the week still alive at its end */
  retention: Series;
  transactions: Series;
  revenue: Series;
  /** gross margin after price and promotion changes */
  margin: Series;
  costsByLever: Record<CostId, Series>;
  costs: Series;
  /** margin - costs */
  contribution: Series;
  /** satisfaction index (1 = today) */
  satisfaction: Series;
  /** trust index (1 = today) */
  trust: Series;
}

/** Survival of a customer by age in weeks (index 0 = age 1 week). */
export interface CohortSurvival {
  /** a new customer acquired at week 0, averaged over channels by acquisition mix */
  newCustomer: Series;
  byChannel: Record<ChannelId | 'organic', Series>;
  /** the existing base: share of today's alive customers still alive */
  existingBase: Series;
}

export interface Band<T> {
  p10: T;
  p50: T;
  p90: T;
}

export type KpiValues = Record<KpiId, number | null>;

export interface OutcomeBands {
  draws: number;
  seed: number;
  series: Record<string, Band<Series>>;
  kpis: Record<string, Band<number | null>>;
}

/**
 * Acquisition funnel totals over the horizon. `repeatWithin1y` is the expected number
 * of the horizon's new customers who make a repeat purchase (renew) within 52 weeks
 * of their acquisition, newCustomers x repeatRate1y (by source), counted whether or
 * not those 52 weeks end inside the horizon.
 */
export interface OutcomeFunnel {
  /** paid-channel visits */
  visits: number;
  paidNewCustomers: number;
  organicNewCustomers: number;
  /** paid + organic */
  newCustomers: number;
  repeatWithin1y: number;
}

export interface Outcome {
  version: typeof OUTCOME_VERSION;
  contractual: boolean;
  horizonWeeks: number;
  series: OutcomeSeries;
  cohortSurvival: CohortSurvival;
  /** null where a KPI is undefined (e.g. CAC without paid customers) */
  kpis: KpiValues;
  funnel: OutcomeFunnel;
  /**
   * discounted CLV per new customer by acquisition source over the CLV window, first
   * purchase included, channel quality included (same formula as clvPerNewCustomer)
   */
  clvByChannel: Record<ChannelId | 'organic', number>;
  bands?: OutcomeBands;
  drivers: Record<DriverId, DriverValue>;
  /** lever values that were clamped or ignored, and approximations in force */
  warnings: string[];
}

/** The explain graph: levers -> drivers -> outcomes. */
export interface ExplainNode {
  id: string;
  kind: 'lever' | 'assumption' | 'driver' | 'outcome' | 'kpi';
  label: string;
  /** formula text, e.g. 'M = (1 + Δp)^ε' */
  formula?: string;
  /** current value (lever setting, multiplier, KPI) */
  value?: number | string | boolean | null;
  unit?: string;
  /** source of an assumption (seed section or paper) */
  source?: string;
}

export interface ExplainEdge {
  from: string;
  to: string;
  /** short text of how `from` moves `to` */
  label?: string;
}

/** The baseline's purchase (or retention) model as the explain view names it. */
export interface ExplainModel {
  /** bgnbd, mbgnbd, paretonbd or sbg */
  name: string;
  /** BG/NBD, MBG/NBD, Pareto/NBD, sBG */
  label: string;
  /** how a customer buys and drops out, and what the projection sums */
  formula: string;
  /** fitted parameters, in the model's order */
  params: { name: string; value: number }[];
  /** the paper the model and its expressions come from */
  reference: string;
  /** where the parameters come from (the baseline's source) */
  source: string;
}

export interface ExplainGraph {
  nodes: ExplainNode[];
  edges: ExplainEdge[];
  /** the model the baseline projects with (absent from graphs built without a baseline) */
  model?: ExplainModel;
}
