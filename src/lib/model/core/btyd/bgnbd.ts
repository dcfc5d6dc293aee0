/**
 * BG/NBD purchase model: Fader, Hardie & Lee (2005), "'Counting your customers' the easy way:
 * an alternative to the Pareto/NBD model", Marketing Science 24(2), 275-284.
 *
 * While alive a customer buys as a Poisson process with rate lambda ~ Gamma(r, alpha); after
 * each purchase she drops out with probability p ~ Beta(a, b).
 * - likelihood: eq. 6, in the numerically stable form of Fader & Hardie (2013) note 027
 *   ("Overcoming the BG/NBD model's #NUM! error problem"): log L = A1 + A2 +
 *   log[ (alpha + T)^-(r+x) + [x > 0] a / (b + x - 1) (alpha + t_x)^-(r+x) ], the bracket by
 *   log-sum-exp;
 * - P(X(t) = n): eq. 8;  E[X(t)]: eq. 9;  E[Y(t) | x, t_x, T]: eq. 10 (both via
 *   aliveExpectation.ts, which falls back to quadrature near a = 1 and for t >> alpha);
 * - P(alive | x, t_x, T): Fader, Hardie & Lee (2008) note 021 ("Computing P(alive) using the
 *   BG/NBD model"), 1 / (1 + [x > 0] a / (b + x - 1) ((alpha + T) / (alpha + t_x))^(r+x));
 * - DERT: no closed form; reduced to one bounded integral over the dropout probability
 *   (aliveDert.ts), over the lifetime or a horizon.
 */
import { maximumLikelihood } from '../fit/maximumLikelihood.ts';
import { validateRfm } from '../fit/compress.ts';
import { lbeta } from '../special/lbeta.ts';
import { lgamma } from '../special/lgamma.ts';
import { logAddExp } from '../special/logsumexp.ts';
import { bgFamilyDerivatives, bgFamilyLogLik, prepareBgFamily } from './bgFamilyLik.ts';
import { aliveExpectedTransactions } from './aliveExpectation.ts';
import { betaGeometricDert } from './aliveDert.ts';
import { checkedDert } from './dert.ts';
import { logNbd, nbdCdfBelow } from './negbin.ts';
import type { BgNbdParams, FitOptions, FitResult, PurchaseModel, RfmData } from '../types.ts';

/**
 * E[X(t) | x, t_x, T] of a BG-family model for many customers: P(alive) times the alive
 * customer's expectation, which depends on (x, T) only (Gamma(r + x, alpha + T) and the
 * Beta(a, b + x + bShift) of p: bShift 0 for BG/NBD, 1 for MBG/NBD), so it is computed once
 * per distinct (x, T).
 */
export function betaGeometricConditionalMany<P extends BgNbdParams>(
  p: P,
  t: number,
  bShift: number,
  pAlive: (p: P, x: number, tx: number, T: number) => number
): (x: number, tx: number, T: number) => number {
  const alive = new Map<string, number>();
  return (x, tx, T) => {
    if (t === 0) return 0;
    const key = `${x}|${T}`;
    let v = alive.get(key);
    if (v === undefined)
      alive.set(key, (v = aliveExpectedTransactions(p.r + x, p.alpha + T, p.a, p.b + x + bShift, t)));
    return v * pAlive(p, x, tx, T);
  };
}

export const BGNBD_PARAMS = ['r', 'alpha', 'a', 'b'] as const;

export function checkBgNbdParams(p: BgNbdParams, model = 'bgnbd'): void {
  for (const name of BGNBD_PARAMS) {
    const v = p[name];
    if (!(v > 0) || !Number.isFinite(v))
      throw new RangeError(`invalid ${model} parameter ${name} = ${v} (must be a finite number > 0)`);
  }
}

export function bgnbdLogLikIndividual(p: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const a1 = lgamma(r + x) - lgamma(r) + r * Math.log(alpha);
  const a2 = lbeta(a, b + x) - lbeta(a, b);
  const alive = -(r + x) * Math.log(alpha + T);
  if (x === 0) return a1 + a2 + alive;
  const died = Math.log(a / (b + x - 1)) - (r + x) * Math.log(alpha + tx);
  return a1 + a2 + logAddExp(alive, died);
}

/**
 * Weighted total log-likelihood. The terms that depend only on x (log-gammas, log-betas and
 * log(a / (b + x - 1))) are computed once per distinct x, so each (x, t_x, T) triple costs two
 * logarithms and one log-sum-exp (bgFamilyLik.ts).
 */
export function bgnbdLogLik(p: BgNbdParams, data: RfmData): number {
  return bgFamilyLogLik(p, prepareBgFamily(data, 0));
}

