/**
 * The one quantile of the project: type 7 of Hyndman & Fan (1996), linear between
 * order statistics (R's default, numpy's 'linear'): with h = (n - 1) q, the value is
 * x[⌊h⌋] + (h - ⌊h⌋)(x[⌊h⌋ + 1] - x[⌊h⌋]). NaN for no values. Below it the same quantile
 * of values that stand for several customers each (groups of a compressed summary).
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Type-7 quantile of the customers behind sorted values with weights (row i stands for
 * weights[i] customers of value sorted[i]): the same number as quantileSorted over the values
 * repeated by their weights, without repeating them. 0 for no customers.
 */
export function weightedQuantileSorted(sorted: ArrayLike<number>, weights: ArrayLike<number>, q: number): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i];
  if (!(total > 0)) return 0;
  const h = (total - 1) * q;
  const lo = Math.floor(h);
  // the value at 0-based position k of the repeated list
  let i = 0;
  let before = 0;
  const at = (k: number) => {
    while (i < sorted.length - 1 && before + weights[i] <= k) before += weights[i++];
    return sorted[i];
  };
  const a = at(lo);
  const b = lo + 1 < total ? at(lo + 1) : a;
  return a + (h - lo) * (b - a);
}
