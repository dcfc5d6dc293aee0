/**
 * Dictionary encoding, the one way the project finds distinct values: the index of each of n
 * values in the list of distinct values, numbered in the order they are first seen. The fits
 * use it to compute a term once per distinct x or time, the data layer to store a string
 * column as a dictionary and codes.
 */
export function encodeDistinct<T>(
  n: number,
  valueAt: (i: number) => T,
  /** filled with the distinct values, in the order first seen (may hold earlier ones) */
  distinct: T[] = [],
  /** each value's index in `distinct`; pass the same map to number several columns together */
  lookup: Map<T, number> = new Map()
): Int32Array {
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = valueAt(i);
    let k = lookup.get(v);
    if (k === undefined) {
      k = distinct.length;
      lookup.set(v, k);
      distinct.push(v);
    }
    codes[i] = k;
  }
  return codes;
}

/**
 * The n values valueAt(0), …, valueAt(n - 1) as a Float64Array, by a plain loop:
 * Float64Array.from with a mapping function takes a slow generic path in V8 (about 14 ms
 * against 0.6 ms for 211,000 values), which the fit step on a warehouse summary met a dozen times.
 */
export function float64Of(n: number, valueAt: (i: number) => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = valueAt(i);
  return out;
}
