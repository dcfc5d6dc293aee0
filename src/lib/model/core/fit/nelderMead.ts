/**
 * Nelder-Mead simplex minimisation (Nelder & Mead 1965, The Computer Journal 7(4)) with the
 * dimension-adaptive coefficients of Gao & Han (2012), "Implementing the Nelder-Mead simplex
 * algorithm with adaptive parameters", Comput. Optim. Appl. 51: reflection 1, expansion
 * 1 + 2/k, contraction 0.75 - 1/(2k), shrink 1 - 1/k (for k = 1, where 1 - 1/k would collapse
 * the simplex, the classical contraction and shrink 1/2). Non-finite objective values are
 * treated as +Infinity, so the simplex backs away from invalid regions.
 */
export interface NelderMeadOptions {
  /** initial simplex edge along each axis (default 0.5) */
  step?: number;
  maxIterations?: number;
  /** stop when the spread of function values is below this (absolute, default 1e-10) */
  fTolerance?: number;
  /** and the simplex diameter below this (default 1e-7) */
  xTolerance?: number;
}

export interface MinimiseResult {
  x: number[];
  f: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
}

export function nelderMead(
  f: (x: number[]) => number,
  start: readonly number[],
  options: NelderMeadOptions = {}
): MinimiseResult {
  const k = start.length;
  const step = options.step ?? 0.5;
  const maxIterations = options.maxIterations ?? 200 * k * k;
  const fTol = options.fTolerance ?? 1e-10;
  const xTol = options.xTolerance ?? 1e-7;
  const alpha = 1;
  const gamma = 1 + 2 / k;
  const rho = k > 1 ? 0.75 - 1 / (2 * k) : 0.5;
  const sigma = k > 1 ? 1 - 1 / k : 0.5;
  let evaluations = 0;
  const value = (x: number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };

  const points: number[][] = [start.slice()];
  for (let i = 0; i < k; i++) {
    const p = start.slice();
    p[i] += step;
    points.push(p);
  }
  const values = points.map(value);
  let iterations = 0;
  let converged = false;
  const order = Array.from({ length: k + 1 }, (_, i) => i);

  for (; iterations < maxIterations; iterations++) {
    order.sort((i, j) => values[i] - values[j]);
    const best = order[0];
    const worst = order[k];
    const second = order[k - 1];
    // convergence: function spread and simplex diameter
    let diameter = 0;
    for (let i = 1; i <= k; i++) {
      for (let d = 0; d < k; d++) diameter = Math.max(diameter, Math.abs(points[order[i]][d] - points[best][d]));
    }
    if (Math.abs(values[worst] - values[best]) <= fTol && diameter <= xTol) {
      converged = true;
      break;
    }
    const centroid = new Array<number>(k).fill(0);
    for (let i = 0; i < k; i++) for (let d = 0; d < k; d++) centroid[d] += points[order[i]][d] / k;
    const along = (t: number): number[] => centroid.map((c, d) => c + t * (points[worst][d] - c));
    const reflected = along(-alpha);
    const fr = value(reflected);
    if (fr < values[best]) {
      const expanded = along(-alpha * gamma);
      const fe = value(expanded);
      if (fe < fr) {
        points[worst] = expanded;
        values[worst] = fe;
      } else {
        points[worst] = reflected;
        values[worst] = fr;
      }
      continue;
    }
    if (fr < values[second]) {
      points[worst] = reflected;
      values[worst] = fr;
      continue;
    }
    // contraction: outside if the reflection improved on the worst, inside otherwise
    const outside = fr < values[worst];
    const contracted = along(outside ? -alpha * rho : rho);
    const fc = value(contracted);
    if (fc < (outside ? fr : values[worst])) {
      points[worst] = contracted;
      values[worst] = fc;
      continue;
    }
    for (let i = 1; i <= k; i++) {
      const j = order[i];
      points[j] = points[j].map((v, d) => points[best][d] + sigma * (v - points[best][d]));
      values[j] = value(points[j]);
    }
  }
  let bestIndex = 0;
  for (let i = 1; i <= k; i++) if (values[i] < values[bestIndex]) bestIndex = i;
  return { x: points[bestIndex], f: values[bestIndex], iterations, evaluations, converged };
}
