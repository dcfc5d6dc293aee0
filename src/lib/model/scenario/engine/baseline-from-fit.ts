/**
 * Baseline specs from a fitted data set: the per-customer summary (x, t_x, T, m)
 * with a purchase-model fit (BG/NBD, MBG/NBD or Pareto/NBD) and a Gamma-Gamma fit (their log-parameter covariances carry
 * the fit uncertainty into the Monte Carlo bands), or sBG cohorts.
 */
import type {
  BgNbdParams,
  FitResult,
  GammaGammaParams,
  ParetoNbdParams,
  PurchaseModelName,
  SbgParams
} from '../../core/types.ts';
import {
  BASELINE_VERSION,
  PURCHASE_PARAM_KEYS,
  type ContractualBaselineSpec,
  type NonContractualBaselineSpec,
  type PurchaseSpec
} from './baseline.ts';

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
  /** customers the row stands for (a group of a compressed summary); absent: 1 */
  count?: number;
}

/** The engine's purchase spec of a purchase-model fit (its `model` names it: bgnbd, mbgnbd, paretonbd). */
export function purchaseSpecOf(fit: FitResult<object>): PurchaseSpec {
  const model = fit.model as PurchaseModelName;
  if (!(model in PURCHASE_PARAM_KEYS))
    throw new RangeError(`a baseline needs a purchase model fit (bgnbd, mbgnbd, paretonbd), not '${fit.model}'`);
  const logCov = reorderLogCov(fit, PURCHASE_PARAM_KEYS[model]);
  if (model === 'paretonbd') return { model, params: { ...(fit.params as ParetoNbdParams) }, logCov };
  return { model, params: { ...(fit.params as BgNbdParams) }, logCov };
}

export function baselineFromFits(
  customers: readonly SummaryRow[],
  purchase: FitResult<object>,
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
  // groups of customers keep their counts (the engine's customer columns take a count per row)
  const count = customers.some((c) => c.count !== undefined) ? customers.map((c) => c.count ?? 1) : undefined;
  // Without a spend fit, a Gamma-Gamma with a tight prior at the fallback mean (p large, q = p + 1: mean = p v / p = v).
  const fallback = options.meanSpendFallback ?? 1;
  return {
    version: BASELINE_VERSION,
    kind: 'noncontractual',
    source: options.source,
    purchase: purchaseSpecOf(purchase),
    spend: spend
      ? { params: { ...spend.params }, logCov: reorderLogCov(spend, ['p', 'q', 'v']) }
      : { params: { p: 1000, q: 1001, v: fallback } },
    customers: count ? { x, tx, T, m, count } : { x, tx, T, m },
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
