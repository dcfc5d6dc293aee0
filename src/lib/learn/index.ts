export { auc, ascendingOrder } from './auc.ts';
export { calibration } from './calibration.ts';
export type { Calibration, CalibrationBin } from './calibration.ts';
export { qiniCurve, upliftByBin } from './qini.ts';
export type { QiniCurve, QiniPoint, UpliftBin } from './qini.ts';
export { seededPermutation, trainTestSplit } from './split.ts';
export type { TrainTestSplit } from './split.ts';
export { takeRows, takeValues } from './table.ts';
export type { FeatureTable } from './table.ts';
export { encode, fitEncoder } from './encoder.ts';
export type { EncoderSpec, FittedEncoder, DesignMatrix } from './encoder.ts';
export { loadTf } from './tf.ts';
export type { Tf, TfOptions, BackendName } from './tf.ts';
export { buildNetwork, disposeNetwork, networkName } from './network.ts';
export type { NetworkSpec, OutcomeKind } from './network.ts';
export { trainNetwork, predict, TrainingAborted } from './train.ts';
export type { TrainOptions, TrainProgress, TrainSummary } from './train.ts';
export { saveNetwork, loadNetwork } from './model-io.ts';
export type { SavedNetwork } from './model-io.ts';
export { trainUplift } from './uplift.ts';
export type { UpliftData, UpliftOptions, UpliftResult, UpliftMethod, ArmUplift, ArmResponse } from './uplift.ts';
export { trainClassifier } from './classifier.ts';
export type {
  ClassifierOptions,
  ClassifierResult,
  ClassifierMetrics,
  FeatureEffect,
  PermutationImportance
} from './classifier.ts';
export { targetingFromUplift, targetingSource, leverSettingsFromTargeting } from './targeting.ts';
export type { PersonalisationTargeting, TargetingEvidence, TargetingSource } from './targeting.ts';
export { targetingForArm } from './targeting-uplift.ts';
export { parseHillstrom, HILLSTROM_ARMS, HILLSTROM_CONTROL, HILLSTROM_FEATURES } from './hillstrom.ts';
export type { HillstromData, HillstromOutcome } from './hillstrom.ts';
export { parseTelco, TELCO_FEATURES } from './telco.ts';
export type { TelcoData } from './telco.ts';
export { trainHillstromUplift } from './hillstrom-uplift.ts';
export type { HillstromUpliftOptions } from './hillstrom-uplift.ts';
export { toModelRecordInput, fromModelRecord } from './model-record.ts';
export type { ModelRecordMeta } from './model-record.ts';
export { refitOutputBias } from './refit-bias.ts';
export { rfmFeatureTable, boughtInHoldout, RFM_FEATURES } from './rfm-features.ts';
