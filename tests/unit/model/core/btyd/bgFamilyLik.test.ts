/**
 * The exact derivatives of the BG/NBD and MBG/NBD likelihoods (btyd/bgFamilyLik.ts) against
 * central finite differences of the likelihood itself, the trigamma function against closed
 * forms, and Newton's method (fit/newton.ts) on a problem with a known minimum.
 */
import { describe, expect, it } from 'vitest';
import { bgFamilyDerivatives, bgFamilyLogLik, prepareBgFamily } from '$lib/model/core/btyd/bgFamilyLik.ts';
import { bgnbdLogLikIndividual } from '$lib/model/core/btyd/bgnbd.ts';
import { mbgnbdLogLikIndividual } from '$lib/model/core/btyd/mbgnbd.ts';
import { newton } from '$lib/model/core/fit/newton.ts';
import { compressRfmArrays, createRng, digamma, simulateBgNbd, trigamma } from '$lib/model/core/index.ts';
import type { BgNbdParams } from '$lib/model/core/types.ts';

const NAMES = ['r', 'alpha', 'a', 'b'] as const;

function data() {
  const sim = simulateBgNbd({ r: 0.5, alpha: 6, a: 0.8, b: 2.5 }, { customers: 600, T: 39, seed: 17 });
  const day = (v: number): number => Math.round(v * 7) / 7;
  return compressRfmArrays(sim.x, sim.tx.map(day), sim.T);
}

describe('trigamma', () => {
  it("matches psi'(1) = pi^2/6, psi'(1/2) = pi^2/2 (A&S 6.4.2, 6.4.4) and the recurrence psi'(x+1) = psi'(x) - 1/x^2", () => {
    expect(Math.abs(trigamma(1) - Math.PI ** 2 / 6)).toBeLessThan(1e-14);
    expect(Math.abs(trigamma(0.5) - Math.PI ** 2 / 2)).toBeLessThan(1e-14);
    for (const x of [0.01, 0.3, 2.7, 9.99, 50, 1e4])
      expect(Math.abs(trigamma(x + 1) - (trigamma(x) - 1 / (x * x)))).toBeLessThan(1e-13 * trigamma(x));
  });

  it('is the derivative of digamma (central difference)', () => {
    for (const x of [0.05, 0.9, 4.2, 37]) {
      const h = 1e-5 * x;
      const numeric = (digamma(x + h) - digamma(x - h)) / (2 * h);
      expect(Math.abs(trigamma(x) - numeric)).toBeLessThan(1e-6 * trigamma(x));
    }
    expect(trigamma(0)).toBeNaN();
  });
});

describe.each([
  ['BG/NBD', 0 as const, bgnbdLogLikIndividual],
  ['MBG/NBD', 1 as const, mbgnbdLogLikIndividual]
])('%s likelihood derivatives', (_, shift, individual) => {
  const rfm = data();
  const prepared = prepareBgFamily(rfm, shift);
  const rng = createRng(2024);

  it('has the value of the sum of the individual log-likelihoods', () => {
    const p: BgNbdParams = { r: 0.3, alpha: 5, a: 0.9, b: 2 };
    let direct = 0;
    for (let i = 0; i < rfm.length; i++) direct += rfm.count[i] * individual(p, rfm.x[i], rfm.tx[i], rfm.T[i]);
    expect(Math.abs(bgFamilyLogLik(p, prepared) - direct)).toBeLessThan(1e-9 * Math.abs(direct));
    expect(bgFamilyDerivatives(p, prepared)!.logLik).toBeCloseTo(direct, 8);
  });

  it('has a gradient and Hessian equal to finite differences at random points', () => {
    for (let trial = 0; trial < 12; trial++) {
      // log-uniform points over two decades around typical values, including a < 1 and a > 1
      const p: BgNbdParams = {
        r: 0.05 * 10 ** (2 * rng.uniform()),
        alpha: 0.5 * 10 ** (2 * rng.uniform()),
        a: 0.1 * 10 ** (2 * rng.uniform()),
        b: 0.3 * 10 ** (2 * rng.uniform())
      };
      const d = bgFamilyDerivatives(p, prepared)!;
      const at = (i: number, h: number): BgNbdParams => ({ ...p, [NAMES[i]]: p[NAMES[i]] + h });
      for (let i = 0; i < 4; i++) {
        const h = 1e-5 * p[NAMES[i]];
        const up = bgFamilyDerivatives(at(i, h), prepared)!;
        const down = bgFamilyDerivatives(at(i, -h), prepared)!;
        const g = (bgFamilyLogLik(at(i, h), prepared) - bgFamilyLogLik(at(i, -h), prepared)) / (2 * h);
        const scale = Math.abs(d.gradient[i]) + (Math.abs(d.logLik) * 1e-3) / p[NAMES[i]];
        expect(Math.abs(d.gradient[i] - g)).toBeLessThan(1e-5 * scale);
        for (let j = 0; j < 4; j++) {
          // column i of the Hessian from differences of the exact gradient
          const hij = (up.gradient[j] - down.gradient[j]) / (2 * h);
          const hScale = Math.abs(d.hessian[i * 4 + j]) + Math.abs(d.gradient[j]) / p[NAMES[i]] + 1e-6;
          expect(Math.abs(d.hessian[i * 4 + j] - hij)).toBeLessThan(1e-5 * hScale);
          expect(d.hessian[i * 4 + j]).toBe(d.hessian[j * 4 + i]);
        }
      }
    }
  });
});

