/**
 * Pareto/NBD purchase model: Schmittlein, Morrison & Colombo (1987); expressions from
 * Fader & Hardie (2005), "A note on deriving the Pareto/NBD model and related expressions"
 * and Fader, Hardie & Lee (2005), "RFM and CLV: using iso-value curves for customer base
 * analysis", JMR 42(4).
 *
 * Purchase rate lambda ~ Gamma(r, alpha); exponential lifetime with rate mu ~ Gamma(s, beta).
 * - likelihood (FH 2005 note, eq. 19-23): L = Gamma(r+x) alpha^r beta^s / Gamma(r) *
 *   [ (alpha+T)^-(r+x) (beta+T)^-s + s/(r+s+x) A0 ], with A0 the difference of two 2F1 terms
 *   (argument (|alpha-beta|)/(max(alpha,beta) + t) in [0, 1)), each term in log space;
 * - P(alive) (eq. 24), E[X(t)] (eq. 25), E[Y(t) | x, t_x, T] (eq. 27);
 * - P(X(t) = n): the mixture over the dropout time tau ~ Exp(mu), mu ~ Gamma(s, beta):
 *   NBD(n; t) (beta/(beta+t))^s + int_0^t NBD(n; tau) s beta^s (beta+tau)^-(s+1) d tau,
 *   the integral by tanh-sinh quadrature (relative tolerance 1e-10);
 * - DERT: FHL 2005 "RFM and CLV" eq. 2, alpha^r beta^s delta^(s-1) Gamma(r+x+1)
 *   Psi(s, s; delta(beta+T)) / (Gamma(r) (alpha+T)^(r+x+1) L), with Tricomi's
 *   Psi(s, s; z) = U(s, s, z) = 1/Gamma(s) int_0^inf e^(-z u) u^(s-1) / (1+u) du (DLMF 13.4.4)
 *   by exp-sinh quadrature (relative tolerance 1e-10).
 */
import { encodeDistinct } from '../distinct.ts';
import { maximumLikelihood } from '../fit/maximumLikelihood.ts';
import { hyp2f1, hyp2f1Fixed } from '../special/hyp2f1.ts';
import { integrate, integrateToInfinity } from '../special/integrate.ts';
import { lgamma } from '../special/lgamma.ts';
import { logAddExp } from '../special/logsumexp.ts';
import { logSubExp } from '../special/log1mexp.ts';
import { bgFamilyStart, requireRepeats } from './bgnbd.ts';
import { checkDiscount, checkedDert } from './dert.ts';
import { logNbd } from './negbin.ts';
import type { FitOptions, FitResult, ParetoNbdParams, PurchaseModel, RfmData } from '../types.ts';

export const PARETONBD_PARAMS = ['r', 'alpha', 's', 'beta'] as const;

/**
 * One term of log A0 (FH 2005 eq. 22-23) at t = t_x or t = T: log 2F1(r + s + x, ., r + s + x + 1;
 * |alpha - beta| / (max(alpha, beta) + t)) - (r + s + x) log(max(alpha, beta) + t). It depends on
 * (x, t) only, so a likelihood over many (x, t_x, T) triples shares it: the terms at t = T repeat
 * for every t_x, those at t_x = 0 for every customer without a repeat purchase.
 */
function logA0Term(p: ParetoNbdParams, x: number, t: number): number {
  const { r, alpha, s, beta } = p;
  const rsx = r + s + x;
  const big = Math.max(alpha, beta);
  const second = alpha >= beta ? s + 1 : r + x;
  const f = hyp2f1(rsx, second, rsx + 1, Math.abs(alpha - beta) / (big + t));
  return Math.log(f) - rsx * Math.log(big + t);
}

/** log A0 terms of one parameter set by (x, t) (see logA0Term) */
type TermCache = Map<number, Map<number, number>>;

