/**
 * Newton's method with an exact gradient and Hessian, a modified Hessian and a backtracking
 * Armijo line search (Nocedal & Wright, "Numerical Optimization" 2nd ed., Alg. 3.2 with the
 * "Cholesky with added multiple of the identity" of section 3.4). Away from the optimum the
 * Hessian of a likelihood need not be positive definite: a multiple of the identity is then
 * added until the Cholesky factorisation succeeds, which gives a descent direction that
 * shrinks towards steepest descent. Near the optimum the full Newton step is accepted and
 * the convergence is quadratic: a handful of iterations from a reasonable start.
 */
import { cholesky } from './linalg.ts';
import type { MinimiseResult } from './nelderMead.ts';

export interface SecondOrder {
  f: number;
  /** gradient, length k */
  gradient: ArrayLike<number>;
  /** Hessian, row-major k x k */
  hessian: ArrayLike<number>;
}

export interface NewtonOptions {
  maxIterations?: number;
  /** converged when max |gradient| <= gradientTolerance (default 1e-8) */
  gradientTolerance?: number;
  /** the largest step in any coordinate (default 2: on log-parameters a factor of e^2) */
  maxStep?: number;
  /**
   * give up (not converged) after this many steps in a row on a Hessian that is not positive
   * definite, each leaving more than half the gradient (default: never); near an optimum the
   * Hessian is positive definite and Newton more than halves the gradient every step
   */
  slowStepsAllowed?: number;
}

/** Solves L L' d = b for d, L lower-triangular row-major. */
function cholSolve(l: ArrayLike<number>, b: ArrayLike<number>, k: number): number[] {
  const y = new Array<number>(k);
  for (let i = 0; i < k; i++) {
    let s = b[i];
    for (let m = 0; m < i; m++) s -= l[i * k + m] * y[m];
    y[i] = s / l[i * k + i];
  }
  const d = new Array<number>(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = y[i];
    for (let m = i + 1; m < k; m++) s -= l[m * k + i] * d[m];
    d[i] = s / l[i * k + i];
  }
  return d;
}

/**
 * Minimises f from `start` given `derivatives(x)` (value, gradient and Hessian) and `value(x)`
 * (the value alone, for the line search); either may return a non-finite value outside the
 * domain, which the line search backs away from.
 */
export function newton(
  derivatives: (x: readonly number[]) => SecondOrder | null,
  value: (x: readonly number[]) => number,
  start: readonly number[],
  options: NewtonOptions = {}
): MinimiseResult {
  const k = start.length;
  const maxIterations = options.maxIterations ?? 100;
  const gTol = options.gradientTolerance ?? 1e-8;
  const maxStep = options.maxStep ?? 2;
  let evaluations = 0;
  const f = (x: readonly number[]): number => {
    evaluations++;
    const v = value(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let x = start.slice();
  let iterations = 0;
  let converged = false;
  let fx = NaN;
  // steps on a Hessian that is not positive definite that each leave more than half the
  // gradient: linear convergence away from any interior optimum, the mark of a ridge running
  // to the boundary (BG/NBD's a -> 0, b -> infinity), where 40 iterations gain nothing
  let slowSteps = 0;
  let gPrevious = Infinity;
  for (; iterations < maxIterations; iterations++) {
    evaluations++;
    const d2 = derivatives(x);
    if (!d2 || !Number.isFinite(d2.f)) break;
    fx = d2.f;
    const g = Array.from(d2.gradient);
    let gMax = 0;
    for (const v of g) gMax = Math.max(gMax, Math.abs(v));
    if (!Number.isFinite(gMax)) break;
    if (gMax <= gTol) {
      converged = true;
      break;
    }
    // gPrevious is finite only after a step on a modified (not positive definite) Hessian
    if (gMax > 0.5 * gPrevious) slowSteps++;
    else slowSteps = 0;
    if (slowSteps >= (options.slowStepsAllowed ?? Infinity)) break;
    // modified Newton: H + tau I positive definite, tau = 0 when H already is
    const H = Array.from(d2.hessian);
    if (!H.every(Number.isFinite)) break;
    let diagMax = 0;
    for (let i = 0; i < k; i++) diagMax = Math.max(diagMax, Math.abs(H[i * k + i]));
    let tau = 0;
    let l = cholesky(H, k);
    for (let tries = 0; !l && tries < 60; tries++) {
      tau = tau === 0 ? Math.max(1e-8, 1e-3 * diagMax) : tau * 4;
      const shifted = H.slice();
      for (let i = 0; i < k; i++) shifted[i * k + i] += tau;
      l = cholesky(shifted, k);
    }
    if (!l) break;
    const dir = cholSolve(
      l,
      g.map((v) => -v),
      k
    );
    let dMax = 0;
    for (const v of dir) dMax = Math.max(dMax, Math.abs(v));
    if (dMax > maxStep) for (let i = 0; i < k; i++) dir[i] *= maxStep / dMax;
    let slope = 0;
    for (let i = 0; i < k; i++) slope += g[i] * dir[i];
    if (!(slope < 0)) break;
    let step = 1;
    let accepted = false;
    const trial = new Array<number>(k);
    for (let tries = 0; tries < 50; tries++) {
      for (let i = 0; i < k; i++) trial[i] = x[i] + step * dir[i];
      const fNew = f(trial);
      if (fNew <= fx + 1e-4 * step * slope) {
        accepted = true;
        fx = fNew;
        break;
      }
      step /= 2;
    }
    if (!accepted) {
      // no decrease to be had within rounding: converged if the gradient is nearly zero
      converged = gMax <= 1e3 * gTol;
      break;
    }
    x = trial.slice();
    gPrevious = tau > 0 ? gMax : Infinity;
  }
  return { x, f: fx, iterations, evaluations, converged };
}
