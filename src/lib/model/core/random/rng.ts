/**
 * A seeded pseudo-random generator and the samplers the models need.
 *
 * Core: sfc32 (Chris Doty-Humphrey's "Small Fast Counting" generator from PractRand,
 * 128-bit state, passes PractRand to >= 2^40 bytes), seeded through splitmix32 and
 * warmed up for 12 rounds. Uniforms carry 53 random bits (two 32-bit outputs).
 *
 * Samplers:
 * - normal: Marsaglia & Bray (1964) polar method, the spare deviate is cached.
 * - gamma(shape, rate): Marsaglia & Tsang (2000) "A simple method for generating gamma
 *   variables", ACM TOMS 26(3); for shape < 1 the boost Gamma(a) = Gamma(a+1) * U^(1/a)
 *   (same paper, section 6), taken in log space so that tiny shapes do not underflow.
 * - beta(a, b): X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b), computed from the log-gammas
 *   as 1 / (1 + exp(log Y - log X)) so that small a, b (U-shaped Betas) stay exact.
 * - poisson(mean): sequential-search inversion for mean < 10; otherwise PTRS, the
 *   transformed rejection with squeeze of Hoermann (1993) "The transformed rejection method
 *   for generating Poisson random variables", Insurance: Mathematics and Economics 12.
 * - exponential(rate): inversion, -log1p(-U) / rate.
 * - geometric(p): number of Bernoulli(p) trials up to and including the first success
 *   (support 1, 2, ...), by inversion: 1 + floor(log(V) / log1p(-p)), V in (0, 1].
 * - int(n): uniform integer in [0, n).
 */
import { splitmix32, toSeed32 } from './splitmix32.ts';

export interface Rng {
  /** the seed the generator was created with (as a uint32) */
  readonly seed: number;
  /** uniform on [0, 1) with 53 random bits */
  uniform(): number;
  /** standard normal N(0, 1) */
  normal(): number;
  /** Gamma with the given shape and rate (mean shape / rate) */
  gamma(shape: number, rate: number): number;
  /** natural log of a Gamma(shape, rate) draw, exact for tiny shapes where the draw underflows */
  logGamma(shape: number, rate: number): number;
  /** Beta(a, b) */
  beta(a: number, b: number): number;
  /**
   * A Gamma(shape, rate) sampler for hot loops: the parameters are checked and the
   * shape's constants worked out once; it draws the same numbers `gamma` would.
   */
  gammaSampler(shape: number, rate: number): () => number;
  /** A Beta(a, b) sampler for hot loops; draws the same numbers `beta` would. */
  betaSampler(a: number, b: number): () => number;
  /** Poisson with the given mean */
  poisson(mean: number): number;
  /** Exponential with the given rate (mean 1 / rate) */
  exponential(rate: number): number;
  /** trials until the first success of Bernoulli(p) trials, >= 1 (mean 1 / p) */
  geometric(p: number): number;
  /** uniform integer in [0, n) */
  int(n: number): number;
}

const TWO_POW_M53 = 1 / 9007199254740992;

function positive(name: string, what: string, value: number): void {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`invalid ${name} ${what}: ${value} (must be a finite number > 0)`);
  }
}

/** log U^(1/a) of the boost Gamma(a) = Gamma(a + 1) * U^(1/a) for a < 1; hugely negative for tiny a. */
function logBoost(shape: number, uniform: () => number): number {
  let u = uniform();
  while (u === 0) u = uniform();
  return Math.log(u) / shape;
}

/** X / (X + Y) from log X and log Y: 1 / (1 + exp(ly - lx)), exact even when both gammas underflow. */
function betaFromLogGammas(lx: number, ly: number): number {
  const diff = ly - lx;
  return diff > 0 ? Math.exp(-diff) / (1 + Math.exp(-diff)) : 1 / (1 + Math.exp(diff));
}

