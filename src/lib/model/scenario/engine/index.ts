export {
  prepareBaseline,
  cdnowDefaultBaseline,
  sbgDefaultBaseline,
  bgnbdPAlive,
  gammaGammaConditionalSpend,
  BASELINE_VERSION
} from './baseline.ts';
export type {
  BaselineSpec,
  NonContractualBaselineSpec,
  ContractualBaselineSpec,
  PreparedBaseline,
  CustomerColumns,
  PrepareOptions
} from './baseline.ts';
export { project, scaleBetaMean, DEFAULT_NODES } from './project/index.ts';
export { evaluateScenario, baselineOutcome, scenarioValues } from './evaluate.ts';
export type { EvaluateOptions } from './evaluate.ts';
export { composeDrivers, driverSummary } from './drivers.ts';
export { betaQuadrature } from './beta-quadrature.ts';
export { KPIS, kpiById } from './kpis.ts';
export type { KpiDef } from './kpis.ts';
export { explainGraph } from './explain.ts';
export { aggregateSeries, periodOfWeek } from './aggregate.ts';
export type { DisplayPeriod, SeriesKind } from './aggregate.ts';
export { baselineFromFits, baselineFromSbg } from './baseline-from-fit.ts';
export { toPlain } from './plain.ts';
export { attributeByFamily, FAMILY_LABELS, ATTRIBUTION_VERSION } from './attribution.ts';
export type { Attribution, AttributionStep } from './attribution.ts';
export { syntheticBaseline, syntheticCustomers } from './synthetic.ts';
export type { SyntheticBaseOptions } from './synthetic.ts';
export { DEFAULT_MAX_GROUPS } from './baseline.ts';
export { bgnbdRepeatWithin } from './project/index.ts';
