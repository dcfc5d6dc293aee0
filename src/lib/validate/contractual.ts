/**
 * The checks that need no file: sBG on the two Fader & Hardie (2007) cohorts and BG/BB
 * on the Fader, Hardie & Shang (2010) donations, both from the published tables in
 * published-data.ts. Also the chart data: the sBG survivor function
 * S(t) = B(alpha, beta + t) / B(alpha, beta) (FH 2007 section 3) actual vs fitted, to year 13, and the
 * BG/BB fit table: the expected donors in each (x, t_x) cell,
 *   N * C(t_x - 1, x - 1) * L(alpha, beta, gamma, delta | x, t_x, n)      (x >= 1)
 *   N * L(... | 0, 0, n)                                                   (x = 0)
 * since every one of the C(t_x - 1, x - 1) histories with x donations the last at t_x
 * has the likelihood of FHS 2010 eq. 5; the cells cover all 2^n histories, so the
 * expected counts sum to N.
 */
import { sbgSurvival, bgbbLogLikIndividual, lgamma } from '../model/core/index.ts';
import { modelFits } from '../pipeline/model-fits.ts';
import type { BgBbParams, FitResult, SbgParams } from '../model/core/types.ts';
import { check, type Check } from './checks.ts';
import {
  DONATION_CELLS,
  SBG_ACTIVE,
  SBG_COHORT_NAMES,
  SBG_HOLDOUT_FIRST_YEAR,
  SBG_HOLDOUT_PERCENT,
  SBG_PROJECTION_YEARS,
  donationsBgBbData,
  sbgSurvivalData,
  type RfCell,
  type SbgCohortName
} from './published-data.ts';
import { BGBB_PUBLISHED, sbgPublished } from './published.ts';

/** One year of a cohort's survival curve, in % of the cohort. */
export interface SurvivalPoint {
  year: number;
  /** actual % active (FH 2007 Table 1), null after year 12 */
  actualPercent: number | null;
  /** sBG S(t) in %, fitted to years 1..7 */
  fittedPercent: number;
  /** whether the year was used in the fit (1..7) or is the holdout/projection */
  calibration: boolean;
}

export interface SbgCohortResult {
  cohort: SbgCohortName;
  fit: FitResult<SbgParams>;
  curve: SurvivalPoint[];
}

/** One cell of the BG/BB fit table. */
export interface BgBbCellFit extends RfCell {
  /** donors the fitted model expects in the cell */
  expected: number;
}

export interface ContractualValidation {
  version: 1;
  checks: Check[];
  sbg: SbgCohortResult[];
  bgbb: { fit: FitResult<BgBbParams>; cells: BgBbCellFit[] };
}

/** log C(n, k) for integers 0 <= k <= n. */
function logChoose(n: number, k: number): number {
  return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1);
}

/** Number of donation histories over n opportunities with x donations, the last at t_x. */
export function historiesInCell(x: number, tx: number): number {
  if (x === 0) return tx === 0 ? 1 : 0;
  if (!(tx >= x)) return 0;
  return Math.round(Math.exp(logChoose(tx - 1, x - 1)));
}

/** Expected donors per (x, t_x) cell under BG/BB parameters, for a cohort of `customers`. */
export function bgbbExpectedCells(params: BgBbParams, cells: readonly RfCell[], customers: number): BgBbCellFit[] {
  return cells.map((c) => {
    const logHistories = c.x === 0 ? 0 : logChoose(c.tx - 1, c.x - 1);
    if (c.x > 0 && c.tx < c.x)
      throw new RangeError(`invalid donations cell: x = ${c.x} donations cannot end at t_x = ${c.tx}`);
    const expected = customers * Math.exp(logHistories + bgbbLogLikIndividual(params, c.x, c.tx, c.n));
    return { ...c, expected };
  });
}

/** Survival curve of one cohort: actual (FH 2007 Table 1) vs sBG fitted to years 1..7, years 0..13. */
export function sbgCurve(cohort: SbgCohortName, params: SbgParams, years = SBG_PROJECTION_YEARS): SurvivalPoint[] {
  const active = SBG_ACTIVE[cohort];
  const size = active[0];
  const holdout = SBG_HOLDOUT_PERCENT[cohort];
  const out: SurvivalPoint[] = [];
  for (let year = 0; year <= years; year++) {
    let actualPercent: number | null = null;
    if (year < active.length) actualPercent = (100 * active[year]) / size;
    else if (year - SBG_HOLDOUT_FIRST_YEAR < holdout.length) actualPercent = holdout[year - SBG_HOLDOUT_FIRST_YEAR];
    out.push({
      year,
      actualPercent,
      fittedPercent: 100 * sbgSurvival(params, year),
      calibration: year < active.length
    });
  }
  return out;
}

/** Fits sBG to both cohorts and BG/BB to the donations; compares with the published values. */
export function runContractualValidation(): ContractualValidation {
  const checks: Check[] = [];
  const sbg: SbgCohortResult[] = [];
  for (const cohort of SBG_COHORT_NAMES) {
    const fit = modelFits.fitCohort(sbgSurvivalData(cohort));
    const curve = sbgCurve(cohort, fit.params);
    const [alpha, beta, ...years] = sbgPublished(cohort);
    checks.push(check(alpha, fit.params.alpha), check(beta, fit.params.beta));
    years.forEach((published, i) => {
      checks.push(check(published, 100 * sbgSurvival(fit.params, SBG_HOLDOUT_FIRST_YEAR + i)));
    });
    sbg.push({ cohort, fit, curve });
  }

  const data = donationsBgBbData();
  const fit = modelFits.fitDiscreteTime(data);
  const reproduced: Record<string, number> = {
    'bgbb.customers': data.customers,
    'bgbb.alpha': fit.params.alpha,
    'bgbb.beta': fit.params.beta,
    'bgbb.gamma': fit.params.gamma,
    'bgbb.delta': fit.params.delta,
    'bgbb.logLik': fit.logLik
  };
  for (const published of BGBB_PUBLISHED) checks.push(check(published, reproduced[published.id]));
  const cells = bgbbExpectedCells(fit.params, DONATION_CELLS, data.customers);
  return { version: 1, checks, sbg, bgbb: { fit, cells } };
}