/** log-Gamma(shape, 1) draw by Marsaglia-Tsang, with the log-space boost for shape < 1. */
function logGammaUnit(shape: number, uniform: () => number, normal: () => number): number {
  const boost = shape < 1 ? logBoost(shape, uniform) : 0;
  const d = (shape < 1 ? shape + 1 : shape) - 1 / 3;
  return marsagliaTsang(d, 1 / Math.sqrt(9 * d), uniform, normal) + boost;
}

/**
 * A log-Gamma(shape, 1) sampler with the shape's constants worked out once, for hot loops
 * that draw many times from one shape; its draws are the same numbers as logGammaUnit's.
 */
function logGammaUnitSampler(shape: number, uniform: () => number, normal: () => number): () => number {
  const boosted = shape < 1;
  const d = (boosted ? shape + 1 : shape) - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  if (!boosted) return () => marsagliaTsang(d, c, uniform, normal);
  return () => {
    const boost = logBoost(shape, uniform);
    return marsagliaTsang(d, c, uniform, normal) + boost;
  };
}

/** log of a Gamma(d + 1/3, 1) draw, c = 1 / sqrt(9 d) (Marsaglia & Tsang 2000, section 4). */
function marsagliaTsang(d: number, c: number, uniform: () => number, normal: () => number): number {
  for (;;) {
    let z: number;
    let v: number;
    do {
      z = normal();
      v = 1 + c * z;
    } while (v <= 0);
    v = v * v * v;
    const u = uniform();
    const z2 = z * z;
    // squeeze, then the exact acceptance test (Marsaglia & Tsang 2000, eq. in section 4)
    if (u < 1 - 0.0331 * z2 * z2) return Math.log(d * v);
    if (Math.log(u) < 0.5 * z2 + d * (1 - v + Math.log(v))) return Math.log(d * v);
  }
}

/** log k! for the PTRS acceptance test: table below 10, Stirling series above. */
const LOG_FACTORIAL_TABLE = [
  0, 0, 0.6931471805599453, 1.791759469228055, 3.1780538303479458, 4.787491742782046, 6.579251212010101,
  8.525161361065415, 10.60460290274525, 12.801827480081469
];
function logFactorial(k: number): number {
  if (k < 10) return LOG_FACTORIAL_TABLE[k];
  const n = k + 1;
  const inv = 1 / n;
  const inv2 = inv * inv;
  // Stirling series for log Gamma(n), error < 1e-15 for n >= 11
  return (
    (n - 0.5) * Math.log(n) -
    n +
    0.9189385332046728 +
    inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 / 1680)))
  );
}

