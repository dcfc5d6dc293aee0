/**
 * Every customer scored by the chosen purchase model: the model (BG/NBD, Pareto/NBD or MBG/NBD)
 * is fitted by maximum likelihood to the dataset's whole period (its per-customer summaries),
 * then for each customer (model/core/btyd/customer-value.ts):
 *   P(alive), expected transactions in the next `horizonWeeks`, expected spend in that horizon
 *   = expected transactions x E[M | x, m] (Gamma-Gamma, FHL 2005 "RFM and CLV" eq. 5; the mean
 *   first purchase when spend is not modelled), and residual CLV = margin x E[M | x, m] x DERT
 *   over the CLV terms (as clv-summary.ts for BG/NBD).
 * One computation per distinct (x, t_x, T). Columns are typed arrays (transferable). Pure.
 */
import { float64Of } from '../model/core/distinct.ts';
import { spendDataOf, toRfmData, type SpendGroupColumns } from '../data/rfm-data.ts';
import type { CustomerSummary } from '../data/types.ts';
import { customerOutlook } from '../model/core/btyd/customer-value.ts';
import { conditionalExpectedSpend } from '../model/core/btyd/gammagamma.ts';
import type { FitResult, GammaGammaParams, PurchaseModelName } from '../model/core/types.ts';
import { weeklyContinuousDiscount, type ClvOptions } from './clv-summary.ts';
import { clvOptionsOf, meanSpendFallback, MIN_SPENDERS, WEEKS_PER_UNIT, type FitInputMeta } from './fit-step.ts';
import { MODEL_LABELS } from './holdout-evaluation.ts';
import { modelFits, PURCHASE_MODELS } from './model-fits.ts';

export const CUSTOMER_SCORES_VERSION = 1;

/** default horizon of the expected transactions: a year */
export const DEFAULT_SCORE_HORIZON_WEEKS = 52;

export interface ScoreOptions {
  model: PurchaseModelName;
  /** weeks ahead for the expected transactions and spend (> 0) */
  horizonWeeks?: number;
  clv?: Partial<ClvOptions>;
  /** a compressed summary's spend groups (its rows are groups with counts; Gamma-Gamma is fitted on these) */
  spendGroups?: SpendGroupColumns | null;
  onProgress?: (progress: { stage: string; fraction: number }) => void;
}

export interface CustomerScores {
  version: typeof CUSTOMER_SCORES_VERSION;
  model: PurchaseModelName;
  label: string;
  /** the fit of the chosen model on the whole period */
  fit: FitResult<object>;
  /** the Gamma-Gamma fit (null when it could not be fitted) */
  spend: FitResult<GammaGammaParams> | null;
  /** whether spend per purchase is the Gamma-Gamma expectation (else the mean purchase, `meanSpend`) */
  spendModelled: boolean;
  meanSpend: number;
  horizonWeeks: number;
  clv: ClvOptions;
  /** a sentence naming the model, the data and the terms */
  source: string;
  /** rows scored: customers, or the groups of a compressed summary */
  customers: number;
  /**
   * a compressed summary: the customers in each group (each row is a group whose customers share
   * x, t_x and T, so their P(alive) and expected purchases; spend and CLV at the group's mean m,
   * the group's mean, E[M | x, m] being linear in m); null: one row a customer
   */
  groupCustomers: Float64Array | null;
  id: string[];
  segment: string[];
  channel: string[];
  /** repeat purchases, recency and age in weeks, mean repeat spend */
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  m: Float64Array;
  pAlive: Float64Array;
  /** expected transactions in the next horizonWeeks */
  expected: Float64Array;
  /** expected spend in the next horizonWeeks, currency */
  expectedSpend: Float64Array;
  /** residual CLV, currency */
  clvValue: Float64Array;
  elapsedMs: number;
}

/** Gamma-Gamma on the repeat buyers with a spend, when there are MIN_SPENDERS of them and it fits; else null. */
function fitSpendIfPossible(
  rows: readonly CustomerSummary[],
  spendGroups?: SpendGroupColumns | null
): FitResult<GammaGammaParams> | null {
  const data = spendDataOf(rows, spendGroups);
  if (data.customers < MIN_SPENDERS) return null;
  try {
    return modelFits.fitSpend(data);
  } catch {
    return null;
  }
}

