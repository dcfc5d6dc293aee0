/**
 * Channel quality from the customers each channel brought (issue 16 item 4): BG/NBD and
 * Gamma-Gamma per acquisition channel, partially pooled towards the fit on everyone.
 *
 * Pooling: first the pooled maximum-likelihood fits on all customers (θ0 = log-parameters).
 * Each channel's fit is then the MAP under independent normal priors on its log-parameters,
 *   log p_c ~ N(log p_0, τ²), τ = 0.5,
 * so a channel with few customers stays near the pooled values and one with many follows its
 * own data (the prior is worth roughly the information of a few dozen customers; τ = 0.5 allows
 * channel multipliers between e^-1 = 0.37 and e^1 = 2.7 at 95%). A channel with fewer than
 * MIN_CHANNEL_CUSTOMERS customers is not fitted: it keeps the pooled values, said so.
 *
 * Multipliers (the workbench's channel-quality levers, MODEL.md section 2):
 *   dropout   = [a_c / (a_c + b_c)] / [a_0 / (a_0 + b_0)]   (mean dropout per repeat purchase)
 *   rate      = [r_c / alpha_c] / [r_0 / alpha_0]          (mean purchase rate)
 *   spend     = [p_c v_c / (q_c - 1)] / [p_0 v_0 / (q_0 - 1)] (mean spend per transaction)
 * Standard errors: delta method on the channel fit's covariance of log-parameters (the pooled
 * values taken as known; they rest on every customer).
 *
 * Value of a channel's new customer (newCustomerClv): margin x mean spend per transaction of the
 * channel's Gamma-Gamma (p v / (q - 1), FHL 2005 "RFM and CLV") x (1 + DERT at x = 0, t_x = T = 0
 * under the channel's BG/NBD): the first purchase at acquisition plus the discounted expected
 * repeat purchases of a customer who has just arrived (alive for certain). The customer equity a
 * channel's spend buys is its new customers times that value (channelEquity).
 */
import type { BgNbdParams, FitResult, GammaGammaParams } from '../model/core/types.ts';
import { numericalGradient } from '../model/core/fit/index.ts';
import type { CustomerSummary } from '../data/types.ts';
import { bgnbdDert } from '../model/core/btyd/bgnbd.ts';
import { weeklyContinuousDiscount } from './clv-summary.ts';
import { customerCount, toRfmData, toSpendData } from '../data/rfm-data.ts';
import { modelFits } from './model-fits.ts';

export const MIN_CHANNEL_CUSTOMERS = 30;
export const POOLING_SD = 0.5;

export interface Multiplier {
  value: number;
  se: number;
}

export interface ChannelQuality {
  channel: string;
  customers: number;
  /** 'fitted' (partially pooled MAP) or 'pooled' (too few customers: the pooled values) */
  estimate: 'fitted' | 'pooled';
  bgnbd: BgNbdParams;
  bgnbdSe: BgNbdParams;
  gammagamma: GammaGammaParams | null;
  meanDropout: number;
  dropout: Multiplier;
  rate: Multiplier;
  spend: Multiplier;
  converged: boolean;
}

export interface ChannelQualityResult {
  pooled: { bgnbd: BgNbdParams; gammagamma: GammaGammaParams | null; customers: number };
  channels: ChannelQuality[];
  notes: string[];
}

const BG = ['r', 'alpha', 'a', 'b'] as const;
const GG = ['p', 'q', 'v'] as const;

function shrinkPrior(pooled: Record<string, number>, names: readonly string[]) {
  return (params: Record<string, number>) => {
    let lp = 0;
    for (const n of names) {
      const z = (Math.log(params[n]) - Math.log(pooled[n])) / POOLING_SD;
      lp += -0.5 * z * z - Math.log(params[n]); // normal density on log p, as a density of p
    }
    return lp;
  };
}

