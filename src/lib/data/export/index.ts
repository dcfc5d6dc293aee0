export { toCsv, formatCsvField, neutraliseText, formatNumber } from '../../files/csv.ts';
export type { CsvValue, CsvOptions } from '../../files/csv.ts';
export { toJson, EXPORT_FORMAT, EXPORT_VERSION } from './json.ts';
export type { ExportEnvelope } from './json.ts';
export { csvFile, jsonFile, safeFilename, triggerDownload } from '../../files/download.ts';
export type { ExportFile } from '../../files/download.ts';
export { SUMMARY_COLUMNS, datasetSummaryCsv, datasetSummaryJson, exportDatasetSummary } from './dataset-summary.ts';
export {
  flattenSeries,
  outcomeSeriesCsv,
  kpiComparisonCsv,
  scenarioResultJson,
  exportScenarioResults,
  exportKpiComparison
} from './scenario-results.ts';
export type { NamedOutcome } from './scenario-results.ts';
