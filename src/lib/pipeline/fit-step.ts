/**
 * The one fit step: from a dataset's per-customer summaries to everything the workbench, the
 * CLI and the validation checks need (FitAnswer): the engine's BaselineSpec, the fits, the
 * residual CLV of today's customers and plain-JSON diagnostics. Pure and synchronous; the fit
 * worker (through fit-baseline.ts, which reads and saves IndexedDB), the CLI and
 * src/lib/validate all call `fitBaseline`.
 *
 * Non-contractual data (transactions, summaries): BG/NBD (Fader, Hardie & Lee 2005) by maximum
 * likelihood and by MAP under a weakly-informative prior (btyd/bgnbdPrior.ts); the baseline
 * uses the MLE unless it leaves a parameter unidentified (fit-diagnostics.ts), then the MAP,
 * and says so; the person can choose either. Gamma-Gamma spend (FHL 2005 "RFM and CLV") from
 * at least MIN_SPENDERS repeat buyers with a spend, else every purchase at the mean first
 * spend. Subscriptions: the censored sBG (Fader & Hardie 2007). All times in weeks.
 */
import { float64Of } from '../model/core/distinct.ts';
import { customerCount, spendDataOf, toRfmData, type SpendGroupColumns } from '../data/rfm-data.ts';
import type { CustomerSummary, DatasetMeta } from '../data/types.ts';
import { BGNBD_WEAK_PRIOR, type PriorTerm } from '../model/core/btyd/bgnbdPrior.ts';
import type {
  BgNbdParams,
  FitResult,
  GammaGammaParams,
  PurchaseModelName,
  SbgParams,
  SurvivalData
} from '../model/core/types.ts';
import { PURCHASE_MODEL_LABELS } from '../model/scenario/engine/baseline.ts';
import { baselineFromFits, baselineFromSbg } from '../model/scenario/engine/baseline-from-fit.ts';
import type { BaselineSpec } from '../model/scenario/engine/baseline.ts';
import {
  contractualClv,
  DEFAULT_CLV_ANNUAL_DISCOUNT,
  DEFAULT_CLV_HORIZON_WEEKS,
  DEFAULT_CLV_MARGIN_SHARE,
  nonContractualClv,
  summariseClv,
  type ClvOptions,
  type ClvSummary
} from './clv-summary.ts';
import {
  churnDiagnostics,
  dropoutUnidentified,
  purchaseDiagnostics,
  purchaseRateUnidentified,
  sampleDiagnostics,
  spendDiagnostics,
  planChurnDiagnostics,
  type PlanChurn,
  type FitDiagnostic
} from './fit-diagnostics.ts';
import { modelFits } from './model-fits.ts';
import { measureOrganicAcquisition, type OrganicEstimate } from './organic-acquisition.ts';

export const FIT_ANSWER_VERSION = 2;

/** Gamma-Gamma needs at least this many customers with a repeat purchase and a spend */
export const MIN_SPENDERS = 10;

export const WEEKS_PER_UNIT = { day: 1 / 7, week: 1, month: 365.25 / 12 / 7 } as const;

/** Which BG/NBD estimate drives the baseline: 'auto' = the MLE unless it is unidentified, then the MAP. */
export type EstimateChoice = 'auto' | 'mle' | 'map';

/** The dataset as the fit step needs it (with the purchase model chosen on the Model page, if any). */
export type FitInputMeta = Pick<DatasetMeta, 'name' | 'kind' | 'unit' | 'calibrationEnd'> &
  Partial<Pick<DatasetMeta, 'modelChoice'>>;

export interface FitProgress {
  stage: string;
  /** share of the work done, 0..1 */
  fraction: number;
}

export interface FitStepOptions {
  estimate?: EstimateChoice;
  /** CLV terms of the base; defaults: the engine's 30% margin, 10% a year, 520 weeks */
  clv?: Partial<ClvOptions>;
  /** organic new customers per week instead of the measured rate (the CLI's --organic) */
  organicNewPerWeek?: number;
  onProgress?: (progress: FitProgress) => void;
  /** fits made earlier from the same summaries (reused when only the choice or the CLV terms change) */
  fitted?: FittedModels;
  /**
   * a compressed summary's Gamma-Gamma spend groups (rows with a `count` are groups of customers
   * whose mean m does not give the Gamma-Gamma likelihood); absent: each row's own (x, m)
   */
  spendGroups?: SpendGroupColumns | null;
}

