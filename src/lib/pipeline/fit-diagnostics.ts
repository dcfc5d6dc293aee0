/**
 * What a fit can and cannot tell, said out loud: plain-JSON diagnostics for the workbench,
 * the CLI and the validation tests.
 *
 * A parameter is not identified by the data when
 * - the observed information at the optimum is not positive definite (no standard error),
 * - its standard error is larger than the estimate (the data allow anything from about 0 to
 *   twice the value), or
 * - its log sits at the optimiser's bound (fit/maximumLikelihood.ts, |log| = 50), or
 * - for the BG/NBD dropout, the fit ran away towards "nobody ever leaves": a mean dropout
 *   a / (a + b) below 1e-4 per purchase (a -> 0 or b -> infinity).
 * Small samples are flagged below 100 customers or 30 repeat buyers, where the asymptotic
 * standard errors themselves are unreliable.
 */
import { LOG_PARAMETER_BOUND } from '../model/core/fit/maximumLikelihood.ts';
import type { BgNbdParams, FitResult, GammaGammaParams } from '../model/core/types.ts';

export type DiagnosticCode =
  | 'dropout-not-identified'
  | 'purchase-rate-not-identified'
  | 'spend-not-identified'
  | 'churn-not-identified'
  | 'not-converged'
  | 'small-sample'
  | 'no-repeat-purchases'
  | 'no-history'
  | 'no-spend-model'
  | 'no-amounts'
  | 'estimate-in-use'
  | 'model-in-use'
  | 'chosen-model-failed'
  | 'organic-acquisition'
  | 'churn-by-plan';

export interface FitDiagnostic {
  level: 'warning' | 'note';
  code: DiagnosticCode;
  /** the parameters concerned, as named in the papers (e.g. "a, b"), when there are any */
  parameter?: string;
  /** what it means for the numbers on show, in a sentence or two */
  message: string;
}

export const SMALL_SAMPLE_CUSTOMERS = 100;
export const SMALL_SAMPLE_REPEATERS = 30;
/** mean dropout per purchase below which a BG/NBD fit has run away to "nobody leaves" */
const DROPOUT_RUNAWAY = 1e-4;

/** a number for a sentence: 3 significant digits, thousands separated */
export function formatParameter(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e7)) return v.toExponential(1);
  return Number(v.toPrecision(3)).toLocaleString('en', { maximumSignificantDigits: 3 });
}

export type IdentificationReason = 'no-standard-error' | 'se-exceeds-estimate' | 'at-bound';

/** The parameters of a fit the data do not pin down, with why. */
export function unidentifiedParameters(fit: FitResult<object>): { parameter: string; reason: IdentificationReason }[] {
  const out: { parameter: string; reason: IdentificationReason }[] = [];
  const params = fit.params as Record<string, number>;
  const se = fit.stdErr as Record<string, number>;
  for (const [name, value] of Object.entries(params)) {
    if (Math.abs(Math.log(value)) >= LOG_PARAMETER_BOUND - 1) out.push({ parameter: name, reason: 'at-bound' });
    else if (!Number.isFinite(se[name])) out.push({ parameter: name, reason: 'no-standard-error' });
    else if (se[name] > value) out.push({ parameter: name, reason: 'se-exceeds-estimate' });
  }
  return out;
}

const withSe = (fit: FitResult<object>, names: readonly string[]) =>
  names
    .map((n) => {
      const v = (fit.params as Record<string, number>)[n];
      const s = (fit.stdErr as Record<string, number>)[n];
      return `${n} = ${formatParameter(v)}${Number.isFinite(s) ? ` ± ${formatParameter(s)}` : ' (no standard error)'}`;
    })
    .join(', ');

/** True when the BG/NBD fit says nothing reliable about dropout. */
export function dropoutUnidentified(fit: FitResult<BgNbdParams>): boolean {
  const { a, b } = fit.params;
  return (
    a / (a + b) < DROPOUT_RUNAWAY || unidentifiedParameters(fit).some((u) => u.parameter === 'a' || u.parameter === 'b')
  );
}

export function purchaseRateUnidentified(fit: FitResult<BgNbdParams>): boolean {
  return unidentifiedParameters(fit).some((u) => u.parameter === 'r' || u.parameter === 'alpha');
}

/**
 * Diagnostics of the BG/NBD maximum-likelihood fit. `inUse` says which estimate drives the
 * baseline, so the sentence can say what the numbers on show rest on.
 */
