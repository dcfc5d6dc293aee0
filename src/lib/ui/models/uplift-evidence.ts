/**
 * From a trained uplift model to the scenario's measured personalisation evidence
 * (src/lib/model/scenario/scenario-types.ts PersonalisationEvidence): target the top `coverage`
 * share of the held-out rows of one arm and the control by predicted uplift (learn's
 * targetingForArm: observed uplift among the targeted vs everyone, Radcliffe 2007), add
 * the control outcome of the targeted customers (the baseline the engine's rate
 * multiplier divides by), and validate the result as the scenario parser would.
 *
 * Also the campaign's average effect as a purchase-rate multiplier, to set beside the
 * sample generator's true multiplier (the teaching point: estimate vs truth).
 */
import type { UpliftResult } from '$lib/learn/uplift';
import { targetingForArm } from '$lib/learn/targeting-uplift';
import { targetingSource, type PersonalisationTargeting } from '$lib/learn/targeting';
import type { PersonalisationEvidence } from '$lib/model/scenario/scenario-types';
import { parseEvidence } from '$lib/model/scenario/evidence';
import { measuredRateMultiplier } from '$lib/model/scenario/levers/personalisation';

export interface UpliftEvidence {
  targeting: PersonalisationTargeting;
  /** null when the measurement cannot drive the engine (see `problem`) */
  evidence: PersonalisationEvidence | null;
  problem: string | null;
}

/** Held-out rows of `arm` and the control, ranked as targetingFromUplift ranks them. */
function heldOutRanking(result: UpliftResult, arm: string, armOf: ArrayLike<string>): number[] {
  const tau = result.predictedUplift[arm];
  const rows = Array.from(result.testRows).filter((i) => armOf[i] === arm || armOf[i] === result.control);
  const order = rows.map((_, k) => k);
  order.sort((a, b) => tau[rows[b]] - tau[rows[a]] || a - b);
  return order.map((k) => rows[k]);
}

function controlMean(
  rows: readonly number[],
  armOf: ArrayLike<string>,
  control: string,
  outcome: ArrayLike<number>
): number {
  let n = 0;
  let sum = 0;
  for (const i of rows) {
    if (armOf[i] !== control) continue;
    n++;
    sum += outcome[i];
  }
  return n > 0 ? sum / n : NaN;
}

const MAX_TEXT = 500;
const clip = (s: string) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s);

export function upliftEvidence(
  result: UpliftResult,
  arm: string,
  coverage: number,
  armOf: ArrayLike<string>,
  outcome: ArrayLike<number>
): UpliftEvidence {
  const targeting = targetingForArm(result, arm, coverage, armOf, outcome);
  const ranked = heldOutRanking(result, arm, armOf);
  const top = ranked.slice(0, targeting.targetedCount);
  let baselineRate = controlMean(top, armOf, result.control, outcome);
  // a top share without control customers: the control mean of all held-out rows stands in
  if (!Number.isFinite(baselineRate)) baselineRate = controlMean(ranked, armOf, result.control, outcome);
  const metrics: Record<string, number> = {};
  for (const [k, v] of Object.entries(targeting.metrics)) if (Number.isFinite(v)) metrics[k] = v;
  const candidate = {
    model: clip(targeting.modelName),
    source: clip(targetingSource(targeting)),
    outcomeKind: result.outcomeKind,
    upliftTargeted: targeting.upliftTargeted,
    upliftAverage: targeting.upliftAverage,
    baselineRate,
    coverage: targeting.coverage,
    metrics,
    trainedAt: targeting.trainedAt
  };
  const errors: string[] = [];
  const parsed = parseEvidence({ personalisation: candidate }, errors);
  if (!parsed?.personalisation) {
    return {
      targeting,
      evidence: null,
      problem: `the measured uplift cannot drive the scenario: ${errors[0] ?? 'unknown reason'}`
    };
  }
  return { targeting, evidence: parsed.personalisation, problem: null };
}

/**
 * The arm's average effect over all its customers as a purchase-rate multiplier,
 * ln(1 - (p_c + ATE)) / ln(1 - p_c) with p_c the control's purchase probability
 * (binary outcomes only; null otherwise or when undefined).
 */
export function averageRateMultiplier(
  result: UpliftResult,
  arm: string,
  effect: 'observed' | 'estimated'
): number | null {
  if (result.outcomeKind !== 'binary') return null;
  const summary = result.arms.find((a) => a.arm === arm);
  const control = result.responses.find((r) => r.arm === result.control);
  if (!summary || !control) return null;
  const p0 = control.observedMean;
  const ate = effect === 'observed' ? summary.observedEffect : summary.estimatedEffect;
  if (!(p0 > 0 && p0 < 1) || !Number.isFinite(ate)) return null;
  return measuredRateMultiplier(
    {
      model: '',
      source: '',
      outcomeKind: 'binary',
      upliftTargeted: ate,
      upliftAverage: ate,
      baselineRate: p0,
      coverage: 1,
      metrics: {},
      trainedAt: ''
    },
    ate
  );
}
