/**
 * Gauss's hypergeometric function 2F1(a, b; c; z) for real parameters and real z < 1.
 *
 * The BTYD models need it with positive parameters and z in (-inf, 1): the Pareto/NBD
 * likelihood (Fader & Hardie 2005, "A note on deriving the Pareto/NBD model", eq. 22-23,
 * z in [0, 1)), the BG/NBD conditional expectation (Fader, Hardie & Lee 2005, eq. 10,
 * z = t / (alpha + T + t) -> 1 for long horizons) and DERL of the sBG (Fader & Hardie
 * 2010, eq. 6).
 *
 * Method (Abramowitz & Stegun 15.1.1, 15.3.5, 15.3.6):
 * - z < 0: Pfaff transformation 2F1(a, b; c; z) = (1 - z)^-a 2F1(a, c - b; c; z / (z - 1))
 *   to a positive argument;
 * - 0 <= z <= 0.9: the Gauss series, summed until a term is below 1e-16 of the sum
 *   (relative truncation error ~1e-15 given the geometric decay of the tail);
 * - 0.9 < z < 1 with c - a - b at least 0.05 away from an integer: the 1 - z connection
 *   formula (A&S 15.3.6), two series in 1 - z < 0.1, coefficients from signed log-gammas;
 * - otherwise the Gauss series (slower near z = 1, still convergent, capped at 2e6 terms).
 * The result is accurate to about 1e-13 relative where no catastrophic cancellation occurs
 * in the connection formula (it occurs only when the result is tiny compared with its terms).
 */
import { gammaSign, lgamma } from './lgamma.ts';

const MAX_TERMS = 2_000_000;

function series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  let compensation = 0;
  for (let n = 0; n < MAX_TERMS; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    // Kahan summation: alternating or long series keep their last digits
    const y = term - compensation;
    const t = sum + y;
    compensation = t - sum - y;
    sum = t;
    if (term === 0 || Math.abs(term) <= 1e-16 * Math.abs(sum)) return sum;
    if (!Number.isFinite(sum)) return sum;
  }
  throw new RangeError(`hyp2f1(${a}, ${b}; ${c}; ${z}): series did not converge in ${MAX_TERMS} terms`);
}

/** log|Gamma(x)| and sign, with sign 0 at the poles (so 1/Gamma = 0 there). */
function signedLgamma(x: number): { log: number; sign: number } {
  return { log: lgamma(x), sign: gammaSign(x) };
}

function connection(a: number, b: number, c: number, z: number): number {
  // A&S 15.3.6: F(a,b;c;z) = G1 F(a,b;a+b-c+1;1-z) + (1-z)^(c-a-b) G2 F(c-a,c-b;c-a-b+1;1-z)
  const w = 1 - z;
  const d = c - a - b;
  const gc = signedLgamma(c);
  const gd = signedLgamma(d);
  const gmd = signedLgamma(-d);
  const gca = signedLgamma(c - a);
  const gcb = signedLgamma(c - b);
  const ga = signedLgamma(a);
  const gb = signedLgamma(b);
  let total = 0;
  // 1 / Gamma at a pole is 0: that term vanishes
  if (gca.sign !== 0 && gcb.sign !== 0) {
    const s = gc.sign * gd.sign * gca.sign * gcb.sign;
    total += s * Math.exp(gc.log + gd.log - gca.log - gcb.log) * series(a, b, 1 - d, w);
  }
  if (ga.sign !== 0 && gb.sign !== 0) {
    const s = gc.sign * gmd.sign * ga.sign * gb.sign;
    total += s * Math.exp(d * Math.log(w) + gc.log + gmd.log - ga.log - gb.log) * series(c - a, c - b, d + 1, w);
  }
  return total;
}

function distanceToInteger(x: number): number {
  return Math.abs(x - Math.round(x));
}

