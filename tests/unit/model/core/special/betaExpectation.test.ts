/**
 * Beta expectations by quadrature at the corners an unidentified fit reaches (a -> 0, b -> 0,
 * b -> infinity), against closed forms: the moments E[p^k] = B(a + k, b) / B(a, b) and
 * E[(1 - p)^k] = B(a, b + k) / B(a, b) (Johnson, Kotz & Balakrishnan 1995, ch. 25), and
 * E[1 / (1 + p / e)] with all the mass below e.
 */
import { describe, expect, it } from 'vitest';
import { betaExpectation } from '$lib/model/core/special/betaExpectation';
import { lbeta } from '$lib/model/core/special/lbeta';

const CORNERS: [number, number][] = [
  [0.7929, 2.4259],
  [5.2e-5, 3027.6],
  [0.00344, 6.75],
  [1e-7, 1e-3],
  [0.001, 0.001],
  [3, 0.002],
  [250, 1e6],
  [1, 1]
];

describe('Beta expectation by quadrature', () => {
  it('gives the moments E[p^k] and E[(1 - p)^k] (k = 0, 1, 3) to 1e-8 at every corner', () => {
    for (const [a, b] of CORNERS)
      for (const k of [0, 1, 3]) {
        const up = betaExpectation((p) => p ** k, a, b);
        const down = betaExpectation((_p, q) => q ** k, a, b);
        expect(Math.abs(up / Math.exp(lbeta(a + k, b) - lbeta(a, b)) - 1), `E[p^${k}], Beta(${a}, ${b})`).toBeLessThan(
          1e-8
        );
        expect(
          Math.abs(down / Math.exp(lbeta(a, b + k) - lbeta(a, b)) - 1),
          `E[q^${k}], Beta(${a}, ${b})`
        ).toBeLessThan(1e-8);
      }
  });

  it('finds mass closer to 0 than any double: half of Beta(0.001, 1) lies below 2^-1000', () => {
    // P(p < x) = x^a for Beta(a, 1)
    const below = betaExpectation((p) => (p < 2 ** -1000 ? 1 : 0), 0.001, 1, 1e-6);
    expect(below).toBeCloseTo(0.5, 3);
  });

  // 1e-10: the density's normaliser 1 / B(a, b) comes from lbeta, good to about 1e-11 here
  it('integrates a peaked Beta (the dropout posterior of a fit near no dropout) to 1e-10 on few nodes', () => {
    // Beta(1.000035, 4496): the UCI Online Retail BG/NBD posterior b + x at a -> 0; mean 2.2e-4, sd 2.2e-4
    for (const [a, b] of [
      [1.000035, 4496],
      [4496, 1.5]
    ]) {
      let calls = 0;
      const smooth = (p: number) => {
        calls++;
        return Math.exp(-30 * p);
      };
      // E[p] = a / (a + b), E[p²] = a (a + 1) / ((a + b)(a + b + 1)): rational, no log-Beta rounding
      const moments = [a / (a + b), (a * (a + 1)) / ((a + b) * (a + b + 1))];
      for (const k of [1, 2]) {
        const up = betaExpectation((p) => p ** k, a, b, 1e-13);
        expect(Math.abs(up / moments[k - 1] - 1), `E[p^${k}], Beta(${a}, ${b})`).toBeLessThan(1e-10);
      }
      betaExpectation(smooth, a, b, 1e-12);
      // a smooth integrand converges in a few halvings even on this peak (at most 10: about 6,000 nodes)
      expect(calls, `nodes for Beta(${a}, ${b})`).toBeLessThan(1500);
    }
  });

  it('names invalid parameters', () => {
    expect(() => betaExpectation(() => 1, 0, 1)).toThrow(/Beta\(0, 1\)/);
  });
});
