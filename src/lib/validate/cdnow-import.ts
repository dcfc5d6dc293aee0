/**
 * Reads the CDNOW sample in its published format (no header, whitespace-separated:
 * master_id sample_id date(YYYYMMDD) number_of_cds dollar_value; the customer is the
 * first column, as in src/lib/data/read-node.ts) with the data pipeline's importer,
 * then runs the CDNOW checks. Works on a browser File/Blob or a string.
 */
import { importTransactions, type ImportResult } from '../data/import/import-transactions.ts';
import { NO_COLUMNS, type ColumnMapping } from '../data/import/columns.ts';
import { runCdnowValidation, type CdnowStage, type CdnowValidation } from './cdnow.ts';

export const CDNOW_SAMPLE_MAPPING: ColumnMapping = { ...NO_COLUMNS, customerId: 0, date: 2, quantity: 3, amount: 4 };

export type CdnowFileStage = 'reading' | CdnowStage;

/** Imports a CDNOW_sample.txt-format file; throws when no row could be read. */
export async function importCdnowSample(source: Blob | string): Promise<ImportResult> {
  const result = await importTransactions(source, {
    delimiter: 'whitespace',
    hasHeader: false,
    mapping: CDNOW_SAMPLE_MAPPING,
    dateFormat: 'ymd8'
  });
  if (result.table.length === 0) {
    const first = result.rejects[0];
    throw new RangeError(
      `no transactions read from the file (${result.counts.rows} rows, ${result.counts.rejected} rejected)` +
        (first ? `; line ${first.line}: ${first.reason}` : '') +
        ': expected CDNOW_sample.txt format: customer id, sample id, YYYYMMDD date, quantity, dollar value'
    );
  }
  return result;
}

export interface CdnowFileValidation extends CdnowValidation {
  /** rows read and rejected by the importer */
  rows: number;
  rejected: number;
}

/** Reads the file and runs every CDNOW check on it. */
export async function validateCdnowFile(
  source: Blob | string,
  onProgress?: (stage: CdnowFileStage) => void
): Promise<CdnowFileValidation> {
  onProgress?.('reading');
  const imported = await importCdnowSample(source);
  const result = runCdnowValidation(imported.table, { onProgress });
  return { ...result, rows: imported.counts.rows, rejected: imported.counts.rejected };
}
