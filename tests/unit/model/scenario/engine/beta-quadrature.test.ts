import { describe, expect, it } from 'vitest';
import { betaQuadrature } from '$lib/model/scenario/engine/beta-quadrature.ts';

// E[p^j] for p ~ Beta(a, b) = Π_{i<j} (a + i) / (a + b + i) (closed form of the Beta moments).
function betaMoment(a: number, b: number, j: number): number {
  let m = 1;
  for (let i = 0; i < j; i++) m *= (a + i) / (a + b + i);
  return m;
}

describe('Gauss quadrature over a Beta distribution', () => {
  const cases: [number, number][] = [
    [0.793, 2.426], // CDNOW BG/NBD Beta (FHL 2005)
    [0.704, 1.182], // sBG regular cohort (Fader & Hardie 2007)
    [0.2, 8],
    [5, 50],
    [1, 1]
  ];
  for (const [a, b] of cases) {
    it(`integrates every moment up to degree 2n - 1 exactly for Beta(${a}, ${b})`, () => {
      const n = 10;
      const rule = betaQuadrature(a, b, n);
      for (let j = 0; j < 2 * n; j++) {
        let q = 0;
        for (let k = 0; k < n; k++) q += rule.weights[k] * rule.nodes[k] ** j;
        expect(Math.abs(q - betaMoment(a, b, j)) / betaMoment(a, b, j)).toBeLessThan(1e-11);
      }
    });
  }

  it('has nodes inside (0, 1) in ascending order and weights summing to one', () => {
    const r = betaQuadrature(0.5, 0.5, 12);
    let s = 0;
    for (let k = 0; k < 12; k++) {
      expect(r.nodes[k]).toBeGreaterThan(0);
      expect(r.nodes[k]).toBeLessThan(1);
      if (k > 0) expect(r.nodes[k]).toBeGreaterThan(r.nodes[k - 1]);
      s += r.weights[k];
    }
    expect(s).toBeCloseTo(1, 14);
  });

  it('rejects invalid Beta parameters with the offending value', () => {
    expect(() => betaQuadrature(-1, 2, 5)).toThrow('a = -1');
    expect(() => betaQuadrature(1, 2, 0)).toThrow('invalid quadrature size: 0');
  });
});

describe('snapped Beta rules (reweighted from a cached grid rule)', () => {
  it('reproduce the Beta moments E[p] = a/(a+b) and E[p(1-p)] = ab/((a+b)(a+b+1)) within the stated 2e-3 away from the grid points', async () => {
    const { snappedBetaQuadrature } = await import('$lib/model/scenario/engine/beta-quadrature.ts');
    for (const [a, b] of [
      [0.793, 2.426],
      [0.81, 9.7],
      [1.37, 4.02],
      [0.704, 1.182],
      [0.6, 30]
    ]) {
      const r = snappedBetaQuadrature(a, b, 8);
      let m1 = 0,
        m11 = 0,
        wsum = 0;
      for (let k = 0; k < 8; k++) {
        m1 += r.weights[k] * r.nodes[k];
        m11 += r.weights[k] * r.nodes[k] * (1 - r.nodes[k]);
        wsum += r.weights[k];
      }
      expect(wsum).toBeCloseTo(1, 14);
      expect(Math.abs(m1 / (a / (a + b)) - 1)).toBeLessThan(2e-3);
      expect(Math.abs(m11 / ((a * b) / ((a + b) * (a + b + 1))) - 1)).toBeLessThan(2e-3);
    }
  });
});