/** The expensive part of a fit step, reusable while the summaries are unchanged. */
export type FittedModels =
  | {
      kind: 'noncontractual';
      /** null when the likelihood cannot be maximised (no repeat purchase, no history) */
      mle: FitResult<BgNbdParams> | null;
      mleError: string | null;
      map: FitResult<BgNbdParams>;
      spend: FitResult<GammaGammaParams> | null;
      /**
       * the purchase model chosen on the Model page when it is not BG/NBD (MBG/NBD, Pareto/NBD),
       * fitted by maximum likelihood to the same summaries; null fit: it could not be fitted
       */
      chosen?: { model: PurchaseModelName; fit: FitResult<object> | null; error: string | null };
    }
  | { kind: 'contractual'; sbg: FitResult<SbgParams>; plans: PlanChurn[] };

/** The BG/NBD estimates shown side by side, and which one the baseline uses. */
export interface PurchaseEstimates {
  /**
   * the purchase model of the baseline: BG/NBD (one of the estimates below), or the model chosen
   * on the Model page (its maximum-likelihood fit in `chosenFit`)
   */
  model: PurchaseModelName;
  chosenFit: FitResult<object> | null;
  mle: FitResult<BgNbdParams> | null;
  map: FitResult<BgNbdParams>;
  choice: EstimateChoice;
  inUse: 'mle' | 'map';
  /** why the MLE is missing, when it is */
  mleError: string | null;
  prior: readonly PriorTerm[];
}

/** What a person chooses for the fit step: the estimate in use and the CLV terms. */
export type FitRequestTerms = Pick<FitStepOptions, 'estimate' | 'clv'>;

/** What fitting a dataset's baseline gives. Plain JSON (structured-clone safe). */
export interface FitAnswer {
  version: typeof FIT_ANSWER_VERSION;
  spec: BaselineSpec;
  /** the fits the baseline uses (purchase and spend, or sBG), as stored with the dataset */
  fits: FitResult<object>[];
  /** BG/NBD MLE and MAP (null for subscriptions) */
  purchase: PurchaseEstimates | null;
  /** a sentence naming the data and the models, shown under the KPIs */
  source: string;
  customers: number;
  /** residual CLV of the existing customers at the baseline: histogram, quantiles, by segment and channel */
  clv: ClvSummary;
  /** what the data cannot tell, most important first */
  diagnostics: FitDiagnostic[];
  organic: OrganicEstimate;
  elapsedMs: number;
}

/** a 0% discount (allowed in a scenario) is taken as this, so a lifetime stays finite in arithmetic */
const MIN_ANNUAL_DISCOUNT = 1e-6;

export function clvOptionsOf(partial: Partial<ClvOptions> = {}): ClvOptions {
  return {
    marginShare: partial.marginShare ?? DEFAULT_CLV_MARGIN_SHARE,
    annualDiscountRate: Math.max(MIN_ANNUAL_DISCOUNT, partial.annualDiscountRate ?? DEFAULT_CLV_ANNUAL_DISCOUNT),
    horizonWeeks: partial.horizonWeeks === undefined ? DEFAULT_CLV_HORIZON_WEEKS : partial.horizonWeeks
  };
}

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** The rows in weeks; a group of a compressed summary keeps its count. */
function weekly(meta: FitInputMeta, rows: readonly CustomerSummary[]) {
  const toWeeks = WEEKS_PER_UNIT[meta.unit];
  return rows.map((r) =>
    r.count === undefined
      ? { x: r.x, tx: r.tx * toWeeks, T: r.T * toWeeks, m: r.m }
      : { x: r.x, tx: r.tx * toWeeks, T: r.T * toWeeks, m: r.m, count: r.count }
  );
}

/** The weights of the rows (customers each stands for), or undefined when every row is one customer. */
function weightsOf(rows: readonly CustomerSummary[]): Float64Array | undefined {
  return rows.some((r) => r.count !== undefined) ? float64Of(rows.length, (i) => rows[i].count ?? 1) : undefined;
}

