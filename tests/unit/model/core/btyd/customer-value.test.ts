import { describe, expect, it } from 'vitest';
import { customerOutlook } from '$lib/model/core/btyd/customer-value';
import { bgnbd, bgnbdDert } from '$lib/model/core/btyd/bgnbd';
import { mbgNbd, mbgnbdDert } from '$lib/model/core/btyd/mbgnbd';
import { paretoNbd, paretonbdDert, paretonbdDertWithin } from '$lib/model/core/btyd/paretonbd';
import { integrate } from '$lib/model/core/special/integrate';
import type { BgNbdParams, ParetoNbdParams } from '$lib/model/core/types';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

// CDNOW fits of Fader, Hardie & Lee (2005): BG/NBD ("Counting your customers the easy way",
// Table 1 / section 5) and Pareto/NBD ("RFM and CLV", JMR 42, section 3), weekly time
const BG: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const PNBD: ParetoNbdParams = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
// ~15% a year on weekly data (FHL 2005 "RFM and CLV", section 4)
const DELTA = 0.0027;
const CUSTOMERS: [number, number, number][] = [
  [0, 0, 39],
  [2, 30.43, 38.86],
  [10, 35, 39],
  [1, 2, 70]
];

describe('Pareto/NBD DERT over a horizon', () => {
  it('over the lifetime equals FHL 2005 "RFM and CLV" eq. 2 (the Tricomi U closed form), a different expression', () => {
    for (const [x, tx, T] of CUSTOMERS)
      expect(rel(paretonbdDertWithin(PNBD, x, tx, T, DELTA), paretonbdDert(PNBD, x, tx, T, DELTA))).toBeLessThan(1e-7);
  });

  it('within H equals the discounted increments of E[Y(t) | x, t_x, T] (eq. 27): e^(-dH) E[Y(H)] + d int_0^H e^(-dt) E[Y(t)] dt', () => {
    for (const H of [13, 52, 260])
      for (const [x, tx, T] of CUSTOMERS) {
        const ey = (t: number) => paretoNbd.conditionalExpected(PNBD, x, tx, T, t);
        const byParts =
          Math.exp(-DELTA * H) * ey(H) +
          DELTA * integrate((t) => Math.exp(-DELTA * t) * ey(t), 0, H, { tolerance: 1e-11 }).value;
        expect(rel(paretonbdDertWithin(PNBD, x, tx, T, DELTA, H), byParts)).toBeLessThan(1e-6);
      }
  });

  it('grows with the horizon towards the lifetime value', () => {
    const [x, tx, T] = CUSTOMERS[1];
    const a = paretonbdDertWithin(PNBD, x, tx, T, DELTA, 52);
    const b = paretonbdDertWithin(PNBD, x, tx, T, DELTA, 520);
    const life = paretonbdDertWithin(PNBD, x, tx, T, DELTA);
    expect(a).toBeLessThan(b);
    expect(b).toBeLessThan(life);
  });

  it('refuses a horizon that is not positive', () => {
    expect(() => paretonbdDertWithin(PNBD, 1, 1, 2, DELTA, 0)).toThrow(/horizon/);
  });
});

describe('customerOutlook: one expression for every purchase model', () => {
  it('BG/NBD: reproduces FHL 2005 E[Y(39) | x = 2, t_x = 30.43, T = 38.86] = 1.226 and is the BG/NBD DERT unchanged', () => {
    const o = customerOutlook('bgnbd', BG, 2, 30.43, 38.86, 39, DELTA, 520);
    expect(o.expected).toBeCloseTo(1.226, 3);
    expect(o.pAlive).toBe(bgnbd.pAlive(BG, 2, 30.43, 38.86));
    expect(o.dert).toBe(bgnbdDert(BG, 2, 30.43, 38.86, DELTA, 520));
  });

  it('MBG/NBD and Pareto/NBD: their own P(alive), conditional expectation and DERT', () => {
    const m = customerOutlook('mbgnbd', BG, 2, 30.43, 38.86, 52, DELTA);
    expect(m.pAlive).toBe(mbgNbd.pAlive(BG, 2, 30.43, 38.86));
    expect(m.expected).toBe(mbgNbd.conditionalExpected(BG, 2, 30.43, 38.86, 52));
    expect(m.dert).toBe(mbgnbdDert(BG, 2, 30.43, 38.86, DELTA));
    const p = customerOutlook('paretonbd', PNBD, 2, 30.43, 38.86, 52, DELTA, 520);
    expect(p.pAlive).toBe(paretoNbd.pAlive(PNBD, 2, 30.43, 38.86));
    expect(p.expected).toBe(paretoNbd.conditionalExpected(PNBD, 2, 30.43, 38.86, 52));
    expect(p.dert).toBe(paretonbdDertWithin(PNBD, 2, 30.43, 38.86, DELTA, 520));
  });

  it('a customer who bought often and lately is more alive and worth more than one gone quiet, in every model', () => {
    for (const [model, params] of [
      ['bgnbd', BG],
      ['mbgnbd', BG],
      ['paretonbd', PNBD]
    ] as const) {
      const recent = customerOutlook(model, params, 8, 38, 39, 52, DELTA);
      const quiet = customerOutlook(model, params, 8, 5, 39, 52, DELTA);
      expect(recent.pAlive).toBeGreaterThan(quiet.pAlive);
      expect(recent.dert).toBeGreaterThan(quiet.dert);
    }
  });

  it('refuses an unknown model by name', () => {
    expect(() => customerOutlook('nbd' as never, BG, 1, 1, 2, 1, DELTA)).toThrow(/unknown purchase model 'nbd'/);
  });
});
