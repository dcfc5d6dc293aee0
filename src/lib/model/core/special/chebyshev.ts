/**
 * Chebyshev interpolation of a smooth function on [lo, hi]: values at the n Chebyshev
 * points of the first kind, coefficients by the discrete cosine sum, evaluation by
 * Clenshaw's recurrence (Press et al., Numerical Recipes, 3rd ed., section 5.8 `chebft`,
 * `chebev`). For a function analytic in a Bernstein ellipse of parameter rho around the
 * interval the error falls like rho^-n.
 */
export interface Chebyshev {
  lo: number;
  hi: number;
  coefficients: Float64Array;
}

export function chebyshevFit(f: (x: number) => number, lo: number, hi: number, n: number): Chebyshev {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi))
    throw new RangeError(`chebyshevFit: invalid interval [${lo}, ${hi}]`);
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`chebyshevFit: invalid order ${n} (an integer >= 2)`);
  const mid = (hi + lo) / 2;
  const half = (hi - lo) / 2;
  const values = new Float64Array(n);
  for (let k = 0; k < n; k++) values[k] = f(mid + half * Math.cos((Math.PI * (k + 0.5)) / n));
  const coefficients = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += values[k] * Math.cos((Math.PI * j * (k + 0.5)) / n);
    coefficients[j] = (2 / n) * sum;
  }
  return { lo, hi, coefficients };
}

/** The interpolant at x in [lo, hi]. */
export function chebyshevValue(c: Chebyshev, x: number): number {
  const y = (2 * x - c.lo - c.hi) / (c.hi - c.lo);
  const y2 = 2 * y;
  const k = c.coefficients;
  let d = 0;
  let dd = 0;
  for (let j = k.length - 1; j >= 1; j--) {
    const sv = d;
    d = y2 * d - dd + k[j];
    dd = sv;
  }
  return y * d - dd + 0.5 * k[0];
}
