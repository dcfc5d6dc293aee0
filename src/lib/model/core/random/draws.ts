/**
 * Draws the Monte Carlo needs on top of the seeded generator of model/random
 * (createRng): multivariate normal by Cholesky factor, and the PERT distribution
 * for assumption ranges.
 *
 * - Cholesky: L L^T = Σ (Golub & Van Loan 2013, algorithm 4.2.1); a tiny ridge is
 *   added when round-off makes Σ indefinite (a Hessian inverse often is, barely).
 * - PERT(low, mode, high) with shape λ = 4 (Malcolm et al. 1959; Vose 2008):
 *   low + (high - low) Beta(1 + λ (mode - low)/(high - low), 1 + λ (high - mode)/(high - low)),
 *   mean (low + λ mode + high) / (λ + 2).
 */
import type { Rng } from './index.ts';
import { cholesky } from '../fit/linalg.ts';

/** Lower Cholesky factor of an n x n row-major covariance, with a growing ridge when round-off makes it indefinite. */
export function choleskyRidged(cov: ArrayLike<number>, n: number): Float64Array {
  if (cov.length !== n * n)
    throw new RangeError(`covariance has ${cov.length} entries (must be ${n} x ${n} = ${n * n})`);
  let ridge = 0;
  for (let attempt = 0; attempt < 8; attempt++) {
    const L = cholesky(cov, n, ridge);
    if (L) return L;
    let scale = 0;
    for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(cov[i * n + i]));
    ridge = ridge === 0 ? Math.max(scale, 1e-300) * 1e-10 : ridge * 100;
  }
  throw new RangeError('covariance is not positive semi-definite (Cholesky failed even with a ridge)');
}

/** mean + L z with z ~ N(0, I). */
export function drawMvNormal(rng: Rng, mean: ArrayLike<number>, L: Float64Array): Float64Array {
  const n = mean.length;
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = rng.normal();
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = mean[i];
    for (let k = 0; k <= i; k++) s += L[i * n + k] * z[k];
    out[i] = s;
  }
  return out;
}

/** PERT draw on [low, high] with the given mode; returns `mode` when the range is empty. */
export function drawPert(rng: Rng, low: number, mode: number, high: number, lambda = 4): number {
  if (!(high > low)) return mode;
  const w = high - low;
  const a = 1 + (lambda * (mode - low)) / w;
  const b = 1 + (lambda * (high - mode)) / w;
  return low + w * rng.beta(a, b);
}