function cachedTerm(cache: TermCache, p: ParetoNbdParams, x: number, t: number): number {
  let byT = cache.get(x);
  if (!byT) cache.set(x, (byT = new Map()));
  let v = byT.get(t);
  if (v === undefined) byT.set(t, (v = logA0Term(p, x, t)));
  return v;
}

/** log A0 of FH 2005 eq. 22-23 (-Infinity when t_x = T). */
function logA0(p: ParetoNbdParams, x: number, tx: number, T: number, cache?: TermCache): number {
  if (tx >= T) return -Infinity;
  if (cache) return logSubExp(cachedTerm(cache, p, x, tx), cachedTerm(cache, p, x, T));
  return logSubExp(logA0Term(p, x, tx), logA0Term(p, x, T));
}

function logLikIndividual(p: ParetoNbdParams, x: number, tx: number, T: number, cache?: TermCache): number {
  const { r, alpha, s, beta } = p;
  const lead = lgamma(r + x) - lgamma(r) + r * Math.log(alpha) + s * Math.log(beta);
  const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const died = Math.log(s / (r + s + x)) + logA0(p, x, tx, T, cache);
  return lead + logAddExp(alive, died);
}

export function paretonbdLogLikIndividual(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  return logLikIndividual(p, x, tx, T);
}

/**
 * The triples' structure for the total log-likelihood: the distinct x, and the distinct
 * (x, t) pairs at which the A0 terms are needed (t = t_x and t = T of each triple). The 2F1
 * parameters depend on x only and its argument on t only, so one evaluation costs a 2F1 per
 * distinct (x, t) pair (a few thousand at day resolution, however many triples) and the
 * log-gamma coefficients once per distinct x.
 */
interface PreparedTriples {
  xs: Float64Array;
  /** per pair: index into xs, and t */
  pairX: Int32Array;
  pairT: Float64Array;
  /** per triple: index into xs, its t_x pair (-1 when t_x = T: A0 is 0) and its T pair */
  xAt: Int32Array;
  txPair: Int32Array;
  TPair: Int32Array;
}

const prepared = new WeakMap<RfmData, PreparedTriples>();

function prepareTriples(data: RfmData): PreparedTriples {
  const cached = prepared.get(data);
  if (cached && cached.xAt.length === data.length) return cached;
  const pairIndex = new Map<string, number>();
  const xs: number[] = [];
  const xAt = encodeDistinct(data.length, (i) => data.x[i], xs);
  const pairX: number[] = [];
  const pairT: number[] = [];
  const txPair = new Int32Array(data.length);
  const TPair = new Int32Array(data.length);
  const pair = (xi: number, t: number): number => {
    const key = `${xi}|${t}`;
    let at = pairIndex.get(key);
    if (at === undefined) {
      at = pairX.length;
      pairIndex.set(key, at);
      pairX.push(xi);
      pairT.push(t);
    }
    return at;
  };
  for (let i = 0; i < data.length; i++) {
    const xi = xAt[i];
    TPair[i] = pair(xi, data.T[i]);
    txPair[i] = data.tx[i] >= data.T[i] ? -1 : pair(xi, data.tx[i]);
  }
  const out: PreparedTriples = {
    xs: Float64Array.from(xs),
    pairX: Int32Array.from(pairX),
    pairT: Float64Array.from(pairT),
    xAt,
    txPair,
    TPair
  };
  prepared.set(data, out);
  return out;
}

/**
 * Total log-likelihood, sum over triples of count x paretonbdLogLikIndividual, each term
 * computed as there (the same expressions), with the A0 terms and the per-x constants shared
 * between triples (prepareTriples).
 */