/** E[X(t)], FHL 2005 eq. 9 (quadrature near a = 1, see aliveExpectation.ts). */
export function bgnbdExpectedTransactions(p: BgNbdParams, t: number): number {
  return aliveExpectedTransactions(p.r, p.alpha, p.a, p.b, t);
}

export function bgnbdPAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const { r, alpha, a, b } = p;
  const logOdds = Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + T) / (alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/** E[Y(t) | x, t_x, T], FHL 2005 eq. 10. */
export function bgnbdConditionalExpected(p: BgNbdParams, x: number, tx: number, T: number, t: number): number {
  if (t === 0) return 0;
  const { r, alpha, a, b } = p;
  return aliveExpectedTransactions(r + x, alpha + T, a, b + x, t) * bgnbdPAlive(p, x, tx, T);
}

/** P(X(t) = n), FHL 2005 eq. 8. */
export function bgnbdProbTransactions(p: BgNbdParams, t: number, n: number): number {
  const { r, alpha, a, b } = p;
  const lbab = lbeta(a, b);
  const stay = Math.exp(lbeta(a, b + n) - lbab + logNbd(r, alpha, t, n));
  if (n === 0) return stay;
  const died = Math.exp(lbeta(a + 1, b + n - 1) - lbab) * (1 - nbdCdfBelow(r, alpha, t, n));
  return stay + died;
}

/**
 * DERT over a horizon (default: the lifetime): P(alive) times the alive customer's discounted
 * expected transactions with posterior λ ~ Gamma(r + x, α + T), p ~ Beta(a, b + x)
 * (aliveDert.ts: one bounded integral over p, finite for any parameters, tending to the
 * no-dropout Poisson-Gamma closed form as a -> 0 or b -> infinity). DERT <= P(alive) (r + x)
 * (1 - e^(-δ H)) / ((α + T) δ); below 1e-12 the answer is 0.
 */
export const bgnbdDert = checkedDert<BgNbdParams>((p, x, tx, T, discount, horizon) =>
  betaGeometricDert(bgnbdPAlive(p, x, tx, T), p.r + x, p.alpha + T, p.a, p.b + x, discount, horizon)
);

/** Method-of-moments flavoured starting values: r / alpha ~ repeat rate per period. */
export function bgFamilyStart(data: RfmData): BgNbdParams {
  let sx = 0;
  let sT = 0;
  for (let i = 0; i < data.length; i++) {
    sx += data.count[i] * data.x[i];
    sT += data.count[i] * data.T[i];
  }
  const rate = sx / Math.max(sT, 1e-12);
  return { r: 1, alpha: 1 / Math.max(rate, 1e-6), a: 1, b: 3 };
}

export function requireRepeats(data: RfmData, model: string): void {
  validateRfm(data, model);
  let repeaters = 0;
  for (let i = 0; i < data.length; i++) if (data.x[i] > 0) repeaters += data.count[i];
  if (repeaters === 0) throw new RangeError(`cannot fit ${model}: no customer has a repeat purchase (x > 0)`);
}

export function fitBgNbd(data: RfmData, options: FitOptions = {}): FitResult<BgNbdParams> {
  // with a prior the posterior is proper without repeat purchases (or any customer)
  if (options.logPrior) {
    if (data.length > 0) validateRfm(data, 'bgnbd');
  } else requireRepeats(data, 'bgnbd');
  return fitBgFamily('bgnbd', 0, data, options);
}

/**
 * The maximum-likelihood fit of a model of the BG family to data already checked:
 * BG/NBD (`offset` 0: a customer may drop out after each repeat purchase) or MBG/NBD
 * (`offset` 1: also at the first), the same likelihood, gradient and starting values.
 */
export function fitBgFamily(
  model: 'bgnbd' | 'mbgnbd',
  offset: 0 | 1,
  data: RfmData,
  options: FitOptions
): FitResult<BgNbdParams> {
  const prepared = prepareBgFamily(data, offset);
  return maximumLikelihood<BgNbdParams>(
    {
      model,
      paramNames: BGNBD_PARAMS,
      logLik: (p) => bgFamilyLogLik(p, prepared),
      derivatives: (p, withHessian) => bgFamilyDerivatives(p, prepared, withHessian),
      start: bgFamilyStart(data),
      n: data.customers
    },
    options
  );
}

export const bgnbd: PurchaseModel<BgNbdParams> = {
  name: 'bgnbd',
  paramNames: BGNBD_PARAMS,
  logLikIndividual: bgnbdLogLikIndividual,
  logLik: bgnbdLogLik,
  expectedTransactions: bgnbdExpectedTransactions,
  conditionalExpected: bgnbdConditionalExpected,
  conditionalExpectedMany: (p, t) => betaGeometricConditionalMany(p, t, 0, bgnbdPAlive),
  pAlive: bgnbdPAlive,
  probTransactions: bgnbdProbTransactions,
  dert: bgnbdDert,
  fit: fitBgNbd
};
