/**
 * Discounted expected transactions of a customer known to be alive, in the beta-geometric
 * family (BG/NBD: Fader, Hardie & Lee 2005, "Counting your customers the easy way"; MBG/NBD:
 * Batislam et al. 2007): while alive she buys at rate lambda ~ Gamma(shape, rate) and drops out
 * after each purchase with probability p ~ Beta(a, b). With continuous discounting at delta per
 * period and a horizon H (Infinity for the lifetime),
 *
 *   D = E[ int_0^H e^(-delta t) lambda e^(-p lambda t) dt ]
 *
 * (purchases arrive at rate lambda until the one after which she leaves, a Poisson process
 * thinned at rate p lambda, so E[dN(t) | lambda, p] = lambda e^(-p lambda t) dt). With the
 * posterior (r + x, alpha + T, a, b + x) and times P(alive) this is the BG/NBD DERT of Fader,
 * Hardie & Lee (2005) "RFM and CLV", JMR 42(4), eq. 1, over a horizon.
 *
 * Derivation used here (one smooth integral instead of the Gaussian hypergeometric function):
 * 1. over lambda: E[lambda e^(-p lambda t)] = (shape / rate) (1 + p t / rate)^-(shape + 1);
 * 2. over time, with tau = t / rate and c = delta rate:
 *    h(p) = int_0^(H / rate) e^(-c tau) (1 + p tau)^-(shape + 1) dtau
 *         = [G(z) - e^(-delta H) (1 + p H / rate)^-shape G(z + delta H)] / p,  z = c / p,
 *    with G = G_(shape + 1) the scaled exponential integral (special/scaledExpIntegralE.ts) and
 *    the second term only for a finite horizon (the tail beyond H starts afresh);
 * 3. over p: D = shape E[h(p)], a bounded integrand in p (0 < h(p) <= h(0) = (1 - e^(-delta H)) / c),
 *    taken by tanh-sinh quadrature against the Beta density (special/betaExpectation.ts, relative
 *    tolerance 1e-10). For a < 1 the density is singular at 0; since p Beta(a, b)-density =
 *    a / (a + b) Beta(a + 1, b)-density, E[h(p)] = h(0) + a / (a + b) E_(Beta(a + 1, b))[(h(p) - h(0)) / p],
 *    whose integrand is bounded by |h'(0)|.
 * Consequences that the tests check: 0 <= D <= shape (1 - e^(-delta H)) / (rate delta), the
 * no-dropout (Poisson-Gamma) closed form, reached as a -> 0 or b -> infinity; D grows with H
 * and shape, falls with delta, rate and the dropout.
 */
import { betaExpectation } from '../special/betaExpectation.ts';
import { scaledExpIntegralE } from '../special/scaledExpIntegralE.ts';

const TOLERANCE = 1e-10;

/** The no-dropout bound shape (1 - e^(-delta H)) / (rate delta): an alive customer who never leaves. */
export function noDropoutDiscountedTransactions(
  shape: number,
  rate: number,
  delta: number,
  horizon = Infinity
): number {
  return (shape * horizonFactor(delta, horizon)) / (rate * delta);
}

/** 1 - e^(-delta H), the discounted share of a perpetuity that falls within the horizon */
function horizonFactor(delta: number, horizon: number): number {
  return horizon === Infinity ? 1 : -Math.expm1(-delta * horizon);
}

function check(shape: number, rate: number, a: number, b: number, delta: number, horizon: number): void {
  for (const [name, v] of [
    ['shape', shape],
    ['rate', rate],
    ['a', a],
    ['b', b],
    ['discount', delta]
  ] as const) {
    if (!(v > 0) || !Number.isFinite(v))
      throw new RangeError(`aliveDiscountedTransactions: invalid ${name} = ${v} (must be a finite number > 0)`);
  }
  if (!(horizon > 0)) throw new RangeError(`aliveDiscountedTransactions: invalid horizon = ${horizon} (must be > 0)`);
}

export function aliveDiscountedTransactions(
  shape: number,
  rate: number,
  a: number,
  b: number,
  delta: number,
  horizon = Infinity
): number {
  check(shape, rate, a, b, delta, horizon);
  const n = shape + 1;
  const c = delta * rate;
  const finite = horizon !== Infinity;
  const dH = delta * horizon;
  const tauH = horizon / rate;
  const h0 = horizonFactor(delta, horizon) / c;
  // below this p, h(p) = h(0) to double precision (h'(0) / h(0) is about -(shape + 1) / c),
  // and c / p could overflow
  const pNegligible = (1e-17 * c) / n;
  const h = (p: number): number => {
    if (p < pNegligible) return h0;
    const z = c / p;
    let g = scaledExpIntegralE(n, z);
    if (finite) g -= Math.exp(-dH - shape * Math.log1p(p * tauH)) * scaledExpIntegralE(n, z + dH);
    // within (0, h(0)]: rounding must not make D exceed its bound
    return Math.min(h0, Math.max(0, g / p));
  };
  if (a >= 1) return shape * betaExpectation(h, a, b, TOLERANCE);
  // a < 1: h(0) + a / (a + b) E_(Beta(a + 1, b))[(h(p) - h(0)) / p], a bounded integrand against a
  // density without the p^(a - 1) singularity (and about 5x cheaper than the substitution);
  // the difference loses about log10(h(0) / E[h]) digits, a few at worst at realistic discounts
  const slope0 = finite ? (-n * (-Math.expm1(-dH) - dH * Math.exp(-dH))) / (c * c) : -n / (c * c);
  const divided = (p: number): number => (p < 1e-13 * Math.min(1, c / n) ? slope0 : Math.min(0, h(p) - h0) / p);
  const value = h0 + (a / (a + b)) * betaExpectation(divided, a + 1, b, TOLERANCE);
  return shape * Math.min(h0, Math.max(0, value));
}

/** below this bound on DERT, P(alive) times the no-dropout value, the answer is 0 to double precision for any CLV */
const NEGLIGIBLE_DERT = 1e-12;

/**
 * DERT of a beta-geometric-family customer: P(alive) times the alive customer's discounted
 * expected transactions under the posterior (shape, rate, a, b); 0 when even the no-dropout
 * bound is negligible.
 */
export function betaGeometricDert(
  pAlive: number,
  shape: number,
  rate: number,
  a: number,
  b: number,
  delta: number,
  horizon = Infinity
): number {
  if (pAlive * noDropoutDiscountedTransactions(shape, rate, delta, horizon) < NEGLIGIBLE_DERT) return 0;
  return pAlive * aliveDiscountedTransactions(shape, rate, a, b, delta, horizon);
}
