/**
 * Streamed import of a transaction file (CSV, TSV, semicolon or whitespace
 * separated; UTF-8 with or without BOM; quoted fields; CRLF) into a columnar
 * TransactionTable. Parsing is papaparse in chunk mode over a string, a Blob/File
 * (browser, worker) or a Node readable stream (CLI); rows are validated one by
 * one, good rows kept, every rejected row reported with its 1-based line number
 * in the file. Progress is reported per chunk; an AbortSignal cancels.
 *
 * Cancellations / returns (a negative quantity or amount, or an invoice id
 * starting with 'C' as in UCI Online Retail, Chen et al. 2012) are either dropped
 * (`returns: 'drop'`, counted) or kept with a negative amount (`returns: 'net'`),
 * so the summariser nets them into the spend of their day.
 */
import Papa from 'papaparse';
import type { TransactionTable } from '../types.ts';
import type { DateFormat } from './dates.ts';
import type { DecimalMark } from './amounts.ts';
import { guessColumns, guessDecimal, validateMapping, type ColumnMapping } from './columns.ts';
import { sniffText, BOM, type Delimiter } from './sniff.ts';
import { TransactionTableBuilder } from './table-builder.ts';
import { BlobTextStream } from './blob-text-stream.ts';
import { TransactionRows, type ImportCounts, type RejectedRow, type ReturnsPolicy } from './transaction-rows.ts';

export {
  clip,
  normaliseCustomerId,
  MAX_REJECT_TEXT,
  MAX_REJECT_VALUE,
  type ImportCounts,
  type RejectedRow,
  type ReturnsPolicy
} from './transaction-rows.ts';

export interface ImportProgress {
  rows: number;
  /** characters consumed so far (= bytes for ASCII files) */
  bytes: number;
  /** total size when known (Blob, string), else NaN */
  totalBytes: number;
  rowsPerSecond: number;
}

export interface ImportOptions {
  delimiter?: Delimiter;
  hasHeader?: boolean;
  mapping?: ColumnMapping;
  dateFormat?: DateFormat;
  /** what to do with cancellations / returns; default 'drop' */
  returns?: ReturnsPolicy;
  /**
   * how amounts, quantities and prices write their decimals ('1.234,50' is 'comma'; see
   * amounts.ts for the group separators, signs and currencies read); default: 'comma' for
   * semicolon files, else 'point'
   */
  decimal?: DecimalMark;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** reject rows are all counted but at most this many are listed (default 10,000) */
  maxRejectsListed?: number;
  /** the first bytes of a stream source, for sniffing (required for streams without explicit layout) */
  head?: string;
  /** papaparse chunk size in bytes (default 1 MiB) */
  chunkSize?: number;
}

export interface ImportResult {
  version: 1;
  table: TransactionTable;
  rejects: RejectedRow[];
  counts: ImportCounts;
  delimiter: Delimiter;
  hasHeader: boolean;
  header: string[] | null;
  mapping: ColumnMapping;
  dateFormat: DateFormat;
  /** the decimal mark numbers were read with */
  decimal: DecimalMark;
  returns: ReturnsPolicy;
  elapsedMs: number;
}

/** A Node readable stream as papaparse accepts it (kept structural so this file has no Node imports). */
export interface NodeReadableLike {
  readable: boolean;
  read: (...args: never[]) => unknown;
  on: (...args: never[]) => unknown;
}

export type ImportSource = string | Blob | NodeReadableLike;

export interface ResolvedLayout {
  delimiter: Delimiter;
  hasHeader: boolean;
  header: string[] | null;
  /** columns seen in the header / sample rows (NaN when the layout was given, not sniffed) */
  width: number;
  mapping: ColumnMapping;
  dateFormat: DateFormat;
  /** how numbers are read: the option, else detected on the sample amounts, else by the delimiter */
  decimal: DecimalMark;
  /** true when the sample amounts read as different numbers under either mark and no option chose one */
  decimalAmbiguous: boolean;
  /** a sample amount that shows the decimal question, or '' */
  decimalExample: string;
}

async function headOf(
  source: ImportSource,
  options: ImportOptions
): Promise<{ head: string; complete: boolean } | null> {
  if (typeof source === 'string') return { head: source.slice(0, 1 << 16), complete: source.length <= 1 << 16 };
  if (typeof Blob !== 'undefined' && source instanceof Blob) {
    return { head: await source.slice(0, 1 << 16).text(), complete: source.size <= 1 << 16 };
  }
  return options.head !== undefined ? { head: options.head, complete: false } : null;
}

