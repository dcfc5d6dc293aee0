/**
 * E[f(p)] for p ~ Beta(a, b) and f bounded on [0, 1], by tanh-sinh quadrature (integrate.ts).
 * f receives p and 1 - p, each computed without cancellation, so it can evaluate (1 - p)^k
 * near p = 1; it must accept p = 0 and p = 1.
 * - a, b >= 1: the density p^(a-1) (1-p)^(b-1) / B(a, b) is bounded and integrated in p;
 * - a < 1 (or b < 1): the density is singular at 0 (at 1). For a -> 0 its mass piles up
 *   closer to 0 than any double (P(p < 1e-300) = 1/2 for a = 0.001), and the weight
 *   p^(a-1) overflows at the quadrature's outermost nodes. The interval is split at 1/2 and,
 *   near a singular end, y = p^a (y = (1 - p)^b) is the variable: p^(a-1) dp = dy / a, a
 *   bounded integrand; p = exp(log(y) / a) keeps its digits to the smallest double.
 * Every term is >= 0 for f >= 0: no difference of large numbers is formed.
 */
import { integrate } from './integrate.ts';
import { lbeta } from './lbeta.ts';

/**
 * int over [0, 1/2] of f(p, 1 - p) p^(c-1) (1-p)^(d-1) / e^(logNorm) dp: `near` is the
 * distance from the end at 0 (p for the left half, 1 - p for the right half, with `c` the
 * exponent at that end).
 */
function half(
  f: (near: number, far: number) => number,
  c: number,
  d: number,
  logNorm: number,
  tolerance: number
): number {
  if (c >= 1) {
    return integrate(
      (x, fromLeft) => {
        const far = 1 - fromLeft;
        const density = Math.exp((c - 1) * Math.log(fromLeft) + (d - 1) * Math.log(far) - logNorm);
        return density === 0 ? 0 : density * f(fromLeft, far);
      },
      0,
      0.5,
      { tolerance }
    ).value;
  }
  // y = near^c on [0, 2^-c]
  const logLead = -Math.log(c) - logNorm;
  return integrate(
    (y, fromLeft) => {
      const logNear = Math.log(fromLeft) / c;
      const near = Math.exp(logNear);
      const far = -Math.expm1(logNear);
      const weight = Math.exp(logLead + (d - 1) * Math.log(far));
      return weight === 0 ? 0 : weight * f(near, far);
    },
    0,
    Math.pow(0.5, c),
    { tolerance }
  ).value;
}

export function betaExpectation(
  f: (p: number, oneMinusP: number) => number,
  a: number,
  b: number,
  tolerance = 1e-10
): number {
  if (!(a > 0) || !(b > 0) || !Number.isFinite(a) || !Number.isFinite(b))
    throw new RangeError(`betaExpectation: invalid Beta(${a}, ${b}) (both parameters finite and > 0)`);
  const logNorm = lbeta(a, b);
  if (a >= 1 && b >= 1) {
    return integrate(
      (p, fromLeft, fromRight) => {
        const density = Math.exp((a - 1) * Math.log(fromLeft) + (b - 1) * Math.log(fromRight) - logNorm);
        return density === 0 ? 0 : density * f(fromLeft, fromRight);
      },
      0,
      1,
      { tolerance }
    ).value;
  }
  const left = half((p, q) => f(p, q), a, b, logNorm, tolerance);
  const right = half((q, p) => f(p, q), b, a, logNorm, tolerance);
  return left + right;
}
