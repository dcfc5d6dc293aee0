/**
 * The assumptions registry: every effect size the scenario engine uses, with a
 * central value, a low..high range (used by the Monte Carlo bands and the
 * tornado), a unit and a source (MODEL.md section 4).
 *
 * Figures from the seed documents (SEEDS.md) are qualitative and partly
 * machine-written: they are marked `illustrative: true` and must be shown as such.
 * Literature defaults:
 * - price elasticity: Bijmolt, van Heerde & Pieters (2005) "New empirical
 *   generalizations on the determinants of price elasticity", JMR 42(2) 141-156:
 *   mean -2.62 over 1,851 elasticities from 81 studies (mostly brand-level sales
 *   elasticities). A customer-level purchase-rate elasticity for a whole retailer
 *   is smaller in magnitude (brand switching is excluded), so the central value
 *   here is -1.5 with the range -2.5..-0.5, the upper magnitude near the
 *   meta-analytic mean.
 * - adstock and saturation per channel: the functional forms of Jin, Wang, Sun,
 *   Chan & Koehler (2017) "Bayesian methods for media mix modeling with carryover
 *   and shape effects" (geometric adstock, Hill saturation, eqs. 1-3); decay
 *   ranges follow the usual media-mix guidance (fast-decaying digital channels
 *   theta 0..0.3, slow brand channels 0.3..0.8). Scale parameters (half
 *   saturation K, maximum visits, conversion) depend on the business and are
 *   illustrative defaults for a CDNOW-sized retailer; set them to your own.
 *
 * Users override any of central / low / high per scenario (`scenario.assumptions`).
 */
import { CHANNEL_IDS, type AssumptionOverride, type ChannelId } from './scenario-types.ts';

export interface Assumption {
  id: string;
  label: string;
  central: number;
  low: number;
  high: number;
  unit: string;
  source: string;
  /** true for the seeds' figures and business-scale defaults: show as illustrative */
  illustrative: boolean;
  group: 'pricing' | 'channels' | 'personalisation' | 'service' | 'loyalty' | 'retention' | 'satisfaction';
  description?: string;
}

const SEED = (s: string) => `seed ${s} (illustrative)`;

const channelDefaults: Record<
  ChannelId,
  {
    decay: [number, number, number];
    slope: number;
    halfSat: number;
    maxVisits: number;
    conversion: number;
    dropout: number;
    rate: number;
  }
> = {
  search: {
    decay: [0.2, 0.0, 0.4],
    slope: 1.5,
    halfSat: 4000,
    maxVisits: 40000,
    conversion: 0.01,
    dropout: 1.0,
    rate: 1.0
  },
  social: {
    decay: [0.3, 0.1, 0.5],
    slope: 1.2,
    halfSat: 3000,
    maxVisits: 30000,
    conversion: 0.004,
    dropout: 1.15,
    rate: 0.9
  },
  display: {
    decay: [0.4, 0.2, 0.6],
    slope: 1.0,
    halfSat: 5000,
    maxVisits: 60000,
    conversion: 0.002,
    dropout: 1.2,
    rate: 0.85
  },
  email: {
    decay: [0.1, 0.0, 0.3],
    slope: 1.0,
    halfSat: 500,
    maxVisits: 8000,
    conversion: 0.02,
    dropout: 0.85,
    rate: 1.15
  },
  affiliates: {
    decay: [0.1, 0.0, 0.3],
    slope: 2.0,
    halfSat: 2000,
    maxVisits: 10000,
    conversion: 0.015,
    dropout: 1.3,
    rate: 0.9
  },
  stores: {
    decay: [0.6, 0.3, 0.8],
    slope: 1.5,
    halfSat: 10000,
    maxVisits: 20000,
    conversion: 0.03,
    dropout: 0.8,
    rate: 1.1
  }
};

