/**
 * BG/NBD DERT returns 0 when its upper bound P(alive) (r + x) / ((α + T) δ) is negligible,
 * instead of integrating an integrand of ~1e-300 to a relative tolerance.
 */
import { describe, it, expect } from 'vitest';
import { bgnbdDert, bgnbdPAlive } from '$lib/model/core/btyd/bgnbd';

const cdnow = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }; // FHL 2005, Table 2

describe('BG/NBD DERT for customers who are almost surely gone', () => {
  it('is 0 when P(alive) is negligible (a frequent buyer silent for a long time)', () => {
    const p = { r: 2, alpha: 1, a: 5, b: 0.5 };
    const [x, tx, T] = [60, 1, 300];
    expect(bgnbdPAlive(p, x, tx, T)).toBeLessThan(1e-30);
    expect(bgnbdDert(p, x, tx, T, 0.002)).toBe(0);
  });

  it('is unchanged for a customer who is probably alive (the CDNOW example of FHL 2005: x = 2, t_x = 30.43, T = 38.86)', () => {
    const d = bgnbdDert(cdnow, 2, 30.43, 38.86, 0.0019);
    // DERT lies between 0 and the bound P(alive) (r + x) / ((α + T) δ)
    const bound = (bgnbdPAlive(cdnow, 2, 30.43, 38.86) * (cdnow.r + 2)) / ((cdnow.alpha + 38.86) * 0.0019);
    expect(d).toBeGreaterThan(0);
    expect(d).toBeLessThanOrEqual(bound);
  });
});
