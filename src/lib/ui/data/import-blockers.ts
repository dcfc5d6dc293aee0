/**
 * Why the Import button is disabled, in words: every reason the import cannot start
 * yet, so a greyed-out button always says what is missing (a header without rows,
 * dates that cannot be read, a column not chosen, the time unit of a summary ...).
 * Pure: the wizard passes its state, the list comes back.
 */
import { DATE_FORMATS, parseDay, type DateFormat } from '$lib/data/import/dates';
import type { ColumnMapping } from '$lib/data/import/columns';
import type { TimeUnit } from '$lib/model/core/types';
import type { SniffAnswer } from '$lib/workers/import-protocol';

export const DATE_FORMAT_LABEL: Record<DateFormat, string> = {
  iso: 'YYYY-MM-DD',
  ymd8: 'YYYYMMDD',
  dmy: 'DD/MM/YYYY',
  mdy: 'MM/DD/YYYY'
};

export interface ImportState {
  sniff: SniffAnswer;
  kind: 'transactions' | 'summary' | 'contracts' | 'compressed';
  name: string;
  mapping: ColumnMapping;
  dateFormat: DateFormat | null;
  /** the unit the person confirmed for a summary's times, null when not yet */
  unit: TimeUnit | null;
}

const REQUIRED: { key: keyof ColumnMapping; label: string }[] = [
  { key: 'customerId', label: 'Customer id' },
  { key: 'date', label: 'Date' }
];

/** The column's name as the file shows it. */
export function columnName(sniff: SniffAnswer, index: number): string {
  return sniff.sniffed.header?.[index] || `column ${index + 1}`;
}

/** The first sample value of the date column that the chosen format (any format, when none is chosen) cannot read, with its position, or null. */
export function unreadableDate(
  sniff: SniffAnswer,
  column: number,
  format: DateFormat | null
): { value: string; where: string } | null {
  const rows = sniff.sniffed.sampleRows;
  const lineName = sniff.lineName ?? 'line';
  for (let i = 0; i < rows.length; i++) {
    const value = (rows[i][column] ?? '').trim();
    if (value === '') continue;
    // with no format chosen: a value no format reads at all
    const ok = format
      ? !Number.isNaN(parseDay(value, format))
      : DATE_FORMATS.some((f) => !Number.isNaN(parseDay(value, f)));
    if (!ok) {
      const line = sniff.sniffed.sampleLines?.[i] ?? i + (sniff.sniffed.hasHeader ? 2 : 1);
      return { value, where: `${lineName} ${line}` };
    }
  }
  return null;
}

/** Every reason the import cannot start; empty when it can. */
export function importBlockers(s: ImportState): string[] {
  const out: string[] = [];
  if (s.sniff.problem) out.push(s.sniff.problem);
  if (s.name.trim() === '') out.push('give the dataset a name');
  // nothing was read (an empty sheet): the problem is the whole story
  if (s.sniff.problem && (s.sniff.sniffed.header?.length ?? 0) === 0) return out;
  if (s.kind === 'compressed') {
    if (!s.sniff.compressed)
      out.push(
        'the file is not a compressed summary: its header needs the columns part, x, t_x, T, customers and calibration_end (sql/README.md)'
      );
    else for (const p of s.sniff.compressed.problems) out.push(p);
    return out;
  }
  if (s.kind === 'summary') {
    const summary = s.sniff.summary;
    if (!summary)
      out.push('the file is not a customer summary: its header has no frequency, recency, T (or x, t_x, T) columns');
    else {
      for (const p of summary.problems) out.push(p);
      if (!s.unit) out.push('say which time unit recency and T are counted in (days, weeks or months)');
    }
    return out;
  }
  if (s.kind === 'contracts') {
    if (!s.sniff.contracts)
      out.push('the file is not a contracts file: its header needs a start date and an end date or status column');
    else if (s.sniff.format && s.sniff.format !== 'text')
      out.push('contracts are read from a CSV or TSV text file: save the sheet or table as CSV first');
    if (s.unit !== 'week' && s.unit !== 'month') out.push('say how often subscribers are billed (weekly or monthly)');
    return out;
  }
  const missing = REQUIRED.filter((r) => s.mapping[r.key] < 0).map((r) => r.label);
  if (missing.length) out.push(`choose a column for: ${missing.join(', ')}`);
  if (s.mapping.date >= 0 && !s.sniff.problem) {
    const column = columnName(s.sniff, s.mapping.date);
    if (s.dateFormat === null && s.sniff.guess.date.ambiguous && s.sniff.guess.mapping.date === s.mapping.date) {
      out.push(`say which date order column '${column}' uses (day/month/year or month/day/year)`);
    } else {
      const bad = unreadableDate(s.sniff, s.mapping.date, s.dateFormat);
      if (bad && s.dateFormat === null)
        out.push(
          `dates in column '${column}' could not be read: e.g. '${bad.value}' on ${bad.where} (tried YYYY-MM-DD, YYYYMMDD, DD/MM/YYYY and MM/DD/YYYY); choose a date format to import the rows it reads (the others are rejected and listed)`
        );
      else if (s.dateFormat === null) out.push(`choose the date format of column '${column}'`);
    }
  }
  return out;
}

/** A non-blocking note: a sample date the chosen format cannot read (that row will be rejected). */
export function dateWarning(s: ImportState): string | null {
  if (s.kind !== 'transactions' || s.mapping.date < 0 || s.dateFormat === null) return null;
  // a workbook's or Parquet file's date cells are read as dates whatever the format of its text cells
  if (s.sniff.format && s.sniff.format !== 'text') return null;
  const bad = unreadableDate(s.sniff, s.mapping.date, s.dateFormat);
  return bad
    ? `'${bad.value}' on ${bad.where} is not a ${DATE_FORMAT_LABEL[s.dateFormat]} date: rows like it will be rejected (and listed)`
    : null;
}
