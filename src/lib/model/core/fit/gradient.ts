/**
 * Finite-difference derivatives of a smooth scalar function (Nocedal & Wright, "Numerical
 * Optimization" 2nd ed., section 8.1): central differences for the gradient (truncation
 * error O(h^2)) and for the Hessian (eq. 8.21-style four-point mixed differences).
 */

/** Central-difference gradient; step h_i = relStep * max(1, |x_i|). */
export function numericalGradient(f: (x: number[]) => number, x: readonly number[], relStep = 1e-5): number[] {
  const g = new Array<number>(x.length);
  const p = x.slice();
  for (let i = 0; i < x.length; i++) {
    const h = relStep * Math.max(1, Math.abs(x[i]));
    p[i] = x[i] + h;
    const up = f(p);
    p[i] = x[i] - h;
    const down = f(p);
    p[i] = x[i];
    g[i] = (up - down) / (2 * h);
  }
  return g;
}

/** Central-difference Hessian (row-major, symmetric); step h_i = relStep * max(1, |x_i|). */
export function numericalHessian(f: (x: number[]) => number, x: readonly number[], relStep = 1e-3): number[] {
  const k = x.length;
  const h = x.map((v) => relStep * Math.max(1, Math.abs(v)));
  const f0 = f(x.slice());
  const at = (i: number, si: number, j: number, sj: number): number => {
    const p = x.slice();
    p[i] += si * h[i];
    p[j] += sj * h[j];
    return f(p);
  };
  const H = new Array<number>(k * k).fill(0);
  for (let i = 0; i < k; i++) {
    const p = x.slice();
    p[i] = x[i] + 2 * h[i];
    const up2 = f(p);
    p[i] = x[i] - 2 * h[i];
    const down2 = f(p);
    p[i] = x[i] + h[i];
    const up = f(p);
    p[i] = x[i] - h[i];
    const down = f(p);
    // fourth-order accurate second derivative: (-f(+2h) + 16 f(+h) - 30 f0 + 16 f(-h) - f(-2h)) / (12 h^2)
    H[i * k + i] = (-up2 + 16 * up - 30 * f0 + 16 * down - down2) / (12 * h[i] * h[i]);
    for (let j = 0; j < i; j++) {
      const v = (at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) / (4 * h[i] * h[j]);
      H[i * k + j] = v;
      H[j * k + i] = v;
    }
  }
  return H;
}