/** Fits the models (the expensive part): BG/NBD MLE and MAP and Gamma-Gamma, or the sBG. */
export function fitModels(
  meta: FitInputMeta,
  rows: readonly CustomerSummary[],
  onProgress: (p: FitProgress) => void = () => {},
  spendGroups?: SpendGroupColumns | null
): FittedModels {
  if (rows.length === 0) throw new RangeError(`dataset “${meta.name}” has no customers in its calibration period`);
  if (meta.kind === 'subscription') {
    onProgress({ stage: 'Fitting the retention model (sBG)', fraction: 0.1 });
    const periods: number[] = [];
    const alive: boolean[] = [];
    const byPlan = new Map<string, number[]>();
    rows.forEach((r, i) => {
      periods.push(r.x + 1);
      alive.push(r.T - r.tx < 1);
      const members = byPlan.get(r.segment);
      if (members) members.push(i);
      else byPlan.set(r.segment, [i]);
    });
    const sbg = modelFits.fitSubscribers(periods, alive);
    // each plan (cohort) on its own, when there are several
    const plans: PlanChurn[] =
      byPlan.size < 2
        ? []
        : [...byPlan].map(([plan, members]) => {
            try {
              const fit = modelFits.fitSubscribers(
                members.map((i) => periods[i]),
                members.map((i) => alive[i])
              );
              return { plan, subscribers: members.length, fit };
            } catch (error) {
              return {
                plan,
                subscribers: members.length,
                fit: null,
                reason: (error as Error).message.replace(/^cannot fit sbg: /, '')
              };
            }
          });
    return { kind: 'contractual', sbg, plans };
  }
  // toRfmData leaves out customers first seen on the calibration end (T = 0: their BG/NBD
  // likelihood is 1, FHL 2005 eq. 6); they stay, as new customers, in the baseline and the CLV
  const rfm = toRfmData(weekly(meta, rows));
  let repeaters = 0;
  for (let i = 0; i < rfm.length; i++) if (rfm.x[i] > 0) repeaters += rfm.count[i];
  let mle: FitResult<BgNbdParams> | null = null;
  let mleError: string | null = null;
  onProgress({ stage: 'Fitting the purchase model (maximum likelihood)', fraction: 0.1 });
  if (rfm.customers === 0) mleError = 'every customer first bought on the calibration end';
  else if (repeaters === 0) mleError = 'no customer made a repeat purchase';
  else {
    try {
      mle = modelFits.fitPurchase('bgnbd', rfm) as FitResult<BgNbdParams>;
    } catch (e) {
      mleError = e instanceof Error ? e.message : String(e);
    }
  }
  onProgress({ stage: 'Fitting the purchase model with priors (MAP)', fraction: 0.3 });
  // from the maximum-likelihood estimate when there is one: a few Newton steps away (on 10M
  // customers whose dropout runs to the boundary: 6 iterations, converged, against 65 from the
  // default start, not converged)
  const map = modelFits.fitPurchaseMap(rfm, mle ? { start: { ...mle.params } } : {});
  onProgress({ stage: 'Fitting the spend model', fraction: 0.5 });
  const spendData = spendDataOf(rows, spendGroups);
  let spend: FitResult<GammaGammaParams> | null = null;
  if (spendData.customers >= MIN_SPENDERS) {
    try {
      spend = modelFits.fitSpend(spendData);
    } catch {
      spend = null;
    }
  }
  return { kind: 'noncontractual', mle, mleError, map, spend };
}

/**
 * The fitted models with the dataset's chosen purchase model (MBG/NBD or Pareto/NBD, from the
 * Model page) fitted too, by maximum likelihood on the same weekly summaries; unchanged when
 * none is chosen, BG/NBD is chosen, or it is fitted already. Returns a new object.
 */
