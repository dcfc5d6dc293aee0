/**
 * The one place the CLI binds to engineer A's model core (src/lib/model): the
 * BTYD purchase models as PurchaseModel objects and the fit functions of the
 * spend (Gamma-Gamma), contractual (sBG) and discrete-time (BG/BB) models.
 * Loaded lazily so `summarize` runs without the model core.
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
} from '../../lib/model/types.ts';

export interface ModelCore {
  purchaseModels: Record<PurchaseModelName, PurchaseModel<object>>;
  fitGammaGamma(data: SpendData, options?: FitOptions): FitResult<GammaGammaParams>;
  /** E[M | x, m]: expected mean spend per transaction given x repeat transactions of mean m */
  conditionalExpectedSpend(params: GammaGammaParams, x: number, m: number): number;
  fitSbg(data: SurvivalData, options?: FitOptions): FitResult<SbgParams>;
  fitBgBb(data: BgBbData, options?: FitOptions): FitResult<BgBbParams>;
}

// a computed specifier: the model index is written in parallel by engineer A
const MODEL_INDEX = '../../lib/model/index.ts';

let core: Promise<ModelCore> | null = null;

/** Replaces the model core (tests use a closed-form stand-in); `null` restores the real one. */
export function useModelCore(replacement: ModelCore | null): void {
  core = replacement ? Promise.resolve(replacement) : null;
}

export function loadModelCore(): Promise<ModelCore> {
  core ??= (async () => {
    let m: Record<string, unknown>;
    try {
      m = (await import(/* @vite-ignore */ MODEL_INDEX)) as Record<string, unknown>;
    } catch (error) {
      core = null;
      throw new Error(`cannot load the model core (src/lib/model/index.ts): ${error instanceof Error ? error.message : String(error)}`);
    }
    const pick = <T>(...names: string[]): T => {
      for (const n of names) if (m[n] !== undefined) return m[n] as T;
      throw new Error(`the model core (src/lib/model/index.ts) exports none of ${names.join(', ')}`);
    };
    return {
      purchaseModels: {
        bgnbd: pick('bgnbd', 'bgNbd'),
        paretonbd: pick('paretoNbd', 'paretonbd'),
        mbgnbd: pick('mbgNbd', 'mbgnbd')
      },
      fitGammaGamma: pick('fitGammaGamma'),
      conditionalExpectedSpend: pick('conditionalExpectedSpend', 'gammaGammaConditionalSpend', 'expectedSpend'),
      fitSbg: pick('fitSbg'),
      fitBgBb: pick('fitBgBb')
    };
  })();
  return core;
}
