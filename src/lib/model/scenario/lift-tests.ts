/**
 * Lift and A/B tests as evidence (issue 16 item 5).
 *
 * Two kinds of test:
 *
 * 1. A lever test: a randomised control and treatment group with a count outcome each (converted,
 *    bought again, still active). The effect is put in the unit of the assumption it measures:
 *    - 'relative lift' (conversion or purchase-rate lift): RR - 1 with RR = p_t / p_c;
 *    - 'relative dropout reduction': 1 - D with D = (1 - p_t) / (1 - p_c), the outcome being
 *      "still active" (retained) so 1 - p is the dropout share;
 *    - retention.successScale ('multiplier'): the realised success rate of a save action is the
 *      share of would-be dropouts it kept, 1 - D, divided by the success rate the scenario states.
 *    Interval: the normal approximation on the log of the ratio (Katz, Baptista, Azen & Pike 1978,
 *    "Obtaining confidence intervals for the risk ratio in cohort studies", Biometrics 34(3)
 *    469-474): se(ln RR) = sqrt(1/x_t - 1/n_t + 1/x_c - 1/n_c), 95% interval exp(ln RR ± 1.96 se);
 *    for D the same with the dropout counts n - x. The estimate and its interval become the
 *    assumption's central value and range, origin "your test, <end date>".
 *
 * 2. A channel test (geo or holdout experiment): extra (or withheld) spend on one channel over a
 *    period and the incremental new customers it caused, with a standard error or a 95% interval.
 *    As in PyMC-Marketing's `add_lift_test_measurements` (pymc_marketing/mmm/lift_test.py: each
 *    row is x, delta_x, delta_y, sigma, and the model's lift saturation(x + delta_x) -
 *    saturation(x) is observed with the test's sigma), the test enters the channel fit's
 *    likelihood: the fitted steady-state lift per week N [h((x + Δx)/(1 - θ)) - h(x/(1 - θ))] is
 *    observed as Normal(incremental per week, se per week). A normal likelihood (PyMC-Marketing's
 *    default is a Gamma with that mean and sd) keeps a test whose estimate is near zero usable;
 *    as in Meridian's ExperimentResult, a test whose 95% interval lies wholly on the wrong side of
 *    zero (less spend, more customers or the reverse) is rejected when it is read.
 */
import { assumptionById } from './assumptions.ts';
import type { AssumptionOverride } from './scenario-types.ts';
import type { ChannelParamsFit } from './channel-fit.ts';
import type { AssumptionOrigin } from './fitted-assumptions.ts';
import { hillSaturation } from './levers/channels.ts';

export const Z95 = 1.959964;

export interface LeverLiftTest {
  kind: 'lever';
  /** the registry assumption the test measured */
  assumptionId: string;
  control: { size: number; conversions: number };
  treatment: { size: number; conversions: number };
  /** YYYY-MM-DD */
  start: string;
  end: string;
  note: string;
}

export interface ChannelLiftTest {
  kind: 'channel';
  channel: string;
  start: string;
  end: string;
  /** weeks the test ran, (end - start + 1) / 7 */
  weeks: number;
  /** the channel's weekly spend without the test's change; null = from the stored spend history */
  baselineSpendPerWeek: number | null;
  /** extra spend per week during the test (negative for a holdout / go-dark test) */
  spendChangePerWeek: number;
  /** incremental new customers per week the change caused */
  incrementalPerWeek: number;
  /** its standard error */
  sePerWeek: number;
  note: string;
}

export type LiftTest = LeverLiftTest | ChannelLiftTest;

/** What a channel test contributes to the fit: one observation of the curve's lift per week. */
export interface ChannelLiftObservation {
  channel: string;
  spendPerWeek: number;
  spendChangePerWeek: number;
  incrementalPerWeek: number;
  sePerWeek: number;
}

/** The steady-state lift per week a channel's curve predicts for a spend change. */
export function curveLift(p: ChannelParamsFit, spendPerWeek: number, change: number): number {
  const at = (s: number) =>
    p.maxNewCustomers * hillSaturation(Math.max(s, 0) / (1 - p.adstockDecay), p.halfSaturation, p.hillSlope);
  return at(spendPerWeek + change) - at(spendPerWeek);
}

/** Log density of a channel test given the curve (the normal term, without its constant). */
export function liftLogLikelihood(p: ChannelParamsFit, o: ChannelLiftObservation): number {
  const m = curveLift(p, o.spendPerWeek, o.spendChangePerWeek);
  return -0.5 * ((o.incrementalPerWeek - m) / o.sePerWeek) ** 2;
}

/** The units a lever test can be turned into. */
export type LiftMeasure = 'relative lift' | 'relative dropout reduction' | 'success scale';

/** Which measure a registry assumption takes, or a sentence saying why a count test cannot measure it. */
export function liftMeasureOf(assumptionId: string): { measure: LiftMeasure } | { error: string } {
  const a = assumptionById(assumptionId);
  if (!a) return { error: `${assumptionId} is not an assumption of the registry` };
  if (assumptionId === 'retention.successScale') return { measure: 'success scale' };
  if (a.unit === 'relative lift') return { measure: 'relative lift' };
  if (a.unit === 'relative dropout reduction') return { measure: 'relative dropout reduction' };
  return {
    error: `${assumptionId} is in ${a.unit}, which a control/treatment count test cannot measure (it measures relative lifts, relative dropout reductions and retention.successScale)`
  };
}

