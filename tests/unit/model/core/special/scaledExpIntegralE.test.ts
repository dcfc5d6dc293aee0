/**
 * G_n(z) = e^z E_n(z), the Laplace transform of (1 + v)^-n, checked against identities that do
 * not use its own methods: adaptive exp-sinh quadrature of the defining integral, the recurrence
 * n G_(n+1)(z) = 1 - z G_n(z) (A&S 5.1.14), G_n(0) = 1 / (n - 1) (A&S 5.1.23), the closed form
 * G_2(z) = 1 - z e^z E_1(z) with E_1 from its series (A&S 5.1.11), and the bounds
 * 1 / (z + n) < G_n(z) < 1 / (z + n - 1) (A&S 5.1.19).
 */
import { describe, expect, it } from 'vitest';
import { scaledExpIntegralE } from '$lib/model/core/special/scaledExpIntegralE';
import { integrateToInfinity } from '$lib/model/core/special/integrate';
import { chebyshevFit, chebyshevValue } from '$lib/model/core/special/chebyshev';
import { gaussLaguerre } from '$lib/model/core/special/gaussLaguerre';

const byIntegral = (n: number, z: number) =>
  integrateToInfinity((v) => Math.exp(-z * v - n * Math.log1p(v)), 0, { tolerance: 1e-14, maxLevels: 12 }).value;

/** E_1(z) = -gamma - ln z - sum_k (-z)^k / (k k!), A&S 5.1.11 */
function expIntegralE1(z: number): number {
  let sum = 0;
  let term = 1;
  for (let k = 1; k < 200; k++) {
    term *= -z / k;
    sum += term / k;
    if (Math.abs(term) < 1e-18) break;
  }
  return -0.5772156649015329 - Math.log(z) - sum;
}

const ORDERS = [1.001, 1.01, 1.05, 1.24, 1.5, 1.99999, 2, 2.24, 3, 3.5, 4.999, 5, 6, 11, 31, 101, 1001, 1e5];
const ARGS = [1e-9, 1e-8, 3e-8, 1e-6, 1e-4, 1e-3, 0.01, 0.05, 0.1, 0.5, 1, 1.999, 2, 3, 3.99, 4, 10, 100, 1e4, 1e8];

describe('scaled exponential integral e^z E_n(z)', () => {
  it('agrees with adaptive quadrature of int_0^inf e^(-z v) (1 + v)^-n dv to 1e-9 over n in (1, 1e5], z in [1e-9, 1e8]', () => {
    let worst = 0;
    for (const n of ORDERS)
      for (const z of ARGS) worst = Math.max(worst, Math.abs(scaledExpIntegralE(n, z) / byIntegral(n, z) - 1));
    expect(worst).toBeLessThan(1e-9);
  });

  it('satisfies n G_(n+1)(z) = 1 - z G_n(z) (A&S 5.1.14) across its method boundaries', () => {
    for (const n of [1.24, 2.5, 3.9, 4.1, 29.5, 30.5])
      for (const z of [1e-5, 0.01, 0.7, 1.9, 2.1, 3.5, 50]) {
        const lhs = n * scaledExpIntegralE(n + 1, z);
        const rhs = 1 - z * scaledExpIntegralE(n, z);
        expect(Math.abs(lhs - rhs)).toBeLessThan(1e-9 * Math.max(Math.abs(lhs), 1e-3));
      }
  });

  it('is 1 / (n - 1) at z = 0 and lies between 1 / (z + n) and 1 / (z + n - 1) (A&S 5.1.19, 5.1.23)', () => {
    expect(scaledExpIntegralE(1.5, 0)).toBe(2);
    for (const n of ORDERS.filter((v) => v >= 2))
      for (const z of ARGS) {
        const g = scaledExpIntegralE(n, z);
        expect(g).toBeGreaterThan((1 / (z + n)) * (1 - 1e-12));
        expect(g).toBeLessThan((1 / (z + n - 1)) * (1 + 1e-12));
      }
  });

  it('gives G_2(z) = 1 - z e^z E_1(z) with E_1 from its power series (A&S 5.1.11)', () => {
    for (const z of [1e-6, 0.01, 0.3, 1, 2.5]) {
      const closed = 1 - z * Math.exp(z) * expIntegralE1(z);
      expect(Math.abs(scaledExpIntegralE(2, z) / closed - 1)).toBeLessThan(1e-10);
    }
  });

  it('names a bad order or argument', () => {
    expect(() => scaledExpIntegralE(1, 1)).toThrow(/order n = 1/);
    expect(() => scaledExpIntegralE(2, -1)).toThrow(/argument z = -1/);
  });
});

describe('Chebyshev interpolation and Gauss-Laguerre rules', () => {
  it('interpolates exp on [-3, 2] to 1e-13 with 24 points (rho^-n convergence of an entire function)', () => {
    const c = chebyshevFit(Math.exp, -3, 2, 24);
    for (let x = -3; x <= 2; x += 0.137) expect(Math.abs(chebyshevValue(c, x) / Math.exp(x) - 1)).toBeLessThan(1e-13);
  });

  it('integrates e^-u u^k exactly (k!) up to degree 2n - 1, and its weights sum to 1', () => {
    const { nodes, weights } = gaussLaguerre(12);
    let factorial = 1;
    for (let k = 0; k < 24; k++) {
      if (k > 0) factorial *= k;
      let sum = 0;
      for (let i = 0; i < 12; i++) sum += weights[i] * nodes[i] ** k;
      expect(Math.abs(sum / factorial - 1)).toBeLessThan(1e-10);
    }
  });
});