/** value and delta-method se of f(exp(logParams)) from a fit's logCov */
function deltaMethod(
  fit: FitResult<object>,
  names: readonly string[],
  f: (p: Record<string, number>) => number
): Multiplier {
  const params = fit.params as Record<string, number>;
  const at = (u: number[]) => f(Object.fromEntries(names.map((n, i) => [n, Math.exp(u[i])])));
  const u = names.map((n) => Math.log(params[n]));
  const value = at(u);
  if (!fit.logCov || fit.logCov.length !== names.length ** 2 || !fit.logCov.every(Number.isFinite)) {
    return { value, se: NaN };
  }
  const g = numericalGradient(at, u, 1e-6);
  let v = 0;
  for (let i = 0; i < names.length; i++)
    for (let j = 0; j < names.length; j++) v += g[i] * fit.logCov[i * names.length + j] * g[j];
  return { value, se: Math.sqrt(Math.max(v, 0)) };
}

const meanDropout = (p: Record<string, number>) => p.a / (p.a + p.b);
const meanRate = (p: Record<string, number>) => p.r / p.alpha;
const meanSpend = (p: Record<string, number>) => (p.q > 1 ? (p.p * p.v) / (p.q - 1) : NaN);

/**
 * @param customers summaries in weeks (the BG/NBD's alpha is per week)
 * @param channelOf the acquisition channel of a customer ('' = organic: part of the pooled fit only)
 */
/** What the quality fit reads of a customer: the summary in model periods and the acquisition channel. */
export type QualityCustomer = Pick<CustomerSummary, 'x' | 'tx' | 'T' | 'm' | 'channel'> & Partial<CustomerSummary>;

