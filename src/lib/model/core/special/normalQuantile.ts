/**
 * Standard normal quantile Φ⁻¹(p): Wichura (1988), "Algorithm AS 241: The percentage points
 * of the normal distribution", Applied Statistics 37(3), 477-484 (PPND16, about 16 digits).
 * The two regions of the algorithm used here cover 1e-11 < p < 1 - 1e-11 (|z| < 6.7), more
 * than any interval level or power a person types; beyond that the answer is a RangeError.
 */
/* eslint-disable no-loss-of-precision -- AS 241's coefficients as published (more digits than a double holds; parsing rounds them to the nearest double, as intended) */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p = ${p} (must be in (0, 1))`);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) *
          r +
          13731.693765509461125) *
          r +
          1971.5909503065514427) *
          r +
          133.14166789178437745) *
          r +
          3.387132872796366608)) /
      (((((((5226.495278852854561 * r + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) *
        r +
        5394.1960214247511077) *
        r +
        687.1870074920579083) *
        r +
        42.313330701600911252) *
        r +
        1)
    );
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  if (r > 5) throw new RangeError(`normalQuantile: p = ${p} is too far in the tail (|z| > 6.7)`);
  r -= 1.6;
  const value =
    (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
      1.27045825245236838258) *
      r +
      3.64784832476320460504) *
      r +
      5.7694972214606914055) *
      r +
      4.6303378461565452959) *
      r +
      1.42343711074968357734) /
    (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
      0.14810397642748007459) *
      r +
      0.68976733498510000455) *
      r +
      1.6763848301838038494) *
      r +
      2.05319162663775882187) *
      r +
      1);
  return q < 0 ? -value : value;
}
/* eslint-enable no-loss-of-precision */
