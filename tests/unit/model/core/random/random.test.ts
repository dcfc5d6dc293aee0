import { describe, expect, it } from 'vitest';
import { createRng, splitSeed, splitmix32, toSeed32 } from '$lib/model/core/random/index.ts';

const N = 100_000;

function moments(draw: () => number, n = N): { mean: number; variance: number; min: number; max: number } {
  let mean = 0;
  let m2 = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 1; i <= n; i++) {
    const v = draw();
    const delta = v - mean;
    mean += delta / i;
    m2 += delta * (v - mean);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { mean, variance: m2 / (n - 1), min, max };
}

/** |sample mean - mu| within 5 standard errors of the mean (closed-form sd). */
function expectMean(sample: number, mu: number, sd: number, n = N): void {
  expect(Math.abs(sample - mu)).toBeLessThan((5 * sd) / Math.sqrt(n));
}

describe('createRng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 20 }, () => a.uniform());
    const sb = Array.from({ length: 20 }, () => b.uniform());
    const sc = Array.from({ length: 20 }, () => c.uniform());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
    const g1 = createRng(7);
    const g2 = createRng(7);
    for (let i = 0; i < 50; i++) expect(g1.gamma(0.7, 2)).toBe(g2.gamma(0.7, 2));
  });

  it('draws uniforms on [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = createRng(1);
    const m = moments(() => rng.uniform());
    expect(m.min).toBeGreaterThanOrEqual(0);
    expect(m.max).toBeLessThan(1);
    expectMean(m.mean, 0.5, Math.sqrt(1 / 12));
    expect(m.variance).toBeCloseTo(1 / 12, 3);
  });

  it('draws standard normals with mean 0, variance 1 and the right tail mass', () => {
    const rng = createRng(2);
    let beyond2 = 0;
    const m = moments(() => {
      const z = rng.normal();
      if (Math.abs(z) > 1.959963984540054) beyond2++;
      return z;
    });
    expectMean(m.mean, 0, 1);
    expect(Math.abs(m.variance - 1)).toBeLessThan(0.02);
    // P(|Z| > 1.96) = 0.05 (standard normal table); binomial sd = sqrt(0.05 * 0.95 / N)
    expect(Math.abs(beyond2 / N - 0.05)).toBeLessThan(5 * Math.sqrt((0.05 * 0.95) / N));
  });

  it('draws Gamma(shape, rate) with mean shape/rate and variance shape/rate^2, also for shape < 1', () => {
    for (const [shape, rate] of [
      [2.5, 3],
      [0.3, 1],
      [0.05, 0.5],
      [40, 10]
    ]) {
      const rng = createRng(3);
      const m = moments(() => rng.gamma(shape, rate));
      const sd = Math.sqrt(shape) / rate;
      expect(m.min).toBeGreaterThanOrEqual(0);
      expectMean(m.mean, shape / rate, sd);
      // variance of the sample variance needs the 4th moment; 10% is > 5 sd for all these shapes at N = 1e5
      expect(Math.abs(m.variance / (shape / rate ** 2) - 1)).toBeLessThan(shape < 0.1 ? 0.2 : 0.05);
    }
  });

  it('returns finite log-gamma draws for tiny shapes whose draws underflow', () => {
    const rng = createRng(4);
    // E[log G] for G ~ Gamma(a, 1) is digamma(a) ~ -1/a - EulerGamma for small a (A&S 6.3.5, 6.3.2)
    const a = 1e-3;
    const m = moments(() => rng.logGamma(a, 1), 20_000);
    // Var[log G] = trigamma(a) ~ 1/a^2 -> sd ~ 1000
    expect(Math.abs(m.mean - (-1 / a - 0.5772156649015329))).toBeLessThan((5 * 1000) / Math.sqrt(20_000));
  });

  it('draws Beta(a, b) with mean a/(a+b) and variance ab/((a+b)^2(a+b+1))', () => {
    for (const [a, b] of [
      [0.5, 2],
      [0.793, 2.426],
      [0.02, 0.03],
      [30, 5]
    ]) {
      const rng = createRng(5);
      const m = moments(() => rng.beta(a, b));
      const mu = a / (a + b);
      const variance = (a * b) / ((a + b) ** 2 * (a + b + 1));
      expect(m.min).toBeGreaterThanOrEqual(0);
      expect(m.max).toBeLessThanOrEqual(1);
      expectMean(m.mean, mu, Math.sqrt(variance));
      expect(Math.abs(m.variance / variance - 1)).toBeLessThan(0.05);
    }
  });

  it('draws Poisson counts with mean = variance = the mean, below and above the PTRS switch', () => {
    for (const mean of [0.2, 3.7, 12, 250]) {
      const rng = createRng(6);
      let zeros = 0;
      const m = moments(() => {
        const k = rng.poisson(mean);
        if (k === 0) zeros++;
        return k;
      });
      expect(m.min).toBeGreaterThanOrEqual(0);
      expect(Number.isInteger(m.max)).toBe(true);
      expectMean(m.mean, mean, Math.sqrt(mean));
      expect(Math.abs(m.variance / mean - 1)).toBeLessThan(0.04);
      // P(0) = exp(-mean)
      const p0 = Math.exp(-mean);
      expect(Math.abs(zeros / N - p0)).toBeLessThan(5 * Math.sqrt((p0 * (1 - p0)) / N) + 1e-12);
    }
    expect(createRng(1).poisson(0)).toBe(0);
  });

  it('draws exponentials with mean 1/rate and variance 1/rate^2', () => {
    const rng = createRng(7);
    const m = moments(() => rng.exponential(2));
    expect(m.min).toBeGreaterThanOrEqual(0);
    expectMean(m.mean, 0.5, 0.5);
    expect(Math.abs(m.variance / 0.25 - 1)).toBeLessThan(0.04);
  });

  it('draws geometric trial counts >= 1 with mean 1/p and variance (1-p)/p^2', () => {
    for (const p of [0.3, 0.01]) {
      const rng = createRng(8);
      let ones = 0;
      const m = moments(() => {
        const k = rng.geometric(p);
        if (k === 1) ones++;
        return k;
      });
      expect(m.min).toBe(1);
      expectMean(m.mean, 1 / p, Math.sqrt(1 - p) / p);
      expect(Math.abs(m.variance / ((1 - p) / p ** 2) - 1)).toBeLessThan(0.05);
      expect(Math.abs(ones / N - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N));
    }
    expect(createRng(1).geometric(1)).toBe(1);
  });

  it('draws integers uniformly on [0, n) (chi-square test)', () => {
    const rng = createRng(9);
    const n = 7;
    const counts = new Array(n).fill(0);
    for (let i = 0; i < N; i++) counts[rng.int(n)]++;
    const expected = N / n;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // chi-square with 6 df: 99.9th percentile is 22.46 (standard table)
    expect(chi2).toBeLessThan(22.46);
  });

  it('produces the sfc32 stream of the reference implementation, seeded through splitmix32', () => {
    // sfc32 as published with PractRand (Doty-Humphrey) in the common JavaScript transcription
    // with plain closure variables; the generator keeps its state in a typed array instead
    function referenceSfc32(a: number, b: number, c: number, d: number): () => number {
      return () => {
        a |= 0;
        b |= 0;
        c |= 0;
        d |= 0;
        const t = (((a + b) | 0) + d) | 0;
        d = (d + 1) | 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) | 0;
        c = (c << 21) | (c >>> 11);
        c = (c + t) | 0;
        return t >>> 0;
      };
    }
    for (const seed of [0, 1, 42, 2 ** 31 + 5]) {
      const init = splitmix32(toSeed32(seed));
      const next = referenceSfc32(init(), init(), init(), init() | 1);
      for (let i = 0; i < 12; i++) next(); // the same warm-up
      const rng = createRng(seed);
      for (let i = 0; i < 1000; i++) {
        const expected = ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
        expect(rng.uniform()).toBe(expected);
      }
    }
  });

  it('samplers for hot loops draw exactly the numbers of the one-off gamma and beta draws', () => {
    for (const [shape, rate] of [
      [0.243, 4.414], // CDNOW BG/NBD r, alpha (FHL 2005): the boosted shape < 1 path
      [2.5, 0.7]
    ]) {
      const one = createRng(11);
      const hot = createRng(11);
      const draw = hot.gammaSampler(shape, rate);
      for (let i = 0; i < 2000; i++) expect(draw()).toBe(one.gamma(shape, rate));
    }
    for (const [a, b] of [
      [0.793, 2.426], // CDNOW BG/NBD a, b
      [3, 0.2]
    ]) {
      const one = createRng(12);
      const hot = createRng(12);
      const draw = hot.betaSampler(a, b);
      for (let i = 0; i < 2000; i++) expect(draw()).toBe(one.beta(a, b));
    }
    expect(() => createRng(1).gammaSampler(0, 1)).toThrow(/gamma shape: 0/);
    expect(() => createRng(1).betaSampler(1, -2)).toThrow(/beta b: -2/);
  });

  it('rejects invalid parameters with a message naming the value', () => {
    const rng = createRng(1);
    expect(() => rng.gamma(-1, 1)).toThrow(/gamma shape: -1/);
    expect(() => rng.beta(1, 0)).toThrow(/beta b: 0/);
    expect(() => rng.poisson(Number.NaN)).toThrow(/poisson mean: NaN/);
    expect(() => rng.geometric(0)).toThrow(/geometric success probability: 0/);
    expect(() => rng.int(2.5)).toThrow(/int bound: 2.5/);
    expect(() => createRng(Infinity)).toThrow(/seed: Infinity/);
  });
});

describe('splitSeed', () => {
  it('derives distinct, reproducible seeds whose streams are uncorrelated', () => {
    const seeds = Array.from({ length: 1000 }, (_, k) => splitSeed(123, k));
    expect(new Set(seeds).size).toBe(1000);
    expect(splitSeed(123, 5)).toBe(seeds[5]);
    expect(splitSeed(124, 5)).not.toBe(seeds[5]);
    const a = createRng(splitSeed(123, 0));
    const b = createRng(splitSeed(123, 1));
    let sxy = 0;
    const n = 50_000;
    for (let i = 0; i < n; i++) sxy += (a.uniform() - 0.5) * (b.uniform() - 0.5);
    // correlation of independent uniforms: sd = 1/sqrt(n) after dividing by var 1/12
    const corr = sxy / n / (1 / 12);
    expect(Math.abs(corr)).toBeLessThan(5 / Math.sqrt(n));
  });
});