/** Scores every customer of a non-contractual dataset with the chosen purchase model. */
export function scoreCustomers(
  meta: FitInputMeta,
  rows: readonly CustomerSummary[],
  options: ScoreOptions
): CustomerScores {
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  const model = options.model;
  if (!(model in PURCHASE_MODELS)) throw new RangeError(`unknown purchase model '${String(model)}'`);
  if (meta.kind === 'subscription')
    throw new RangeError(
      `“${meta.name}” is a subscription dataset: its customers are valued by the sBG, not a purchase model`
    );
  if (rows.length === 0) throw new RangeError(`dataset “${meta.name}” has no customers to score`);
  const horizonWeeks = options.horizonWeeks ?? DEFAULT_SCORE_HORIZON_WEEKS;
  if (!(horizonWeeks > 0) || !Number.isFinite(horizonWeeks))
    throw new RangeError(`invalid horizon: ${horizonWeeks} weeks (must be a number > 0)`);
  const clv = clvOptionsOf(options.clv);
  const toWeeks = WEEKS_PER_UNIT[meta.unit];
  const n = rows.length;
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const m = new Float64Array(n);
  rows.forEach((r, i) => {
    x[i] = r.x;
    tx[i] = r.tx * toWeeks;
    T[i] = r.T * toWeeks;
    m[i] = r.m;
  });
  progress({ stage: `Fitting ${MODEL_LABELS[model]} to the whole period`, fraction: 0.05 });
  const grouped = rows.some((r) => r.count !== undefined);
  const groupCustomers = grouped ? float64Of(rows.length, (i) => rows[i].count ?? 1) : null;
  const fit = modelFits.fitPurchase(
    model,
    toRfmData(Array.from(x, (xi, i) => ({ x: xi, tx: tx[i], T: T[i], count: groupCustomers?.[i] })))
  );
  progress({ stage: 'Fitting the spend model', fraction: 0.15 });
  const spend = fitSpendIfPossible(rows, options.spendGroups);
  const spendModelled = !!spend && spend.params.q > 1;
  const meanSpend = meanSpendFallback(rows);
  const delta = weeklyContinuousDiscount(clv.annualDiscountRate);
  const clvHorizon = clv.horizonWeeks ?? Infinity;

  const pAlive = new Float64Array(n);
  const expected = new Float64Array(n);
  const expectedSpend = new Float64Array(n);
  const clvValue = new Float64Array(n);
  const cache = new Map<string, { pAlive: number; expected: number; dert: number }>();
  const every = Math.max(1, Math.ceil(n / 20));
  for (let i = 0; i < n; i++) {
    if (i % every === 0) progress({ stage: 'Scoring customers', fraction: 0.2 + (0.8 * i) / n });
    const key = `${x[i]}|${tx[i]}|${T[i]}`;
    let o = cache.get(key);
    if (!o) {
      o = customerOutlook(model, fit.params as never, x[i], tx[i], T[i], horizonWeeks, delta, clvHorizon);
      cache.set(key, o);
    }
    const perPurchase = spend && spendModelled ? conditionalExpectedSpend(spend.params, x[i], m[i]) : meanSpend;
    pAlive[i] = o.pAlive;
    expected[i] = o.expected;
    expectedSpend[i] = o.expected * perPurchase;
    clvValue[i] = clv.marginShare * perPurchase * o.dert;
  }
  progress({ stage: 'Done', fraction: 1 });
  const label = MODEL_LABELS[model];
  return {
    version: CUSTOMER_SCORES_VERSION,
    model,
    label,
    fit,
    spend,
    spendModelled,
    meanSpend,
    horizonWeeks,
    clv,
    source:
      `${label}${spendModelled ? ' + Gamma-Gamma' : ''} fitted to “${meta.name}”` +
      `${meta.calibrationEnd ? ` to ${meta.calibrationEnd}` : ''}; CLV at ${Math.round(clv.marginShare * 100)}% margin, ` +
      `${Math.round(clv.annualDiscountRate * 1000) / 10}% a year, ${clv.horizonWeeks === null ? 'lifetime' : `${clv.horizonWeeks} weeks`}`,
    customers: n,
    groupCustomers,
    id: rows.map((r) => r.id),
    segment: rows.map((r) => r.segment),
    channel: rows.map((r) => r.channel),
    x,
    tx,
    T,
    m,
    pAlive,
    expected,
    expectedSpend,
    clvValue,
    elapsedMs: performance.now() - started
  };
}