export function withChosenModel(
  meta: FitInputMeta,
  rows: readonly CustomerSummary[],
  fitted: FittedModels,
  onProgress: (p: FitProgress) => void = () => {}
): FittedModels {
  const model = meta.modelChoice?.model;
  if (fitted.kind !== 'noncontractual' || !model || model === 'bgnbd' || fitted.chosen?.model === model) return fitted;
  onProgress({ stage: `Fitting the chosen model (${PURCHASE_MODEL_LABELS[model]})`, fraction: 0.55 });
  try {
    const fit = modelFits.fitPurchase(model, toRfmData(weekly(meta, rows)));
    return { ...fitted, chosen: { model, fit, error: null } };
  } catch (e) {
    return { ...fitted, chosen: { model, fit: null, error: e instanceof Error ? e.message : String(e) } };
  }
}

function chooseEstimate(fitted: Extract<FittedModels, { kind: 'noncontractual' }>, choice: EstimateChoice) {
  if (!fitted.mle || choice === 'map') return 'map' as const;
  if (choice === 'mle') return 'mle' as const;
  return dropoutUnidentified(fitted.mle) || purchaseRateUnidentified(fitted.mle) ? ('map' as const) : ('mle' as const);
}

/**
 * The spend of a purchase when spend is not modelled: the mean first purchase, else the mean
 * repeat one, else 1; a row with a `count` (a group) weighs as its customers, any other as one.
 */
export function meanSpendFallback(
  rows: readonly (Pick<CustomerSummary, 'firstSpend' | 'm'> & Partial<Pick<CustomerSummary, 'count'>>)[]
): number {
  const positiveMean = (value: (r: (typeof rows)[number]) => number) => {
    let sum = 0;
    let n = 0;
    for (const r of rows) {
      const v = value(r);
      if (v > 0) {
        sum += v * (r.count ?? 1);
        n += r.count ?? 1;
      }
    }
    return n > 0 ? sum / n : null;
  };
  return positiveMean((r) => r.firstSpend) ?? positiveMean((r) => r.m) ?? 1;
}

function priorSentence(): string {
  return BGNBD_WEAK_PRIOR.map((t) => `${t.parameter} ~ ${t.label}`).join(', ');
}

/** Everything from the summaries: fits (or the given ones), baseline, CLV, diagnostics. */
export function fitBaseline(
  meta: FitInputMeta,
  rows: readonly CustomerSummary[],
  options: FitStepOptions = {}
): FitAnswer {
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  const fitted = withChosenModel(
    meta,
    rows,
    options.fitted ?? fitModels(meta, rows, progress, options.spendGroups),
    progress
  );
  const clvOptions = clvOptionsOf(options.clv);
  const measured = measureOrganicAcquisition(
    meta.calibrationEnd,
    rows.map((r) => r.firstDate),
    weightsOf(rows)
  );
  const organic: OrganicEstimate =
    options.organicNewPerWeek === undefined
      ? measured
      : {
          perWeek: options.organicNewPerWeek,
          method: 'given',
          windowWeeks: 0,
          trendPerYear: null,
          note: `Organic acquisition ${options.organicNewPerWeek} new customers a week, as given (measured: ${measured.note})`
        };
  const base =
    fitted.kind === 'contractual'
      ? contractualAnswer(meta, rows, fitted, clvOptions, organic, progress)
      : nonContractualAnswer(
          meta,
          rows,
          fitted,
          options.estimate ?? 'auto',
          clvOptions,
          organic,
          progress,
          options.spendGroups
        );
  progress({ stage: 'Done', fraction: 1 });
  return {
    version: FIT_ANSWER_VERSION,
    ...base,
    customers: customerCount(rows),
    organic,
    elapsedMs: performance.now() - started
  };
}

/** The part of the answer the workbench shows beside the KPIs (FitDiagnostics). */
export type FitReport = Pick<FitAnswer, 'diagnostics' | 'purchase' | 'organic' | 'customers' | 'source'>;

type AnswerCore = Pick<FitAnswer, 'spec' | 'fits' | 'purchase' | 'source' | 'clv' | 'diagnostics'>;

