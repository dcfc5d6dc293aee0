/**
 * Expected purchases in the next t periods of a customer known to be alive, in the
 * beta-geometric family (BG/NBD: Fader, Hardie & Lee 2005, eq. 9-10; MBG/NBD: Batislam et al.
 * 2007): rate lambda ~ Gamma(shape, rate), dropout p ~ Beta(a, b) after each purchase, so
 *   E[(1 - e^(-lambda p t)) / p] = E_p[(1 - (1 + p t / rate)^-shape) / p]
 *   = (a + b - 1)/(a - 1) [1 - (rate/(rate + t))^shape 2F1(shape, b; a + b - 1; t/(rate + t))].
 * The closed form has a removable singularity at a = 1, cancels when t << rate, and its 2F1
 * argument rounds to 1 for t >> rate. There (|a - 1| < 0.01, t/(rate + t) < 1e-3 or
 * > 1 - 1e-9, or when the 2F1 series cannot converge) the one-dimensional integral over
 * p ~ Beta(a, b) is taken by tanh-sinh quadrature (relative tolerance 1e-12) instead.
 * With (shape, rate, a, b) = (r, alpha, a, b) this is E[X(t)] of BG/NBD; with the posterior
 * (r + x, alpha + T, a, b + x) it is E[Y(t) | x, t_x, T] / P(alive).
 */
import { hyp2f1 } from '../special/hyp2f1.ts';
import { integrate } from '../special/integrate.ts';
import { lbeta } from '../special/lbeta.ts';

function byQuadrature(shape: number, rate: number, a: number, b: number, t: number): number {
  const logB = lbeta(a, b);
  const u = t / rate;
  return integrate(
    (p, fromLeft, fromRight) => {
      // (1 - (1 + p u)^-shape) / p, by its Taylor series where p u is tiny
      const pu = fromLeft * u;
      const perP =
        pu < 1e-8 ? shape * u * (1 - ((shape + 1) * pu) / 2) : -Math.expm1(-shape * Math.log1p(pu)) / fromLeft;
      return Math.exp((a - 1) * Math.log(fromLeft) + (b - 1) * Math.log(fromRight) - logB + Math.log(perP));
    },
    0,
    1,
    { tolerance: 1e-12 }
  ).value;
}

export function aliveExpectedTransactions(shape: number, rate: number, a: number, b: number, t: number): number {
  if (t === 0) return 0;
  const z = t / (rate + t);
  if (Math.abs(a - 1) < 0.01 || z < 1e-3 || z > 1 - 1e-9) return byQuadrature(shape, rate, a, b, t);
  try {
    const lead = Math.exp(shape * Math.log(rate / (rate + t)));
    const value = ((a + b - 1) / (a - 1)) * (1 - lead * hyp2f1(shape, b, a + b - 1, z));
    if (Number.isFinite(value) && value >= 0) return value;
  } catch {
    // the 2F1 series did not converge (c - a - b near an integer with z near 1)
  }
  return byQuadrature(shape, rate, a, b, t);
}
