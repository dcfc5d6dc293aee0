/**
 * The one place outside the model core that calls the model's fit functions (maximum
 * likelihood, or MAP under a stated prior): the baseline fit step (fit-step.ts), the CLI
 * (through its lazily loaded ModelCore, src/cli/commands/model-core.ts), the validation
 * checks (src/lib/validate) and the benchmarks all fit through `modelFits`.
 */
import { bgFamilyStart, bgnbd } from '../model/core/btyd/bgnbd.ts';
import { bgnbdLogPrior } from '../model/core/btyd/bgnbdPrior.ts';
import { fitBgBb } from '../model/core/btyd/bgbb.ts';
import { fitGammaGamma } from '../model/core/btyd/gammagamma.ts';
import { mbgNbd } from '../model/core/btyd/mbgnbd.ts';
import { paretoNbd } from '../model/core/btyd/paretonbd.ts';
import { fitSbg } from '../model/core/btyd/sbg.ts';
import { fitSbgCensored } from '../model/core/btyd/sbg-censored.ts';
import type {
  BgBbData,
  BgBbParams,
  BgNbdParams,
  FitOptions,
  FitResult,
  GammaGammaParams,
  PurchaseModel,
  PurchaseModelName,
  RfmData,
  SbgParams,
  SpendData,
  SurvivalData
} from '../model/core/types.ts';

export interface ModelFits {
  /** BG/NBD, Pareto/NBD or MBG/NBD on (x, t_x, T) triples, by maximum likelihood */
  fitPurchase(model: PurchaseModelName, data: RfmData, options?: FitOptions): FitResult<object>;
  /**
   * BG/NBD MAP estimate under the weakly-informative prior of btyd/bgnbdPrior.ts (alpha in
   * weeks, so the data must be in weeks); defined without repeat purchases, or customers
   */
  fitPurchaseMap(data: RfmData, options?: Omit<FitOptions, 'logPrior'>): FitResult<BgNbdParams>;
  /** Gamma-Gamma on (x, m) of customers with repeat purchases */
  fitSpend(data: SpendData, options?: FitOptions): FitResult<GammaGammaParams>;
  /** sBG on one cohort's survivors per period */
  fitCohort(data: SurvivalData, options?: FitOptions): FitResult<SbgParams>;
  /** sBG on subscribers observed for different lengths (periods paid, still subscribed) */
  fitSubscribers(
    periodsPaid: ArrayLike<number>,
    subscribed: ArrayLike<boolean>,
    options?: FitOptions
  ): FitResult<SbgParams>;
  /** BG/BB on a discrete-time recency/frequency table */
  fitDiscreteTime(data: BgBbData, options?: FitOptions): FitResult<BgBbParams>;
}

export const PURCHASE_MODELS: Record<PurchaseModelName, PurchaseModel<object>> = {
  bgnbd: bgnbd as PurchaseModel<object>,
  paretonbd: paretoNbd as PurchaseModel<object>,
  mbgnbd: mbgNbd as PurchaseModel<object>
};

/** Starting values of a MAP fit: the method-of-moments start with alpha kept in the prior's range. */
function mapStart(data: RfmData): Record<string, number> {
  const start = bgFamilyStart(data);
  return { ...start, alpha: Math.min(50, start.alpha) };
}

export const modelFits: ModelFits = {
  fitPurchase: (model, data, options) => PURCHASE_MODELS[model].fit(data, options),
  fitPurchaseMap: (data, options = {}) =>
    bgnbd.fit(data, { start: mapStart(data), ...options, logPrior: bgnbdLogPrior }),
  fitSpend: (data, options) => fitGammaGamma(data, options),
  fitCohort: (data, options) => fitSbg(data, options),
  fitSubscribers: (periodsPaid, subscribed, options) => fitSbgCensored(periodsPaid, subscribed, options),
  fitDiscreteTime: (data, options) => fitBgBb(data, options)
};