/** One channel's assumption with a range of factors around its central value. */
function channelAssumption(
  ch: ChannelId,
  key: string,
  label: string,
  central: number,
  [lowFactor, highFactor]: [number, number],
  unit: string,
  source: string
): Assumption {
  return {
    id: `channels.${ch}.${key}`,
    label: `${ch}: ${label}`,
    central,
    low: central * lowFactor,
    high: central * highFactor,
    unit,
    source,
    illustrative: true,
    group: 'channels'
  };
}

function channelAssumptions(): Assumption[] {
  const out: Assumption[] = [];
  const jin = 'Jin et al. (2017) eq. 1 (geometric adstock); range: media-mix guidance for the channel type';
  const hill = 'Jin et al. (2017) eq. 3 (Hill saturation)';
  const quality = SEED('003 (channel quality), 002 (segments)');
  const scale = 'business scale (illustrative)';
  for (const ch of CHANNEL_IDS) {
    const d = channelDefaults[ch];
    out.push(
      {
        id: `channels.${ch}.adstockDecay`,
        label: `${ch}: adstock decay θ`,
        central: d.decay[0],
        low: d.decay[1],
        high: d.decay[2],
        unit: 'share per week',
        source: jin,
        illustrative: false,
        group: 'channels'
      },
      channelAssumption(ch, 'hillSlope', 'Hill slope κ', d.slope, [0.7, 1.3], 'dimensionless', hill),
      channelAssumption(
        ch,
        'halfSaturation',
        'half-saturation K',
        d.halfSat,
        [0.6, 1.5],
        'currency per week (adstocked)',
        `${hill}; scale illustrative`
      ),
      channelAssumption(ch, 'maxVisits', 'maximum visits Vmax', d.maxVisits, [0.7, 1.3], 'visits per week', scale),
      channelAssumption(ch, 'conversion', 'visit-to-customer conversion', d.conversion, [0.6, 1.4], 'share', scale),
      channelAssumption(
        ch,
        'qualityDropout',
        'dropout multiplier of acquired customers',
        d.dropout,
        [0.85, 1.15],
        'multiplier',
        quality
      ),
      channelAssumption(
        ch,
        'qualityRate',
        'purchase-rate multiplier of acquired customers',
        d.rate,
        [0.85, 1.15],
        'multiplier',
        quality
      )
    );
  }
  return out;
}

/** A fixed weight of one component in the satisfaction index CX = Σ w_i S_i (no range). */
function cxWeight(component: string, label: string, weight: number): Assumption {
  return {
    id: `satisfaction.weight${component}`,
    label: `CX weight: ${label}`,
    central: weight,
    low: weight,
    high: weight,
    unit: 'weight',
    source: SEED('000 (CX = Σ w_i S_i)'),
    illustrative: true,
    group: 'satisfaction'
  };
}

