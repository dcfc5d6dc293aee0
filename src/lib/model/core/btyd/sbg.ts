/**
 * Shifted-beta-geometric (sBG) contractual retention model: Fader & Hardie (2007), "How to
 * project customer retention", J. Interactive Marketing 21(1), 76-90; DERL from Fader &
 * Hardie (2010), "Customer-base valuation in a contractual setting: the perils of ignoring
 * heterogeneity", Marketing Science 29(1), 85-93.
 *
 * Each customer churns at the end of a period with probability theta ~ Beta(alpha, beta):
 * - P(T = t) = B(alpha + 1, beta + t - 1) / B(alpha, beta)   (FH 2007 eq. 7)
 * - S(t) = B(alpha, beta + t) / B(alpha, beta)               (eq. 8)
 * - r(t) = (beta + t - 1) / (alpha + beta + t - 1)            (eq. 4)
 * - likelihood: sum_t lost_t log P(T = t) + active_n log S(n) (eq. 9 / appendix)
 * - DERL for a customer who has made n renewals, discount rate d per period (FH 2010 eq. 6):
 *   (beta + n) / (alpha + beta + n) 2F1(1, beta + n + 1; alpha + beta + n + 1; 1 / (1 + d)),
 *   valued just before the renewal decision (FH 2010 write it for n - 1 renewals);
 *   DEL of a new customer (eq. 5): 2F1(1, beta; alpha + beta; 1 / (1 + d)).
 * - expected lifetime E[T] = (alpha + beta - 1) / (alpha - 1) for alpha > 1 (Infinity otherwise).
 */
import { maximumLikelihood } from '../fit/maximumLikelihood.ts';
import { hyp2f1 } from '../special/hyp2f1.ts';
import { lbeta } from '../special/lbeta.ts';
import type { FitOptions, FitResult, SbgParams, SurvivalData } from '../types.ts';

export const SBG_PARAMS = ['alpha', 'beta'] as const;

export function sbgSurvival(p: SbgParams, t: number): number {
  return Math.exp(lbeta(p.alpha, p.beta + t) - lbeta(p.alpha, p.beta));
}

export function sbgChurnProbability(p: SbgParams, t: number): number {
  if (t < 1) return 0;
  return Math.exp(lbeta(p.alpha + 1, p.beta + t - 1) - lbeta(p.alpha, p.beta));
}

export function sbgRetention(p: SbgParams, t: number): number {
  return (p.beta + t - 1) / (p.alpha + p.beta + t - 1);
}

export function sbgExpectedLifetime(p: SbgParams): number {
  return p.alpha > 1 ? (p.alpha + p.beta - 1) / (p.alpha - 1) : Infinity;
}

/** Discounted expected lifetime of a new customer (FH 2010 eq. 5), in payments, the first undiscounted. */
export function sbgDel(p: SbgParams, discount: number): number {
  return hyp2f1(1, p.beta, p.alpha + p.beta, 1 / (1 + discount));
}

/** DERL of a customer who has renewed n times (FH 2010 eq. 6), payments from the next one on. */
export function sbgDerl(p: SbgParams, discount: number, renewals: number): number {
  if (!(discount > 0)) throw new RangeError(`invalid discount rate: ${discount} per period (must be > 0)`);
  const n = renewals;
  return (
    ((p.beta + n) / (p.alpha + p.beta + n)) * hyp2f1(1, p.beta + n + 1, p.alpha + p.beta + n + 1, 1 / (1 + discount))
  );
}

/**
 * DERL within a horizon: the first `payments` terms of the FH 2010 eq. 6 sum,
 * sum_(k < payments) S(n + 1 + k) / S(n) (1 + d)^-k, with S(t + 1) / S(t) = (beta + t) / (alpha + beta + t)
 * (eq. 4). Infinity gives sbgDerl.
 */
export function sbgDerlWithin(p: SbgParams, discount: number, renewals: number, payments: number): number {
  if (payments === Infinity) return sbgDerl(p, discount, renewals);
  if (!(discount > 0)) throw new RangeError(`invalid discount rate: ${discount} per period (must be > 0)`);
  if (!(payments >= 0)) throw new RangeError(`invalid number of payments: ${payments} (must be >= 0)`);
  let survive = 1;
  let factor = 1;
  let total = 0;
  for (let k = 0; k < payments; k++) {
    survive *= (p.beta + renewals + k) / (p.alpha + p.beta + renewals + k);
    total += survive * factor;
    factor /= 1 + discount;
  }
  return total;
}

export function sbgLogLik(p: SbgParams, data: SurvivalData): number {
  const { active } = data;
  const n = active.length - 1;
  let total = 0;
  for (let t = 1; t <= n; t++) {
    const lost = active[t - 1] - active[t];
    if (lost > 0) total += lost * Math.log(sbgChurnProbability(p, t));
  }
  if (active[n] > 0) total += active[n] * Math.log(sbgSurvival(p, n));
  return total;
}

/** Survival counts from per-customer churn periods (1..horizon; > horizon or Infinity = still active). */
export function survivalFromChurnPeriods(churnPeriod: ArrayLike<number>, horizon: number): SurvivalData {
  if (!Number.isInteger(horizon) || horizon < 1)
    throw new RangeError(`invalid horizon: ${horizon} (must be an integer >= 1)`);
  const active = new Array<number>(horizon + 1).fill(0);
  for (let i = 0; i < churnPeriod.length; i++) {
    const c = churnPeriod[i];
    if (!(c >= 1)) throw new RangeError(`invalid churn period for customer ${i}: ${c} (must be >= 1)`);
    const last = Math.min(horizon, Math.floor(c) - 1);
    for (let t = 0; t <= last; t++) active[t]++;
  }
  // active[t] counted customers with churn period > t
  return { active };
}

function checkSurvival(data: SurvivalData): void {
  const { active } = data;
  if (active.length < 2) throw new RangeError(`cannot fit sbg: need at least one period (got ${active.length} counts)`);
  for (let t = 0; t < active.length; t++) {
    if (!Number.isFinite(active[t]) || active[t] < 0)
      throw new RangeError(`cannot fit sbg: active[${t}] = ${active[t]} (must be >= 0)`);
    if (t > 0 && active[t] > active[t - 1]) {
      throw new RangeError(`cannot fit sbg: active[${t}] = ${active[t]} exceeds active[${t - 1}] = ${active[t - 1]}`);
    }
  }
  if (!(active[0] > 0)) throw new RangeError('cannot fit sbg: the cohort is empty (active[0] = 0)');
  if (active[active.length - 1] === active[0])
    throw new RangeError('cannot fit sbg: nobody churned, so the churn rate is not identified');
}

export function fitSbg(data: SurvivalData, options: FitOptions = {}): FitResult<SbgParams> {
  checkSurvival(data);
  return maximumLikelihood<SbgParams>(
    {
      model: 'sbg',
      paramNames: SBG_PARAMS,
      logLik: (p) => sbgLogLik(p, data),
      start: { alpha: 1, beta: 1 },
      n: data.active[0]
    },
    options
  );
}

/** Fits each cohort separately (FH 2007 fit the regular and high-end cohorts one by one). */
export function fitSbgCohorts(
  cohorts: Record<string, SurvivalData>,
  options: FitOptions = {}
): Record<string, FitResult<SbgParams>> {
  const out: Record<string, FitResult<SbgParams>> = {};
  for (const [name, data] of Object.entries(cohorts)) {
    try {
      out[name] = fitSbg(data, options);
    } catch (e) {
      throw new RangeError(`cohort ${name}: ${(e as Error).message}`);
    }
  }
  return out;
}
