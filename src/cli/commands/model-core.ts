/**
 * The one place the CLI binds to the model core: the fit functions come from the pipeline's
 * single fit module (src/lib/pipeline/model-fits.ts), the predictions from the BTYD purchase
 * models as PurchaseModel objects, and the Gamma-Gamma conditional spend. Loaded lazily (so
 * `summarize` does not load the models); tests swap in a stand-in with useModelCore.
 */
import type { GammaGammaParams, PurchaseModel, PurchaseModelName } from '../../lib/model/core/types.ts';
import type { ModelFits } from '../../lib/pipeline/model-fits.ts';

export interface ModelCore extends ModelFits {
  /** the purchase models' predictions (P(alive), E[Y(t)], DERT); fits go through fitPurchase */
  purchaseModels: Record<PurchaseModelName, PurchaseModel<object>>;
  /** E[M | x, m]: expected mean spend per transaction given x repeat transactions of mean m */
  conditionalExpectedSpend(params: GammaGammaParams, x: number, m: number): number;
}

let core: Promise<ModelCore> | null = null;

/** Replaces the model core (tests use a closed-form stand-in); `null` restores the real one. */
export function useModelCore(replacement: ModelCore | null): void {
  core = replacement ? Promise.resolve(replacement) : null;
}

/** The model core, imported on first use. */
export function loadModelCore(): Promise<ModelCore> {
  core ??= Promise.all([
    import('../../lib/pipeline/model-fits.ts'),
    import('../../lib/model/core/btyd/gammagamma.ts')
  ]).then(([fits, spend]) => ({
    ...fits.modelFits,
    purchaseModels: fits.PURCHASE_MODELS,
    conditionalExpectedSpend: spend.conditionalExpectedSpend
  }));
  return core;
}