function nonContractualAnswer(
  meta: FitInputMeta,
  rows: readonly CustomerSummary[],
  fitted: Extract<FittedModels, { kind: 'noncontractual' }>,
  choice: EstimateChoice,
  clvOptions: ClvOptions,
  organic: OrganicEstimate,
  progress: (p: FitProgress) => void,
  spendGroups?: SpendGroupColumns | null
): AnswerCore {
  const inUse = chooseEstimate(fitted, choice);
  const wanted = meta.modelChoice?.model ?? 'bgnbd';
  // the chosen model when it is fitted; else BG/NBD (the estimate in use)
  const chosen = wanted !== 'bgnbd' && fitted.chosen?.model === wanted ? fitted.chosen : null;
  const chosenFit = chosen?.fit ?? null;
  const model: PurchaseModelName = chosenFit ? wanted : 'bgnbd';
  const purchase: FitResult<object> = chosenFit ?? (inUse === 'mle' ? fitted.mle! : fitted.map);
  const rowsWeekly = weekly(meta, rows);
  // a group of a compressed summary counts as its customers
  const weights = weightsOf(rows);
  const customers = customerCount(rows);
  const repeaters = customerCount(rows.filter((r) => r.x > 0));
  const diagnostics: FitDiagnostic[] = [];
  if (fitted.mle) diagnostics.push(...purchaseDiagnostics(fitted.mle, inUse));
  else
    diagnostics.push({
      level: 'warning',
      code: rows.every((r) => r.T === 0) ? 'no-history' : 'no-repeat-purchases',
      parameter: 'r, alpha, a, b',
      message:
        `The purchase model cannot be fitted by maximum likelihood (${fitted.mleError}): ` +
        'the purchase rate and the dropout come from the prior alone, so retention and CLV say what the prior assumes, not what the data show.'
    });
  diagnostics.push(...sampleDiagnostics(customers, repeaters));

  // spend: the Gamma-Gamma fit when it defines a mean spend, else the mean first purchase
  let spend = fitted.spend;
  if (spend) {
    diagnostics.push(...spendDiagnostics(spend));
    if (!(spend.params.q > 1)) spend = null;
  }
  const firstSpends = rows.map((r) => r.firstSpend).filter((v) => v > 0);
  const repeatSpends = rows.map((r) => r.m).filter((v) => v > 0);
  const hasAmounts = firstSpends.length > 0 || repeatSpends.length > 0;
  const fallback = meanSpendFallback(rows);
  if (!hasAmounts)
    diagnostics.push({
      level: 'warning',
      code: 'no-amounts',
      message: 'The file has no amounts: every purchase is valued at 1, so CLV and revenue count purchases, not money.'
    });
  else if (!spend)
    diagnostics.push({
      level: 'note',
      code: 'no-spend-model',
      parameter: 'p, q, v',
      message:
        `Spend per purchase is not modelled (Gamma-Gamma needs ${MIN_SPENDERS} repeat buyers with a spend and a finite mean; ` +
        `this data has ${count(spendDataOf(rows, spendGroups).customers, 'such customer')}): ` +
        `every purchase is valued at the mean ${firstSpends.length ? 'first' : 'repeat'} purchase, ${fallback.toFixed(2)}.`
    });

  const chosenLabel = PURCHASE_MODEL_LABELS[wanted];
  if (chosenFit)
    diagnostics.push({
      level: 'note',
      code: 'model-in-use',
      parameter: Object.keys(chosenFit.params).join(', '),
      message:
        `The baseline uses ${chosenLabel}, chosen on the Model page (holdout ${meta.modelChoice!.calibrationEnd} to ` +
        `${meta.modelChoice!.holdoutEnd}), fitted by maximum likelihood to the whole period; the BG/NBD estimates below are for comparison.`
    });
  else if (wanted !== 'bgnbd')
    diagnostics.push({
      level: 'warning',
      code: 'chosen-model-failed',
      message:
        `${chosenLabel} was chosen on the Model page but could not be fitted to the whole period ` +
        `(${chosen?.error ?? 'not fitted'}): the baseline uses BG/NBD instead. Choose another model on the Model page.`
    });
  if (!chosenFit && inUse === 'map')
    diagnostics.push({
      level: 'note',
      code: 'estimate-in-use',
      parameter: 'r, alpha, a, b',
      message:
        `The baseline uses the MAP fit under weakly-informative priors (${priorSentence()}; after PyMC-Marketing's BG/NBD defaults)` +
        (choice === 'map'
          ? ', as chosen.'
          : fitted.mle
            ? ', because the maximum-likelihood fit leaves a parameter unidentified; the maximum-likelihood fit can be chosen instead.'
            : ', because there is nothing to maximise the likelihood over.')
    });
  else if (!chosenFit && choice === 'mle' && diagnostics.some((d) => d.code === 'dropout-not-identified'))
    diagnostics.push({
      level: 'note',
      code: 'estimate-in-use',
      parameter: 'r, alpha, a, b',
      message: 'The baseline uses the maximum-likelihood fit, as chosen, although it does not identify dropout.'
    });
  if (organic.method !== 'trend' && organic.method !== 'mean')
    diagnostics.push({ level: 'note', code: 'organic-acquisition', message: organic.note });

  const modelLabel = chosenFit
    ? `${chosenLabel} (chosen by holdout)`
    : `BG/NBD${inUse === 'map' ? ' (MAP, weakly-informative priors)' : ''}`;
  const source =
    `${modelLabel}${spend ? ' + Gamma-Gamma' : ''} fitted to “${meta.name}” ` +
    `(${count(customers, 'customer')}${weights ? ` in ${count(rows.length, 'group')}` : ''}` +
    `${meta.calibrationEnd ? `, calibration to ${meta.calibrationEnd}` : ''})`;
  const spec = baselineFromFits(rowsWeekly, purchase, spend, {
    source,
    organicNewPerWeek: organic.perWeek,
    meanSpendFallback: fallback
  });
  progress({ stage: 'Valuing today’s customers', fraction: 0.6 });
  // the spend model the engine uses: the Gamma-Gamma fit, or its tight stand-in at the fallback mean
  const clv = nonContractualClv(
    rowsWeekly.map((w) => ({ x: w.x, txWeeks: w.tx, TWeeks: w.T, m: w.m })),
    { model, params: purchase.params as BgNbdParams },
    spec.kind === 'noncontractual' ? spec.spend.params : { p: 1000, q: 1001, v: fallback },
    clvOptions,
    (done) => progress({ stage: 'Valuing today’s customers', fraction: 0.6 + 0.38 * done })
  );
  return {
    spec,
    fits: spend ? [purchase, spend] : [purchase],
    purchase: {
      model,
      chosenFit,
      mle: fitted.mle,
      map: fitted.map,
      choice,
      inUse,
      mleError: fitted.mleError,
      prior: BGNBD_WEAK_PRIOR
    },
    source,
    clv: summariseClv(clv, rows, `${model}-gammagamma`, clvOptions, weights),
    diagnostics: orderDiagnostics(diagnostics)
  };
}