export interface LeverTestEffect {
  assumptionId: string;
  measure: LiftMeasure;
  central: number;
  low: number;
  high: number;
  /** control and treatment rates */
  controlRate: number;
  treatmentRate: number;
  /** how it was computed, one sentence */
  method: string;
}

/** ln ratio of two proportions x1/n1 over x0/n0 and its Katz standard error. */
function logRatio(x1: number, n1: number, x0: number, n0: number): { value: number; se: number } {
  // a zero count has no finite log ratio: add 0.5 to every cell (Haldane's correction)
  const fix = x1 === 0 || x0 === 0 ? 0.5 : 0;
  const a = x1 + fix;
  const c = x0 + fix;
  const b = n1 + 2 * fix;
  const d = n0 + 2 * fix;
  return { value: Math.log(a / b / (c / d)), se: Math.sqrt(1 / a - 1 / b + 1 / c - 1 / d) };
}

/**
 * The effect a lever test measured, in its assumption's unit, with its 95% interval.
 * @param statedSuccessRate the retention lever's stated success rate (for retention.successScale)
 */
export function leverTestEffect(test: LeverLiftTest, statedSuccessRate = NaN): LeverTestEffect {
  const m = liftMeasureOf(test.assumptionId);
  if ('error' in m) throw new RangeError(m.error);
  const { control: c, treatment: t } = test;
  const pc = c.conversions / c.size;
  const pt = t.conversions / t.size;
  const base = { assumptionId: test.assumptionId, measure: m.measure, controlRate: pc, treatmentRate: pt };
  if (m.measure === 'relative lift') {
    const r = logRatio(t.conversions, t.size, c.conversions, c.size);
    return {
      ...base,
      central: Math.exp(r.value) - 1,
      low: Math.exp(r.value - Z95 * r.se) - 1,
      high: Math.exp(r.value + Z95 * r.se) - 1,
      method: `relative lift p_t / p_c - 1 = ${pt.toFixed(4)} / ${pc.toFixed(4)} - 1, 95% interval from the normal approximation of ln(p_t / p_c) (Katz 1978)`
    };
  }
  const r = logRatio(t.size - t.conversions, t.size, c.size - c.conversions, c.size);
  const reduction = {
    central: 1 - Math.exp(r.value),
    low: 1 - Math.exp(r.value + Z95 * r.se),
    high: 1 - Math.exp(r.value - Z95 * r.se)
  };
  const how = `dropout reduction 1 - (1 - p_t) / (1 - p_c) with p = share still active, 95% interval from the normal approximation of the log dropout ratio (Katz 1978)`;
  if (m.measure === 'relative dropout reduction') return { ...base, ...reduction, method: how };
  if (!(statedSuccessRate > 0)) {
    throw new RangeError('retention.successScale needs the retention lever’s stated success rate (> 0)');
  }
  return {
    ...base,
    central: reduction.central / statedSuccessRate,
    low: reduction.low / statedSuccessRate,
    high: reduction.high / statedSuccessRate,
    method: `realised success = ${how}; divided by the stated success rate ${statedSuccessRate}`
  };
}

/**
 * The assumption overrides of lever tests: the test's estimate and 95% interval, origin "your
 * test, <end date>". Several tests of one assumption are pooled by inverse-variance weighting of
 * their log ratios' normal approximations (on the effect scale: the estimates' half-interval
 * widths give their standard errors), the later test's date named.
 */
export function leverTestOverrides(
  tests: readonly LeverLiftTest[],
  statedSuccessRate = NaN
): {
  overrides: Record<string, AssumptionOverride>;
  origins: Record<string, AssumptionOrigin>;
  effects: LeverTestEffect[];
} {
  const byId = new Map<string, { effect: LeverTestEffect; test: LeverLiftTest }[]>();
  for (const test of tests) {
    const effect = leverTestEffect(test, statedSuccessRate);
    const list = byId.get(test.assumptionId) ?? [];
    list.push({ effect, test });
    byId.set(test.assumptionId, list);
  }
  const overrides: Record<string, AssumptionOverride> = {};
  const origins: Record<string, AssumptionOrigin> = {};
  const effects: LeverTestEffect[] = [];
  for (const [id, list] of byId) {
    let e = list[0].effect;
    if (list.length > 1) {
      let w = 0;
      let sum = 0;
      for (const { effect } of list) {
        const se = (effect.high - effect.low) / (2 * Z95);
        const wi = 1 / Math.max(se * se, 1e-12);
        w += wi;
        sum += wi * effect.central;
      }
      const central = sum / w;
      const half = Z95 / Math.sqrt(w);
      e = {
        ...e,
        central,
        low: central - half,
        high: central + half,
        method: `${list.length} tests pooled (inverse variance)`
      };
    }
    const latest = list.map((l) => l.test.end).sort()[list.length - 1];
    overrides[id] = { central: e.central, low: e.low, high: e.high };
    origins[id] = {
      origin: 'lift test',
      label: `your test, ${latest}`,
      detail: `${list.map((l) => `${l.test.start} to ${l.test.end}${l.test.note ? ` (${l.test.note})` : ''}`).join('; ')}: ${e.method}`
    };
    effects.push(e);
  }
  return { overrides, origins, effects };
}
