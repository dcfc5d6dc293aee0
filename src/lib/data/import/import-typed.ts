/**
 * Imports an Excel sheet or a Parquet file (a TypedTable) as transactions or as a
 * per-customer summary, with the same column guess, date detection and row checks
 * as a text file: cells become the text a CSV would hold, and real date cells keep
 * their day. Rejected rows name their position as the format counts it (the sheet
 * row, or the Parquet row).
 */
import type { TransactionTable } from '../types.ts';
import { guessColumns, validateMapping, type ColumnGuess } from './columns.ts';
import { detectDateFormat } from './dates.ts';
import type { ImportCounts, ImportOptions, ImportResult, RejectedRow } from './import-transactions.ts';
import { TransactionRows } from './transaction-rows.ts';
import type { DecimalMark } from './amounts.ts';
import { TransactionTableBuilder } from './table-builder.ts';
import { cellDay, cellText, type TypedTable } from './typed-table.ts';
import { detectSummaryLayout, notSummaryMessage, SummaryRowReader, type SummaryFile } from './summary-file.ts';

/** a text file's import options that a typed table reads the same way */
export interface TypedImportOptions extends Pick<
  ImportOptions,
  'mapping' | 'dateFormat' | 'returns' | 'signal' | 'onProgress' | 'maxRejectsListed'
> {
  /** how the sheet's text cells write decimals (number cells are numbers whatever it is); default 'point' */
  decimal?: DecimalMark;
}

/**
 * The column guess of a typed table, as for a text file; the date format is then
 * detected on the date column's text cells alone (its real date cells are read as
 * dates whatever the format), and a column of nothing but date cells needs no format.
 */
export function guessTypedColumns(table: Pick<TypedTable, 'header' | 'sampleRows' | 'sampleCells'>): ColumnGuess {
  const guess = guessColumns(table.header, table.sampleRows);
  const c = guess.mapping.date;
  if (c < 0) return guess;
  const cells = table.sampleCells.map((row) => row[c]).filter((v) => v !== null && v !== undefined && v !== '');
  const text = cells.filter((v) => !(v instanceof Date)).map(cellText);
  if (cells.length > 0 && text.length === 0)
    return { ...guess, date: { format: 'iso', ambiguous: false, candidates: ['iso'] } };
  return { ...guess, date: detectDateFormat(text) };
}

const abortError = (signal: AbortSignal) =>
  signal.reason instanceof Error ? signal.reason : new DOMException('import cancelled', 'AbortError');

const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function importTypedTransactions(
  table: TypedTable,
  options: TypedImportOptions = {}
): Promise<ImportResult & { lineName: TypedTable['lineName'] }> {
  const started = performance.now();
  const signal = options.signal;
  const guess = guessTypedColumns(table);
  const mapping = options.mapping ?? guess.mapping;
  validateMapping(mapping, table.header.length);
  const dateFormat = options.dateFormat ?? guess.date.format ?? 'iso';
  const returns = options.returns ?? 'drop';
  const decimal = options.decimal ?? 'point';
  // a number cell is written as the decimal mark reads it back ("1234.5" -> "1234,5" for a comma)
  const text = (v: unknown) =>
    decimal === 'comma' && typeof v === 'number' ? cellText(v).replace('.', ',') : cellText(v);
  const builder = new TransactionTableBuilder(Math.min(1 << 20, Math.max(16, table.rowCount)));
  const checker = new TransactionRows(builder, {
    mapping,
    dateFormat,
    returns,
    decimal,
    header: table.header,
    maxListed: options.maxRejectsListed ?? 10_000,
    joiner: ','
  });
  const used = Object.values(mapping).filter((c) => c >= 0);
  const width = table.header.length;
  for await (const batch of table.batches(used)) {
    if (signal?.aborted) throw abortError(signal);
    const { rows, lines, firstLine } = batch;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const cells = new Array<string>(width);
      for (let c = 0; c < width; c++) cells[c] = text(row[c]);
      const line = lines ? lines[i] : firstLine + i;
      if (cells.every((c) => c.trim() === '')) {
        checker.counts.emptyLines++;
        continue;
      }
      checker.row(cells, line, cellDay(row[mapping.date]));
    }
    if (options.onProgress) {
      const seconds = (performance.now() - started) / 1000;
      const done = checker.counts.rows + checker.counts.emptyLines;
      options.onProgress({
        rows: checker.counts.rows,
        bytes: done,
        totalBytes: table.rowCount,
        rowsPerSecond: seconds > 0 ? checker.counts.rows / seconds : 0
      });
    }
    await yieldToEvents();
  }
  const counts: ImportCounts = { ...checker.counts, lines: table.rowCount + 1 };
  if (counts.rows === 0) throw new RangeError('the file has a header but no rows');
  return {
    version: 1,
    table: builder.finish() as TransactionTable,
    rejects: checker.rejects as RejectedRow[],
    counts,
    delimiter: ',',
    hasHeader: true,
    header: table.header,
    mapping,
    dateFormat,
    decimal,
    returns,
    elapsedMs: performance.now() - started,
    lineName: table.lineName
  };
}

/** Reads a typed table as a per-customer summary (lifetimes or Lever Lab layout). */
export async function importTypedSummary(table: TypedTable, signal?: AbortSignal): Promise<SummaryFile> {
  const columns = detectSummaryLayout(table.header);
  if (!columns) throw new RangeError(notSummaryMessage(table.header));
  const where = (line: number) => `${table.lineName} ${line}`;
  const reader = new SummaryRowReader(columns, where);
  for await (const batch of table.batches()) {
    if (signal?.aborted) throw abortError(signal);
    batch.rows.forEach((row, i) => {
      const line = batch.lines ? batch.lines[i] : batch.firstLine + i;
      reader.row(
        Array.from({ length: table.header.length }, (_, c) => cellText(row[c])),
        line,
        (c) => cellDay(row[c])
      );
    });
    await yieldToEvents();
  }
  const file = reader.finish();
  if (file.customers.length === 0 && file.rejects.length === 0)
    throw new RangeError('the file has a header but no rows');
  return file;
}
