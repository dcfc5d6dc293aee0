/**
 * Discounted expected transactions of an alive BG/NBD-family customer (btyd/aliveDert.ts) and the
 * DERT built on it, checked against routes that do not share its derivation:
 * - the lifetime DERT by exp-sinh quadrature of delta e^(-delta t) E[Y(t) | x, t_x, T]
 *   (FHL 2005 eq. 10 through the Gaussian hypergeometric function; btyd/dert.ts), at the CDNOW
 *   estimates of Fader, Hardie & Lee (2005), Table 2 (r = 0.243, alpha = 4.414, a = 0.793, b = 2.426);
 * - over a horizon H, int_0^H e^(-delta t) dE[Y(t)] = e^(-delta H) E[Y(H)] + delta int_0^H e^(-delta t) E[Y(t)] dt
 *   by tanh-sinh quadrature;
 * - the no-dropout (Poisson-Gamma) closed form shape (1 - e^(-delta H)) / (rate delta), which
 *   bounds it and which it reaches as a -> 0 or b -> infinity;
 * and, by property tests over extreme (x, t_x, T) and parameter corners (fast-check): finite,
 * >= 0, within the bound, non-decreasing in the horizon and non-increasing in the discount rate.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { aliveDiscountedTransactions, noDropoutDiscountedTransactions } from '$lib/model/core/btyd/aliveDert';
import { aliveExpectedTransactions } from '$lib/model/core/btyd/aliveExpectation';
import { bgnbdConditionalExpected, bgnbdDert, bgnbdPAlive } from '$lib/model/core/btyd/bgnbd';
import { mbgnbdConditionalExpected, mbgnbdDert } from '$lib/model/core/btyd/mbgnbd';
import { dertByQuadrature } from '$lib/model/core/btyd/dert';
import { integrate } from '$lib/model/core/special/integrate';

const CDNOW = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };
/** 10% a year, continuous per week */
const DELTA = Math.log1p(0.1) / 52;
const SEED = 20260417;
/** property runs call the quadrature hundreds of times; this only catches a hang (speed is in the bench) */
const PROPERTY_TIMEOUT_MS = 60_000;

function withinHorizonByParts(shape: number, rate: number, a: number, b: number, delta: number, H: number): number {
  const E = (t: number) => aliveExpectedTransactions(shape, rate, a, b, t);
  const inner = integrate((t) => Math.exp(-delta * t) * E(t), 0, H, { tolerance: 1e-12 }).value;
  return Math.exp(-delta * H) * E(H) + delta * inner;
}

const corner = fc.record({
  r: fc.double({ min: 0.01, max: 50, noNaN: true }),
  alpha: fc.double({ min: 0.01, max: 500, noNaN: true }),
  a: fc.double({ min: 1e-7, max: 200, noNaN: true }),
  b: fc.double({ min: 1e-3, max: 1e7, noNaN: true })
});
const history = fc
  .record({
    x: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2000 })),
    T: fc.double({ min: 0, max: 600, noNaN: true }),
    share: fc.double({ min: 0, max: 1, noNaN: true })
  })
  .map(({ x, T, share }) => ({ x, T, tx: x === 0 ? 0 : share * T }));
const discount = fc.double({ min: 1e-5, max: 0.5, noNaN: true });

