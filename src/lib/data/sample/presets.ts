/**
 * Sample-data presets: the known parameters customers are drawn from.
 *
 * Non-contractual presets draw purchases from BG/NBD (Fader, Hardie & Lee 2005,
 * "Counting your customers the easy way", Marketing Science 24(2), section 3:
 * lambda ~ Gamma(r, alpha), p ~ Beta(a, b), exponential inter-purchase times, dropout
 * with probability p after each repeat purchase) and spend from Gamma-Gamma (Fader,
 * Hardie & Lee 2005, "RFM and CLV", JMR 42: z ~ Gamma(p, nu), nu ~ Gamma(q, v), so
 * E[z] = p v / (q - 1)). The contractual preset draws lifetimes from the shifted-beta-
 * geometric sBG (Fader & Hardie 2007, "How to project customer retention", JIM 21(1):
 * theta ~ Beta(alpha, beta), churn at each renewal with probability theta).
 *
 * The music preset uses the CDNOW estimates (FHL 2005 Table 1 / "RFM and CLV" section 4),
 * the subscription preset the sBG "regular" cohort estimates of Fader & Hardie 2007
 * (alpha = 0.704, beta = 1.182). Fashion and grocery parameters and all channel,
 * segment and campaign effects are illustrative, chosen to be plausible, not estimated.
 *
 * Channel quality follows the lever conventions of MODEL.md section 2, so the scenario
 * engine and the generator mean the same thing by a multiplier:
 *   purchase rate x M: alpha' = alpha / M;
 *   dropout x M: mu' = clamp(mu M), a' = mu'(a + b), b' = (1 - mu')(a + b), mu = a / (a + b);
 *   spend x M: v' = v M.
 */
import type { TimeUnit } from '../../model/core/types.ts';

export type PresetId = 'music' | 'fashion' | 'grocery' | 'subscription';

export interface ChannelSpec {
  id: string;
  /** share of new customers acquired through the channel (shares sum to 1) */
  share: number;
  /** multiplier on the purchase rate of the customers it brings */
  rateMultiplier: number;
  /** multiplier on the mean dropout (non-contractual) or churn (sBG) probability */
  dropoutMultiplier: number;
  /** multiplier on the mean spend per transaction */
  spendMultiplier: number;
}

export interface SegmentSpec {
  id: string;
  share: number;
  /** multiplier on spend per transaction (non-contractual) */
  spendMultiplier: number;
  /** price per period of the plan (contractual presets only) */
  pricePerPeriod?: number;
}

export interface RegionSpec {
  id: string;
  share: number;
}

export interface CampaignSpec {
  /** share of customers randomised into the campaign (0..1) */
  treatedShare: number;
  /** multiplier on treated customers' purchase rate from the campaign date on */
  rateMultiplier: number;
  /** multiplier on treated customers' churn probability at renewals from the campaign date on (sBG) */
  churnMultiplier: number;
}

export interface SamplePreset {
  id: PresetId;
  name: string;
  description: string;
  kind: 'transactions' | 'subscription';
  unit: TimeUnit;
  /** first acquisition day, YYYY-MM-DD */
  startDate: string;
  /** customers are acquired uniformly over [start, start + acquisitionDays) */
  acquisitionDays: number;
  /** calibration covers [start, start + calibrationDays); the campaign starts the day after */
  calibrationDays: number;
  /** holdout covers the next holdoutDays days */
  holdoutDays: number;
  /** BG/NBD purchase process per model period (`unit`) */
  bgnbd?: { r: number; alpha: number; a: number; b: number };
  gammagamma?: { p: number; q: number; v: number };
  sbg?: { alpha: number; beta: number };
  /** mean items per order (quantity = 1 + Poisson(mean - 1)) */
  itemsPerOrder: number;
  channels: ChannelSpec[];
  segments: SegmentSpec[];
  regions: RegionSpec[];
  campaign: CampaignSpec;
  /** customer id prefix */
  idPrefix: string;
}

const neutral = (id: string, share: number): ChannelSpec => ({
  id,
  share,
  rateMultiplier: 1,
  dropoutMultiplier: 1,
  spendMultiplier: 1
});
const plainSegment = (id: string, share: number): SegmentSpec => ({ id, share, spendMultiplier: 1 });
const UK_REGIONS: RegionSpec[] = [
  { id: 'north', share: 0.3 },
  { id: 'south', share: 0.35 },
  { id: 'east', share: 0.15 },
  { id: 'west', share: 0.2 }
];

