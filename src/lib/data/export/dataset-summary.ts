/**
 * Export of a dataset's per-customer summary (x, t_x, T, m, holdout, attributes) as
 * CSV (one row per customer) or JSON (metadata, including the ground truth of sample
 * data, plus the rows).
 */
import type { CustomerSummary, DatasetMeta } from '../types.ts';
import { toCsv, type CsvValue } from '../../files/csv.ts';
import { toJson } from './json.ts';
import { SUMMARY_COLUMNS } from '../summary-columns.ts';
import { exportFile, type ExportFile } from '../../files/download.ts';

export { SUMMARY_COLUMNS };

export function datasetSummaryCsv(summaries: Iterable<CustomerSummary>): string {
  function* rows(): Generator<CsvValue[]> {
    for (const s of summaries) yield SUMMARY_COLUMNS.map((c) => s[c]);
  }
  return toCsv(SUMMARY_COLUMNS, rows());
}

export function datasetSummaryJson(meta: DatasetMeta, summaries: CustomerSummary[], exportedAt?: string): string {
  return toJson('dataset-summary', { dataset: meta, columns: SUMMARY_COLUMNS, customers: summaries }, exportedAt);
}

export function exportDatasetSummary(
  meta: DatasetMeta,
  summaries: CustomerSummary[],
  format: 'csv' | 'json',
  exportedAt?: string
): ExportFile {
  return exportFile(`${meta.name}-summary`, format, {
    csv: () => datasetSummaryCsv(summaries),
    json: () => datasetSummaryJson(meta, summaries, exportedAt)
  });
}
