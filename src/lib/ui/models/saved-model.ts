/**
 * Trained models as rows of the database's `models` table (src/lib/data/db/models.ts)
 * and back: the network(s) through toModelRecordInput, plus a plain, versioned
 * summary of the held-out evaluation (Qini curve, deciles, calibration, feature effects)
 * and, for uplift, the personalisation evidence, so a loaded model can be shown and its
 * targeting re-applied without retraining. No tensors: everything here is plain data.
 */
import type { ModelRecord } from '$lib/data/db';
import type { SaveModelInput } from '$lib/data/db';
import { toModelRecordInput } from '$lib/learn/model-record';
import type { SavedNetwork } from '$lib/learn/model-io';
import type { UpliftResult, UpliftBin } from '$lib/learn';
import type { ClassifierResult, ClassifierMetrics, CalibrationBin, QiniPoint } from '$lib/learn';
import type { PersonalisationEvidence } from '$lib/model/scenario/scenario-types';
import { parseEvidence } from '$lib/model/scenario/evidence';
import { featureEffects, thinCurve, type FeatureEffectRow } from './chart-data';

export const SUMMARY_VERSION = 1 as const;

export interface UpliftSummary {
  version: typeof SUMMARY_VERSION;
  kind: 'uplift';
  modelName: string;
  outcomeName: string;
  arm: string;
  control: string;
  backend: string;
  millis: number;
  trainedAt: string;
  qini: QiniPoint[];
  qiniCoefficient: number;
  qiniNormalised: number;
  deciles: UpliftBin[];
  observedEffectTest: number;
  estimatedEffectTest: number;
  /** the targeting applied when saved; null when it could not drive the scenario */
  evidence: PersonalisationEvidence | null;
}

export interface ClassifierSummary {
  version: typeof SUMMARY_VERSION;
  kind: 'classifier';
  modelName: string;
  labelName: string;
  backend: string;
  millis: number;
  trainedAt: string;
  metrics: ClassifierMetrics;
  calibration: CalibrationBin[];
  effectKind: 'coefficient' | 'importance';
  effects: FeatureEffectRow[];
}

export type ModelSummary = UpliftSummary | ClassifierSummary;

export function upliftSummary(
  result: UpliftResult,
  arm: string,
  evidence: PersonalisationEvidence | null
): UpliftSummary {
  const a = result.arms.find((x) => x.arm === arm);
  if (!a)
    throw new RangeError(
      `upliftSummary: arm "${arm}" was not modelled (arms: ${result.arms.map((x) => x.arm).join(', ')})`
    );
  return {
    version: SUMMARY_VERSION,
    kind: 'uplift',
    modelName: result.modelName,
    outcomeName: result.outcomeName,
    arm,
    control: result.control,
    backend: result.backend,
    millis: result.millis,
    trainedAt: result.trainedAt,
    qini: thinCurve(a.qini.points),
    qiniCoefficient: a.qini.qini,
    qiniNormalised: a.qini.qiniNormalised,
    deciles: a.deciles.map((d) => ({ ...d })),
    observedEffectTest: a.observedEffectTest,
    estimatedEffectTest: a.estimatedEffectTest,
    evidence
  };
}

export function classifierSummary(result: ClassifierResult): ClassifierSummary {
  const { kind, rows } = featureEffects(result);
  return {
    version: SUMMARY_VERSION,
    kind: 'classifier',
    modelName: result.modelName,
    labelName: result.labelName,
    backend: result.backend,
    millis: result.millis,
    trainedAt: result.trainedAt,
    metrics: { ...result.metrics },
    calibration: result.calibration.bins.map((b) => ({ ...b })),
    effectKind: kind,
    effects: rows
  };
}

/** Headline metrics stored on the record (the list shows them without opening the summary). */
export function summaryMetrics(summary: ModelSummary): Record<string, number> {
  const m: Record<string, number> =
    summary.kind === 'uplift'
      ? {
          qiniCoefficient: summary.qiniCoefficient,
          qiniNormalised: summary.qiniNormalised,
          observedEffectTest: summary.observedEffectTest,
          estimatedEffectTest: summary.estimatedEffectTest
        }
      : {
          aucTest: summary.metrics.aucTest,
          brierTest: summary.metrics.brierTest,
          logLossTest: summary.metrics.logLossTest
        };
  for (const k of Object.keys(m)) if (!Number.isFinite(m[k])) delete m[k];
  return m;
}

/**
 * The database row for a trained model: the first network in the record's own fields,
 * any further networks (a T-learner has one per arm) in `extra.networks`.
 */
export function modelRecordInput(
  networks: Record<string, SavedNetwork>,
  encoder: UpliftResult['encoder'],
  summary: ModelSummary,
  meta: {
    id: string;
    name: string;
    datasetId: string | null;
    kind: string;
    targetScales?: UpliftResult['targetScales'];
  }
): SaveModelInput {
  const keys = Object.keys(networks);
  if (keys.length === 0)
    throw new RangeError(`model "${meta.name}": no trained network to save (train with saveModels)`);
  const [first, ...rest] = keys;
  return toModelRecordInput(networks[first], {
    id: meta.id,
    name: meta.name,
    kind: meta.kind,
    datasetId: meta.datasetId,
    metrics: summaryMetrics(summary),
    encoder,
    targetScale: meta.targetScales?.[first],
    extra: {
      summary,
      network: first,
      networks: Object.fromEntries(rest.map((k) => [k, networks[k]])),
      targetScales: meta.targetScales ?? null
    }
  });
}

/** The summary of a stored model, checked; throws naming the record when it is not one of ours. */
export function summaryFromRecord(record: Pick<ModelRecord, 'id' | 'extra'>): ModelSummary {
  const s = record.extra?.summary as Partial<ModelSummary> | undefined;
  if (
    !s ||
    typeof s !== 'object' ||
    s.version !== SUMMARY_VERSION ||
    (s.kind !== 'uplift' && s.kind !== 'classifier')
  ) {
    throw new RangeError(`model ${record.id} has no readable summary (extra.summary version ${String(s?.version)})`);
  }
  if (s.kind === 'uplift') {
    const u = s as UpliftSummary;
    let evidence: PersonalisationEvidence | null = null;
    if (u.evidence) {
      const errors: string[] = [];
      evidence = parseEvidence({ personalisation: u.evidence }, errors)?.personalisation ?? null;
      if (errors.length) throw new RangeError(`model ${record.id}: stored evidence is invalid (${errors[0]})`);
    }
    return { ...u, evidence };
  }
  return s as ClassifierSummary;
}