export function paretonbdLogLik(p: ParetoNbdParams, data: RfmData): number {
  const { r, alpha, s, beta } = p;
  const prep = prepareTriples(data);
  const { xs, pairX, pairT } = prep;
  const big = Math.max(alpha, beta);
  const diff = Math.abs(alpha - beta);
  const lead = new Float64Array(xs.length);
  const logShare = new Float64Array(xs.length);
  const fs: ((z: number) => number)[] = [];
  const lgr = lgamma(r);
  for (let k = 0; k < xs.length; k++) {
    const x = xs[k];
    const rsx = r + s + x;
    lead[k] = lgamma(r + x) - lgr + r * Math.log(alpha) + s * Math.log(beta);
    logShare[k] = Math.log(s / rsx);
    fs.push(hyp2f1Fixed(rsx, alpha >= beta ? s + 1 : r + x, rsx + 1));
  }
  const term = new Float64Array(pairX.length);
  const logAlphaT = new Float64Array(pairX.length);
  const logBetaT = new Float64Array(pairX.length);
  for (let j = 0; j < pairX.length; j++) {
    const k = pairX[j];
    const t = pairT[j];
    const rsx = r + s + xs[k];
    term[j] = Math.log(fs[k](diff / (big + t))) - rsx * Math.log(big + t);
    logAlphaT[j] = Math.log(alpha + t);
    logBetaT[j] = Math.log(beta + t);
  }
  let total = 0;
  for (let i = 0; i < data.length; i++) {
    const k = prep.xAt[i];
    const Tj = prep.TPair[i];
    const txj = prep.txPair[i];
    const alive = -(r + xs[k]) * logAlphaT[Tj] - s * logBetaT[Tj];
    const died = logShare[k] + (txj < 0 ? -Infinity : logSubExp(term[txj], term[Tj]));
    total += data.count[i] * (lead[k] + logAddExp(alive, died));
  }
  return total;
}

export function paretonbdPAlive(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  return pAliveWith(p, x, tx, T);
}

function pAliveWith(p: ParetoNbdParams, x: number, tx: number, T: number, cache?: TermCache): number {
  const { r, alpha, s, beta } = p;
  const logOdds =
    Math.log(s / (r + s + x)) + (r + x) * Math.log(alpha + T) + s * Math.log(beta + T) + logA0(p, x, tx, T, cache);
  return 1 / (1 + Math.exp(logOdds));
}

/** E[X(t)] = r beta / (alpha (s - 1)) [1 - (beta / (beta + t))^(s-1)] (eq. 25; limit r/alpha beta log(1 + t/beta) at s = 1). */
export function paretonbdExpectedTransactions(p: ParetoNbdParams, t: number): number {
  const { r, alpha, s, beta } = p;
  if (Math.abs(s - 1) < 1e-10) return (r / alpha) * beta * Math.log1p(t / beta);
  return ((r * beta) / (alpha * (s - 1))) * -Math.expm1((s - 1) * -Math.log1p(t / beta));
}

export function paretonbdConditionalExpected(p: ParetoNbdParams, x: number, tx: number, T: number, t: number): number {
  return conditionalExpectedWith(p, x, tx, T, t);
}

function conditionalExpectedWith(
  p: ParetoNbdParams,
  x: number,
  tx: number,
  T: number,
  t: number,
  cache?: TermCache
): number {
  const { r, alpha, s, beta } = p;
  const bT = beta + T;
  const growth =
    Math.abs(s - 1) < 1e-10 ? bT * Math.log1p(t / bT) : (bT / (s - 1)) * -Math.expm1((s - 1) * -Math.log1p(t / bT));
  return ((r + x) / (alpha + T)) * growth * pAliveWith(p, x, tx, T, cache);
}

export function paretonbdProbTransactions(p: ParetoNbdParams, t: number, n: number): number {
  const { r, alpha, s, beta } = p;
  if (t === 0) return n === 0 ? 1 : 0;
  const alive = Math.exp(logNbd(r, alpha, t, n) + s * Math.log(beta / (beta + t)));
  const died = integrate(
    (tau) => Math.exp(logNbd(r, alpha, tau, n) + Math.log(s) + s * Math.log(beta) - (s + 1) * Math.log(beta + tau)),
    0,
    t,
    { tolerance: 1e-10 }
  ).value;
  return alive + died;
}

