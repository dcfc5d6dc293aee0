/**
 * Published data tables embedded so the contractual and discrete-time checks run in
 * the browser without any file:
 *
 * - Fader & Hardie (2007) "How to project customer retention", Journal of Interactive
 *   Marketing 21(1), Table 1: customers of two cohorts of 1,000 still active at the
 *   end of years 0..7 (the calibration data) and the percentage still active at the
 *   end of years 8..12 (the holdout the sBG projection is judged against).
 * - Fader, Hardie & Shang (2010) "Customer-base analysis in a discrete-time
 *   noncontractual setting", Marketing Science 29(6), Table 1: the 1995 cohort of
 *   11,104 donors summarised as 22 (frequency, recency) cells over n = 6 annual
 *   donation opportunities (1996-2001).
 *
 * These are counts printed in the papers (the same numbers as
 * ../shared/data/sbg/sbg_cohorts.csv and ../shared/data/donations/donations.csv;
 * tests/validate/validate-page checks that they agree).
 */
import type { BgBbData, SurvivalData } from '../model/core/types.ts';

export const SBG_COHORT_NAMES = ['regular', 'highend'] as const;
export type SbgCohortName = (typeof SBG_COHORT_NAMES)[number];

export const SBG_COHORT_LABELS: Record<SbgCohortName, string> = { regular: 'Regular', highend: 'High end' };

/** FH 2007 Table 1: customers still active at the end of year t = 0..7 (of 1,000 acquired at t = 0). */
export const SBG_ACTIVE: Record<SbgCohortName, readonly number[]> = {
  regular: [1000, 631, 468, 382, 326, 289, 262, 241],
  highend: [1000, 869, 743, 653, 593, 551, 517, 491]
};

/** First year of the holdout (FH 2007 fit years 1..7 and project years 8..12). */
export const SBG_HOLDOUT_FIRST_YEAR = 8;

/** FH 2007 Table 1: % of the cohort still active at the end of years 8..12. */
export const SBG_HOLDOUT_PERCENT: Record<SbgCohortName, readonly number[]> = {
  regular: [22.3, 20.7, 19.4, 18.3, 17.3],
  highend: [46.8, 44.5, 42.7, 40.9, 39.4]
};

/** Years of the published projection (FH 2007 Figure 4 projects to year 12; the page draws to year 13). */
export const SBG_PROJECTION_YEARS = 13;

/** The calibration survival data of one cohort, in the model core's shape. */
export function sbgSurvivalData(cohort: SbgCohortName): SurvivalData {
  return { active: [...SBG_ACTIVE[cohort]] };
}

/** One (frequency, recency) cell of the donations table. */
export interface RfCell {
  /** repeat donations in the 6 opportunities */
  x: number;
  /** opportunity of the last donation (0 when none) */
  tx: number;
  /** donation opportunities */
  n: number;
  donors: number;
}

/** FHS 2010 Table 1: the 1995 donor cohort (11,104 donors, n = 6), by frequency and recency. */
export const DONATION_CELLS: readonly RfCell[] = [
  { x: 0, tx: 0, n: 6, donors: 3464 },
  { x: 1, tx: 1, n: 6, donors: 1091 },
  { x: 1, tx: 2, n: 6, donors: 277 },
  { x: 1, tx: 3, n: 6, donors: 129 },
  { x: 1, tx: 4, n: 6, donors: 78 },
  { x: 1, tx: 5, n: 6, donors: 119 },
  { x: 1, tx: 6, n: 6, donors: 129 },
  { x: 2, tx: 2, n: 6, donors: 613 },
  { x: 2, tx: 3, n: 6, donors: 255 },
  { x: 2, tx: 4, n: 6, donors: 155 },
  { x: 2, tx: 5, n: 6, donors: 173 },
  { x: 2, tx: 6, n: 6, donors: 234 },
  { x: 3, tx: 3, n: 6, donors: 322 },
  { x: 3, tx: 4, n: 6, donors: 181 },
  { x: 3, tx: 5, n: 6, donors: 225 },
  { x: 3, tx: 6, n: 6, donors: 357 },
  { x: 4, tx: 4, n: 6, donors: 240 },
  { x: 4, tx: 5, n: 6, donors: 284 },
  { x: 4, tx: 6, n: 6, donors: 512 },
  { x: 5, tx: 5, n: 6, donors: 335 },
  { x: 5, tx: 6, n: 6, donors: 728 },
  { x: 6, tx: 6, n: 6, donors: 1203 }
];

/** The donations table in the model core's BG/BB shape. */
export function donationsBgBbData(cells: readonly RfCell[] = DONATION_CELLS): BgBbData {
  const count = Float64Array.from(cells, (c) => c.donors);
  return {
    x: Float64Array.from(cells, (c) => c.x),
    tx: Float64Array.from(cells, (c) => c.tx),
    n: Float64Array.from(cells, (c) => c.n),
    count,
    length: cells.length,
    customers: count.reduce((s, c) => s + c, 0)
  };
}
