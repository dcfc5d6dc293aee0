/**
 * Organic acquisition measured from first purchases (pipeline/organic-acquisition.ts): the
 * Poisson log-linear trend recovers a known rate and growth from seeded weekly counts; a single
 * cohort, a file without first dates and a short span each give a stated, finite answer.
 */
import { describe, expect, it } from 'vitest';
import { measureOrganicAcquisition, poissonTrend } from '$lib/pipeline/organic-acquisition';
import { createRng } from '$lib/model/core/random/rng';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const END = Date.parse('2024-06-30');

/** first-purchase dates with a Poisson number per week, mean `rate(week)` (week 0 ends on END) */
function firstDates(weeks: number, rate: (week: number) => number, seed: number): string[] {
  const rng = createRng(seed);
  const out: string[] = [];
  for (let w = 0; w < weeks; w++) {
    const n = rng.poisson(rate(w));
    for (let i = 0; i < n; i++) out.push(iso(END - (w * 7 + rng.int(7)) * DAY));
  }
  return out;
}

describe('organic acquisition from first purchases', () => {
  it('recovers a growing rate: 40 a week now, +50% a year, from a Poisson log-linear trend', () => {
    const growth = Math.log(1.5) / 52;
    const dates = firstDates(80, (w) => 40 * Math.exp(-growth * w), 7);
    const o = measureOrganicAcquisition(iso(END), dates);
    expect(o.method).toBe('trend');
    expect(o.windowWeeks).toBe(52);
    expect(o.perWeek).toBeGreaterThan(40 * 0.85);
    expect(o.perWeek).toBeLessThan(40 * 1.15);
    expect(o.trendPerYear!).toBeGreaterThan(0.2);
    expect(o.trendPerYear!).toBeLessThan(0.9);
    expect(o.note).toMatch(/log-linear \(Poisson\) trend/);
  });

  it('uses the mean rate when the trend is within noise (a flat 12 a week)', () => {
    const o = measureOrganicAcquisition(
      iso(END),
      firstDates(60, () => 12, 3)
    );
    expect(o.method).toBe('mean');
    expect(Math.abs(o.perWeek - 12)).toBeLessThan(1.5);
  });

  it('fits the Poisson regression exactly on noiseless counts (b0 = ln 10, b1 = ln 1.02 per week)', () => {
    const counts = Array.from({ length: 30 }, (_, j) => 10 * Math.pow(1.02, -j));
    const { b0, b1 } = poissonTrend(counts);
    expect(b0).toBeCloseTo(Math.log(10), 9);
    expect(b1).toBeCloseTo(Math.log(1.02), 9);
  });

  it('gives a single cohort (everyone joined in the first 12 weeks of 78, as CDNOW) no organic acquisition', () => {
    const dates = Array.from({ length: 500 }, (_, i) => iso(END - (78 * 7 - (i % 84)) * DAY));
    const o = measureOrganicAcquisition(iso(END), dates);
    expect(o.perWeek).toBe(0);
    expect(o.method).toBe('single-cohort');
    expect(o.note).toMatch(/single cohort/);
  });

  it('gives a file without first dates (a lifetimes-layout summary) 0, never NaN, and says why', () => {
    for (const end of [iso(END), '']) {
      const o = measureOrganicAcquisition(end, ['', '', '']);
      expect(o.perWeek).toBe(0);
      expect(o.method).toBe('no-dates');
      expect(o.note).toMatch(/no first-purchase dates/);
    }
  });

  it('takes the mean over a span shorter than 4 weeks (a two-week file)', () => {
    const dates = Array.from({ length: 28 }, (_, i) => iso(END - (i % 14) * DAY));
    const o = measureOrganicAcquisition(iso(END), dates);
    expect(o.method).toBe('short-span');
    expect(o.perWeek).toBeCloseTo(28 / 2, 9);
  });
});
