/**
 * splitmix32: a 32-bit integer hash / sequence generator used to turn one user seed
 * into well-mixed generator state and to derive independent sub-seeds.
 *
 * The finaliser is the 32-bit "lowbias32" mixer (Chris Wellons, "Prospecting for hash
 * functions", 2018; constants 0x21f0aaad, 0x735a2d97), applied to a Weyl sequence
 * with increment 0x9e3779b9 (golden ratio), in the spirit of Steele, Lea & Flood (2014)
 * "Fast splittable pseudorandom number generators" (SplitMix).
 */

/** The golden-ratio Weyl increment, floor(2^32 / phi). */
export const GOLDEN_GAMMA = 0x9e3779b9;

/** Mixes a 32-bit integer into a well-distributed 32-bit unsigned integer (bijective). */
export function mix32(z: number): number {
  z = z >>> 0;
  z ^= z >>> 16;
  z = Math.imul(z, 0x21f0aaad);
  z ^= z >>> 15;
  z = Math.imul(z, 0x735a2d97);
  z ^= z >>> 15;
  return z >>> 0;
}

/** A splitmix32 stream: successive calls return mixed values of seed + k * GOLDEN_GAMMA. */
export function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + GOLDEN_GAMMA) >>> 0;
    return mix32(state);
  };
}

/** Normalises any finite number into a uint32 seed (so 1.5, -3 and 2^40 are all accepted). */
export function toSeed32(seed: number): number {
  if (!Number.isFinite(seed)) throw new RangeError(`invalid seed: ${seed} (must be a finite number)`);
  // fold the high bits of large seeds in so that 2^32 + 1 differs from 1
  const hi = Math.floor(seed / 4294967296);
  const lo = seed - hi * 4294967296;
  return (mix32(hi >>> 0) ^ Math.floor(lo)) >>> 0;
}

/**
 * Derives the k-th independent seed from `seed` (k = 0, 1, 2 ...). Streams created from
 * splitSeed(s, 0), splitSeed(s, 1), ... are statistically independent for practical purposes:
 * each sub-seed is a double mixing of (seed, k), so neighbouring k give unrelated states.
 */
export function splitSeed(seed: number, k: number): number {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`invalid stream index: ${k} (must be an integer >= 0)`);
  const s = toSeed32(seed);
  return mix32(s ^ mix32((Math.imul(k + 1, GOLDEN_GAMMA) ^ 0x5bd1e995) >>> 0)) >>> 0;
}
