import { describe, expect, it } from 'vitest';
import {
  PARAMS,
  PRESETS,
  checkSpec,
  coverage,
  drawAndFit,
  histogram,
  logScaleInterval,
  logitScaleInterval,
  type EstimationSpec
} from '$lib/model/classroom/estimation.ts';

const spec = (preset: string, over: Partial<EstimationSpec> = {}): EstimationSpec => {
  const p = PRESETS[preset];
  return { model: p.model, truth: p.truth, customers: p.customers, periods: p.periods, seed: 19, level: 0.9, ...over };
};

describe('estimation replicates', () => {
  /*
   * The recovery cell of the lesson: 2,000 customers drawn from the CDNOW BG/NBD estimates
   * (FHL 2005: r 0.243, alpha 4.414, a 0.793, b 2.426) over 39 weeks, about the size of the
   * CDNOW cohort (2,357) the estimates came from, where the published standard errors are
   * small against the estimates, so the normal approximation of the log-parameters should hold.
   * 200 seeded repeats: if the true coverage is 90%, the count has sd 4.2, so 80%-97% is a
   * wide two-sided band; a wrong Hessian, a wrong scale or biased fits fall outside it.
   */
  it('the 90% intervals of BG/NBD cover the truth in 80%-97% of 200 seeded repeats', () => {
    const s = spec('cdnow-bgnbd');
    const reps = Array.from({ length: 200 }, (_, i) => drawAndFit(s, i));
    const cov = coverage(reps, PARAMS.bgnbd);
    for (const c of cov) {
      expect(c.failed, c.name).toBe(0);
      expect(c.covered / c.total, c.name).toBeGreaterThanOrEqual(0.8);
      expect(c.covered / c.total, c.name).toBeLessThanOrEqual(0.97);
      // the estimates centre on the truth: mean within 3 standard errors of the mean (plus 5% for ML's small-sample bias)
      expect(Math.abs(c.mean - c.truth), c.name).toBeLessThan((3 * c.sd) / Math.sqrt(200) + 0.05 * c.truth);
    }
  });

  it('an interval that ignores the sampling spread (level 10%) covers far less often', () => {
    const s = spec('cdnow-bgnbd', { level: 0.1 });
    const reps = Array.from({ length: 60 }, (_, i) => drawAndFit(s, i));
    for (const c of coverage(reps, PARAMS.bgnbd)) expect(c.covered / c.total, c.name).toBeLessThan(0.35);
  });

  it.each(['cdnow-gammagamma', 'sbg-regular', 'sbg-highend', 'channel-social'])(
    '%s: the truth is recovered and mostly covered',
    (preset) => {
      const s = spec(preset);
      const n = s.model === 'channel' ? 30 : 60;
      const reps = Array.from({ length: n }, (_, i) => drawAndFit(s, i));
      for (const c of coverage(reps, PARAMS[s.model])) {
        expect(c.failed, c.name).toBe(0);
        // binomial(n, 0.9) falls below 75% with probability < 0.1%
        expect(c.covered / c.total, c.name).toBeGreaterThan(0.75);
        expect(Math.abs(c.mean - c.truth) / c.truth, c.name).toBeLessThan(0.1);
      }
    }
  );

  it('is seeded: the same spec and index give the same replicate, another index another', () => {
    const s = spec('cdnow-bgnbd', { customers: 500 });
    expect(drawAndFit(s, 3)).toEqual(drawAndFit(s, 3));
    expect(drawAndFit(s, 4).params[0].estimate).not.toBe(drawAndFit(s, 3).params[0].estimate);
  });

  it('more customers give narrower intervals', () => {
    const width = (customers: number) => {
      const r = drawAndFit(spec('cdnow-bgnbd', { customers }), 0);
      return r.params.map((p) => p.high / p.low);
    };
    const small = width(1000);
    const large = width(8000);
    small.forEach((w, i) => expect(large[i]).toBeLessThan(w));
  });

  it('intervals on the log and logit scales contain the estimate and stay in range', () => {
    const z = 1.6448536269514722; // Φ⁻¹(0.95)
    const [lo, hi] = logScaleInterval(2, 0.1, z);
    expect(lo).toBeCloseTo(2 * Math.exp(-0.1 * z), 14);
    expect(hi).toBeCloseTo(2 * Math.exp(0.1 * z), 14);
    const [a, b] = logitScaleInterval(0.9, 2, 1.96);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeLessThan(1);
    expect(a).toBeLessThan(0.9);
    expect(logScaleInterval(1, NaN, 1.6)).toEqual([NaN, NaN]);
  });

  it('checks the spec with messages that say what to change', () => {
    expect(() => checkSpec(spec('cdnow-bgnbd', { customers: 10 }))).toThrow(/customers=10/);
    expect(() => checkSpec(spec('cdnow-bgnbd', { truth: { r: 1, alpha: 1, a: -1, b: 1 } }))).toThrow(/a=-1/);
    expect(() => checkSpec(spec('channel-social', { periods: 10 }))).toThrow(/weeks=10/);
    expect(() => checkSpec(spec('sbg-regular', { level: 1 }))).toThrow(/level/);
  });

  it('histogram bins hold every finite value and reach the truth', () => {
    const h = histogram([1, 2, 2, 3, NaN], 5, 4);
    expect(h.bins.reduce((s, b) => s + b.count, 0)).toBe(4);
    expect(h.bins[0].x0).toBe(1);
    expect(h.bins.at(-1)!.x1).toBe(5);
  });

  it('histogram leaves runaway values off the axis and counts them', () => {
    const values = [...Array.from({ length: 198 }, (_, i) => 1 + i / 100), 1e4, 1e5];
    const h = histogram(values, 1.5, 10);
    expect(h.above).toBeGreaterThanOrEqual(2);
    expect(h.bins.reduce((s, b) => s + b.count, 0) + h.below + h.above).toBe(200);
    expect(h.bins.at(-1)!.x1).toBeLessThan(3);
  });
});
