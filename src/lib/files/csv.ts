/**
 * CSV writing per RFC 4180, safe to open in a spreadsheet.
 *
 * Quoting (RFC 4180 section 2): a field is enclosed in double quotes when it contains
 * the delimiter, a double quote, CR or LF (or starts/ends with a space, which some
 * readers trim); double quotes inside are doubled. Records end with CRLF.
 *
 * Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that begins
 * with =, +, -, @, tab or CR as a formula. Text cells that begin with one of those
 * (or their full-width forms, which some spreadsheets also accept) are prefixed with
 * a single quote, so they show as text. How a cell counts as text: by its JavaScript
 * type. A `number` is a number and is written as such (-5 stays -5, the spreadsheet
 * reads a number, not a formula); a `string` is text and is neutralised even when it
 * looks numeric ("-5" becomes "'-5"), because an attacker controls strings, not the
 * exporter's number columns. Non-finite numbers are written as empty cells.
 */

export type CsvValue = string | number | boolean | null | undefined | Date;

export interface CsvOptions {
  /** field delimiter, default ',' */
  delimiter?: string;
  /** record separator, default CRLF (RFC 4180) */
  newline?: string;
}

/** First characters that make a spreadsheet treat a cell as a formula (OWASP list + full-width forms). */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

/** Prefixes a text cell with ' when a spreadsheet would read it as a formula. */
export function neutraliseText(text: string): string {
  return text.length > 0 && FORMULA_START.has(text[0]) ? `'${text}` : text;
}

/** Shortest round-tripping decimal for finite numbers, '' otherwise. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  return Object.is(value, -0) ? '0' : String(value);
}

function quoteIfNeeded(text: string, delimiter: string): string {
  const needs =
    text.includes(delimiter) ||
    text.includes('"') ||
    text.includes('\n') ||
    text.includes('\r') ||
    /^\s|\s$/.test(text);
  return needs ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One field: numbers as numbers, text neutralised and quoted as needed. */
export function formatCsvField(value: CsvValue, delimiter = ','): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  return quoteIfNeeded(neutraliseText(value), delimiter);
}

/** A header row and data rows as CSV text (header cells are text too, and neutralised). */
export function toCsv(
  header: readonly string[],
  rows: Iterable<readonly CsvValue[]>,
  options: CsvOptions = {}
): string {
  const delimiter = options.delimiter ?? ',';
  const newline = options.newline ?? '\r\n';
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new RangeError(
      `invalid CSV delimiter: ${JSON.stringify(delimiter)} (must be one character other than a quote or line break)`
    );
  }
  const lines: string[] = [header.map((h) => formatCsvField(h, delimiter)).join(delimiter)];
  let row = 0;
  for (const values of rows) {
    row++;
    if (values.length !== header.length) {
      throw new RangeError(`invalid CSV row ${row}: ${values.length} fields for ${header.length} columns`);
    }
    lines.push(values.map((v) => formatCsvField(v, delimiter)).join(delimiter));
  }
  return lines.join(newline) + newline;
}