/** The registry, in display order. */
export const ASSUMPTIONS: readonly Assumption[] = [
  // pricing
  {
    id: 'pricing.priceElasticity',
    label: 'price elasticity of purchase rate and conversion',
    central: -1.5,
    low: -2.5,
    high: -0.5,
    unit: 'elasticity',
    source:
      'Bijmolt, van Heerde & Pieters (2005) JMR 42(2): meta-analytic mean -2.62; -1.5 chosen for customer-level retail demand',
    illustrative: false,
    group: 'pricing'
  },
  {
    id: 'pricing.promoElasticity',
    label: 'temporary (promotion) price elasticity',
    central: -3.0,
    low: -4.5,
    high: -1.5,
    unit: 'elasticity',
    source: 'Bijmolt et al. (2005): promotional elasticities exceed regular ones in magnitude; central illustrative',
    illustrative: true,
    group: 'pricing'
  },
  {
    id: 'pricing.dealPronenessDropout',
    label: 'dropout increase per unit of average promotion discount (deal-proneness)',
    central: 1.0,
    low: 0.0,
    high: 2.5,
    unit: 'dropout change per unit discount share',
    source: SEED('000 (promotions and deal-proneness)'),
    illustrative: true,
    group: 'pricing'
  },
  {
    id: 'pricing.targetedCouponConversion',
    label: 'targeted coupons -> conversion',
    central: 0.18,
    low: 0.08,
    high: 0.25,
    unit: 'relative lift',
    source: SEED('000'),
    illustrative: true,
    group: 'pricing'
  },
  {
    id: 'pricing.targetedCouponCost',
    label: 'targeted coupons: cost as share of revenue',
    central: 0.01,
    low: 0.005,
    high: 0.02,
    unit: 'share of revenue',
    source: 'illustrative',
    illustrative: true,
    group: 'pricing'
  },
  {
    id: 'pricing.personalisedPricingIntent',
    label: 'personalised pricing -> purchase intent (rate)',
    central: 0.2,
    low: 0.05,
    high: 0.3,
    unit: 'relative lift',
    source: SEED('000 pricing table'),
    illustrative: true,
    group: 'pricing'
  },
  {
    id: 'pricing.personalisedPricingLoyalty',
    label: 'personalised pricing -> loyalty (dropout reduction)',
    central: 0.25,
    low: 0.05,
    high: 0.35,
    unit: 'relative dropout reduction',
    source: SEED('000 pricing table'),
    illustrative: true,
    group: 'pricing'
  },
  {
    id: 'pricing.personalisedPricingFairness',
    label: 'personalised pricing without transparency -> price-fairness index',
    central: -0.1,
    low: -0.25,
    high: 0,
    unit: 'index change',
    source: SEED('000 (perceived fairness)'),
    illustrative: true,
    group: 'pricing'
  },
  {
    id: 'pricing.transparencySatisfaction',
    label: 'price transparency -> satisfaction (price fairness)',
    central: 0.15,
    low: 0.05,
    high: 0.2,
    unit: 'index change',
    source: SEED('000'),
    illustrative: true,
    group: 'pricing'
  },
  ...channelAssumptions(),
  {
    id: 'channels.omnichannelSatisfaction',
    label: 'full omnichannel coverage -> satisfaction (omnichannel)',
    central: 0.28,
    low: 0.1,
    high: 0.35,
    unit: 'index change',
    source: SEED('001'),
    illustrative: true,
    group: 'channels'
  },
  {
    id: 'channels.omnichannelCostPerActive',
    label: 'omnichannel running cost per active customer at full coverage',
    central: 0.05,
    low: 0.02,
    high: 0.1,
    unit: 'currency per active customer per week',
    source: 'illustrative',
    illustrative: true,
    group: 'channels'
  },
  // personalisation
  {
    id: 'personalisation.referenceAuc',
    label: 'model quality (AUC) at which the seed effects were observed',
    central: 0.75,
    low: 0.7,
    high: 0.8,
    unit: 'AUC',
    source: 'illustrative',
    illustrative: true,
    group: 'personalisation'
  },
  {
    id: 'personalisation.productConversion',
    label: 'product recommendations -> conversion',
    central: 0.2,
    low: 0.1,
    high: 0.4,
    unit: 'relative lift',
    source: SEED('001 s.1; 002 (deep-learning recommendations +25%)'),
    illustrative: true,
    group: 'personalisation'
  },
  {
    id: 'personalisation.productSpend',
    label: 'product recommendations -> spend per order (cross-sell)',
    central: 0.05,
    low: 0.0,
    high: 0.12,
    unit: 'relative lift',
    source: SEED('004 (recommenders)'),
    illustrative: true,
    group: 'personalisation'
  },
  {
    id: 'personalisation.priceRate',
    label: 'personalised price offers -> purchase rate',
    central: 0.1,
    low: 0.0,
    high: 0.2,
    unit: 'relative lift',
    source: SEED('000, 004'),
    illustrative: true,
    group: 'personalisation'
  },
  {
    id: 'personalisation.channelConversion',
    label: 'preferred-channel messaging -> conversion',
    central: 0.12,
    low: 0.05,
    high: 0.2,
    unit: 'relative lift',
    source: SEED('001 (CVR +12%)'),
    illustrative: true,
    group: 'personalisation'
  },
  {
    id: 'personalisation.serviceRetention',
    label: 'personalised service -> dropout reduction',
    central: 0.1,
    low: 0.0,
    high: 0.2,
    unit: 'relative dropout reduction',
    source: SEED('001 s.1 (retention up to +20%)'),
    illustrative: true,
    group: 'personalisation'
  },
  {
    id: 'personalisation.promotionRate',
    label: 'personalised promotions -> purchase rate',
    central: 0.08,
    low: 0.0,
    high: 0.18,
    unit: 'relative lift',
    source: SEED('000 (targeted coupons +18%)'),
    illustrative: true,
    group: 'personalisation'
  },
  {
    id: 'personalisation.relevanceSatisfaction',
    label: 'full personalisation -> satisfaction (relevance)',
    central: 0.15,
    low: 0.05,
    high: 0.3,
    unit: 'index change',
    source: SEED('002 (reinforcement-learning recommendations +40% satisfaction)'),
    illustrative: true,
    group: 'personalisation'
  },
  {
    id: 'personalisation.optimalContactsPerWeek',
    label: 'contact frequency with the largest effect',
    central: 1,
    low: 0.5,
    high: 2,
    unit: 'contacts per customer per week',
    source: 'illustrative',
    illustrative: true,
    group: 'personalisation'
  },
  {
    id: 'personalisation.fatigueDropout',
    label: 'dropout increase per contact per week above the optimum (fatigue)',
    central: 0.05,
    low: 0.01,
    high: 0.12,
    unit: 'relative dropout per excess contact',
    source: 'illustrative',
    illustrative: true,
    group: 'personalisation'
  },
  {
    id: 'personalisation.costPerCoveredCustomer',
    label: 'personalisation running cost per covered active customer',
    central: 0.02,
    low: 0.01,
    high: 0.05,
    unit: 'currency per customer per week',
    source: 'illustrative',
    illustrative: true,
    group: 'personalisation'
  },
  {
    id: 'personalisation.costPerContact',
    label: 'cost per marketing contact',
    central: 0.005,
    low: 0.001,
    high: 0.02,
    unit: 'currency per contact',
    source: 'illustrative',
    illustrative: true,
    group: 'personalisation'
  },
  {
    id: 'personalisation.privacyAccuracyCost',
    label: 'privacy-preserving mode -> model accuracy (AUC points)',
    central: 0.1,
    low: 0.08,
    high: 0.12,
    unit: 'AUC points',
    source: SEED('001 (8-12 pp recommendation accuracy)'),
    illustrative: true,
    group: 'personalisation'
  },
  {
    id: 'personalisation.privacyBreachReduction',
    label: 'privacy-preserving mode -> breach risk reduction',
    central: 0.5,
    low: 0.25,
    high: 0.75,
    unit: 'relative reduction',
    source: 'illustrative',
    illustrative: true,
    group: 'personalisation'
  },
  {
    id: 'personalisation.breachTrustShock',
    label: 'data breach -> trust',
    central: 0.37,
    low: 0.2,
    high: 0.5,
    unit: 'relative trust loss',
    source: SEED('001 (-37%)'),
    illustrative: true,
    group: 'personalisation'
  },
  {
    id: 'personalisation.breachRecoveryWeeks',
    label: 'trust recovery time constant after a breach',
    central: 61,
    low: 40,
    high: 90,
    unit: 'weeks',
    source: SEED('001 (recovering over more than 14 months)'),
    illustrative: true,
    group: 'personalisation'
  },
  {
    id: 'personalisation.trustDropoutElasticity',
    label: 'dropout elasticity to trust',
    central: -1.0,
    low: -2.0,
    high: -0.3,
    unit: 'elasticity',
    source: 'illustrative',
    illustrative: true,
    group: 'personalisation'
  },
  {
    id: 'personalisation.trustConversionElasticity',
    label: 'conversion elasticity to trust',
    central: 1.0,
    low: 0.3,
    high: 2.0,
    unit: 'elasticity',
    source: 'illustrative',
    illustrative: true,
    group: 'personalisation'
  },
  // service
  {
    id: 'service.referenceResponseMinutes',
    label: "today's mean response time",
    central: 10,
    low: 10,
    high: 10,
    unit: 'minutes',
    source: 'business input (illustrative)',
    illustrative: true,
    group: 'service'
  },
  {
    id: 'service.responseSatisfactionPerMinute',
    label: 'response time -1 minute -> satisfaction (service)',
    central: 0.05,
    low: 0.02,
    high: 0.08,
    unit: 'index change per minute',
    source: SEED('000'),
    illustrative: true,
    group: 'service'
  },
  {
    id: 'service.responseCostElasticity',
    label: 'service cost elasticity to response time',
    central: -0.5,
    low: -1.0,
    high: -0.2,
    unit: 'elasticity',
    source: 'illustrative',
    illustrative: true,
    group: 'service'
  },
  {
    id: 'service.aiSatisfaction',
    label: 'full AI assistance -> satisfaction (service)',
    central: 0.15,
    low: 0.05,
    high: 0.2,
    unit: 'index change',
    source: SEED('001'),
    illustrative: true,
    group: 'service'
  },
  {
    id: 'service.aiCost',
    label: 'full AI assistance -> service cost',
    central: -0.22,
    low: -0.3,
    high: -0.1,
    unit: 'relative cost change',
    source: SEED('001'),
    illustrative: true,
    group: 'service'
  },
  {
    id: 'service.allHoursSatisfaction',
    label: '24x7 service -> satisfaction (service)',
    central: 0.12,
    low: 0.05,
    high: 0.15,
    unit: 'index change',
    source: SEED('001'),
    illustrative: true,
    group: 'service'
  },
  {
    id: 'service.allHoursCost',
    label: '24x7 service -> service cost',
    central: 3.4,
    low: 2.0,
    high: 4.0,
    unit: 'relative cost change',
    source: SEED('001 (+340%)'),
    illustrative: true,
    group: 'service'
  },
  {
    id: 'service.costPerActivePerWeek',
    label: "today's service cost per active customer",
    central: 0.1,
    low: 0.05,
    high: 0.2,
    unit: 'currency per active customer per week',
    source: 'business input (illustrative)',
    illustrative: true,
    group: 'service'
  },
  // loyalty
  {
    id: 'loyalty.referenceRewardShare',
    label: 'reward value (share of spend) at which the seed effects were observed',
    central: 0.01,
    low: 0.005,
    high: 0.02,
    unit: 'share of spend',
    source: SEED('002 (1 point per currency unit)'),
    illustrative: true,
    group: 'loyalty'
  },
  {
    id: 'loyalty.rateLift',
    label: 'loyalty programme -> purchase rate (conversion of members)',
    central: 0.25,
    low: 0.1,
    high: 0.35,
    unit: 'relative lift',
    source: SEED('003 (+25% conversion)'),
    illustrative: true,
    group: 'loyalty'
  },
  {
    id: 'loyalty.retentionLift',
    label: 'loyalty rewards -> dropout reduction',
    central: 0.18,
    low: 0.05,
    high: 0.25,
    unit: 'relative dropout reduction',
    source: SEED('003 (rewards +18% retention)'),
    illustrative: true,
    group: 'loyalty'
  },
  {
    id: 'loyalty.tierRetention',
    label: 'each tier above one -> extra dropout reduction',
    central: 0.03,
    low: 0.0,
    high: 0.06,
    unit: 'relative dropout reduction per tier',
    source: SEED('002 (member tiers)'),
    illustrative: true,
    group: 'loyalty'
  },
  {
    id: 'loyalty.fixedCostPerWeek',
    label: 'programme running cost',
    central: 500,
    low: 200,
    high: 1000,
    unit: 'currency per week',
    source: 'illustrative',
    illustrative: true,
    group: 'loyalty'
  },
  // retention actions
  {
    id: 'retention.discountRepurchase',
    label: 'discount win-back -> purchase rate of saved customers',
    central: 0.2,
    low: 0.05,
    high: 0.3,
    unit: 'relative lift',
    source: SEED('003 (CLV-based win-back +20% repurchase)'),
    illustrative: true,
    group: 'retention'
  },
  {
    id: 'retention.successScale',
    label: 'realised / stated success rate of retention actions',
    central: 1,
    low: 0.6,
    high: 1.2,
    unit: 'multiplier',
    source: SEED('000 (churn early warning -15%)'),
    illustrative: true,
    group: 'retention'
  },
  // satisfaction
  cxWeight('Service', 'service', 0.3),
  cxWeight('Relevance', 'relevance', 0.25),
  cxWeight('Omnichannel', 'omnichannel', 0.2),
  cxWeight('PriceFairness', 'price fairness', 0.25),
  {
    id: 'satisfaction.expectationDriftPerYear',
    label: 'customer expectations inflation',
    central: 0.175,
    low: 0.15,
    high: 0.2,
    unit: 'share per year',
    source: SEED('001 (+15..20% a year)'),
    illustrative: true,
    group: 'satisfaction'
  },
  {
    id: 'satisfaction.dropoutElasticity',
    label: 'dropout elasticity to satisfaction',
    central: -1.91,
    low: -3.0,
    high: -0.5,
    unit: 'elasticity',
    source: SEED('003 (satisfaction +10% -> loyalty +20%: ln(1/1.2)/ln(1.1) = -1.91)'),
    illustrative: true,
    group: 'satisfaction'
  },
  {
    id: 'satisfaction.baselineNps',
    label: "today's NPS",
    central: 20,
    low: 20,
    high: 20,
    unit: 'NPS points',
    source: 'business input (illustrative)',
    illustrative: true,
    group: 'satisfaction'
  },
  {
    id: 'satisfaction.npsPerIndex',
    label: 'NPS points per unit of satisfaction index',
    central: 150,
    low: 80,
    high: 250,
    unit: 'NPS points per index unit',
    source: 'illustrative',
    illustrative: true,
    group: 'satisfaction'
  }
];

