export { PRESETS, PRESET_IDS, scaleBetaMean } from './presets.ts';
export type { PresetId, SamplePreset, ChannelSpec, SegmentSpec, RegionSpec, CampaignSpec } from './presets.ts';
export { createSampleRun, generateSample, MIN_CUSTOMERS, MAX_CUSTOMERS, MAX_TRANSACTIONS } from './generate.ts';
export type { SampleOptions, SampleRun } from './generate.ts';
export { transferables } from './columns.ts';
export type { SampleColumns, SampleResult } from './columns.ts';
export { customerIds, toTransactionTable, toCustomerSummaries } from './tables.ts';
