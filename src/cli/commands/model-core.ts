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

// Computed specifiers: the model core is written in parallel by engineer A; each
// family lives in its own file (docs/ARCHITECTURE.md), merged here with the index.
const MODULES = [
  '../../lib/model/index.ts',
  '../../lib/model/btyd/bgnbd.ts',
  '../../lib/model/btyd/paretonbd.ts',
  '../../lib/model/btyd/mbgnbd.ts',
  '../../lib/model/btyd/gammagamma.ts',
  '../../lib/model/btyd/sbg.ts',
  '../../lib/model/btyd/bgbb.ts'
];

let core: Promise<ModelCore> | null = null;

/** Replaces the model core (tests use a closed-form stand-in); `null` restores the real one. */
export function useModelCore(replacement: ModelCore | null): void {
  core = replacement ? Promise.resolve(replacement) : null;
}

/** A function that fails with a clear message when called, for a part of the core that is not there. */
function missing(names: string[]): never {
  throw new Error(`the model core (src/lib/model) exports none of ${names.join(', ')}`);
}

export function loadModelCore(): Promise<ModelCore> {
  core ??= (async () => {
    const m: Record<string, unknown> = {};
    const failures: string[] = [];
    for (const specifier of MODULES) {
      try {
        Object.assign(m, (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>);
      } catch (error) {
        failures.push(`${specifier.replace('../../lib/', 'src/lib/')}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      }
    }
    if (Object.keys(m).length === 0) {
      core = null;
      throw new Error(`cannot load the model core: ${failures.join('; ')}`);
    }
    const pick = <T>(...names: string[]): T => {
      for (const n of names) if (m[n] !== undefined) return m[n] as T;
      return ((..._args: unknown[]) => missing(names)) as T;
    };
    const model = (...names: string[]): PurchaseModel<object> => {
      for (const n of names) if (m[n] !== undefined) return m[n] as PurchaseModel<object>;
      return { fit: () => missing(names) } as unknown as PurchaseModel<object>;
    };
    return {
      purchaseModels: {
        bgnbd: model('bgnbd', 'bgNbd'),
        paretonbd: model('paretoNbd', 'paretonbd'),
        mbgnbd: model('mbgNbd', 'mbgnbd')
      },
      fitGammaGamma: pick('fitGammaGamma'),
      conditionalExpectedSpend: pick('conditionalExpectedSpend', 'gammaGammaConditionalSpend', 'expectedSpend'),
      fitSbg: pick('fitSbg', 'fitSbgSurvival'),
      fitBgBb: pick('fitBgBb', 'fitBgbb')
    };
  })();
  return core;
}
