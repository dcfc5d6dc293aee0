/**
 * Unidentified parameters said out loud (pipeline/fit-diagnostics.ts), on fits as the CLI
 * prints them: the UCI Online Retail BG/NBD MLE calibrated to 2011-08-31 (a = 5.2e-5 ± 0.0023,
 * b = 3,028 ± 145,062: issue 13) is flagged; the CDNOW MLE (Fader, Hardie & Lee 2005, Table 2,
 * with our standard errors) is not.
 */
import { describe, expect, it } from 'vitest';
import {
  formatParameter,
  purchaseDiagnostics,
  sampleDiagnostics,
  spendDiagnostics,
  unidentifiedParameters
} from '$lib/pipeline/fit-diagnostics';
import type { FitResult } from '$lib/model/core/types';

function fit<P extends Record<string, number>>(
  model: FitResult['model'],
  params: P,
  stdErr: Record<keyof P, number>
): FitResult<P> {
  return {
    version: 1,
    model,
    params,
    logLik: -1,
    n: 100,
    stdErr,
    logCov: [],
    converged: true,
    iterations: 1,
    fitMs: 1
  };
}

const UCI = fit(
  'bgnbd',
  { r: 0.7227, alpha: 9.4237, a: 5.19e-5, b: 3027.6 },
  { r: 0.0288, alpha: 0.43, a: 0.00232, b: 145062 }
);
const CDNOW = fit(
  'bgnbd',
  { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 },
  { r: 0.0126, alpha: 0.378, a: 0.186, b: 0.705 }
);

describe('fit diagnostics', () => {
  it('name an unidentified dropout and say what it means for CLV (UCI Online Retail, issue 13)', () => {
    const [d] = purchaseDiagnostics(UCI, 'map');
    expect(d).toMatchObject({ level: 'warning', code: 'dropout-not-identified', parameter: 'a, b' });
    expect(d.message).toMatch(/almost no customers leaving/);
    expect(d.message).toMatch(/CLV depends on an assumption about lifetime/);
    expect(d.message).toMatch(/b = 3,030 ± 145,000/);
    expect(d.message).toMatch(/MAP/);
    expect(purchaseDiagnostics(UCI, 'mle')[0].message).toMatch(/upper ends/);
    expect(unidentifiedParameters(UCI).map((u) => u.parameter)).toEqual(['a', 'b']);
  });

  it('do not call an unpinned dropout "no one leaving" when the estimate leans the other way (a two-week file)', () => {
    // the gauntlet's two-week span: maximum likelihood a = 6,070 ± 2.4e8, b = 5.6e-4 ± 22.4, a mean
    // dropout per purchase near 1, so the data pin nothing and "almost no one leaves" would be false
    const short = fit(
      'bgnbd',
      { r: 2.15e5, alpha: 8.8e5, a: 6070, b: 5.6e-4 },
      { r: 1.2e8, alpha: 4.8e8, a: 2.4e8, b: 22.4 }
    );
    const [d] = purchaseDiagnostics(short, 'map');
    expect(d.code).toBe('dropout-not-identified');
    expect(d.message).toMatch(/too short or too thin to tell how fast customers leave/);
    expect(d.message).not.toMatch(/almost no customers leaving/);
  });

  it('stay silent on the CDNOW fit, whose standard errors are well below the estimates', () => {
    expect(purchaseDiagnostics(CDNOW, 'mle')).toEqual([]);
  });

  it('flag a parameter without a standard error, at the optimiser bound, or a runaway dropout with tight errors', () => {
    const flat = fit('bgnbd', { ...CDNOW.params }, { ...CDNOW.stdErr, alpha: NaN });
    expect(unidentifiedParameters(flat)).toEqual([{ parameter: 'alpha', reason: 'no-standard-error' }]);
    const bound = fit('bgnbd', { ...CDNOW.params, b: Math.exp(49.5) }, { ...CDNOW.stdErr, b: 1 });
    expect(unidentifiedParameters(bound)).toEqual([{ parameter: 'b', reason: 'at-bound' }]);
    const runaway = fit('bgnbd', { ...CDNOW.params, a: 1e-3, b: 100 }, { ...CDNOW.stdErr, a: 1e-4, b: 5 });
    expect(purchaseDiagnostics(runaway, 'mle').map((d) => d.code)).toEqual(['dropout-not-identified']);
  });

  it('flag a Gamma-Gamma whose q <= 1 leaves the mean spend undefined', () => {
    const gg = fit('gammagamma', { p: 2, q: 0.8, v: 10 }, { p: 0.1, q: 0.1, v: 1 });
    expect(spendDiagnostics(gg)).toMatchObject([{ code: 'spend-not-identified', parameter: 'q' }]);
  });

  it('warn below 100 customers or 30 repeat buyers', () => {
    expect(sampleDiagnostics(5, 2)[0].message).toMatch(/^Only 5 customers \(2 with a repeat purchase\)/);
    expect(sampleDiagnostics(1, 0)[0].message).toMatch(/^Only 1 customer \(/);
    expect(sampleDiagnostics(500, 29)).toHaveLength(1);
    expect(sampleDiagnostics(100, 30)).toEqual([]);
  });

  it('write numbers for sentences with three significant digits', () => {
    expect(formatParameter(145062)).toBe('145,000');
    expect(formatParameter(5.19e-5)).toBe('5.2e-5');
    expect(formatParameter(0.7929)).toBe('0.793');
  });
});

describe('sBG per plan', () => {
  it('names each plan with its mean churn, says when a plan has no fit or a loose one, and is silent for one plan', async () => {
    const { planChurnDiagnostics } = await import('$lib/pipeline/fit-diagnostics');
    const { fitSbgCensored } = await import('$lib/model/core/btyd/sbg-censored');
    // plan a: churn after 1..4 periods, a spread that identifies alpha and beta; plan b: everyone
    // churns after exactly 2 periods (no heterogeneity: alpha and beta run off together)
    const a = fitSbgCensored(
      [1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 6, 9, 12, 12],
      [false, false, false, false, false, false, false, false, false, false, false, false, true, true]
    );
    const b = fitSbgCensored(Array(40).fill(2), Array(40).fill(false));
    const [d] = planChurnDiagnostics(
      [
        { plan: 'a', subscribers: 14, fit: a },
        { plan: 'b', subscribers: 40, fit: b },
        { plan: 'c', subscribers: 3, fit: null, reason: 'nobody churned, so the churn rate is not identified' }
      ],
      'month'
    );
    const mean = (100 * a.params.alpha) / (a.params.alpha + a.params.beta);
    expect(d.code).toBe('churn-by-plan');
    expect(d.message).toContain(`a (14 subscribers): ${mean.toFixed(1)}% churn per month`);
    expect(d.message).toMatch(
      /b \(40 subscribers\): 50\.0% churn per month \([^)]*how churn varies between its subscribers is not identified\)/
    );
    expect(d.message).toContain('c (3 subscribers): not fitted, nobody churned');
    expect(planChurnDiagnostics([{ plan: 'a', subscribers: 14, fit: a }], 'month')).toEqual([]);
  });
});
