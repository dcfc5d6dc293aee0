/**
 * CSV text to header-keyed string columns (papaparse, header row, no type guessing), for
 * the data-set loaders. Checks that the named columns are present.
 */
import Papa from 'papaparse';

export interface CsvColumns {
  rows: number;
  column(name: string): string[];
}

export function parseCsvColumns(text: string, required: string[], what: string): CsvColumns {
  const parsed = Papa.parse<string[]>(text.trim(), { header: false, skipEmptyLines: 'greedy', dynamicTyping: false });
  const fatal = parsed.errors.find((e) => e.type !== 'Delimiter');
  if (fatal) throw new Error(`${what}: CSV error on row ${fatal.row}: ${fatal.message}`);
  const [header, ...body] = parsed.data;
  if (!header) throw new Error(`${what}: empty CSV`);
  const names = header.map((h) => h.trim());
  const missing = required.filter((r) => !names.includes(r));
  if (missing.length > 0)
    throw new Error(`${what}: missing column(s) ${missing.join(', ')} (found ${names.join(', ')})`);
  body.forEach((row, r) => {
    if (row.length !== names.length)
      throw new Error(`${what}: data row ${r + 1} has ${row.length} fields, header has ${names.length}`);
  });
  return {
    rows: body.length,
    column(name: string) {
      const j = names.indexOf(name);
      if (j < 0) throw new Error(`${what}: no column ${name}`);
      return body.map((row) => row[j].trim());
    }
  };
}

/** Parses numbers strictly: blank -> NaN when `blankAsMissing`, anything else unparsable throws. */
export function numericColumn(values: string[], name: string, what: string, blankAsMissing = false): Float64Array {
  const out = new Float64Array(values.length);
  values.forEach((v, i) => {
    if (v === '' && blankAsMissing) {
      out[i] = NaN;
      return;
    }
    const x = Number(v);
    if (v === '' || !Number.isFinite(x))
      throw new Error(`${what}: column ${name} row ${i + 1} is "${v}" (not a number)`);
    out[i] = x;
  });
  return out;
}
