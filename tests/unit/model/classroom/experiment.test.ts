import { describe, expect, it } from 'vitest';
import { bgnbdProbTransactions } from '$lib/model/core/btyd/bgnbd.ts';
import {
  differenceOfProportions,
  returnRate,
  runExperiment,
  sampleSizePerArm,
  trueEffect
} from '$lib/model/classroom/experiment.ts';

const CDNOW = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('experiment', () => {
  it('the true uplift is the stated one, from FHL 2005 eq. 8 at the faster rate', () => {
    const e = trueEffect(CDNOW, 13, 0.02);
    expect(e.control).toBeCloseTo(1 - (CDNOW.alpha / (CDNOW.alpha + 13)) ** CDNOW.r, 12);
    expect(e.treated - e.control).toBeCloseTo(0.02, 10);
    expect(1 - bgnbdProbTransactions({ ...CDNOW, alpha: CDNOW.alpha / (1 + e.rateLift) }, 13, 0)).toBeCloseTo(
      e.treated,
      12
    );
    expect(() => trueEffect(CDNOW, 13, 0.9)).toThrow(/below/);
  });

  it('the simulated arms return at the true rates and the 90% interval covers the uplift about 90% of the time', () => {
    let covered = 0;
    const runs = 300;
    for (let s = 0; s < runs; s++)
      if (runExperiment({ truth: CDNOW, weeks: 13, uplift: 0.02, customers: 20000, seed: s, level: 0.9 }).covers)
        covered++;
    // binomial(300, 0.9): sd 5.2, so 84%-96% is more than 3 sd either side
    expect(covered / runs).toBeGreaterThan(0.84);
    expect(covered / runs).toBeLessThan(0.96);
    const big = runExperiment({ truth: CDNOW, weeks: 13, uplift: 0.02, customers: 400000, seed: 1, level: 0.9 });
    expect(Math.abs(big.y0 / big.n0 - returnRate(CDNOW, 13))).toBeLessThan(4 * Math.sqrt(0.25 / big.n0));
    expect(Math.abs(big.n1 - big.n0)).toBeLessThan(4 * Math.sqrt(400000));
  });

  it('a larger sample of the same seed holds the smaller one and narrows the interval', () => {
    const widths = [1000, 4000, 16000].map((customers) => {
      const r = runExperiment({ truth: CDNOW, weeks: 13, uplift: 0.02, customers, seed: 5, level: 0.9 });
      return r.high - r.low;
    });
    expect(widths[1]).toBeLessThan(widths[0]);
    expect(widths[2]).toBeLessThan(widths[1]);
    // the Wald width scales as 1 / sqrt(n): four times the customers, about half the width
    expect(widths[2] / widths[1]).toBeGreaterThan(0.4);
    expect(widths[2] / widths[1]).toBeLessThan(0.6);
  });

  it('sample size matches R power.prop.test (p1 .50, p2 .75, power .90 => n = 76.7 per group)', () => {
    expect(sampleSizePerArm(0.5, 0.25, 0.05, 0.9)).toBeCloseTo(76.7, 1);
    // the same formula by hand: (1.96 sqrt(2 x .625 x .375) + 1.2816 sqrt(.25 + .1875))^2 / .25^2
    const byHand = ((1.959963984540054 * Math.sqrt(0.46875) + 1.2815515655446004 * Math.sqrt(0.4375)) / 0.25) ** 2;
    expect(sampleSizePerArm(0.5, 0.25, 0.05, 0.9)).toBeCloseTo(byHand, 9);
    // halving the uplift roughly quadruples the sample
    expect(sampleSizePerArm(0.28, 0.01, 0.05, 0.8) / sampleSizePerArm(0.28, 0.02, 0.05, 0.8)).toBeGreaterThan(3.8);
  });

  it('the Wald difference of proportions', () => {
    const d = differenceOfProportions(30, 100, 40, 100, 0.95);
    expect(d.estimate).toBeCloseTo(0.1, 12);
    expect(d.se).toBeCloseTo(Math.sqrt(0.21 / 100 + 0.24 / 100), 12);
    expect(d.low).toBeCloseTo(0.1 - 1.959963984540054 * d.se, 12);
  });
});