/** Tricomi U(s, s, z) = 1/Gamma(s) int_0^inf e^(-z u) u^(s-1) / (1 + u) du (DLMF 13.4.4), log scale. */
export function logTricomiUss(s: number, z: number): number {
  const { value } = integrateToInfinity((u) => Math.exp(-z * u + (s - 1) * Math.log(u)) / (1 + u), 0, {
    tolerance: 1e-10
  });
  return Math.log(value) - lgamma(s);
}

export function paretonbdDert(p: ParetoNbdParams, x: number, tx: number, T: number, discount: number): number {
  checkDiscount(discount);
  const { r, alpha, s, beta } = p;
  const logL = paretonbdLogLikIndividual(p, x, tx, T);
  const logDert =
    r * Math.log(alpha) +
    s * Math.log(beta) +
    (s - 1) * Math.log(discount) +
    lgamma(r + x + 1) +
    logTricomiUss(s, discount * (beta + T)) -
    lgamma(r) -
    (r + x + 1) * Math.log(alpha + T) -
    logL;
  return Math.exp(logDert);
}

export function fitParetoNbd(data: RfmData, options: FitOptions = {}): FitResult<ParetoNbdParams> {
  requireRepeats(data, 'paretonbd');
  const bg = bgFamilyStart(data);
  return maximumLikelihood<ParetoNbdParams>(
    {
      model: 'paretonbd',
      paramNames: PARETONBD_PARAMS,
      logLik: (p) => paretonbdLogLik(p, data),
      start: { r: bg.r, alpha: bg.alpha, s: 1, beta: bg.alpha },
      n: data.customers
    },
    options
  );
}

export const paretoNbd: PurchaseModel<ParetoNbdParams> = {
  name: 'paretonbd',
  paramNames: PARETONBD_PARAMS,
  logLikIndividual: paretonbdLogLikIndividual,
  logLik: paretonbdLogLik,
  expectedTransactions: paretonbdExpectedTransactions,
  conditionalExpected: paretonbdConditionalExpected,
  conditionalExpectedMany: (p, t) => {
    // P(alive)'s 2F1 terms depend on (x, t_x) and (x, T): once each (logA0Term)
    const cache: TermCache = new Map();
    return (x, tx, T) => conditionalExpectedWith(p, x, tx, T, t, cache);
  },
  pAlive: paretonbdPAlive,
  probTransactions: paretonbdProbTransactions,
  dert: paretonbdDert,
  fit: fitParetoNbd
};

/**
 * DERT over a horizon H (Infinity: the lifetime, equal to eq. 2 above): given alive, the
 * posterior is lambda ~ Gamma(r + x, alpha + T) and, independently, mu ~ Gamma(s, beta + T)
 * (FH 2005 note, section 5), so with continuous discounting at delta
 *   DERT = P(alive) (r + x) / (alpha + T) int_0^H e^(-delta t) (1 + t / (beta + T))^(-s) dt,
 * the integral by tanh-sinh (finite H) or exp-sinh quadrature, relative tolerance 1e-10.
 */
export const paretonbdDertWithin = checkedDert<ParetoNbdParams>((p, x, tx, T, discount, horizon) => {
  if (!(horizon > 0)) throw new RangeError(`invalid horizon: ${horizon} periods (must be > 0)`);
  const B = p.beta + T;
  const f = (t: number) => Math.exp(-discount * t - p.s * Math.log1p(t / B));
  const { value } =
    horizon === Infinity
      ? integrateToInfinity(f, 0, { tolerance: 1e-10 })
      : integrate(f, 0, horizon, { tolerance: 1e-10 });
  return (paretonbdPAlive(p, x, tx, T) * (p.r + x) * value) / (p.alpha + T);
});
