/** Rejected import rows as a downloadable CSV (line, reason, row), safe to open in a spreadsheet. */
import type { RejectedRow } from '$lib/data/import/import-transactions';
import { csvFile, toCsv, type ExportFile } from '$lib/data/export';

export function rejectsFile(datasetName: string, rejects: readonly RejectedRow[]): ExportFile {
  return csvFile(
    `${datasetName}-rejected-rows`,
    toCsv(
      ['line', 'reason', 'row'],
      rejects.map((r) => [r.line, r.reason, r.text])
    )
  );
}
