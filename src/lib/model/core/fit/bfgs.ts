/**
 * BFGS quasi-Newton minimisation with central-difference gradients (or the exact gradient when
 * given) and a backtracking Armijo line search (Nocedal & Wright, "Numerical Optimization" 2nd
 * ed., Alg. 6.1 and 3.1). Used to polish a Nelder-Mead solution to gradient accuracy; the
 * inverse-Hessian update is skipped when the curvature condition s'y > 0 fails. A central-
 * difference gradient costs 2k evaluations of f; an exact one, for a likelihood over many
 * customers, about two.
 */
import { numericalGradient } from './gradient.ts';
import type { MinimiseResult } from './nelderMead.ts';

export interface BfgsOptions {
  maxIterations?: number;
  /** converged when max |gradient| <= gradientTolerance (default 1e-6) */
  gradientTolerance?: number;
  /** or when the relative decrease of f is below this for two steps (default 1e-13) */
  fTolerance?: number;
}

export function bfgs(
  f: (x: number[]) => number,
  start: readonly number[],
  options: BfgsOptions = {},
  /** the exact gradient of f, or null where it is not finite (then a central difference is taken) */
  exactGradient?: (x: readonly number[]) => number[] | null
): MinimiseResult {
  const k = start.length;
  const maxIterations = options.maxIterations ?? 200;
  const gTol = options.gradientTolerance ?? 1e-6;
  const fTol = options.fTolerance ?? 1e-13;
  let evaluations = 0;
  const value = (x: number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  const gradient = (x: number[]): number[] => exactGradient?.(x) ?? numericalGradient(value, x);
  let x = start.slice();
  let fx = value(x);
  let g = gradient(x);
  // inverse Hessian approximation, row-major
  let Hinv = new Array<number>(k * k).fill(0);
  for (let i = 0; i < k; i++) Hinv[i * k + i] = 1;
  let iterations = 0;
  let converged = false;
  let smallSteps = 0;
  let firstStep = true;
  for (; iterations < maxIterations; iterations++) {
    if (g.every(Number.isFinite) && Math.max(...g.map(Math.abs)) <= gTol) {
      converged = true;
      break;
    }
    if (!g.every(Number.isFinite)) break;
    const dir = new Array<number>(k).fill(0);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) dir[i] -= Hinv[i * k + j] * g[j];
    let slope = dir.reduce((s, d, i) => s + d * g[i], 0);
    if (!(slope < 0)) {
      // not a descent direction: restart from steepest descent
      for (let i = 0; i < k * k; i++) Hinv[i] = i % (k + 1) === 0 ? 1 : 0;
      for (let i = 0; i < k; i++) dir[i] = -g[i];
      slope = -g.reduce((s, v) => s + v * v, 0);
    }
    let step = 1;
    if (firstStep) {
      // keep the first step modest on the log-parameter scale
      const norm = Math.sqrt(dir.reduce((s, d) => s + d * d, 0));
      if (norm > 1) step = 1 / norm;
    }
    let xNew = x;
    let fNew = fx;
    let accepted = false;
    for (let tries = 0; tries < 40; tries++) {
      xNew = x.map((v, i) => v + step * dir[i]);
      fNew = value(xNew);
      if (fNew <= fx + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step /= 2;
    }
    if (!accepted) break;
    firstStep = false;
    const gNew = gradient(xNew);
    const s = xNew.map((v, i) => v - x[i]);
    const y = gNew.map((v, i) => v - g[i]);
    const sy = s.reduce((acc, v, i) => acc + v * y[i], 0);
    if (sy > 1e-12 * Math.sqrt(s.reduce((a, v) => a + v * v, 0) * y.reduce((a, v) => a + v * v, 0))) {
      if (iterations === 0) {
        // scale the initial inverse Hessian (Nocedal & Wright eq. 6.20)
        const yy = y.reduce((a, v) => a + v * v, 0);
        Hinv = Hinv.map((v) => (v * sy) / yy);
      }
      const rho = 1 / sy;
      const Hy = new Array<number>(k).fill(0);
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) Hy[i] += Hinv[i * k + j] * y[j];
      const yHy = y.reduce((a, v, i) => a + v * Hy[i], 0);
      const next = Hinv.slice();
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          next[i * k + j] += -rho * (Hy[i] * s[j] + s[i] * Hy[j]) + (rho * rho * yHy + rho) * s[i] * s[j];
        }
      }
      Hinv = next;
    }
    const decrease = fx - fNew;
    x = xNew;
    g = gNew;
    fx = fNew;
    if (decrease <= fTol * Math.max(1, Math.abs(fx))) {
      smallSteps++;
      if (smallSteps >= 2) {
        converged = Math.max(...g.map(Math.abs)) <= 1e3 * gTol;
        break;
      }
    } else smallSteps = 0;
  }
  return { x, f: fx, iterations, evaluations, converged };
}
