/**
 * MBG/NBD purchase model: Batislam, Denizel & Filiztekin (2007), "Empirical validation and
 * comparison of models for customer base analysis", Int. J. Research in Marketing 24(3);
 * expressions as in Platzer & Reutterer (2016) / R package BTYDplus (mbgcnbd with k = 1).
 *
 * Like BG/NBD, but a customer may also drop out right after the first purchase (time 0), so
 * customers with x = 0 may be inactive.
 * - likelihood: B(a, b+x+1)/B(a,b) G (alpha+T)^-(r+x) + B(a+1, b+x)/B(a,b) G (alpha+t_x)^-(r+x),
 *   G = Gamma(r+x) alpha^r / Gamma(r) (Batislam et al. 2007, eq. 5), by log-sum-exp;
 * - P(alive) = 1 / (1 + a/(b+x) ((alpha+T)/(alpha+t_x))^(r+x));
 * - E[X(t)] = b/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b+1; a+b; t/(alpha+t))];
 * - E[Y(t) | ...] = (a+b+x)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x)
 *   2F1(r+x, b+x+1; a+b+x; t/(alpha+T+t))] P(alive);
 * - P(X(t) = n) = B(a, b+n+1)/B(a,b) NBD(n; t) + B(a+1, b+n)/B(a,b) P(N(t) >= n) (dropout
 *   right after the n-th purchase, n = 0 meaning at time 0);
 * - DERT over the lifetime or a horizon as one bounded integral over p (aliveDert.ts); the
 *   expectations go through aliveExpectation.ts (quadrature
 *   fallback near a = 1 and for t >> alpha).
 */
import { lbeta } from '../special/lbeta.ts';
import { lgamma } from '../special/lgamma.ts';
import { logAddExp } from '../special/logsumexp.ts';
import { bgFamilyLogLik, prepareBgFamily } from './bgFamilyLik.ts';
import { BGNBD_PARAMS, betaGeometricConditionalMany, fitBgFamily, requireRepeats } from './bgnbd.ts';
import { aliveExpectedTransactions } from './aliveExpectation.ts';
import { betaGeometricDert } from './aliveDert.ts';
import { checkedDert } from './dert.ts';
import { logNbd, nbdCdfBelow } from './negbin.ts';
import type { FitOptions, FitResult, MbgNbdParams, PurchaseModel, RfmData } from '../types.ts';

export function mbgnbdLogLikIndividual(p: MbgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const g = lgamma(r + x) - lgamma(r) + r * Math.log(alpha);
  const lb = lbeta(a, b);
  const alive = lbeta(a, b + x + 1) - lb - (r + x) * Math.log(alpha + T);
  const died = lbeta(a + 1, b + x) - lb - (r + x) * Math.log(alpha + tx);
  return g + logAddExp(alive, died);
}

/**
 * Weighted total log-likelihood; the x-only terms are computed once per distinct x
 * (bgFamilyLik.ts: BG/NBD's form with b + x + 1 for b + x, and the dropout term for every x).
 */
export function mbgnbdLogLik(p: MbgNbdParams, data: RfmData): number {
  return bgFamilyLogLik(p, prepareBgFamily(data, 1));
}

export function mbgnbdPAlive(p: MbgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const logOdds = Math.log(a / (b + x)) + (r + x) * Math.log((alpha + T) / (alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

export function mbgnbdExpectedTransactions(p: MbgNbdParams, t: number): number {
  const { r, alpha, a, b } = p;
  // P(alive at 0) = b / (a + b), then p ~ Beta(a, b + 1): b/(a+b) (a+b)/(a-1) [...] = b/(a-1) [...]
  return (b / (a + b)) * aliveExpectedTransactions(r, alpha, a, b + 1, t);
}

export function mbgnbdConditionalExpected(p: MbgNbdParams, x: number, tx: number, T: number, t: number): number {
  if (t === 0) return 0;
  const { r, alpha, a, b } = p;
  return aliveExpectedTransactions(r + x, alpha + T, a, b + x + 1, t) * mbgnbdPAlive(p, x, tx, T);
}

export function mbgnbdProbTransactions(p: MbgNbdParams, t: number, n: number): number {
  const { r, alpha, a, b } = p;
  const lb = lbeta(a, b);
  const stay = Math.exp(lbeta(a, b + n + 1) - lb + logNbd(r, alpha, t, n));
  const died = Math.exp(lbeta(a + 1, b + n) - lb) * (1 - nbdCdfBelow(r, alpha, t, n));
  return stay + died;
}

/** DERT over a horizon (default: the lifetime): as BG/NBD with the alive posterior p ~ Beta(a, b + x + 1). */
export const mbgnbdDert = checkedDert<MbgNbdParams>((p, x, tx, T, discount, horizon) =>
  betaGeometricDert(mbgnbdPAlive(p, x, tx, T), p.r + x, p.alpha + T, p.a, p.b + x + 1, discount, horizon)
);

export function fitMbgNbd(data: RfmData, options: FitOptions = {}): FitResult<MbgNbdParams> {
  requireRepeats(data, 'mbgnbd');
  return fitBgFamily('mbgnbd', 1, data, options);
}

export const mbgNbd: PurchaseModel<MbgNbdParams> = {
  name: 'mbgnbd',
  paramNames: BGNBD_PARAMS,
  logLikIndividual: mbgnbdLogLikIndividual,
  logLik: mbgnbdLogLik,
  expectedTransactions: mbgnbdExpectedTransactions,
  conditionalExpected: mbgnbdConditionalExpected,
  conditionalExpectedMany: (p, t) => betaGeometricConditionalMany(p, t, 1, mbgnbdPAlive),
  pAlive: mbgnbdPAlive,
  probTransactions: mbgnbdProbTransactions,
  dert: mbgnbdDert,
  fit: fitMbgNbd
};
