/**
 * Fits and holdout scores on a compressed summary (src/lib/data/compressed-summary.ts): the
 * purchase models on the distinct (x, t_x, T) triples with counts, Gamma-Gamma on the distinct
 * (x, m) spend groups, and the holdout scores of holdout-evaluation.ts over the groups, each
 * counted by its customers (fit-quality.ts `scoreHoldout`). The same numbers as on the
 * per-customer summary (tests/unit/pipeline/compressed-evaluation.test.ts), in weeks as the
 * holdout evaluation of transactions.
 */
import { compressedRfmData, compressedSpendData, type CompressedSummary } from '../data/compressed-summary.ts';
import { parseIsoDateOption } from '../data/import/dates.ts';
import { UNIT_DAYS } from '../data/summarize.ts';
import { conditionalExpectedSpend } from '../model/core/btyd/gammagamma.ts';
import type { FitResult, GammaGammaParams, PurchaseModelName, TimeUnit } from '../model/core/types.ts';
import { spendDataOf, toRfmData, type SpendGroupColumns } from '../data/rfm-data.ts';
import type { CustomerSummary, DatasetMeta } from '../data/types.ts';
import { scoreHoldout, type HoldoutRow, type HoldoutScores } from './fit-quality.ts';
import { MIN_SPENDERS } from './fit-step.ts';
import {
  EVALUATED_MODELS,
  holdoutEvaluation,
  holdoutRowsOf,
  tryFitPurchase,
  MODEL_LABELS,
  proposeModel,
  evaluateSpend,
  fittedEvaluation,
  calibrationTally,
  rejectFit,
  type EvaluationOptions,
  type HoldoutEvaluation,
  type ModelEvaluation
} from './holdout-evaluation.ts';
import { modelFits, PURCHASE_MODELS } from './model-fits.ts';

export interface CompressedModelResult {
  model: PurchaseModelName;
  label: string;
  fit: FitResult<object> | null;
  /** the fit failed: why */
  error: string | null;
  /** the optimiser stopped before converging */
  warning: string | null;
  /** AIC and BIC as holdout-evaluation.ts (k = 4, n = customers in the fit) */
  aic: number;
  bic: number;
  /** NaN scores without a holdout */
  holdout: HoldoutScores;
}

