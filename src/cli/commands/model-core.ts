/**
 * The one place the CLI binds to the model core (src/lib/model/core/btyd): the BTYD
 * purchase models as PurchaseModel objects and the fit functions of the spend
 * (Gamma-Gamma), contractual (sBG) and discrete-time (BG/BB) models. Loaded
 * lazily; tests swap in a stand-in with useModelCore.
 */
import type {
  BgBbData,
  BgBbParams,
  FitOptions,
  FitResult,
  GammaGammaParams,
  PurchaseModel,
  PurchaseModelName,
  SbgParams,
  SpendData,
  SurvivalData
} from '../../lib/model/core/types.ts';

export interface ModelCore {
  purchaseModels: Record<PurchaseModelName, PurchaseModel<object>>;
  fitGammaGamma(data: SpendData, options?: FitOptions): FitResult<GammaGammaParams>;
  /** E[M | x, m]: expected mean spend per transaction given x repeat transactions of mean m */
  conditionalExpectedSpend(params: GammaGammaParams, x: number, m: number): number;
  fitSbg(data: SurvivalData, options?: FitOptions): FitResult<SbgParams>;
  fitBgBb(data: BgBbData, options?: FitOptions): FitResult<BgBbParams>;
}

let core: Promise<ModelCore> | null = null;

/** Replaces the model core (tests use a closed-form stand-in); `null` restores the real one. */
export function useModelCore(replacement: ModelCore | null): void {
  core = replacement ? Promise.resolve(replacement) : null;
}

/** The model core, imported on first use (so `summarize` does not load the models). */
export function loadModelCore(): Promise<ModelCore> {
  core ??= import('../../lib/model/core/btyd/index.ts').then((m) => ({
    purchaseModels: {
      bgnbd: m.bgnbd as PurchaseModel<object>,
      paretonbd: m.paretoNbd as PurchaseModel<object>,
      mbgnbd: m.mbgNbd as PurchaseModel<object>
    },
    fitGammaGamma: m.fitGammaGamma,
    conditionalExpectedSpend: m.conditionalExpectedSpend,
    fitSbg: m.fitSbg,
    fitBgBb: m.fitBgBb
  }));
  return core;
}