export function fitChannelQuality<C extends QualityCustomer>(
  customers: readonly C[],
  channelOf: (c: C) => string = (c) => c.channel
): ChannelQualityResult {
  const notes: string[] = [];
  // the groups of a compressed summary weigh as their customers in the BG/NBD fits (toRfmData);
  // their spend groups carry no channel and a group's mean spend is not its customers' spends,
  // so they give no spend multipliers
  const grouped = customers.some((c) => c.count !== undefined);
  const pooledFit = modelFits.fitPurchase('bgnbd', toRfmData(customers)) as FitResult<BgNbdParams>;
  const pooledSpendData = grouped ? null : toSpendData(customers);
  let pooledGG: FitResult<GammaGammaParams> | null = null;
  if (!pooledSpendData)
    notes.push(
      'no spend multipliers: a compressed summary stores its spend groups without channels, and a group’s mean spend is not its customers’ spends'
    );
  else if (pooledSpendData.customers > 0) {
    try {
      pooledGG = modelFits.fitSpend(pooledSpendData);
    } catch (error) {
      notes.push(`no spend multipliers: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else notes.push('no spend multipliers: no customer has a repeat purchase with spend');
  const pooled = pooledFit.params as unknown as Record<string, number>;
  const pooledG = pooledGG ? (pooledGG.params as unknown as Record<string, number>) : null;
  const groups = new Map<string, C[]>();
  for (const c of customers) {
    const ch = channelOf(c);
    if (!ch) continue;
    let g = groups.get(ch);
    if (!g) groups.set(ch, (g = []));
    g.push(c);
  }
  const channels: ChannelQuality[] = [];
  for (const [channel, group] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) {
    const inChannel = customerCount(group);
    if (inChannel < MIN_CHANNEL_CUSTOMERS) {
      notes.push(
        `${channel}: ${inChannel} customers (fewer than ${MIN_CHANNEL_CUSTOMERS}), so it keeps the values fitted on everyone`
      );
      channels.push({
        channel,
        customers: inChannel,
        estimate: 'pooled',
        bgnbd: pooledFit.params,
        bgnbdSe: pooledFit.stdErr,
        gammagamma: pooledGG?.params ?? null,
        meanDropout: meanDropout(pooled),
        dropout: { value: 1, se: NaN },
        rate: { value: 1, se: NaN },
        spend: { value: 1, se: NaN },
        converged: pooledFit.converged
      });
      continue;
    }
    const fit = modelFits.fitPurchase('bgnbd', toRfmData(group), {
      start: pooled,
      logPrior: shrinkPrior(pooled, BG)
    }) as FitResult<BgNbdParams>;
    const dropout = deltaMethod(fit, BG, (p) => meanDropout(p) / meanDropout(pooled));
    const rate = deltaMethod(fit, BG, (p) => meanRate(p) / meanRate(pooled));
    let gg: FitResult<GammaGammaParams> | null = null;
    let spend: Multiplier = { value: 1, se: NaN };
    const spendData = toSpendData(group);
    if (pooledG && spendData.customers > 0) {
      try {
        gg = modelFits.fitSpend(spendData, { start: pooledG, logPrior: shrinkPrior(pooledG, GG) });
        spend = deltaMethod(gg, GG, (p) => meanSpend(p) / meanSpend(pooledG));
      } catch (error) {
        notes.push(`${channel}: no spend multiplier (${error instanceof Error ? error.message : String(error)})`);
      }
    }
    channels.push({
      channel,
      customers: inChannel,
      estimate: 'fitted',
      bgnbd: fit.params,
      bgnbdSe: fit.stdErr,
      gammagamma: gg?.params ?? null,
      meanDropout: meanDropout(fit.params as unknown as Record<string, number>),
      dropout,
      rate,
      spend,
      converged: fit.converged && (gg?.converged ?? true)
    });
  }
  return {
    pooled: { bgnbd: pooledFit.params, gammagamma: pooledGG?.params ?? null, customers: customerCount(customers) },
    channels,
    notes
  };
}

export interface NewCustomerValueOptions {
  /** gross margin as a share of spend */
  marginShare: number;
  annualDiscountRate: number;
  /** CLV horizon in weeks; null = lifetime */
  horizonWeeks: number | null;
  /** weeks per model period of the BG/NBD (1 for weekly summaries) */
  periodWeeks: number;
}

/**
 * CLV at acquisition of a new customer with these BG/NBD and Gamma-Gamma parameters:
 * margin x p v / (q - 1) x (1 + DERT(x = 0, t_x = 0, T = 0)), discounting continuously at the
 * weekly equivalent of the annual rate (per model period: times periodWeeks).
 */
export function newCustomerClv(
  bgnbd: BgNbdParams,
  gammagamma: GammaGammaParams,
  options: NewCustomerValueOptions
): { clv: number; spendPerOrder: number; repeatPurchases: number } {
  const spendPerOrder = meanSpend(gammagamma as unknown as Record<string, number>);
  const delta = weeklyContinuousDiscount(options.annualDiscountRate) * options.periodWeeks;
  const horizon = options.horizonWeeks === null ? Infinity : options.horizonWeeks / options.periodWeeks;
  const repeatPurchases = bgnbdDert(bgnbd, 0, 0, 0, delta, horizon);
  return { clv: options.marginShare * spendPerOrder * (1 + repeatPurchases), spendPerOrder, repeatPurchases };
}

export interface ChannelEquity {
  channel: string;
  /** 'fitted' or 'pooled' as the channel's quality estimate */
  estimate: 'fitted' | 'pooled';
  clvPerCustomer: number;
  spendPerOrder: number;
  repeatPurchases: number;
  spendPerWeek: number;
  newCustomersPerWeek: number;
  /** new customers per week x CLV per customer: the customer equity a week of the spend buys */
  equityPerWeek: number;
  /** equity per unit of spend (NaN at zero spend) */
  equityPerSpend: number;
}

/**
 * The customer equity each channel's spend buys: at its current weekly spend, the steady-state
 * new customers the response fit gives times the CLV of that channel's customers. Channels
 * without a quality estimate, or whose Gamma-Gamma did not fit, use the pooled values.
 */
export function channelEquity(
  quality: ChannelQualityResult,
  acquisition: readonly { channel: string; spendPerWeek: number; newCustomersPerWeek: number }[],
  options: NewCustomerValueOptions
): ChannelEquity[] {
  const pooledGG = quality.pooled.gammagamma;
  return acquisition.flatMap((a) => {
    const q = quality.channels.find((c) => c.channel === a.channel);
    const gg = q?.gammagamma ?? pooledGG;
    if (!gg) return [];
    const value = newCustomerClv(q?.bgnbd ?? quality.pooled.bgnbd, gg, options);
    const equityPerWeek = a.newCustomersPerWeek * value.clv;
    return [
      {
        channel: a.channel,
        estimate: q?.estimate ?? 'pooled',
        clvPerCustomer: value.clv,
        spendPerOrder: value.spendPerOrder,
        repeatPurchases: value.repeatPurchases,
        spendPerWeek: a.spendPerWeek,
        newCustomersPerWeek: a.newCustomersPerWeek,
        equityPerWeek,
        equityPerSpend: a.spendPerWeek > 0 ? equityPerWeek / a.spendPerWeek : NaN
      }
    ];
  });
}