/**
 * sBG on subscribers: a customer with x renewals in calibration has paid x + 1 periods; one
 * still within a paid period at the calibration end is censored there, otherwise the
 * subscription ended after those x + 1 periods.
 */
function contractualAnswer(
  meta: FitInputMeta,
  rows: readonly CustomerSummary[],
  fitted: Extract<FittedModels, { kind: 'contractual' }>,
  clvOptions: ClvOptions,
  organic: OrganicEstimate,
  progress: (p: FitProgress) => void
): AnswerCore {
  const fit = fitted.sbg;
  const alive: boolean[] = [];
  const renewalCounts = new Map<number, number>();
  let price = 0;
  for (const r of rows) {
    const stillPaid = r.T - r.tx < 1;
    alive.push(stillPaid);
    if (stillPaid) renewalCounts.set(r.x, (renewalCounts.get(r.x) ?? 0) + 1);
    price += r.firstSpend > 0 ? r.firstSpend : 0;
  }
  const priced = rows.filter((r) => r.firstSpend > 0).length;
  const meanPrice = priced ? price / priced : 1;
  const renewals = [...renewalCounts.keys()].sort((a, b) => a - b);
  const source = `sBG fitted to “${meta.name}” (${count(rows.length, 'subscriber')}, calibration to ${meta.calibrationEnd})`;
  const spec = baselineFromSbg(
    fit,
    { renewals, count: renewals.map((k) => renewalCounts.get(k) ?? 0) },
    {
      source,
      periodWeeks: WEEKS_PER_UNIT[meta.unit],
      pricePerPeriod: meanPrice,
      organicNewPerWeek: organic.perWeek
    }
  );
  progress({ stage: 'Valuing today’s subscribers', fraction: 0.6 });
  // each subscriber at their own price (the mean where none was recorded), 0 once stopped
  const clv = contractualClv(
    rows.map((r, i) => ({
      renewals: r.x,
      active: alive[i],
      pricePerPeriod: r.firstSpend > 0 ? r.firstSpend : meanPrice
    })),
    fit.params,
    WEEKS_PER_UNIT[meta.unit],
    clvOptions
  );
  const diagnostics = [
    ...churnDiagnostics(fit),
    ...sampleDiagnostics(rows.length, rows.filter((r) => r.x > 0).length, 'subscribers'),
    ...planChurnDiagnostics(fitted.plans, meta.unit)
  ];
  if (organic.method !== 'trend' && organic.method !== 'mean')
    diagnostics.push({ level: 'note', code: 'organic-acquisition', message: organic.note });
  return {
    spec,
    fits: [fit],
    purchase: null,
    source,
    clv: summariseClv(clv, rows, 'sbg', clvOptions),
    diagnostics: orderDiagnostics(diagnostics)
  };
}

