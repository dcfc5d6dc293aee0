/**
 * Expected purchases in the next t periods of a customer known to be alive, in the
 * beta-geometric family (BG/NBD: Fader, Hardie & Lee 2005, eq. 9-10; MBG/NBD: Batislam et al.
 * 2007): rate lambda ~ Gamma(shape, rate), dropout p ~ Beta(a, b) after each purchase, so
 *   E[(1 - e^(-lambda p t)) / p] = E_p[(1 - (1 + p t / rate)^-shape) / p]
 *   = (a + b - 1)/(a - 1) [1 - (rate/(rate + t))^shape 2F1(shape, b; a + b - 1; t/(rate + t))].
 * The closed form has a removable singularity at a = 1, cancels when t << rate, its 2F1
 * argument rounds to 1 for t >> rate, and its terms cancel for a dropout Beta far from the
 * usual range (a -> 0 or b -> infinity, where an unidentified fit ends up). There
 * (|a - 1| < 0.01, t/(rate + t) < 1e-3 or > 1 - 1e-9, a < 0.01, b > 1000, or when the 2F1
 * series cannot converge or its value leaves [0, shape t / rate]) the one-dimensional
 * integral over p ~ Beta(a, b) is taken by tanh-sinh quadrature instead (below).
 * With (shape, rate, a, b) = (r, alpha, a, b) this is E[X(t)] of BG/NBD; with the posterior
 * (r + x, alpha + T, a, b + x) it is E[Y(t) | x, t_x, T] / P(alive).
 */
import { hyp2f1 } from '../special/hyp2f1.ts';
import { betaExpectation } from '../special/betaExpectation.ts';

/** outside a in [0.01, ...) and b in (..., 1000] the integral is always taken by quadrature */
const QUADRATURE_BELOW_A = 0.01;
const QUADRATURE_ABOVE_B = 1000;

/**
 * E_p[k(p)] with k(p) = (1 - (1 + p u)^-shape) / p, u = t / rate, p ~ Beta(a, b): k is bounded,
 * falling from k(0) = shape u, and the Beta expectation handles the p^(a - 1) weight of a small
 * a (which overflowed at the outermost nodes when integrated in p: "integrand is not finite").
 */
function byQuadrature(shape: number, rate: number, a: number, b: number, t: number): number {
  const u = t / rate;
  // expm1 and log1p keep every digit for small p u: no series needed
  const k = (p: number): number => (p === 0 ? shape * u : -Math.expm1(-shape * Math.log1p(p * u)) / p);
  if (a >= 1) return betaExpectation(k, a, b, 1e-12);
  // a < 1: k(0) + a / (a + b) E_(Beta(a + 1, b))[(k(p) - k(0)) / p], as in aliveDert.ts
  const k0 = shape * u;
  return Math.min(
    k0,
    Math.max(0, k0 + (a / (a + b)) * betaExpectation((p) => dividedDifference(shape, u, p), a + 1, b, 1e-12))
  );
}

/**
 * (k(p) - k(0)) / p = -u² g(p u) with g(w) = -(1 - (1 + w)^-s - s w) / w² = Σ_(n≥2) (-w)^(n-2) (s)_n / n!
 * ((s)_n the rising factorial): the series where w (s + 3) < 0.1 (terms fall tenfold, the first
 * dominates), else the difference itself, whose rounding is then below 1e-14 relative. The
 * difference alone loses digits as w -> 0 (it subtracts numbers near s u), which kept the
 * quadrature from converging to its tolerance (25,000 evaluations a call).
 */
function dividedDifference(shape: number, u: number, p: number): number {
  const w = p * u;
  if ((shape + 3) * w < 0.1) {
    let term = (shape * (shape + 1)) / 2;
    let sum = term;
    for (let n = 3; n < 60; n++) {
      term *= (-(shape + n - 1) * w) / n;
      sum += term;
      if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
    }
    return -u * u * sum;
  }
  const k = -Math.expm1(-shape * Math.log1p(w)) / p;
  return Math.min(0, k - shape * u) / p;
}

export function aliveExpectedTransactions(shape: number, rate: number, a: number, b: number, t: number): number {
  if (t === 0) return 0;
  const z = t / (rate + t);
  // the no-dropout value shape t / rate bounds the answer; the 2F1 route is used only in
  // the parameter region where it was checked against the quadrature (not for a dropout
  // Beta far from the usual range: a -> 0, b -> infinity, where its terms cancel)
  const bound = (shape * t) / rate;
  if (Math.abs(a - 1) < 0.01 || z < 1e-3 || z > 1 - 1e-9 || a < QUADRATURE_BELOW_A || b > QUADRATURE_ABOVE_B)
    return byQuadrature(shape, rate, a, b, t);
  try {
    const lead = Math.exp(shape * Math.log(rate / (rate + t)));
    const value = ((a + b - 1) / (a - 1)) * (1 - lead * hyp2f1(shape, b, a + b - 1, z));
    if (Number.isFinite(value) && value >= 0 && value <= bound * (1 + 1e-12)) return value;
  } catch {
    // the 2F1 series did not converge (c - a - b near an integer with z near 1)
  }
  return byQuadrature(shape, rate, a, b, t);
}
