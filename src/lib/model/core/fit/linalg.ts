/**
 * Small dense linear algebra for the optimiser and standard errors (k <= 6 parameters):
 * row-major symmetric matrices as number[]; Cholesky factorisation (Golub & Van Loan,
 * "Matrix Computations", Alg. 4.2.1) used to test positive definiteness and to invert.
 */

/**
 * The one Cholesky factorisation of the project: L (row-major, lower) with L L^T = A + ridge I
 * for a symmetric positive definite k x k matrix A, or null when a pivot is not positive
 * and finite. (The Monte Carlo's ridged factor, random/draws.ts, retries this with a ridge.)
 */
export function cholesky(a: ArrayLike<number>, k: number, ridge = 0): Float64Array | null {
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * k + j] + (i === j ? ridge : 0);
      for (let m = 0; m < j; m++) sum -= l[i * k + m] * l[j * k + m];
      if (i === j) {
        if (!(sum > 0) || !Number.isFinite(sum)) return null;
        l[i * k + i] = Math.sqrt(sum);
      } else {
        l[i * k + j] = sum / l[j * k + j];
      }
    }
  }
  return l;
}

/** Inverse of a symmetric positive definite matrix via its Cholesky factor, or null if not SPD. */
export function invertSpd(a: readonly number[], k: number): number[] | null {
  const l = cholesky(a, k);
  if (!l) return null;
  // invert L (lower triangular)
  const li = new Array<number>(k * k).fill(0);
  for (let i = 0; i < k; i++) {
    li[i * k + i] = 1 / l[i * k + i];
    for (let j = 0; j < i; j++) {
      let sum = 0;
      for (let m = j; m < i; m++) sum -= l[i * k + m] * li[m * k + j];
      li[i * k + j] = sum / l[i * k + i];
    }
  }
  // A^-1 = L^-T L^-1
  const inv = new Array<number>(k * k).fill(0);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let m = i; m < k; m++) sum += li[m * k + i] * li[m * k + j];
      inv[i * k + j] = sum;
      inv[j * k + i] = sum;
    }
  }
  return inv;
}
