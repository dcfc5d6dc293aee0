/**
 * The digamma function psi(x) = d/dx log Gamma(x).
 *
 * Recurrence psi(x) = psi(x + 1) - 1/x (A&S 6.3.5) up to x >= 10, then the asymptotic
 * expansion psi(x) ~ ln x - 1/(2x) - sum B_2k / (2k x^2k) (A&S 6.3.18) through k = 6;
 * the truncation error at x = 10 is below 1e-16. Negative x by reflection
 * psi(1 - x) - psi(x) = pi cot(pi x) (A&S 6.3.7).
 */
export function digamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) {
    if (Number.isInteger(x)) return NaN;
    return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  }
  let acc = 0;
  while (x < 10) {
    acc -= 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  // Bernoulli numbers: B2 = 1/6, B4 = -1/30, B6 = 1/42, B8 = -1/30, B10 = 5/66, B12 = -691/2730
  const series =
    inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760))))));
  return acc + Math.log(x) - 0.5 / x - series;
}

/**
 * The trigamma function psi'(x) = d^2/dx^2 log Gamma(x) for x > 0: recurrence
 * psi'(x) = psi'(x + 1) + 1/x^2 (A&S 6.4.6) up to x >= 10, then the asymptotic expansion
 * psi'(x) ~ 1/x + 1/(2x^2) + sum B_2k / x^(2k+1) (A&S 6.4.12) through k = 6 (truncation
 * error at x = 10 below 1e-17). NaN for x <= 0 (the fits never need it there).
 */
export function trigamma(x: number): number {
  if (!(x > 0)) return NaN;
  let acc = 0;
  while (x < 10) {
    acc += 1 / (x * x);
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  // Bernoulli numbers B2 = 1/6, B4 = -1/30, B6 = 1/42, B8 = -1/30, B10 = 5/66, B12 = -691/2730
  const series =
    inv2 * (1 / 6 - inv2 * (1 / 30 - inv2 * (1 / 42 - inv2 * (1 / 30 - inv2 * (5 / 66 - inv2 * (691 / 2730))))));
  return acc + inv + 0.5 * inv2 + inv * series;
}