export function purchaseDiagnostics(mle: FitResult<BgNbdParams>, inUse: 'mle' | 'map'): FitDiagnostic[] {
  const out: FitDiagnostic[] = [];
  if (dropoutUnidentified(mle)) {
    const { a, b } = mle.params;
    const runaway = a / (a + b) < DROPOUT_RUNAWAY;
    out.push({
      level: 'warning',
      code: 'dropout-not-identified',
      parameter: 'a, b',
      message:
        // a runaway fit has (almost) no one leaving; otherwise a and b are merely unpinned, which
        // a short or thin calibration period does whichever way the estimate leans
        (runaway
          ? `Dropout is not identified: the data show almost no customers leaving in the calibration period `
          : `Dropout is not identified: the calibration period is too short or too thin to tell how fast customers leave `) +
        `(BG/NBD maximum likelihood ${withSe(mle, ['a', 'b'])}${runaway ? `, a mean dropout of ${formatParameter(a / (a + b))} per purchase` : ''}), ` +
        `so CLV depends on an assumption about lifetime. ` +
        (inUse === 'map'
          ? 'The baseline uses the MAP fit, where a weakly-informative prior supplies that assumption; a shorter CLV horizon limits how much it matters.'
          : 'The baseline uses the maximum-likelihood fit, which assumes customers (almost) never leave: retention and lifetime values are upper ends.')
    });
  }
  if (purchaseRateUnidentified(mle)) {
    out.push({
      level: 'warning',
      code: 'purchase-rate-not-identified',
      parameter: 'r, alpha',
      message: `The purchase rate is not identified (BG/NBD ${withSe(mle, ['r', 'alpha'])}): expected purchases, and so CLV, are uncertain well beyond the bands shown.`
    });
  }
  if (!mle.converged && !out.length) {
    out.push({
      level: 'warning',
      code: 'not-converged',
      message: 'The BG/NBD fit did not converge: its parameters, and the CLV built on them, may be off.'
    });
  }
  return out;
}

/** Gamma-Gamma: unidentified parameters, or q <= 1 (an infinite population mean spend). */
export function spendDiagnostics(fit: FitResult<GammaGammaParams>): FitDiagnostic[] {
  const bad = unidentifiedParameters(fit).map((u) => u.parameter);
  if (fit.params.q <= 1) bad.push('q');
  if (!bad.length) return [];
  const names = [...new Set(bad)];
  return [
    {
      level: 'warning',
      code: 'spend-not-identified',
      parameter: names.join(', '),
      message:
        `Spend per purchase is not well identified (Gamma-Gamma ${withSe(fit, names)}` +
        (fit.params.q <= 1 ? '; q <= 1 leaves the mean spend undefined' : '') +
        '): CLV in money is uncertain beyond the bands shown.'
    }
  ];
}

export function churnDiagnostics(fit: FitResult<object>): FitDiagnostic[] {
  const bad = unidentifiedParameters(fit).map((u) => u.parameter);
  if (!bad.length) return [];
  return [
    {
      level: 'warning',
      code: 'churn-not-identified',
      parameter: bad.join(', '),
      message: `Churn is not well identified (sBG ${withSe(fit, bad)}): retention and lifetime value rest on few renewals and could be far off.`
    }
  ];
}

/** One plan's (cohort's) own sBG fit, or why it has none. */
export interface PlanChurn {
  plan: string;
  subscribers: number;
  fit: FitResult<{ alpha: number; beta: number }> | null;
  /** why there is no fit (e.g. nobody on the plan churned) */
  reason?: string;
}

/**
 * The sBG fitted per plan beside the pooled one that drives the baseline: each plan's mean
 * churn per period, E[θ] = α / (α + β) (Fader & Hardie 2007, eq. 1), with its parameters, so
 * a plan that keeps its subscribers better than the pool is visible.
 */
export function planChurnDiagnostics(plans: readonly PlanChurn[], period: string): FitDiagnostic[] {
  if (plans.length < 2) return [];
  const parts = plans.map((p) => {
    const who = `${p.plan} (${p.subscribers.toLocaleString('en')} subscriber${p.subscribers === 1 ? '' : 's'})`;
    if (!p.fit) return `${who}: not fitted, ${p.reason ?? 'too little data'}`;
    const { alpha, beta } = p.fit.params;
    const loose =
      unidentifiedParameters(p.fit).length > 0 ? '; how churn varies between its subscribers is not identified' : '';
    return `${who}: ${((100 * alpha) / (alpha + beta)).toFixed(1)}% churn per ${period} (α ${alpha.toPrecision(3)}, β ${beta.toPrecision(3)}${loose})`;
  });
  return [
    {
      level: 'note',
      code: 'churn-by-plan',
      message: `sBG fitted per plan: ${parts.join('; ')}. The baseline uses the fit of all plans together.`
    }
  ];
}

export function sampleDiagnostics(customers: number, repeaters: number, what = 'customers'): FitDiagnostic[] {
  if (customers >= SMALL_SAMPLE_CUSTOMERS && repeaters >= SMALL_SAMPLE_REPEATERS) return [];
  return [
    {
      level: 'warning',
      code: 'small-sample',
      message:
        `Only ${customers.toLocaleString('en')} ${customers === 1 ? what.replace(/s$/, '') : what} (${repeaters.toLocaleString('en')} with a repeat purchase): ` +
        `estimates from so little data move a lot with a few more customers, and their standard errors are themselves rough. ` +
        `Read retention and CLV as orders of magnitude.`
    }
  ];
}