/** Fills in delimiter, header, mapping and date format from the options or by sniffing; throws when it cannot decide. */
export async function resolveLayout(source: ImportSource, options: ImportOptions = {}): Promise<ResolvedLayout> {
  const known =
    options.delimiter !== undefined && options.hasHeader !== undefined && options.mapping && options.dateFormat;
  if (known) {
    return {
      delimiter: options.delimiter!,
      hasHeader: options.hasHeader!,
      header: null,
      width: NaN,
      mapping: options.mapping!,
      dateFormat: options.dateFormat!,
      decimal: options.decimal ?? (options.delimiter === ';' ? 'comma' : 'point'),
      decimalAmbiguous: false,
      decimalExample: ''
    };
  }
  const head = await headOf(source, options);
  if (!head)
    throw new TypeError(
      'cannot sniff a stream: pass `head` (the first bytes) or delimiter, hasHeader, mapping and dateFormat'
    );
  const sniffed = sniffText(head.head, head.complete);
  const delimiter = options.delimiter ?? sniffed.delimiter;
  const hasHeader = options.hasHeader ?? sniffed.hasHeader;
  const guess = guessColumns(hasHeader ? sniffed.header : null, sniffed.sampleRows);
  const mapping = options.mapping ?? guess.mapping;
  const detected = guessDecimal(mapping, sniffed.sampleRows, delimiter === ';' ? 'comma' : 'point');
  const dateFormat = options.dateFormat ?? guess.date.format;
  if (!dateFormat) {
    if (mapping.date < 0)
      throw new RangeError(
        'no date column found: no header names a date and no sample column parses as dates; map the date column'
      );
    if (guess.date.ambiguous) {
      throw new RangeError(
        `ambiguous date format: the sample dates fit ${guess.date.candidates.join(' and ')}; pass dateFormat`
      );
    }
    throw new RangeError(
      `no date format fits the date column ${mapping.date} (tried YYYY-MM-DD, YYYYMMDD, D/M/Y, M/D/Y)`
    );
  }
  const width = Math.max(sniffed.header?.length ?? 0, ...sniffed.sampleRows.map((r) => r.length));
  return {
    delimiter,
    hasHeader,
    header: sniffed.header,
    width,
    mapping,
    dateFormat,
    decimal: options.decimal ?? detected.mark,
    decimalAmbiguous: options.decimal === undefined && detected.ambiguous,
    decimalExample: detected.example
  };
}

/**
 * The line end to split rows on, when the head mixes CRLF and lone LF outside quoted
 * fields (a Windows file with Unix lines appended, or the reverse): LF, so no row is
 * glued to the next; the CR left at the end of a CRLF row is dropped in handleRow.
 * Otherwise undefined: papaparse's own guess is right for files with one kind of line end.
 */
export function mixedLineEnd(head: string): '\n' | undefined {
  const unquoted = head.replace(/"[^"]*"/g, '');
  return /\r\n/.test(unquoted) && /(^|[^\r])\n/.test(unquoted) ? '\n' : undefined;
}

const abortError = (signal: AbortSignal) =>
  signal.reason instanceof Error ? signal.reason : new DOMException('import cancelled', 'AbortError');

