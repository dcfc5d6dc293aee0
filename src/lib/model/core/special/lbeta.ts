/**
 * log B(a, b) = log Gamma(a) + log Gamma(b) - log Gamma(a + b) for a, b > 0 (A&S 6.2.2).
 * When one argument dwarfs the other the difference log Gamma(b) - log Gamma(a + b) is
 * formed from the Stirling expansion to avoid cancelling two large numbers.
 */
import { lgamma } from './lgamma.ts';

export function lbeta(a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) return NaN;
  const small = Math.min(a, b);
  const large = Math.max(a, b);
  if (large > 1e6 && small < 1e-3 * large) {
    // log Gamma(L) - log Gamma(L + s) = -s log L + O(s^2 / L) (A&S 6.1.47), with the next terms
    const L = large;
    const s = small;
    const diff = -(L + s - 0.5) * Math.log1p(s / L) - s * Math.log(L) + s + (1 / 12) * (1 / L - 1 / (L + s));
    return lgamma(small) + diff;
  }
  return lgamma(a) + lgamma(b) - lgamma(a + b);
}
