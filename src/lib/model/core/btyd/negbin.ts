/**
 * The NBD (gamma-mixed Poisson) count law shared by the BTYD purchase models:
 * P(N(t) = n) = Gamma(r + n) / (Gamma(r) n!) (alpha / (alpha + t))^r (t / (alpha + t))^n
 * (Fader, Hardie & Lee 2005, "Counting your customers the easy way", eq. 8 building block),
 * in log space.
 */
import { lgamma } from '../special/lgamma.ts';

export function logNbd(r: number, alpha: number, t: number, n: number): number {
  if (t === 0) return n === 0 ? 0 : -Infinity;
  return lgamma(r + n) - lgamma(r) - lgamma(n + 1) + r * Math.log(alpha / (alpha + t)) + n * Math.log(t / (alpha + t));
}

/** P(N(t) < n) = sum_{j < n} P(N(t) = j), by the NBD term recurrence. */
export function nbdCdfBelow(r: number, alpha: number, t: number, n: number): number {
  if (n <= 0) return 0;
  const q = t / (alpha + t);
  let term = Math.exp(r * Math.log(alpha / (alpha + t)));
  let sum = 0;
  for (let j = 0; j < n; j++) {
    sum += term;
    term *= ((r + j) / (j + 1)) * q;
  }
  return Math.min(1, sum);
}
