/**
 * Targeting summary for one treated arm of a trained uplift model, measured on its held-out
 * randomised rows (the arm and the control), with the model's held-out metrics as source.
 */
import type { UpliftResult } from './uplift.ts';
import { targetingFromUplift, type PersonalisationTargeting } from './targeting.ts';

export function targetingForArm(
  result: UpliftResult,
  arm: string,
  coverage: number,
  armOf: ArrayLike<string>,
  outcome: ArrayLike<number>
): PersonalisationTargeting {
  const tau = result.predictedUplift[arm];
  const summary = result.arms.find((a) => a.arm === arm);
  if (!tau || !summary) {
    throw new RangeError(
      `targetingForArm: arm "${arm}" was not modelled (arms: ${Object.keys(result.predictedUplift).join(', ')})`
    );
  }
  const rows = Array.from(result.testRows).filter((i) => armOf[i] === arm || armOf[i] === result.control);
  const response = result.responses.find((r) => r.arm === arm);
  const metrics: Record<string, number> = {
    qiniCoefficient: summary.qini.qini,
    qiniNormalised: summary.qini.qiniNormalised,
    observedEffectTest: summary.observedEffectTest,
    estimatedEffectTest: summary.estimatedEffectTest,
    testRows: rows.length
  };
  if (response?.heldOutAuc != null) metrics.responseAuc = response.heldOutAuc;
  return targetingFromUplift(
    rows.map((i) => tau[i]),
    coverage,
    { treated: rows.map((i) => (armOf[i] === arm ? 1 : 0)), outcome: rows.map((i) => outcome[i]) },
    {
      modelName: `${result.modelName} on ${result.outcomeName}, ${arm} vs ${result.control}`,
      metrics,
      auc: response?.heldOutAuc ?? null,
      trainedAt: result.trainedAt
    }
  );
}