export interface CompressedEvaluation {
  unit: TimeUnit;
  customers: number;
  /** distinct (x, t_x, T) triples the purchase models were fitted on */
  triples: number;
  /** holdout length in `unit`, 0 without a holdout */
  holdoutLength: number;
  models: CompressedModelResult[];
  /** the proposed model (lowest holdout RMSE, ties by BIC: proposeModel), null without a holdout */
  chosen: PurchaseModelName | null;
  reason: string;
  spend: { fit: FitResult<GammaGammaParams> | null; error: string | null; pairs: number; customers: number };
  elapsedMs: number;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function evaluateCompressed(
  summary: CompressedSummary,
  options: { unit?: TimeUnit; models?: readonly PurchaseModelName[] } = {}
): CompressedEvaluation {
  const started = performance.now();
  const unit = options.unit ?? 'week';
  const days = UNIT_DAYS[unit];
  const rfm = compressedRfmData(summary, unit);
  const spendData = compressedSpendData(summary);
  let gg: FitResult<GammaGammaParams> | null = null;
  let spendError: string | null = null;
  if (spendData.customers < MIN_SPENDERS)
    spendError = `Gamma-Gamma needs at least ${MIN_SPENDERS} repeat buyers with a spend (the summary has ${spendData.customers})`;
  else
    try {
      gg = modelFits.fitSpend(spendData);
    } catch (e) {
      spendError = message(e);
    }
  const holdoutLength = summary.holdoutEnd
    ? (parseIsoDateOption(summary.holdoutEnd, 'holdout end') -
        parseIsoDateOption(summary.calibrationEnd, 'calibration end')) /
      days
    : 0;
  const rows: HoldoutRow[] | null = holdoutLength
    ? summary.groups.map((g) => {
        const mean = g.mSum / g.customers;
        return {
          x: g.x,
          tx: g.txDays / days,
          T: g.TDays / days,
          xHoldout: g.xHoldout,
          count: g.customers,
          // E[M | x, m] is linear in m: the group's mean expectation is the one at its mean m
          expectedSpend: gg ? conditionalExpectedSpend(gg.params, g.x, mean) : undefined
        };
      })
    : null;
  const none: HoldoutScores = {
    predicted: NaN,
    actual: NaN,
    mae: NaN,
    rmse: NaN,
    predictedSpend: null,
    conditional: []
  };
  const models = (options.models ?? EVALUATED_MODELS).map((name): CompressedModelResult => {
    const label = MODEL_LABELS[name];
    try {
      const fit = modelFits.fitPurchase(name, rfm);
      const k = PURCHASE_MODELS[name].paramNames.length;
      return {
        model: name,
        label,
        fit,
        error: null,
        warning: fit.converged ? null : `the optimiser stopped after ${fit.iterations} iterations without converging`,
        aic: 2 * k - 2 * fit.logLik,
        bic: k * Math.log(fit.n) - 2 * fit.logLik,
        holdout: rows ? scoreHoldout(PURCHASE_MODELS[name], fit.params, rows, holdoutLength) : none
      };
    } catch (e) {
      return { model: name, label, fit: null, error: message(e), warning: null, aic: NaN, bic: NaN, holdout: none };
    }
  });
  const { chosen, reason } = rows
    ? proposeModel(models)
    : { chosen: null, reason: 'the summary has no holdout: no model is proposed' };
  return {
    unit,
    customers: summary.customers,
    triples: rfm.length,
    holdoutLength,
    models,
    chosen,
    reason,
    spend: { fit: gg, error: spendError, pairs: spendData.length, customers: spendData.customers },
    elapsedMs: performance.now() - started
  };
}

/** A stored compressed summary as the fit worker reads it: its meta, its groups and its spend groups. */
export interface StoredGroups {
  meta: Pick<DatasetMeta, 'name' | 'unit' | 'calibrationEnd' | 'firstDate' | 'lastDate'> & {
    grouped: NonNullable<DatasetMeta['grouped']>;
  };
  /** one row a group with its count (CustomerSummary.count), times in meta.unit */
  rows: readonly CustomerSummary[];
  spendGroups: SpendGroupColumns;
}

/** The options of a stored summary's comparison: which models and progress; the split is the file's own. */
export type GroupedEvaluationOptions = Pick<EvaluationOptions, 'models' | 'onProgress'>;

/**
 * The Model page's holdout comparison (a HoldoutEvaluation, as for transactions) of a stored
 * compressed summary, on its own split (the file's calibration and holdout ends): the purchase
 * models fitted on the groups' (x, t_x, T) with counts, Gamma-Gamma on the spend groups, the
 * holdout scores, the frequency table and P(alive) over the groups each counted by its customers.
 * A summary holds no transactions, so there is no weekly tracking (`tracking` is empty). The
 * same fits and scores as `evaluateCompressed` of the file (tests/unit/pipeline/compressed-evaluation.test.ts).
 */
export function evaluateGroupedSummary(
  stored: StoredGroups,
  options: GroupedEvaluationOptions = {}
): HoldoutEvaluation {
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  const { meta, rows, spendGroups } = stored;
  const holdoutEnd = meta.grouped.holdoutEnd;
  if (!holdoutEnd)
    throw new RangeError(
      `“${meta.name}” is a compressed summary without a holdout (its holdout_end is empty): there is nothing to score the models on; ` +
        'write it again with a holdout end (sql/README.md)'
    );
  const holdoutWeeks =
    (parseIsoDateOption(holdoutEnd, 'holdout end') - parseIsoDateOption(meta.calibrationEnd, 'calibration end')) / 7;
  const toWeeks = UNIT_DAYS[meta.unit] / 7;
  const weekly = rows.map((r) => ({
    x: r.x,
    tx: r.tx * toWeeks,
    T: r.T * toWeeks,
    m: r.m,
    count: r.count ?? 1,
    xHoldout: r.xHoldout,
    holdoutSpend: r.holdoutSpend
  }));
  const rfm = toRfmData(weekly);
  const { customers, repeaters, maxT, maxX, actualBins } = calibrationTally(weekly);

  progress({ stage: 'Gamma-Gamma', fraction: 0.05 });
  const data = spendDataOf(rows, spendGroups);
  const { spend, expectedSpend } = evaluateSpend(data, weekly, '(the summary has {n})', true);

  const holdoutRows = holdoutRowsOf(weekly, expectedSpend);
  const names = options.models ?? EVALUATED_MODELS;
  const results: ModelEvaluation[] = names.map((name, k) => {
    progress({ stage: MODEL_LABELS[name], fraction: 0.1 + (0.85 * k) / names.length });
    const tried = tryFitPurchase(name, rfm);
    if ('error' in tried) return rejectFit(name, tried.error);
    const scores = scoreHoldout(PURCHASE_MODELS[name], tried.fit.params, holdoutRows, holdoutWeeks);
    return fittedEvaluation(name, tried.fit, scores, { rfm, actualBins, maxT, maxX }, []);
  });
  progress({ stage: 'done', fraction: 1 });
  return holdoutEvaluation(meta, started, {
    holdoutEnd,
    holdoutWeeks,
    customers,
    repeaters,
    excludedAfterCalibration: 0,
    hasSpend: data.customers > 0,
    models: results,
    spend,
    tracking: [],
    calibrationWeeks: 0
  });
}