describe('BG/NBD gradient without the Hessian', () => {
  it('has the value and gradient of the full derivatives, and an empty Hessian', () => {
    const prepared = prepareBgFamily(data(), 0);
    const p: BgNbdParams = { r: 0.3, alpha: 5, a: 0.9, b: 2 };
    const full = bgFamilyDerivatives(p, prepared)!;
    const gradientOnly = bgFamilyDerivatives(p, prepared, false)!;
    expect(gradientOnly.logLik).toBe(full.logLik);
    expect(Array.from(gradientOnly.gradient)).toEqual(Array.from(full.gradient));
    expect(gradientOnly.hessian).toHaveLength(0);
  });
});

describe('newton', () => {
  it('gives up on a ridge (a Hessian never positive definite, the gradient shrinking slowly) when told to', () => {
    // f = 1/x - y^2 / x^2 along y = 0: gradient (-1/x^2, 0), Hessian diag(2/x^3, -2/x^2), no
    // minimum at any finite x; each modified Newton step leaves most of the gradient
    const f = (x: readonly number[]) => 1 / x[0] - x[1] ** 2 / x[0] ** 2;
    const second = (x: readonly number[]) => ({
      f: f(x),
      gradient: [-1 / x[0] ** 2 + (2 * x[1] ** 2) / x[0] ** 3, (-2 * x[1]) / x[0] ** 2],
      hessian: [
        2 / x[0] ** 3 - (6 * x[1] ** 2) / x[0] ** 4,
        (4 * x[1]) / x[0] ** 3,
        (4 * x[1]) / x[0] ** 3,
        -2 / x[0] ** 2
      ]
    });
    const patient = newton(second, f, [1, 0], { maxIterations: 40 });
    const quick = newton(second, f, [1, 0], { maxIterations: 40, slowStepsAllowed: 6 });
    expect(patient.converged).toBe(false);
    expect(patient.iterations).toBe(40);
    expect(quick.converged).toBe(false);
    expect(quick.iterations).toBeLessThanOrEqual(8);
  });

  it('finds the minimum of a convex quartic from a start where the Hessian is nearly singular', () => {
    // f = (x0 - 1)^4 + (x0 - 1)^2 + 2 (x1 + 2)^2 + x0 x1 / 10, minimum by the stationarity conditions
    const f = (x: readonly number[]) => (x[0] - 1) ** 4 + (x[0] - 1) ** 2 + 2 * (x[1] + 2) ** 2 + (x[0] * x[1]) / 10;
    const r = newton(
      (x) => ({
        f: f(x),
        gradient: [4 * (x[0] - 1) ** 3 + 2 * (x[0] - 1) + x[1] / 10, 4 * (x[1] + 2) + x[0] / 10],
        hessian: [12 * (x[0] - 1) ** 2 + 2, 0.1, 0.1, 4]
      }),
      f,
      [6, 4]
    );
    expect(r.converged).toBe(true);
    // stationarity: 4 (x1 + 2) = -x0 / 10 and 4 (x0 - 1)^3 + 2 (x0 - 1) = -x1 / 10
    expect(Math.abs(4 * (r.x[1] + 2) + r.x[0] / 10)).toBeLessThan(1e-8);
    expect(Math.abs(4 * (r.x[0] - 1) ** 3 + 2 * (r.x[0] - 1) + r.x[1] / 10)).toBeLessThan(1e-8);
  });

  it('walks out of a concave region (indefinite Hessian) by adding a multiple of the identity', () => {
    // f = x^4/4 - x^2/2 has a local maximum at 0 and minima at +-1; from 0.1 the Hessian is negative
    const f = (x: readonly number[]) => x[0] ** 4 / 4 - x[0] ** 2 / 2;
    const r = newton((x) => ({ f: f(x), gradient: [x[0] ** 3 - x[0]], hessian: [3 * x[0] ** 2 - 1] }), f, [0.1]);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 8);
  });
});