/** A contract cohort's survivors per period (Fader & Hardie 2007's data layout), with its terms. */
export interface CohortInput {
  name: string;
  survival: SurvivalData;
  /** length of one contract period, weeks */
  periodWeeks: number;
  pricePerPeriod: number;
}

/**
 * The fit step for a cohort table (the CLI's cohort files): the sBG on the cohort's survivors,
 * the survivors after n periods as today's subscribers (n renewals each), their CLV and the
 * diagnostics. Organic acquisition is as given (a cohort table has no dates), 0 by default.
 */
export function fitCohortBaseline(
  cohort: CohortInput,
  options: Pick<FitStepOptions, 'clv' | 'organicNewPerWeek'> = {}
): FitAnswer {
  const started = performance.now();
  const fit = modelFits.fitCohort(cohort.survival);
  const clvOptions = clvOptionsOf(options.clv);
  const active = cohort.survival.active;
  const periods = active.length - 1;
  const survivors = active[periods];
  const perWeek = options.organicNewPerWeek ?? 0;
  const organic: OrganicEstimate = {
    perWeek,
    method: options.organicNewPerWeek === undefined ? 'no-dates' : 'given',
    windowWeeks: 0,
    trendPerYear: null,
    note:
      options.organicNewPerWeek === undefined
        ? 'No organic acquisition is assumed: a cohort table carries no sign-up dates.'
        : `Organic acquisition ${perWeek} new subscribers a week, as given.`
  };
  const source = `sBG fit of cohort ${cohort.name} (${count(active[0], 'subscriber')}, ${count(periods, 'period')})`;
  const spec = baselineFromSbg(
    fit,
    { renewals: [periods], count: [survivors] },
    { source, periodWeeks: cohort.periodWeeks, pricePerPeriod: cohort.pricePerPeriod, organicNewPerWeek: perWeek }
  );
  const subscribers = Array.from({ length: survivors }, () => ({
    renewals: periods,
    active: true,
    pricePerPeriod: cohort.pricePerPeriod
  }));
  const clv = contractualClv(subscribers, fit.params, cohort.periodWeeks, clvOptions);
  const labels = subscribers.map(() => ({ segment: cohort.name, channel: 'unknown' }));
  const renewed = active.length > 1 ? active[1] : 0;
  return {
    version: FIT_ANSWER_VERSION,
    spec,
    fits: [fit],
    purchase: null,
    source,
    customers: survivors,
    clv: summariseClv(clv, labels, 'sbg', clvOptions),
    diagnostics: orderDiagnostics([
      ...churnDiagnostics(fit),
      ...sampleDiagnostics(active[0], renewed, 'subscribers'),
      { level: 'note', code: 'organic-acquisition', message: organic.note }
    ]),
    organic,
    elapsedMs: performance.now() - started
  };
}

/** warnings first, then notes, each in the order found */
function orderDiagnostics(list: FitDiagnostic[]): FitDiagnostic[] {
  return [...list.filter((d) => d.level === 'warning'), ...list.filter((d) => d.level === 'note')];
}
