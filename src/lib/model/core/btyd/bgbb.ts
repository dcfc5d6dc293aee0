/**
 * BG/BB discrete-time purchase model: Fader, Hardie & Shang (2010), "Customer-base analysis in
 * a discrete-time noncontractual setting", Marketing Science 29(6), 1086-1108.
 *
 * At each of n transaction opportunities an alive customer transacts with probability
 * p ~ Beta(alpha, beta) and then may die with probability theta ~ Beta(gamma, delta).
 * - likelihood (eq. 5): B(alpha+x, beta+n-x)/B(alpha,beta) B(gamma, delta+n)/B(gamma,delta)
 *   + sum_{i=0}^{n-t_x-1} B(alpha+x, beta+t_x-x+i)/B(alpha,beta) B(gamma+1, delta+t_x+i)/B(gamma,delta);
 * - P(alive at n + 1 | x, t_x, n) (eq. 11);
 * - E[X(n, n + n*) | x, t_x, n] (eq. 13);
 * - DERT (eq. 14): B(alpha+x+1, beta+n-x)/B(alpha,beta) B(gamma, delta+n+1)/(B(gamma,delta)(1+d))
 *   2F1(1, delta+n+1; gamma+delta+n+1; 1/(1+d)) / L.
 */
import { maximumLikelihood } from '../fit/maximumLikelihood.ts';
import { hyp2f1 } from '../special/hyp2f1.ts';
import { lbeta } from '../special/lbeta.ts';
import { lgamma } from '../special/lgamma.ts';
import { logSumExp } from '../special/logsumexp.ts';
import type { BgBbData, BgBbParams, FitOptions, FitResult } from '../types.ts';

export const BGBB_PARAMS = ['alpha', 'beta', 'gamma', 'delta'] as const;

export function bgbbLogLikIndividual(p: BgBbParams, x: number, tx: number, n: number): number {
  const { alpha, beta, gamma, delta } = p;
  const lab = lbeta(alpha, beta);
  const lgd = lbeta(gamma, delta);
  const terms = [lbeta(alpha + x, beta + n - x) - lab + lbeta(gamma, delta + n) - lgd];
  for (let i = 0; i <= n - tx - 1; i++) {
    terms.push(lbeta(alpha + x, beta + tx - x + i) - lab + lbeta(gamma + 1, delta + tx + i) - lgd);
  }
  return logSumExp(terms);
}

export function bgbbLogLik(p: BgBbParams, data: BgBbData): number {
  let total = 0;
  for (let i = 0; i < data.length; i++)
    total += data.count[i] * bgbbLogLikIndividual(p, data.x[i], data.tx[i], data.n[i]);
  return total;
}

export function bgbbPAlive(p: BgBbParams, x: number, tx: number, n: number): number {
  const { alpha, beta, gamma, delta } = p;
  const num = lbeta(alpha + x, beta + n - x) - lbeta(alpha, beta) + lbeta(gamma, delta + n + 1) - lbeta(gamma, delta);
  return Math.exp(num - bgbbLogLikIndividual(p, x, tx, n));
}

/** E[X(n, n + nStar) | x, t_x, n], FHS 2010 eq. 13. */
export function bgbbConditionalExpected(p: BgBbParams, x: number, tx: number, n: number, nStar: number): number {
  const { alpha, beta, gamma, delta } = p;
  const logLead =
    lbeta(alpha + x + 1, beta + n - x) -
    lbeta(alpha, beta) -
    bgbbLogLikIndividual(p, x, tx, n) +
    lgamma(gamma + delta) -
    lgamma(1 + delta);
  const g = (m: number): number => Math.exp(lgamma(1 + delta + m) - lgamma(gamma + delta + m));
  return Math.exp(logLead) * (delta / (gamma - 1)) * (g(n) - g(n + nStar));
}

/** E[X(n)] for a new customer (FHS 2010 eq. 7). */
export function bgbbExpectedTransactions(p: BgBbParams, n: number): number {
  const { alpha, beta, gamma, delta } = p;
  const lead = (alpha / (alpha + beta)) * (delta / (gamma - 1));
  return (
    lead * (1 - Math.exp(lgamma(gamma + delta) - lgamma(1 + delta) + lgamma(1 + delta + n) - lgamma(gamma + delta + n)))
  );
}

/** Discounted expected residual transactions, FHS 2010 eq. 14; d = discount rate per period. */
export function bgbbDert(p: BgBbParams, x: number, tx: number, n: number, discount: number): number {
  const { alpha, beta, gamma, delta } = p;
  if (!(discount > 0)) throw new RangeError(`invalid discount rate: ${discount} per period (must be > 0)`);
  const logNum =
    lbeta(alpha + x + 1, beta + n - x) -
    lbeta(alpha, beta) +
    lbeta(gamma, delta + n + 1) -
    lbeta(gamma, delta) -
    Math.log1p(discount) -
    bgbbLogLikIndividual(p, x, tx, n);
  return Math.exp(logNum) * hyp2f1(1, delta + n + 1, gamma + delta + n + 1, 1 / (1 + discount));
}

export function fitBgBb(data: BgBbData, options: FitOptions = {}): FitResult<BgBbParams> {
  if (data.length === 0 || !(data.customers > 0)) throw new RangeError('cannot fit bgbb: no customers in the data');
  let repeaters = 0;
  for (let i = 0; i < data.length; i++) {
    const { x, tx, n } = { x: data.x[i], tx: data.tx[i], n: data.n[i] };
    if (
      !(Number.isInteger(x) && Number.isInteger(tx) && Number.isInteger(n)) ||
      x < 0 ||
      x > n ||
      tx > n ||
      (x > 0 && tx < x) ||
      (x === 0 && tx !== 0)
    ) {
      throw new RangeError(
        `cannot fit bgbb: row ${i} has (x, t_x, n) = (${x}, ${tx}, ${n}) (need integers 0 <= x <= t_x <= n, t_x = 0 iff x = 0)`
      );
    }
    if (x > 0) repeaters += data.count[i];
  }
  if (repeaters === 0) throw new RangeError('cannot fit bgbb: no customer has a transaction (x > 0)');
  return maximumLikelihood<BgBbParams>(
    {
      model: 'bgbb',
      paramNames: BGBB_PARAMS,
      logLik: (p) => bgbbLogLik(p, data),
      start: { alpha: 1, beta: 1, gamma: 1, delta: 1 },
      n: data.customers
    },
    options
  );
}
