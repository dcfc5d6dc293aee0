/**
 * log(1 - exp(-a)) for a >= 0, accurate over the whole range (Maechler 2012, "Accurately
 * computing log(1 - exp(-|a|))", CRAN Rmpfr vignette): log(-expm1(-a)) for a <= ln 2,
 * log1p(-exp(-a)) above.
 */
export function log1mexp(a: number): number {
  if (a < 0 || Number.isNaN(a)) return NaN;
  if (a === 0) return -Infinity;
  return a <= Math.LN2 ? Math.log(-Math.expm1(-a)) : Math.log1p(-Math.exp(-a));
}

/** log(exp(a) - exp(b)) for a >= b. */
export function logSubExp(a: number, b: number): number {
  if (b > a) return NaN;
  if (b === -Infinity) return a;
  return a + log1mexp(a - b);
}
