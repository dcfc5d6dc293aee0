// The Pareto/NBD total log-likelihood shares its 2F1 terms between triples with the same
// (x, t); it must still be the sum of the per-customer likelihoods (FH 2005 note, eq. 19-23),
// at ordinary parameters and on the ridge where s and beta grow together (the dropout rate
// s / beta nearly the same for everyone), where the 2F1 arguments approach 1.
import { describe, expect, it } from 'vitest';
import { paretonbdLogLik, paretonbdLogLikIndividual } from '$lib/model/core/btyd/paretonbd';
import { compressRfmArrays } from '$lib/model/core/fit/compress';
import { simulateBgNbd } from '$lib/model/core/btyd/simulate';
import { createRng } from '$lib/model/core/random/rng';
import { hyp2f1, hyp2f1Fixed } from '$lib/model/core/special/hyp2f1';
import { integrate } from '$lib/model/core/special/integrate';

function triples() {
  const n = 20_000;
  const rng = createRng(5);
  const T = Float64Array.from({ length: n }, () => 1 + rng.int(364));
  const sim = simulateBgNbd({ r: 0.8, alpha: 90, a: 0.6, b: 2.5 }, { customers: n, seed: 9, T });
  const tx = Float64Array.from(sim.tx, (t, i) => (sim.x[i] > 0 ? Math.min(T[i], Math.floor(t)) : 0));
  return compressRfmArrays(
    sim.x,
    Float64Array.from(tx, (d) => d / 7),
    Float64Array.from(T, (d) => d / 7)
  );
}

describe('Pareto/NBD total log-likelihood', () => {
  const data = triples();
  it.each([
    { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 },
    { r: 0.8, alpha: 12, s: 2.3, beta: 4 },
    { r: 1.16, alpha: 20.2, s: 1204.2, beta: 1.6e6 },
    { r: 3, alpha: 0.5, s: 0.2, beta: 300 }
  ])('is the sum of the per-customer likelihoods at %o', (p) => {
    let direct = 0;
    for (let i = 0; i < data.length; i++)
      direct += data.count[i] * paretonbdLogLikIndividual(p, data.x[i], data.tx[i], data.T[i]);
    const total = paretonbdLogLik(p, data);
    expect(Number.isFinite(total)).toBe(true);
    expect(Math.abs(total - direct) / Math.abs(direct)).toBeLessThan(1e-12);
    // and again (the shared structure is reused)
    expect(paretonbdLogLik(p, data)).toBe(total);
  });
});

describe('hyp2f1Fixed', () => {
  // Euler's integral (A&S 15.3.1) with c = a + 1: 2F1(a, b; a + 1; z) = a int_0^1 t^(a-1) (1 - z t)^(-b) dt,
  // by tanh-sinh quadrature: a reference that shares no code with the series
  const reference = (a: number, b: number, z: number) =>
    a * integrate((t) => Math.exp((a - 1) * Math.log(t) - b * Math.log1p(-z * t)), 0, 1, { tolerance: 1e-13 }).value;
  it('gives 2F1(a, b; a + 1; z) over z in (0, 1) for the Pareto/NBD shapes (a = r + s + x, b = s + 1 or r + x)', () => {
    for (const [a, b] of [
      [1.5, 1.6],
      [3.2, 1.4],
      [1206.5, 2.2],
      [40.7, 2.5],
      [12.3, 11.1]
    ]) {
      const f = hyp2f1Fixed(a, b, a + 1);
      for (const z of [0.1, 0.5, 0.9, 0.95, 0.99, 0.999]) {
        const want = reference(a, b, z);
        expect(Math.abs(f(z) - want) / want).toBeLessThan(1e-9);
      }
    }
  });

  it('agrees with hyp2f1 where the Gauss series is used by both', () => {
    const f = hyp2f1Fixed(2.4, 1.7, 3.4);
    for (const z of [0.05, 0.3, 0.6]) expect(Math.abs(f(z) / hyp2f1(2.4, 1.7, 3.4, z) - 1)).toBeLessThan(1e-14);
  });

  it('shows why: hyp2f1 loses the large-a case to cancellation in the connection formula', () => {
    expect(hyp2f1(1206.5, 2.2, 1207.5, 0.95)).toBeLessThan(0);
    expect(hyp2f1Fixed(1206.5, 2.2, 1207.5)(0.95)).toBeGreaterThan(0);
  });
});
