/**
 * The CDNOW checks of Fader, Hardie & Lee (2005) from the raw transactions: summary
 * with the literature's conventions (calibration ends 1997-09-30, weeks; see
 * src/lib/data/summarize.ts), BG/NBD, Pareto/NBD and Gamma-Gamma fits against the
 * published estimates, and the data of the paper's fit-quality figures:
 *  - tracking of cumulative repeat transactions, actual vs expected (FHL 2005 Figure 2;
 *    expected = sum over customers of E[X(t - birth)], BG/NBD eq. 9);
 *  - the calibration frequency histogram, actual vs expected (FHL 2005 Figure 1):
 *    expected customers with n repeat transactions = sum_i P(X(T_i) = n) (BG/NBD eq. 8),
 *    each customer with their own T, the last bin "7+" = N - sum_{n<7};
 *  - conditional expectations: mean holdout transactions by calibration frequency,
 *    actual vs E[Y(t) | x, t_x, T] (BG/NBD eq. 10; FHL 2005 Figure 4).
 * BG/NBD and Gamma-Gamma come from the app's own fit step (src/lib/pipeline/fit-step.ts, its
 * maximum-likelihood BG/NBD), so the published values check the numbers the workbench uses.
 * Pure and synchronous (the page runs it in src/lib/workers/validate.worker.ts).
 */
import { bgnbd, compressRfmArrays, conditionalExpectedSpend, paretoNbd } from '../model/core/index.ts';
import type { BgNbdParams, FitResult, GammaGammaParams, ParetoNbdParams } from '../model/core/types.ts';
import { fitBaseline } from '../pipeline/fit-step.ts';
import {
  actualFrequency,
  binLabel,
  conditionalByFrequency,
  expectedFrequency,
  FREQUENCY_BINS,
  type ConditionalBin,
  type FrequencyBin
} from '../pipeline/fit-quality.ts';
import { modelFits } from '../pipeline/model-fits.ts';
import type { TransactionTable } from '../data/types.ts';
import { summarize } from '../data/summarize.ts';
import { expectedTracking, trackRepeatTransactions } from '../data/summarize-tracking.ts';
import { check, type Check, type PublishedValue } from './checks.ts';
import { CDNOW_PUBLISHED, FHL_EXAMPLE_CUSTOMER } from './published.ts';

/** FHL 2005: calibration is the first 39 weeks of 1997 (to 1997-09-30), holdout the next 39. */
export const CDNOW_CALIBRATION_END = '1997-09-30';

export { actualFrequency, conditionalByFrequency, expectedFrequency, FREQUENCY_BINS };
export type { ConditionalBin, FrequencyBin };
export interface TrackingPoint {
  week: number;
  /** inclusive last day of the week, YYYY-MM-DD */
  endDate: string;
  actual: number;
  bgnbd: number;
  paretoNbd: number | null;
}

export interface CdnowValidation {
  version: 1;
  checks: Check[];
  customers: number;
  repeaters: number;
  holdoutWeeks: number;
  calibrationWeeks: number;
  bgnbd: FitResult<BgNbdParams> | null;
  paretoNbd: FitResult<ParetoNbdParams> | null;
  gammaGamma: FitResult<GammaGammaParams> | null;
  /** model fit errors, by model name */
  errors: Record<string, string>;
  tracking: TrackingPoint[];
  frequency: FrequencyBin[];
  conditional: ConditionalBin[];
  elapsedMs: number;
}

export type CdnowStage = 'summarising' | 'BG/NBD' | 'Pareto/NBD' | 'Gamma-Gamma' | 'charts';

export interface CdnowOptions {
  calibrationEnd?: string;
  onProgress?: (stage: CdnowStage) => void;
}

function tryFit<R>(name: string, errors: Record<string, string>, fit: () => R): R | null {
  try {
    return fit();
  } catch (e) {
    errors[name] = e instanceof Error ? e.message : String(e);
    return null;
  }
}