export const PRESETS: Record<PresetId, SamplePreset> = {
  music: {
    id: 'music',
    name: 'Music retailer (CDNOW-like)',
    description:
      'An online music retailer whose customers buy like the CDNOW cohort: BG/NBD and Gamma-Gamma at the published CDNOW estimates, acquired over 12 weeks, 39 weeks of calibration and 39 of holdout.',
    kind: 'transactions',
    unit: 'week',
    startDate: '1997-01-01',
    acquisitionDays: 84,
    calibrationDays: 273, // 1997-01-01 .. 1997-09-30, as in the CDNOW studies
    holdoutDays: 273,
    // Fader, Hardie & Lee (2005) "Counting your customers the easy way", CDNOW fit
    bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
    // Fader, Hardie & Lee (2005) "RFM and CLV", Gamma-Gamma fit to CDNOW
    gammagamma: { p: 6.25, q: 3.74, v: 15.44 },
    itemsPerOrder: 2.4,
    // channel and segment labels only: every multiplier is 1, so the pooled truth is exact
    channels: [neutral('search', 0.4), neutral('email', 0.25), neutral('affiliates', 0.2), neutral('display', 0.15)],
    segments: [plainSegment('collector', 0.2), plainSegment('casual', 0.8)],
    regions: UK_REGIONS,
    campaign: { treatedShare: 0.5, rateMultiplier: 1.15, churnMultiplier: 1 },
    idPrefix: 'M'
  },
  fashion: {
    id: 'fashion',
    name: 'Fashion omnichannel retailer',
    description:
      'A fashion retailer selling online and in stores through six acquisition channels of different quality: e-mail and store customers buy more often and stay longer, display and affiliate customers churn sooner. Illustrative parameters.',
    kind: 'transactions',
    unit: 'week',
    startDate: '2024-01-01',
    acquisitionDays: 182,
    calibrationDays: 364,
    holdoutDays: 182,
    bgnbd: { r: 0.6, alpha: 8, a: 0.7, b: 3.5 },
    gammagamma: { p: 5, q: 4, v: 48 }, // mean spend 5 * 48 / 3 = 80 per order
    itemsPerOrder: 1.8,
    channels: [
      { id: 'search', share: 0.25, rateMultiplier: 1.0, dropoutMultiplier: 0.9, spendMultiplier: 1.0 },
      { id: 'social', share: 0.2, rateMultiplier: 0.9, dropoutMultiplier: 1.25, spendMultiplier: 0.85 },
      { id: 'display', share: 0.1, rateMultiplier: 0.8, dropoutMultiplier: 1.4, spendMultiplier: 0.9 },
      { id: 'email', share: 0.15, rateMultiplier: 1.3, dropoutMultiplier: 0.7, spendMultiplier: 1.05 },
      { id: 'affiliates', share: 0.1, rateMultiplier: 0.85, dropoutMultiplier: 1.3, spendMultiplier: 0.8 },
      { id: 'stores', share: 0.2, rateMultiplier: 1.2, dropoutMultiplier: 0.75, spendMultiplier: 1.2 }
    ],
    segments: [
      { id: 'value', share: 0.4, spendMultiplier: 0.7 },
      { id: 'mainstream', share: 0.45, spendMultiplier: 1.0 },
      { id: 'premium', share: 0.15, spendMultiplier: 1.8 }
    ],
    regions: UK_REGIONS,
    campaign: { treatedShare: 0.5, rateMultiplier: 1.15, churnMultiplier: 1 },
    idPrefix: 'F'
  },
  grocery: {
    id: 'grocery',
    name: 'Online grocer (high frequency)',
    description:
      'An online grocer whose customers order about every two weeks with a low dropout per order; 26 weeks of calibration, 13 of holdout. Illustrative parameters.',
    kind: 'transactions',
    unit: 'week',
    startDate: '2025-01-06',
    acquisitionDays: 56,
    calibrationDays: 182,
    holdoutDays: 91,
    bgnbd: { r: 1.8, alpha: 3.6, a: 0.9, b: 14 }, // mean rate 0.5 orders a week
    gammagamma: { p: 12, q: 6, v: 30 }, // mean basket 12 * 30 / 5 = 72
    itemsPerOrder: 18,
    channels: [
      neutral('search', 0.35),
      neutral('social', 0.15),
      neutral('email', 0.2),
      neutral('affiliates', 0.1),
      neutral('stores', 0.2)
    ],
    segments: [plainSegment('family', 0.45), plainSegment('single', 0.35), plainSegment('office', 0.2)],
    regions: UK_REGIONS,
    campaign: { treatedShare: 0.5, rateMultiplier: 1.15, churnMultiplier: 1 },
    idPrefix: 'G'
  },
  subscription: {
    id: 'subscription',
    name: 'Subscription service (contractual)',
    description:
      'A monthly subscription whose customers renew or churn at each month end by the sBG model at the Fader & Hardie (2007) "regular" estimates; 12 months of calibration, 12 of holdout; the campaign lowers treated customers\' churn.',
    kind: 'subscription',
    unit: 'month',
    startDate: '2024-01-01',
    acquisitionDays: 91,
    calibrationDays: 366, // 2024 is a leap year: 2024-01-01 .. 2024-12-31
    holdoutDays: 365,
    // Fader & Hardie (2007) "How to project customer retention", regular cohort
    sbg: { alpha: 0.704, beta: 1.182 },
    itemsPerOrder: 1,
    channels: [neutral('search', 0.35), neutral('social', 0.25), neutral('affiliates', 0.15), neutral('email', 0.25)],
    segments: [
      { id: 'basic', share: 0.5, spendMultiplier: 1, pricePerPeriod: 7.99 },
      { id: 'standard', share: 0.35, spendMultiplier: 1, pricePerPeriod: 12.99 },
      { id: 'premium', share: 0.15, spendMultiplier: 1, pricePerPeriod: 17.99 }
    ],
    regions: UK_REGIONS,
    campaign: { treatedShare: 0.5, rateMultiplier: 1, churnMultiplier: 0.8 },
    idPrefix: 'S'
  }
};

export const PRESET_IDS = Object.keys(PRESETS) as PresetId[];

/** Beta(a, b) with its mean scaled by M and its concentration a + b kept (MODEL.md section 2). */
export function scaleBetaMean(a: number, b: number, multiplier: number): { a: number; b: number } {
  const concentration = a + b;
  const mu = Math.min(1 - 1e-9, Math.max(1e-9, (a / concentration) * multiplier));
  return { a: mu * concentration, b: (1 - mu) * concentration };
}
