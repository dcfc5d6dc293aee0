import { describe, expect, it } from 'vitest';
import { betaQuadrature } from '$lib/model/engine/beta-quadrature.ts';

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