/** Runs every CDNOW check and builds the chart data from a CDNOW-format transaction table. */
export function runCdnowValidation(table: TransactionTable, options: CdnowOptions = {}): CdnowValidation {
  const started = performance.now();
  const calibrationEnd = options.calibrationEnd ?? CDNOW_CALIBRATION_END;
  const progress = options.onProgress ?? (() => {});

  progress('summarising');
  const summary = summarize(table, { calibrationEnd, unit: 'week' });
  const c = summary.customers;
  const rfm = compressRfmArrays(
    c.map((r) => r.x),
    c.map((r) => r.tx),
    c.map((r) => r.T)
  );
  const repeaters = c.filter((r) => r.x > 0 && r.m > 0).length;
  const errors: Record<string, string> = {};

  progress('BG/NBD');
  const answer = tryFit('BG/NBD', errors, () =>
    fitBaseline({ name: 'CDNOW', kind: 'transactions', unit: 'week', calibrationEnd }, c, { estimate: 'mle' })
  );
  const bg = answer?.purchase?.mle ?? null;
  if (answer && !bg) errors['BG/NBD'] = answer.purchase?.mleError ?? 'no maximum-likelihood fit';
  progress('Pareto/NBD');
  const pnbd = tryFit(
    'Pareto/NBD',
    errors,
    () => modelFits.fitPurchase('paretonbd', rfm) as FitResult<ParetoNbdParams>
  );
  progress('Gamma-Gamma');
  const gg = (answer?.fits.find((f) => f.model === 'gammagamma') as FitResult<GammaGammaParams> | undefined) ?? null;
  if (answer && !gg) errors['Gamma-Gamma'] = 'the fit step did not fit the spend model';

  const checks: Check[] = [check(CDNOW_PUBLISHED.customers, c.length), check(CDNOW_PUBLISHED.repeaters, repeaters)];
  const add = (published: PublishedValue[], values: Record<string, number>) => {
    for (const p of published) checks.push(check(p, values[p.id] ?? NaN));
  };
  const ex = FHL_EXAMPLE_CUSTOMER;
  add(
    CDNOW_PUBLISHED.bgnbd,
    bg
      ? {
          'bgnbd.r': bg.params.r,
          'bgnbd.alpha': bg.params.alpha,
          'bgnbd.a': bg.params.a,
          'bgnbd.b': bg.params.b,
          'bgnbd.logLik': bg.logLik,
          'bgnbd.conditional': bgnbd.conditionalExpected(bg.params, ex.x, ex.tx, ex.T, ex.weeks)
        }
      : {}
  );
  add(
    CDNOW_PUBLISHED.paretoNbd,
    pnbd
      ? {
          'paretonbd.r': pnbd.params.r,
          'paretonbd.alpha': pnbd.params.alpha,
          'paretonbd.s': pnbd.params.s,
          'paretonbd.beta': pnbd.params.beta,
          'paretonbd.logLik': pnbd.logLik
        }
      : {}
  );
  add(
    CDNOW_PUBLISHED.gammaGamma,
    gg
      ? {
          'gammagamma.p': gg.params.p,
          'gammagamma.q': gg.params.q,
          'gammagamma.v': gg.params.v,
          'gammagamma.meanSpend': conditionalExpectedSpend(gg.params, 0, 0)
        }
      : {}
  );

  progress('charts');
  const { series, cohort } = trackRepeatTransactions(table, { calibrationEnd });
  const bgTrack = bg ? expectedTracking(cohort, bgnbd, bg.params, summary.unitDays) : [];
  const pTrack = pnbd ? expectedTracking(cohort, paretoNbd, pnbd.params, summary.unitDays) : [];
  const tracking: TrackingPoint[] = series.actual.map((actual, k) => ({
    week: k + 1,
    endDate: series.endDates[k],
    actual,
    bgnbd: bg ? bgTrack[k] : NaN,
    paretoNbd: pnbd ? pTrack[k] : null
  }));

  const actualBins = actualFrequency(
    c.map((r) => r.x),
    FREQUENCY_BINS
  );
  const expectedBins = bg ? expectedFrequency(bgnbd, bg.params, rfm, FREQUENCY_BINS) : actualBins.map(() => NaN);
  const frequency: FrequencyBin[] = actualBins.map((actual, x) => ({
    x,
    label: binLabel(x, FREQUENCY_BINS),
    actual,
    expected: expectedBins[x]
  }));
  const conditional =
    bg && summary.holdoutLength > 0 ? conditionalByFrequency(bgnbd, bg.params, c, summary.holdoutLength) : [];

  return {
    version: 1,
    checks,
    customers: c.length,
    repeaters,
    holdoutWeeks: summary.holdoutLength,
    calibrationWeeks: series.calibrationPeriods,
    bgnbd: bg,
    paretoNbd: pnbd,
    gammaGamma: gg,
    errors,
    tracking,
    frequency,
    conditional,
    elapsedMs: performance.now() - started
  };
}
