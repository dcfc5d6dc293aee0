/** Rejected import rows as a downloadable CSV, built in the import worker (every row, neutralised). */
import { csvFile, type ExportFile } from '$lib/data/export';

export function rejectsFile(datasetName: string, rejectsCsv: string): ExportFile {
  return csvFile(`${datasetName}-rejected-rows`, rejectsCsv);
}
