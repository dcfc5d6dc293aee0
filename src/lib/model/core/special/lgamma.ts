/**
 * log |Gamma(x)| for real x (not a non-positive integer).
 *
 * x > 0: Lanczos approximation with g = 671/128 and 14 coefficients as given in Press,
 * Teukolsky, Vetterling & Flannery, "Numerical Recipes" 3rd ed. (2007), section 6.1
 * (gammln), stated there to be accurate to double precision: relative error below
 * ~1e-15 away from the zeros at x = 1 and x = 2, and absolute error below ~2e-15 near them.
 * Large x (>= 1e7) uses the Stirling series (Abramowitz & Stegun 6.1.41) directly.
 * x < 0: the reflection formula Gamma(x) Gamma(1 - x) = pi / sin(pi x) (A&S 6.1.17).
 */
// The coefficients are kept digit for digit as published (Numerical Recipes 3rd ed., gammln),
// so they can be checked against the source; the parser rounds each to the nearest double.
/* eslint-disable no-loss-of-precision */
const COF = [
  57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199, 0.339946499848118887e-4,
  0.465236289270485756e-4, -0.983744753048795646e-4, 0.158088703224912494e-3, -0.210264441724104883e-3,
  0.217439618115212643e-3, -0.16431810653676389e-3, 0.844182239838527433e-4, -0.261908384015814087e-4,
  0.368991826595316234e-5
];
/* eslint-enable no-loss-of-precision */
const LOG_SQRT_2PI = 0.9189385332046728;

export function lgamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) {
    if (Number.isInteger(x)) return Infinity;
    // reflection; sin(pi x) computed on the reduced argument to keep accuracy for large |x|
    const s = Math.abs(sinPi(x));
    return Math.log(Math.PI / s) - lgamma(1 - x);
  }
  if (x === Infinity) return Infinity;
  if (x >= 1e7) {
    const inv = 1 / x;
    const inv2 = inv * inv;
    return (x - 0.5) * Math.log(x) - x + LOG_SQRT_2PI + inv * (1 / 12 - inv2 * (1 / 360 - inv2 / 1260));
  }
  let y = x;
  const tmp0 = x + 5.2421875;
  const tmp = (x + 0.5) * Math.log(tmp0) - tmp0;
  // eslint-disable-next-line no-loss-of-precision -- as published, see COF
  let ser = 0.999999999999997092;
  for (let j = 0; j < 14; j++) ser += COF[j] / ++y;
  // sqrt(2 pi), as published
  // eslint-disable-next-line no-loss-of-precision
  return tmp + Math.log((2.5066282746310005 * ser) / x);
}

/** sin(pi x) with exact zeros at the integers. */
export function sinPi(x: number): number {
  const r = x - 2 * Math.floor(x / 2); // r in [0, 2)
  if (r === 0 || r === 1) return 0;
  if (r < 0.5) return Math.sin(Math.PI * r);
  if (r < 1.5) return -Math.sin(Math.PI * (r - 1));
  return -Math.sin(Math.PI * (2 - r));
}

/** Sign of Gamma(x): +1 for x > 0, alternating on the negative intervals, 0 at the poles. */
export function gammaSign(x: number): number {
  if (x > 0) return 1;
  if (Number.isInteger(x)) return 0;
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}
