/**
 * The published estimates the validation page reproduces, with their sources and the
 * tolerances of the validation tests (tests/validate/model/cdnow.test.ts and
 * contractual.test.ts; `closeTo(d)` mirrors `toBeCloseTo(v, d)` there):
 *
 * - BG/NBD on CDNOW: Fader, Hardie & Lee (2005) "Counting your customers the easy way",
 *   Marketing Science 24(2), section 5.
 * - Pareto/NBD on CDNOW: the same paper, section 5, and FHL (2005) "RFM and CLV", JMR 42(4).
 * - Gamma-Gamma on CDNOW: FHL (2005) "RFM and CLV", section 3; Hardie note 025.
 * - sBG: Fader & Hardie (2007) "How to project customer retention", JIM 21(1), section 4, Table 1.
 * - BG/BB: Fader, Hardie & Shang (2010), Marketing Science 29(6), section 4.
 */
import { EXACT, closeTo, within, type PublishedValue } from './checks.ts';
import {
  SBG_HOLDOUT_FIRST_YEAR,
  SBG_HOLDOUT_PERCENT,
  SBG_COHORT_LABELS,
  type SbgCohortName
} from './published-data.ts';

const FHL = 'Fader, Hardie & Lee (2005), Marketing Science 24(2), section 5';
const RFM = 'Fader, Hardie & Lee (2005) “RFM and CLV”, JMR 42(4), section 3; Hardie note 025';
const FH07 = 'Fader & Hardie (2007), J. Interactive Marketing 21(1), section 4';
const FH07_T1 = 'Fader & Hardie (2007), Table 1 and Figure 4';
const FHS = 'Fader, Hardie & Shang (2010), Marketing Science 29(6), section 4';

export const CDNOW_DATA_GROUP = 'CDNOW summary';
export const BGNBD_GROUP = 'BG/NBD on CDNOW';
export const PARETO_GROUP = 'Pareto/NBD on CDNOW';
export const GAMMA_GROUP = 'Gamma-Gamma on CDNOW';
export const BGBB_GROUP = 'BG/BB on the donations';
export const sbgGroup = (cohort: SbgCohortName) => `sBG, ${SBG_COHORT_LABELS[cohort].toLowerCase()} cohort`;

/** The CDNOW customer x in FHL 2005 section 5: x = 2, t_x = 30.43, T = 38.86 weeks, 39 weeks ahead. */
export const FHL_EXAMPLE_CUSTOMER = { x: 2, tx: 30.43, T: 38.86, weeks: 39 } as const;

export const CDNOW_PUBLISHED = {
  customers: {
    id: 'cdnow.customers',
    group: CDNOW_DATA_GROUP,
    label: 'customers (first purchase in 1997 Q1)',
    published: 2357,
    tolerance: EXACT,
    source: FHL
  },
  repeaters: {
    id: 'cdnow.repeaters',
    group: CDNOW_DATA_GROUP,
    label: 'customers with repeat purchases in calibration',
    published: 946,
    tolerance: EXACT,
    source: RFM
  },
  bgnbd: [
    { id: 'bgnbd.r', label: 'r', published: 0.243, tolerance: closeTo(3) },
    { id: 'bgnbd.alpha', label: 'α', published: 4.414, tolerance: closeTo(2) },
    { id: 'bgnbd.a', label: 'a', published: 0.793, tolerance: closeTo(3) },
    { id: 'bgnbd.b', label: 'b', published: 2.426, tolerance: closeTo(2) },
    { id: 'bgnbd.logLik', label: 'log-likelihood', published: -9582.4, tolerance: closeTo(1) },
    {
      id: 'bgnbd.conditional',
      label: 'E[Y(39) | x = 2, tₓ = 30.43, T = 38.86]',
      published: 1.226,
      tolerance: closeTo(2)
    }
  ].map((v) => ({ ...v, group: BGNBD_GROUP, source: FHL })) satisfies PublishedValue[],
  paretoNbd: [
    { id: 'paretonbd.r', label: 'r', published: 0.553, tolerance: closeTo(2) },
    { id: 'paretonbd.alpha', label: 'α', published: 10.578, tolerance: closeTo(1) },
    { id: 'paretonbd.s', label: 's', published: 0.606, tolerance: closeTo(2) },
    { id: 'paretonbd.beta', label: 'β', published: 11.669, tolerance: closeTo(0) },
    { id: 'paretonbd.logLik', label: 'log-likelihood', published: -9595.0, tolerance: closeTo(1) }
  ].map((v) => ({ ...v, group: PARETO_GROUP, source: FHL })) satisfies PublishedValue[],
  gammaGamma: [
    { id: 'gammagamma.p', label: 'p', published: 6.25, tolerance: closeTo(1) },
    { id: 'gammagamma.q', label: 'q', published: 3.74, tolerance: closeTo(1) },
    { id: 'gammagamma.v', label: 'v', published: 15.44, tolerance: closeTo(1) },
    {
      id: 'gammagamma.meanSpend',
      label: 'mean spend per transaction p v / (q − 1), $',
      published: (6.25 * 15.44) / 2.74,
      tolerance: closeTo(0)
    }
  ].map((v) => ({ ...v, group: GAMMA_GROUP, source: RFM })) satisfies PublishedValue[]
};

const SBG_MLE: Record<SbgCohortName, { alpha: number; beta: number }> = {
  regular: { alpha: 0.704, beta: 1.182 },
  highend: { alpha: 0.668, beta: 3.806 }
};

/** sBG per cohort: the MLEs (3 decimals) and the % surviving years 8..12 (within 2 points). */
export function sbgPublished(cohort: SbgCohortName): PublishedValue[] {
  const group = sbgGroup(cohort);
  const mle = SBG_MLE[cohort];
  return [
    { id: `sbg.${cohort}.alpha`, group, label: 'α', published: mle.alpha, tolerance: closeTo(3), source: FH07 },
    { id: `sbg.${cohort}.beta`, group, label: 'β', published: mle.beta, tolerance: closeTo(3), source: FH07 },
    ...SBG_HOLDOUT_PERCENT[cohort].map((pct, i) => ({
      id: `sbg.${cohort}.survival${SBG_HOLDOUT_FIRST_YEAR + i}`,
      group,
      label: `% active after year ${SBG_HOLDOUT_FIRST_YEAR + i} (actual vs projected from years 1–7)`,
      published: pct,
      tolerance: within(2, 'points'),
      source: FH07_T1
    }))
  ];
}

export const BGBB_PUBLISHED: PublishedValue[] = [
  { id: 'bgbb.customers', label: 'donors', published: 11104, tolerance: EXACT },
  { id: 'bgbb.alpha', label: 'α', published: 1.204, tolerance: closeTo(2) },
  { id: 'bgbb.beta', label: 'β', published: 0.75, tolerance: closeTo(2) },
  { id: 'bgbb.gamma', label: 'γ', published: 0.657, tolerance: closeTo(2) },
  { id: 'bgbb.delta', label: 'δ', published: 2.783, tolerance: closeTo(1) },
  { id: 'bgbb.logLik', label: 'log-likelihood', published: -33225.6, tolerance: closeTo(0) }
].map((v) => ({ ...v, group: BGBB_GROUP, source: FHS }));