/** Imports a transaction file. Resolves with the table, the rejects and the counts; rejects on abort or unreadable input. */
export async function importTransactions(source: ImportSource, options: ImportOptions = {}): Promise<ImportResult> {
  const started = performance.now();
  const signal = options.signal;
  if (signal?.aborted) throw abortError(signal);
  const layout = await resolveLayout(source, options);
  const { delimiter, hasHeader, mapping, dateFormat, decimal } = layout;
  const returns = options.returns ?? 'drop';
  if (returns !== 'drop' && returns !== 'net')
    throw new RangeError(`invalid returns policy: '${returns}' (must be 'drop' or 'net')`);
  const maxListed = options.maxRejectsListed ?? 10_000;
  const whitespace = delimiter === 'whitespace';
  const joiner = whitespace ? ' ' : delimiter;
  const needed = Math.max(...Object.values(mapping)) + 1;
  validateMapping(mapping, Number.isNaN(layout.width) ? Math.max(needed, 1) : layout.width);

  const head = await headOf(source, options);
  const newline = head ? mixedLineEnd(head.head) : undefined;
  const builder = new TransactionTableBuilder(1 << 14);
  const checker = new TransactionRows(builder, {
    mapping,
    dateFormat,
    returns,
    decimal,
    header: hasHeader ? layout.header : null,
    maxListed,
    joiner
  });
  const { counts, rejects } = checker;
  let header: string[] | null = layout.header;
  let nextLine = 1;
  let first = true;
  let pendingEmpty = 0;
  const totalBytes =
    typeof source === 'string'
      ? source.length
      : typeof Blob !== 'undefined' && source instanceof Blob
        ? source.size
        : NaN;

  let linebreak = '';
  const handleRow = (raw: string[]) => {
    const line = nextLine;
    // a CRLF row in a file split on LF: the CR is part of the line end, not of the last field
    const last = raw.length - 1;
    if (linebreak === '\n' && last >= 0 && raw[last].endsWith('\r')) raw[last] = raw[last].slice(0, -1);
    let newlines = 0;
    for (let k = 0; k < raw.length; k++) {
      const f = raw[k];
      if (f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) newlines += f.split(/\r\n|\n|\r/).length - 1;
    }
    nextLine += 1 + newlines;
    let row = raw;
    if (first) {
      first = false;
      if (row.length > 0 && row[0].startsWith(BOM)) row[0] = row[0].slice(1);
      if (hasHeader) {
        header = (whitespace ? row.filter((f) => f !== '') : row).map((c) => c.trim());
        return;
      }
    }
    if (whitespace) row = row.filter((f) => f !== '');
    if (row.length === 0 || (row.length === 1 && row[0].trim() === '')) {
      pendingEmpty++; // counted once a data row follows: a final newline is not an empty line
      return;
    }
    counts.emptyLines += pendingEmpty;
    pendingEmpty = 0;
    checker.row(row, line);
  };

  await new Promise<void>((resolve, reject) => {
    let aborted = false;
    const onAbort = () => {
      aborted = true;
    };
    signal?.addEventListener('abort', onAbort);
    const finish = (error?: unknown) => {
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    };
    const config = {
      delimiter: whitespace ? ' ' : delimiter,
      newline: newline,
      header: false,
      skipEmptyLines: false,
      chunkSize: options.chunkSize ?? 1 << 20,
      chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        if (aborted || signal?.aborted) {
          aborted = true;
          parser.abort();
          return;
        }
        const data = results.data;
        linebreak = results.meta.linebreak;
        try {
          for (let i = 0; i < data.length; i++) handleRow(data[i]);
        } catch (error) {
          aborted = true;
          parser.abort();
          finish(error);
          return;
        }
        if (options.onProgress) {
          const seconds = (performance.now() - started) / 1000;
          options.onProgress({
            rows: counts.rows,
            bytes: results.meta.cursor,
            totalBytes,
            rowsPerSecond: seconds > 0 ? counts.rows / seconds : 0
          });
        }
        if (typeof source === 'string' && !results.meta.aborted) {
          // a string is parsed synchronously: yield to the event loop between chunks so a
          // cancel message (worker) or an abort (signal) can arrive
          parser.pause();
          setTimeout(() => parser.resume(), 0);
        }
      }
    };
    const complete = () => {
      if (aborted && signal?.aborted) finish(abortError(signal));
      else finish();
    };
    const error = (e: Error) => finish(new Error(`cannot read the file: ${e.message}`));
    try {
      // papaparse picks its streamer from the input type: a string, or a readable (Node stream,
      // or a Blob decoded by BlobTextStream so multi-byte characters survive chunk boundaries)
      const input =
        typeof Blob !== 'undefined' && source instanceof Blob
          ? new BlobTextStream(source, options.chunkSize ?? 1 << 20)
          : source;
      Papa.parse(
        input as unknown as Papa.LocalFile,
        { ...config, complete, error } as unknown as Papa.ParseLocalConfig<string[], Papa.LocalFile>
      );
    } catch (e) {
      finish(e);
    }
  });

  counts.lines = nextLine - 1 - pendingEmpty;
  if (counts.kept === 0 && counts.rows === 0) {
    throw new RangeError(`no data rows in the file (${counts.lines} lines${hasHeader ? ', header only' : ''})`);
  }
  return {
    version: 1,
    table: builder.finish(),
    rejects,
    counts,
    delimiter,
    hasHeader,
    header,
    mapping,
    dateFormat,
    decimal,
    returns,
    elapsedMs: performance.now() - started
  };
}