/**
 * 2F1(a, b; c; z) as a function of z for fixed (a, b, c), for a likelihood that evaluates one
 * (a, b, c) at many arguments (the Pareto/NBD's per-x terms). The branches of hyp2f1 below,
 * the log-gamma coefficients of the connection formula computed once (on first use), and one
 * more: with c = a + 1 (the Pareto/NBD's A0, FH 2005 note eq. 22-23), b < c and 0 < z <= 0.99,
 * Euler's transformation (A&S 15.3.3)
 *   2F1(a, b; a + 1; z) = (1 - z)^(1 - b) 2F1(1, a + 1 - b; a + 1; z),
 * whose series has positive terms falling at least as fast as z^n. For large a (the ridge
 * where s and beta grow together) the Gauss series of the left side needs ~a z / (1 - z)
 * terms and the connection formula loses every digit to cancellation (at a = 1206.5,
 * b = 2.2, z = 0.95 it gives a negative number); the right side does neither.
 */
export function hyp2f1Fixed(a: number, b: number, c: number): (z: number) => number {
  if (![a, b, c].every(Number.isFinite) || (c <= 0 && Number.isInteger(c)) || a === 0 || b === 0)
    return (z) => hyp2f1(a, b, c, z);
  const terminating = (a <= 0 && Number.isInteger(a)) || (b <= 0 && Number.isInteger(b));
  const useConnection = !terminating && distanceToInteger(c - a - b) >= 0.05;
  const euler = c === a + 1 && a > 0 && b > 0 && b < c;
  const d = c - a - b;
  let coefficients: { first: number; second: number; secondSign: number } | null = null;
  const connectionAt = (z: number): number => {
    if (!coefficients) {
      const gc = signedLgamma(c);
      const gd = signedLgamma(d);
      const gmd = signedLgamma(-d);
      const gca = signedLgamma(c - a);
      const gcb = signedLgamma(c - b);
      const ga = signedLgamma(a);
      const gb = signedLgamma(b);
      coefficients = {
        first:
          gca.sign !== 0 && gcb.sign !== 0
            ? gc.sign * gd.sign * gca.sign * gcb.sign * Math.exp(gc.log + gd.log - gca.log - gcb.log)
            : 0,
        secondSign: ga.sign !== 0 && gb.sign !== 0 ? gc.sign * gmd.sign * ga.sign * gb.sign : 0,
        second: gc.log + gmd.log - ga.log - gb.log
      };
    }
    const { first, second, secondSign } = coefficients;
    const w = 1 - z;
    let total = 0;
    if (first !== 0) total += first * series(a, b, 1 - d, w);
    if (secondSign !== 0) total += secondSign * Math.exp(d * Math.log(w) + second) * series(c - a, c - b, d + 1, w);
    return total;
  };
  return (z: number): number => {
    if (!(z > 0 && z < 1)) return hyp2f1(a, b, c, z);
    if (euler && z <= 0.99) return Math.exp((1 - b) * Math.log1p(-z)) * series(1, c - b, c, z);
    if (z <= 0.9 || !useConnection) return series(a, b, c, z);
    return connectionAt(z);
  };
}

export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (![a, b, c, z].every(Number.isFinite)) {
    throw new RangeError(`hyp2f1(${a}, ${b}; ${c}; ${z}): arguments must be finite`);
  }
  if (c <= 0 && Number.isInteger(c)) {
    throw new RangeError(`hyp2f1(${a}, ${b}; ${c}; ${z}): c must not be a non-positive integer`);
  }
  if (z >= 1) {
    if (z === 1 && c - a - b > 0) {
      // Gauss's theorem (A&S 15.1.20)
      const s = gammaSign(c) * gammaSign(c - a - b) * gammaSign(c - a) * gammaSign(c - b);
      return s * Math.exp(lgamma(c) + lgamma(c - a - b) - lgamma(c - a) - lgamma(c - b));
    }
    throw new RangeError(`hyp2f1(${a}, ${b}; ${c}; ${z}): z must be < 1 (the series diverges)`);
  }
  if (z === 0 || a === 0 || b === 0) return 1;
  if (z < 0) {
    // Pfaff (A&S 15.3.5): pick the form whose new upper parameter keeps the series well-behaved
    const w = z / (z - 1);
    return Math.exp(-a * Math.log1p(-z)) * hyp2f1(a, c - b, c, w);
  }
  if (z <= 0.9) return series(a, b, c, z);
  // terminating series (a or b a non-positive integer) are exact as polynomials
  if ((a <= 0 && Number.isInteger(a)) || (b <= 0 && Number.isInteger(b))) return series(a, b, c, z);
  if (distanceToInteger(c - a - b) >= 0.05) return connection(a, b, c, z);
  return series(a, b, c, z);
}