const byId = new Map(ASSUMPTIONS.map((a) => [a.id, a]));

export function assumptionById(id: string): Assumption | undefined {
  return byId.get(id);
}

/** Resolved values the levers read: id -> number (central, or a Monte Carlo draw). */
export type AssumptionValues = Readonly<Record<string, number>>;

export interface ResolvedAssumption extends Assumption {
  /** true when the scenario overrides central, low or high */
  edited: boolean;
}

/**
 * Apply a scenario's overrides to the registry. Unknown ids and inconsistent
 * ranges are reported as errors (the scenario parser reports them by field).
 */
export function resolveAssumptions(overrides: Record<string, AssumptionOverride> = {}): {
  assumptions: ResolvedAssumption[];
  errors: string[];
} {
  const errors: string[] = [];
  for (const id of Object.keys(overrides)) {
    if (!byId.has(id)) errors.push(`assumptions.${id}: unknown assumption id`);
  }
  const assumptions = ASSUMPTIONS.map((a) => {
    const o = Object.hasOwn(overrides, a.id) ? overrides[a.id] : undefined;
    if (!o) return { ...a, edited: false };
    const central = o.central ?? a.central;
    const low = o.low ?? Math.min(a.low, central);
    const high = o.high ?? Math.max(a.high, central);
    if (!(low <= central && central <= high)) {
      errors.push(`assumptions.${a.id}: low ${low} <= central ${central} <= high ${high} does not hold`);
    }
    return { ...a, central, low, high, edited: true };
  });
  return { assumptions, errors };
}

/** Central values of the (possibly edited) registry. */
export function centralValues(assumptions: readonly Assumption[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of assumptions) out[a.id] = a.central;
  return out;
}

/** Read a value, failing loudly on a typo in an id (a programming error, not user input). */
export function value(values: AssumptionValues, id: string): number {
  const v = values[id];
  if (v === undefined) throw new Error(`unknown assumption id: ${id}`);
  return v;
}
