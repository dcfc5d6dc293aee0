/** Small helpers over the projection's Float64 series. */

/** FNV-1a over the bits of the first n values (a cache key for a weekly factor series). */
export function hashSeries(xs: Float64Array, n: number): string {
  const u = new Uint32Array(xs.buffer, xs.byteOffset, n * 2);
  let h = 0x811c9dc5;
  for (let i = 0; i < u.length; i++) h = Math.imul(h ^ u[i], 0x01000193) >>> 0;
  return h.toString(36);
}

export function sum(xs: ArrayLike<number>, n = xs.length): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += xs[i];
  return s;
}
