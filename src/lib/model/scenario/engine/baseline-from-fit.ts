/**
 * Baseline specs from a fitted data set: the per-customer summary (x, t_x, T, m)
 * with a BG/NBD fit and a Gamma-Gamma fit (their log-parameter covariances carry
 * the fit uncertainty into the Monte Carlo bands), or sBG cohorts.
 */
import type { BgNbdParams, FitResult, GammaGammaParams, SbgParams } from '../../core/types.ts';
import { BASELINE_VERSION, type ContractualBaselineSpec, type NonContractualBaselineSpec } from './baseline.ts';

/**
 * A FitResult's log-covariance is row-major in the key order of its `params`;
 * the engine reads it in the order `keys`. Returns undefined when a key is missing
 * or the matrix has the wrong size.
 */
export function reorderLogCov(fit: FitResult<object>, keys: readonly string[]): number[] | undefined {
  const own = Object.keys(fit.params);
  const n = own.length;
  if (fit.logCov.length !== n * n || keys.length !== n) return undefined;
  const idx = keys.map((k) => own.indexOf(k));
  if (idx.some((i) => i < 0)) return undefined;
  const out = new Array<number>(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = fit.logCov[idx[i] * n + idx[j]];
  return out.every(Number.isFinite) ? out : undefined;
}

export interface SummaryRow {
  x: number;
  tx: number;
  T: number;
  m: number;
}

export function baselineFromFits(
  customers: readonly SummaryRow[],
  purchase: FitResult<BgNbdParams>,
  spend: FitResult<GammaGammaParams> | null,
  options: { source: string; organicNewPerWeek?: number; meanSpendFallback?: number }
): NonContractualBaselineSpec {
  const n = customers.length;
  const x = new Array<number>(n),
    tx = new Array<number>(n),
    T = new Array<number>(n),
    m = new Array<number>(n);
  customers.forEach((c, i) => {
    x[i] = c.x;
    tx[i] = c.tx;
    T[i] = c.T;
    m[i] = c.m;
  });
  // Without a spend fit, a Gamma-Gamma with a tight prior at the fallback mean (p large, q = p + 1: mean = p v / p = v).
  const fallback = options.meanSpendFallback ?? 1;
  return {
    version: BASELINE_VERSION,
    kind: 'noncontractual',
    source: options.source,
    purchase: {
      model: 'bgnbd',
      params: { ...purchase.params },
      logCov: reorderLogCov(purchase, ['r', 'alpha', 'a', 'b'])
    },
    spend: spend
      ? { params: { ...spend.params }, logCov: reorderLogCov(spend, ['p', 'q', 'v']) }
      : { params: { p: 1000, q: 1001, v: fallback } },
    customers: { x, tx, T, m },
    organicNewPerWeek: options.organicNewPerWeek ?? 0
  };
}

/** Subscribers still active after `periods` renewals, from an sBG fit of one cohort. */
export function baselineFromSbg(
  fit: FitResult<SbgParams>,
  tenure: { renewals: number[]; count: number[] },
  options: { source: string; periodWeeks: number; pricePerPeriod: number; organicNewPerWeek?: number }
): ContractualBaselineSpec {
  return {
    version: BASELINE_VERSION,
    kind: 'contractual',
    source: options.source,
    params: { ...fit.params },
    logCov: reorderLogCov(fit, ['alpha', 'beta']),
    periodWeeks: options.periodWeeks,
    pricePerPeriod: options.pricePerPeriod,
    tenure,
    organicNewPerWeek: options.organicNewPerWeek ?? 0
  };
}