describe('alive discounted expected transactions', () => {
  it(
    'reproduces the lifetime DERT by quadrature of the conditional expectation at the CDNOW estimates (FHL 2005 Table 2) to 1e-9',
    { timeout: PROPERTY_TIMEOUT_MS },
    () => {
      for (const x of [0, 2, 20])
        for (const T of [0.5, 38.86])
          for (const share of x === 0 ? [0] : [0.6]) {
            const tx = x === 0 ? 0 : share * T;
            const reference = dertByQuadrature((t) => bgnbdConditionalExpected(CDNOW, x, tx, T, t), DELTA);
            const d = bgnbdDert(CDNOW, x, tx, T, DELTA);
            if (reference < 1e-12) expect(d).toBeLessThan(1e-9);
            else expect(Math.abs(d / reference - 1)).toBeLessThan(1e-9);
          }
    }
  );

  it('gives the FHL 2005 example customer (x = 2, t_x = 30.43, T = 38.86) the same DERT for MBG/NBD as quadrature does', () => {
    const reference = dertByQuadrature((t) => mbgnbdConditionalExpected(CDNOW, 2, 30.43, 38.86, t), DELTA);
    expect(Math.abs(mbgnbdDert(CDNOW, 2, 30.43, 38.86, DELTA) / reference - 1)).toBeLessThan(1e-9);
  });

  it('over a horizon equals e^(-delta H) E[Y(H)] + delta int_0^H e^(-delta t) E[Y(t)] dt (integration by parts) to 1e-8', () => {
    for (const [shape, rate, a, b] of [
      [0.2426, 4.4136, 0.7929, 2.4259],
      [2.24, 40, 0.79, 4.4],
      [30.7, 60, 1.6, 40],
      [0.72, 9.4, 0.0034, 6.75]
    ])
      for (const H of [4, 52, 156, 520]) {
        const d = aliveDiscountedTransactions(shape, rate, a, b, DELTA, H);
        const reference = withinHorizonByParts(shape, rate, a, b, DELTA, H);
        expect(Math.abs(d / reference - 1), `shape ${shape}, H ${H}`).toBeLessThan(1e-8);
      }
  });

  it('tends to the no-dropout closed form as a -> 0 or b -> infinity (the UCI Online Retail MLE: a = 5.2e-5, b = 3,028)', () => {
    const bound = noDropoutDiscountedTransactions(500.7, 49.4, DELTA);
    const heavy = aliveDiscountedTransactions(500.7, 49.4, 5.19e-5, 3027.6 + 500, DELTA);
    expect(heavy).toBeLessThanOrEqual(bound);
    expect(heavy / bound).toBeGreaterThan(0.999);
    expect(aliveDiscountedTransactions(500.7, 49.4, 1e-9, 1e9, DELTA) / bound).toBeCloseTo(1, 9);
    expect(aliveDiscountedTransactions(0.72, 9.4, 1e-9, 1, DELTA, 156)).toBeCloseTo(
      noDropoutDiscountedTransactions(0.72, 9.4, DELTA, 156),
      6
    );
  });

  it('is the expected number of purchases before dropout, 1 / p for a certain dropout p, when nothing is discounted', () => {
    // p ~ Beta(a, b) very concentrated at 0.2 and delta -> 0: E[sum of purchases] = E[1 / p] = 5
    const d = aliveDiscountedTransactions(200, 100, 2000, 8000, 1e-9);
    expect(d).toBeCloseTo((8000 + 2000 - 1) / (2000 - 1), 6);
  });

  it(
    'is finite, >= 0 and within P(alive) (r + x) (1 - e^(-delta H)) / ((alpha + T) delta) at any parameter corner',
    () => {
      fc.assert(
        fc.property(corner, history, discount, fc.constantFrom(Infinity, 52, 156, 1), (p, h, delta, H) => {
          const d = bgnbdDert(p, h.x, h.tx, h.T, delta, H);
          expect(Number.isFinite(d)).toBe(true);
          expect(d).toBeGreaterThanOrEqual(0);
          const bound =
            bgnbdPAlive(p, h.x, h.tx, h.T) * noDropoutDiscountedTransactions(p.r + h.x, p.alpha + h.T, delta, H);
          expect(d).toBeLessThanOrEqual(bound * (1 + 1e-9));
        }),
        { numRuns: 300, seed: SEED }
      );
    },
    PROPERTY_TIMEOUT_MS
  );

  it(
    'grows with the horizon and falls with the discount rate and with more dropout (a larger a)',
    () => {
      fc.assert(
        fc.property(corner, history, discount, (p, h, delta) => {
          const shape = p.r + h.x;
          const rate = p.alpha + h.T;
          const b = p.b + h.x;
          const at = (H: number, d = delta, a = p.a) => aliveDiscountedTransactions(shape, rate, a, b, d, H);
          const life = at(Infinity);
          const slack = 1e-8 * life;
          expect(at(52)).toBeLessThanOrEqual(at(156) + slack);
          expect(at(156)).toBeLessThanOrEqual(life + slack);
          expect(at(Infinity, delta * 2)).toBeLessThanOrEqual(life + slack);
          expect(at(Infinity, delta, p.a * 2)).toBeLessThanOrEqual(life + slack);
        }),
        { numRuns: 200, seed: SEED + 1 }
      );
    },
    PROPERTY_TIMEOUT_MS
  );

  it('names a bad parameter', () => {
    expect(() => aliveDiscountedTransactions(1, 1, 0, 1, 0.01)).toThrow(/invalid a = 0/);
    expect(() => aliveDiscountedTransactions(1, 1, 1, 1, 0.01, 0)).toThrow(/invalid horizon = 0/);
  });
});

describe('alive expected transactions in the tails (the cause of “integrand is not finite”)', () => {
  it(
    'is finite, >= 0 and at most the no-dropout value shape t / rate for tiny a, huge b and long horizons',
    () => {
      fc.assert(
        fc.property(corner, history, fc.double({ min: 1e-3, max: 1e9, noNaN: true }), (p, h, t) => {
          const shape = p.r + h.x;
          const rate = p.alpha + h.T;
          const e = aliveExpectedTransactions(shape, rate, p.a, p.b + h.x, t);
          expect(Number.isFinite(e)).toBe(true);
          expect(e).toBeGreaterThanOrEqual(0);
          expect(e).toBeLessThanOrEqual(((shape * t) / rate) * (1 + 1e-9));
        }),
        { numRuns: 300, seed: SEED + 2 }
      );
    },
    PROPERTY_TIMEOUT_MS
  );

  it('handles the UCI Online Retail posterior of a heavy buyer far into the future (threw before)', () => {
    const e = aliveExpectedTransactions(500.8, 60, 0.00344, 6.75 + 500, 1e9);
    expect(Number.isFinite(e)).toBe(true);
    // a mean dropout of 0.00344 / 506.75 per purchase: about 1 / p = 147,000 purchases before leaving
    expect(e).toBeGreaterThan(1e5);
    expect(e).toBeLessThan((500.8 * 1e9) / 60);
  });
});
