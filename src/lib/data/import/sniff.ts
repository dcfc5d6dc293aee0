/**
 * Sniffs the layout of a delimited text file from its first bytes: delimiter
 * (comma, semicolon, tab, or runs of whitespace), whether the first line is a
 * header, the header itself and a few sample rows for `guessColumns`.
 */
import Papa from 'papaparse';
import { parseDay, DATE_FORMATS } from './dates.ts';

export type Delimiter = ',' | ';' | '\t' | 'whitespace';

export interface Sniffed {
  delimiter: Delimiter;
  hasHeader: boolean;
  /** header cells (trimmed, BOM removed), or null when the file has none */
  header: string[] | null;
  /** up to `maxRows` data rows */
  sampleRows: string[][];
  /** the 1-based line of each sample row in the file (a quoted field spanning lines may shift later ones) */
  sampleLines?: number[];
}

export const BOM = '\ufeff';

/** Splits a whitespace-separated line into fields (runs of spaces/tabs separate; leading/trailing ignored). */
export function splitWhitespace(line: string): string[] {
  const t = line.trim();
  return t === '' ? [] : t.split(/[ \t]+/);
}

/** Parses sample lines with the given delimiter (quotes honoured for real delimiters). */
export function splitLines(text: string, delimiter: Delimiter): string[][] {
  if (delimiter === 'whitespace') {
    return text
      .split(/\r\n|\n|\r/)
      .map(splitWhitespace)
      .filter((r) => r.length > 0);
  }
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: true });
  return parsed.data;
}

const looksNumeric = (s: string) => {
  const t = s.trim();
  return t !== '' && Number.isFinite(Number(t.replace(',', '.')));
};
const looksDate = (s: string) => DATE_FORMATS.some((f) => !Number.isNaN(parseDay(s, f)));

/**
 * @param head the first bytes of the file as text
 * @param complete true when `head` is the whole file (otherwise its last, possibly cut, line is ignored)
 */
export function sniffText(head: string, complete: boolean, maxRows = 50): Sniffed {
  let text = head.startsWith(BOM) ? head.slice(1) : head;
  if (!complete) {
    const cut = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    if (cut > 0) text = text.slice(0, cut);
  }
  const numbered = text
    .split(/\r\n|\n|\r/)
    .map((l, i) => ({ l, n: i + 1 }))
    .filter(({ l }) => l.trim() !== '')
    .slice(0, maxRows + 1);
  const lines = numbered.map(({ l }) => l);
  if (lines.length === 0) throw new RangeError('cannot read an empty file (no non-empty lines)');
  // a delimiter is consistent when it occurs the same (non-zero) number of times on most lines
  let delimiter: Delimiter | null = null;
  let best = 0;
  for (const d of [',', ';', '\t'] as const) {
    const counts = splitLines(lines.join('\n'), d).map((r) => r.length - 1);
    const first = counts[0];
    if (first === 0) continue;
    const agree = counts.filter((c) => c === first).length / counts.length;
    if (agree >= 0.9 && first > best) {
      best = first;
      delimiter = d;
    }
  }
  if (delimiter === null) {
    const widths = lines.map((l) => splitWhitespace(l).length);
    delimiter =
      widths[0] > 1 && widths.filter((w) => w === widths[widths.length - 1]).length / widths.length >= 0.9
        ? 'whitespace'
        : ',';
  }
  const rows = splitLines(lines.join('\n'), delimiter).map((r) => r.map((c) => c.trim()));
  const first = rows[0];
  const rest = rows.slice(1);
  // header: the first row has no numbers or dates at all, or some column is a
  // word in the first row but numeric/dated in (almost) every later row
  const wordy = (s: string) => s !== '' && !looksNumeric(s) && !looksDate(s);
  let hasHeader = first.every((c) => c === '' || wordy(c)) && first.some(wordy);
  if (!hasHeader && rest.length > 0) {
    hasHeader = first.some(
      (c, i) =>
        wordy(c) &&
        rest.filter((r) => r[i] !== undefined && (looksNumeric(r[i]) || looksDate(r[i]))).length >= 0.8 * rest.length
    );
  }
  const lineNumbers = rows.length === numbered.length ? numbered.map(({ n }) => n) : null;
  return {
    delimiter,
    hasHeader,
    header: hasHeader ? first : null,
    sampleRows: (hasHeader ? rest : rows).slice(0, maxRows),
    ...(lineNumbers ? { sampleLines: lineNumbers.slice(hasHeader ? 1 : 0, (hasHeader ? 1 : 0) + maxRows) } : {})
  };
}
