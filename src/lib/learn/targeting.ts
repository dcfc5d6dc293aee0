/**
 * What the scenario engine's personalisation lever needs from a learned uplift model:
 * target the share `coverage` of customers with the highest predicted uplift and report
 * the uplift on that group against the average uplift, with the model and its held-out
 * metrics as the source of the numbers.
 *
 * When held-out treatment flags and outcomes are given (a randomised test set), the uplifts
 * are measured: difference in mean outcome between treated and control customers among the
 * targeted top share, and among everyone (Radcliffe 2007's "observed uplift by segment").
 * Otherwise they are the model's predictions. `liftRatio` = upliftTargeted / upliftAverage
 * (> 1 when targeting beats random selection); `qini` is the normalised Qini coefficient of
 * the ranking on the same rows (0 = random).
 */
import { qiniCurve } from './qini.ts';

export interface TargetingEvidence {
  /** 1 / true = treated, for the same rows as the predictions */
  treated: ArrayLike<number | boolean>;
  /** observed outcomes for the same rows */
  outcome: ArrayLike<number>;
}

export interface TargetingSource {
  modelName?: string;
  /** held-out metrics of the model, by name */
  metrics?: Record<string, number>;
  /** AUC of the model (held-out), passed to the lever as its model quality */
  auc?: number | null;
  trainedAt?: string;
}

export interface PersonalisationTargeting {
  version: 1;
  /** share of customers targeted (0..1) */
  coverage: number;
  targetedCount: number;
  /** uplift among the targeted customers, outcome units per customer */
  upliftTargeted: number;
  /** uplift over all customers, outcome units per customer */
  upliftAverage: number;
  /** upliftTargeted / upliftAverage (NaN when the average uplift is 0) */
  liftRatio: number;
  /** 'observed' = measured on held-out randomised rows; 'predicted' = model predictions */
  measurement: 'observed' | 'predicted';
  /** normalised Qini coefficient of the ranking (null without evidence) */
  qini: number | null;
  auc: number | null;
  modelName: string;
  metrics: Record<string, number>;
  trainedAt: string;
}

function difference(rows: ArrayLike<number>, evidence: TargetingEvidence): number {
  let nT = 0;
  let nC = 0;
  let yT = 0;
  let yC = 0;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    if (evidence.treated[i]) {
      nT++;
      yT += evidence.outcome[i];
    } else {
      nC++;
      yC += evidence.outcome[i];
    }
  }
  return nT > 0 && nC > 0 ? yT / nT - yC / nC : NaN;
}

export function targetingFromUplift(
  predictedUplift: ArrayLike<number>,
  coverage: number,
  evidence?: TargetingEvidence,
  source: TargetingSource = {}
): PersonalisationTargeting {
  const n = predictedUplift.length;
  if (n === 0) throw new RangeError('targetingFromUplift: no predictions');
  if (!(coverage > 0 && coverage <= 1)) throw new RangeError(`invalid coverage: ${coverage} (must be in (0, 1])`);
  if (evidence && (evidence.treated.length !== n || evidence.outcome.length !== n)) {
    throw new RangeError(
      `targetingFromUplift: ${n} predictions but ${evidence.treated.length} treatment flags and ${evidence.outcome.length} outcomes`
    );
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(predictedUplift[i]))
      throw new RangeError(`targetingFromUplift: prediction ${i} is ${predictedUplift[i]}`);
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => predictedUplift[b] - predictedUplift[a] || a - b);
  const targetedCount = Math.max(1, Math.round(coverage * n));
  const top = order.subarray(0, targetedCount);
  let upliftTargeted: number;
  let upliftAverage: number;
  let qini: number | null = null;
  if (evidence) {
    upliftTargeted = difference(top, evidence);
    upliftAverage = difference(order, evidence);
    qini = qiniCurve(predictedUplift, evidence.treated, evidence.outcome).qiniNormalised;
  } else {
    let sumTop = 0;
    let sumAll = 0;
    for (let k = 0; k < n; k++) {
      if (k < targetedCount) sumTop += predictedUplift[order[k]];
      sumAll += predictedUplift[order[k]];
    }
    upliftTargeted = sumTop / targetedCount;
    upliftAverage = sumAll / n;
  }
  return {
    version: 1,
    coverage,
    targetedCount,
    upliftTargeted,
    upliftAverage,
    liftRatio: upliftAverage !== 0 ? upliftTargeted / upliftAverage : NaN,
    measurement: evidence ? 'observed' : 'predicted',
    qini,
    auc: source.auc ?? null,
    modelName: source.modelName ?? 'unnamed uplift model',
    metrics: source.metrics ?? {},
    trainedAt: source.trainedAt ?? new Date().toISOString()
  };
}

/** A one-line provenance for the assumption registry's `source` field. */
export function targetingSource(t: PersonalisationTargeting): string {
  const parts = [
    `${t.modelName}`,
    `top ${(t.coverage * 100).toFixed(0)}%: uplift ${t.upliftTargeted.toFixed(4)} vs ${t.upliftAverage.toFixed(4)} average (${t.measurement})`
  ];
  if (t.qini !== null) parts.push(`normalised Qini ${t.qini.toFixed(3)}`);
  if (t.auc !== null) parts.push(`held-out AUC ${t.auc.toFixed(3)}`);
  parts.push(`trained ${t.trainedAt}`);
  return parts.join('; ');
}

/**
 * The personalisation lever settings a learned model justifies: coverage and model AUC
 * (PersonalisationLevers in scenario-types.ts), with their provenance. `modelAuc` is null
 * when the model has no AUC (continuous outcome); the lever then keeps its own value.
 */
export function leverSettingsFromTargeting(t: PersonalisationTargeting): {
  coverage: number;
  modelAuc: number | null;
  source: string;
} {
  return { coverage: t.coverage, modelAuc: t.auc, source: targetingSource(t) };
}