/** Creates a seeded generator; the same seed always yields the same sequence of draws. */
export function createRng(seed: number): Rng {
  const seed32 = toSeed32(seed);
  const init = splitmix32(seed32);
  // The state lives in a typed array, not in closure variables: where V8 compresses
  // pointers (Chromium), small integers have 31 bits, so a 32-bit state word kept in a
  // closure slot is boxed as a heap number on every step (twice the run time in a browser).
  const state = new Int32Array(4);
  state[0] = init();
  state[1] = init();
  state[2] = init();
  state[3] = init() | 1; // counter; any value works, odd for good measure

  function next32(): number {
    // sfc32 step
    const a = state[0];
    const b = state[1];
    const c = state[2];
    const d = state[3];
    const t = (((a + b) | 0) + d) | 0;
    state[3] = (d + 1) | 0;
    state[0] = b ^ (b >>> 9);
    state[1] = (c + (c << 3)) | 0;
    const rotated = (c << 21) | (c >>> 11);
    state[2] = (rotated + t) | 0;
    return t >>> 0;
  }
  for (let i = 0; i < 12; i++) next32();

  function uniform(): number {
    const hi = next32() >>> 5; // 27 bits
    const lo = next32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) * TWO_POW_M53;
  }
  /** uniform on (0, 1], never 0, for logarithms */
  function uniformPositive(): number {
    return 1 - uniform();
  }

  // the cached deviate of the polar method, in a typed array for the same reason as `state`
  const spare = new Float64Array(1);
  let hasSpare = false;
  function normal(): number {
    if (hasSpare) {
      hasSpare = false;
      return spare[0];
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * uniform() - 1;
      v = 2 * uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    spare[0] = v * f;
    hasSpare = true;
    return u * f;
  }

  function logGamma(shape: number, rate: number): number {
    positive('gamma', 'shape', shape);
    positive('gamma', 'rate', rate);
    return logGammaUnit(shape, uniform, normal) - Math.log(rate);
  }

  function gamma(shape: number, rate: number): number {
    return Math.exp(logGamma(shape, rate));
  }

  function beta(alpha: number, betaParam: number): number {
    positive('beta', 'a', alpha);
    positive('beta', 'b', betaParam);
    const lx = logGammaUnit(alpha, uniform, normal);
    return betaFromLogGammas(lx, logGammaUnit(betaParam, uniform, normal));
  }

  function gammaSampler(shape: number, rate: number): () => number {
    positive('gamma', 'shape', shape);
    positive('gamma', 'rate', rate);
    const draw = logGammaUnitSampler(shape, uniform, normal);
    const logRate = Math.log(rate);
    return () => Math.exp(draw() - logRate);
  }

  function betaSampler(alpha: number, betaParam: number): () => number {
    positive('beta', 'a', alpha);
    positive('beta', 'b', betaParam);
    const drawX = logGammaUnitSampler(alpha, uniform, normal);
    const drawY = logGammaUnitSampler(betaParam, uniform, normal);
    return () => {
      const lx = drawX();
      return betaFromLogGammas(lx, drawY());
    };
  }

  function poisson(mean: number): number {
    if (!(mean >= 0) || !Number.isFinite(mean)) {
      throw new RangeError(`invalid poisson mean: ${mean} (must be a finite number >= 0)`);
    }
    if (mean === 0) return 0;
    if (mean < 10) {
      // inversion by sequential search; expected mean + 1 steps
      let k = 0;
      let p = Math.exp(-mean);
      let cdf = p;
      const u = uniform();
      while (u > cdf) {
        k += 1;
        p *= mean / k;
        cdf += p;
        if (p === 0 && cdf < u) break; // round-off guard in the far tail
      }
      return k;
    }
    // PTRS (Hoermann 1993), constants from section 3 of the paper
    const logMean = Math.log(mean);
    const sq = Math.sqrt(mean);
    const bb = 0.931 + 2.53 * sq;
    const aa = -0.059 + 0.02483 * bb;
    const invAlpha = 1.1239 + 1.1328 / (bb - 3.4);
    const vr = 0.9277 - 3.6224 / (bb - 2);
    for (;;) {
      const u = uniform() - 0.5;
      const v = uniformPositive();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * aa) / us + bb) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invAlpha) - Math.log(aa / (us * us) + bb) <= -mean + k * logMean - logFactorial(k)) {
        return k;
      }
    }
  }

  function exponential(rate: number): number {
    positive('exponential', 'rate', rate);
    return -Math.log1p(-uniform()) / rate;
  }

  function geometric(p: number): number {
    if (!(p > 0 && p <= 1)) throw new RangeError(`invalid geometric success probability: ${p} (must be in (0, 1])`);
    if (p === 1) return 1;
    return 1 + Math.floor(Math.log(uniformPositive()) / Math.log1p(-p));
  }

  function int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 9007199254740992) {
      throw new RangeError(`invalid int bound: ${n} (must be an integer in [1, 2^53])`);
    }
    // 53-bit uniform times n: bias below n / 2^53; the min guards the rounding of u * n up to n
    return Math.min(n - 1, Math.floor(uniform() * n));
  }

  return {
    seed: seed32,
    uniform,
    normal,
    gamma,
    logGamma,
    beta,
    gammaSampler,
    betaSampler,
    poisson,
    exponential,
    geometric,
    int
  };
}
