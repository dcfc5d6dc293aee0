/**
 * A seeded mutator of transaction files, for the import fuzz test and the soak
 * (bench/soak.ts).
 *
 * A base file is built from records whose fields are known, in one of four real
 * layouts (CDNOW whitespace text, UCI Online Retail CSV with quoted descriptions and
 * cancellations, a semicolon CSV with decimal commas, the CLVTools apparel
 * `Id,Date,Price` CSV). A mutation then corrupts a few chosen records (truncated
 * lines, undecodable bytes, binary and NUL bytes, huge fields, another delimiter,
 * a missing column, impossible or out-of-range dates, overflowing numbers, a stray
 * BOM, CRLF line ends in an LF file, an unbalanced quote) or the whole file (UTF-16
 * or Latin-1 encoding, a huge field everywhere). Records that no mutation touched
 * are known valid, with their line number in the mutated file, so a test can check
 * that each one is kept and that no reject points at it.
 *
 * Files are bytes (Uint8Array), so encodings are real: a Latin-1 'ü' is one byte
 * that is not UTF-8, and the importer sees what a browser File would give it.
 */

/** xorshift32: small, fast, seedable (Marsaglia 2003, "Xorshift RNGs", J. Stat. Softw. 8(14)). */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }
  /** uniform in [0, 1) */
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 4294967296;
  }
  /** integer in [lo, hi] */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

export type BaseKind = 'cdnow' | 'uci' | 'semicolon' | 'apparel';
export const BASE_KINDS: readonly BaseKind[] = ['cdnow', 'uci', 'semicolon', 'apparel'];

export type LineMutation =
  | 'truncate'
  | 'latin1-bytes'
  | 'binary-bytes'
  | 'nul-bytes'
  | 'huge-field'
  | 'other-delimiter'
  | 'missing-column'
  | 'bad-date'
  | 'bad-number'
  | 'stray-bom'
  | 'crlf'
  | 'empty-lines'
  | 'duplicate'
  | 'unbalanced-quote';

export const LINE_MUTATIONS: readonly LineMutation[] = [
  'truncate',
  'latin1-bytes',
  'binary-bytes',
  'nul-bytes',
  'huge-field',
  'other-delimiter',
  'missing-column',
  'bad-date',
  'bad-number',
  'stray-bom',
  'crlf',
  'empty-lines',
  'duplicate',
  'unbalanced-quote'
];

export type FileMutation = 'none' | 'utf16le' | 'latin1-file' | 'truncate-file';

/** A base record: its fields, and whether the importer should keep it (returns are dropped). */
interface BaseRecord {
  fields: string[];
  /** a cancellation / return: valid, but dropped under the default returns policy */
  isReturn: boolean;
}

interface BaseFile {
  kind: BaseKind;
  /** field separator as written ('whitespace' files are padded with spaces) */
  delimiter: ',' | ';' | 'whitespace';
  header: string[] | null;
  records: BaseRecord[];
}

export interface FuzzFile {
  seed: number;
  base: BaseKind;
  mutations: LineMutation[];
  fileMutation: FileMutation;
  bytes: Uint8Array;
  /** 1-based line numbers (in the mutated file) of untouched valid records that must be kept */
  validLines: number[];
  /** the same records as the importer must store them, in file order */
  validRows: { customerId: string; day: number; amount: number }[];
  /**
   * true when the mutations cannot change how the other lines split into fields
   * (quotes stay balanced, line ends unchanged); only then is every valid line required
   */
  strict: boolean;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
export function civilDays(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const DESCRIPTIONS = [
  'WHITE HANGING HEART T-LIGHT HOLDER',
  'SET 7 BABUSHKA NESTING BOXES',
  'GLASS STAR FROSTED T-LIGHT HOLDER',
  'HAND WARMER UNION JACK',
  'RED WOOLLY HOTTIE WHITE HEART.',
  'KNITTED UNION FLAG HOT WATER BOTTLE'
];

/** One record's fields and the values the importer must produce from them. */
function baseRecord(
  kind: BaseKind,
  rng: Rng,
  customer: number
): BaseRecord & { day: number; amount: number; customerId: string } {
  const y = kind === 'cdnow' ? 1997 : kind === 'apparel' ? rng.int(2005, 2010) : rng.int(2010, 2011);
  const m = rng.int(1, 12);
  const d = rng.int(1, 28);
  const day = civilDays(y, m, d);
  const cents = rng.int(100, 99_999);
  const amount = cents / 100;
  switch (kind) {
    case 'cdnow': {
      const id = pad(customer, 5);
      const qty = rng.int(1, 9);
      return {
        fields: [id, pad(rng.int(1, 2357), 4), `${y}${pad(m, 2)}${pad(d, 2)}`, String(qty), amount.toFixed(2)],
        isReturn: false,
        day,
        amount,
        customerId: id
      };
    }
    case 'uci': {
      const isReturn = rng.chance(0.15);
      const qty = rng.int(1, 24) * (isReturn ? -1 : 1);
      const price = rng.int(10, 2000) / 100;
      // a quoted description with the delimiter inside, sometimes a doubled quote or a line break
      let description = rng.pick(DESCRIPTIONS);
      if (rng.chance(0.3)) description += ', ASSORTED';
      if (rng.chance(0.1)) description += ' "LARGE"';
      if (rng.chance(0.05)) description += '\nSECOND LINE';
      const id = `${customer}.0`;
      return {
        fields: [
          `${isReturn ? 'C' : ''}${rng.int(536365, 581587)}`,
          String(rng.int(10002, 90214)),
          description,
          String(qty),
          `${m}/${d}/${y} ${rng.int(6, 20)}:${pad(rng.int(0, 59), 2)}`,
          price.toFixed(2),
          id,
          'United Kingdom'
        ],
        isReturn,
        day,
        amount: price * qty,
        customerId: String(customer)
      };
    }
    case 'semicolon': {
      const id = `K${pad(customer, 4)}`;
      return {
        fields: [id, `${pad(d, 2)}/${pad(m, 2)}/${y}`, amount.toFixed(2).replace('.', ',')],
        isReturn: false,
        day,
        amount,
        customerId: id
      };
    }
    case 'apparel': {
      const id = String(customer);
      return {
        fields: [id, `${y}-${pad(m, 2)}-${pad(d, 2)}`, amount.toFixed(2)],
        isReturn: false,
        day,
        amount,
        customerId: id
      };
    }
  }
}

const HEADERS: Record<BaseKind, string[] | null> = {
  cdnow: null,
  uci: ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'],
  semicolon: ['Kunde', 'Datum', 'Betrag'],
  apparel: ['Id', 'Date', 'Price']
};

const DELIMITERS: Record<BaseKind, BaseFile['delimiter']> = {
  cdnow: 'whitespace',
  uci: ',',
  semicolon: ';',
  apparel: ','
};

/** The column index of the date in each layout. */
export const DATE_COLUMN: Record<BaseKind, number> = { cdnow: 2, uci: 4, semicolon: 1, apparel: 1 };
const AMOUNT_COLUMN: Record<BaseKind, number> = { cdnow: 4, uci: 5, semicolon: 2, apparel: 2 };

const BAD_DATES: Record<BaseKind, string[]> = {
  cdnow: ['09991231', '19971332', '19970230', '1997010', '99999999', '00000000'],
  uci: ['13/1/2011 9:00', '2/30/2011 9:00', '12/1/999 9:00', '0/1/2011 9:00', '12/1/2010/9', '1/1/10000 9:00'],
  semicolon: ['31/02/2011', '00/01/2011', '01/13/2011', '29/02/2011', '01/01/0999', '1/1/10000'],
  apparel: ['2005-02-29', '0999-12-31', '10000-01-01', '2005-13-01', '2005-00-10', '2005-1-1x']
};

const BAD_NUMBERS = ['1e400', '-1e400', 'NaN', 'Infinity', '12..5', '£3.50', '0x', '--3', '3,50,1', 'abc'];

function serialiseField(field: string, delimiter: BaseFile['delimiter']): string {
  if (delimiter === 'whitespace') return field;
  const needsQuotes = field.includes(delimiter) || field.includes('"') || field.includes('\n');
  return needsQuotes ? `"${field.replace(/"/g, '""')}"` : field;
}

function serialise(fields: string[], delimiter: BaseFile['delimiter']): string {
  if (delimiter === 'whitespace')
    return ' ' + fields.map((f, i) => (i >= 3 ? f.padStart(i === 4 ? 7 : 2) : f)).join(' ');
  return fields.map((f) => serialiseField(f, delimiter)).join(delimiter);
}

const utf8 = new TextEncoder();

function latin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    out[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    out[3 + 2 * i] = text.charCodeAt(i) >>> 8;
  }
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * True when every field of the line that opens with a quote closes it (doubled quotes
 * inside) right before a delimiter or the line end (RFC 4180, section 2). A line that
 * is not well quoted may legitimately swallow the lines after it (papaparse reads on to
 * the next quote), so only files whose mutated lines stay well quoted are strict.
 */
export function wellQuoted(line: string, delimiter: ',' | ';' | 'whitespace'): boolean {
  const sep = delimiter === 'whitespace' ? ' ' : delimiter;
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return false;
        if (line[q + 1] === '"') {
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      if (i < line.length && line[i] !== sep) return false;
    } else {
      const next = line.indexOf(sep, i);
      i = next < 0 ? line.length : next;
    }
    i++; // past the separator (or the end)
  }
  return true;
}
const countNewlines = (s: string) => (s.match(/\r\n|\n|\r/g) ?? []).length;

function insertAt(line: Uint8Array, at: number, bytes: Uint8Array): Uint8Array {
  return concat([line.subarray(0, at), bytes, line.subarray(at)]);
}

/** Random bytes that are neither line ends nor quotes (so they cannot re-split the file). */
function binaryBytes(rng: Rng, n: number, allowAll: boolean): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let b = rng.int(0, 255);
    while (!allowAll && (b === 0x0a || b === 0x0d || b === 0x22)) b = rng.int(0, 255);
    out[i] = b;
  }
  return out;
}

export interface MutateOptions {
  /** largest inserted field in bytes (default 32 KiB; the soak uses more) */
  maxHugeField?: number;
  /** records per base file (default 6 .. 30) */
  minRecords?: number;
  maxRecords?: number;
}

/** One corrupted file, fully determined by its seed. */
export function mutatedFile(seed: number, options: MutateOptions = {}): FuzzFile {
  const rng = new Rng(seed * 2654435761);
  const kind = BASE_KINDS[seed % BASE_KINDS.length];
  const delimiter = DELIMITERS[kind];
  const header = HEADERS[kind];
  const n = rng.int(options.minRecords ?? 6, options.maxRecords ?? 30);
  const records = Array.from({ length: n }, (_, i) => baseRecord(kind, rng, 1000 + rng.int(0, Math.max(3, i))));

  // choose the mutated records, and their mutations (one to four records of the file)
  const touched = new Map<number, LineMutation>();
  const k = rng.int(1, Math.min(4, n - 1));
  while (touched.size < k) touched.set(rng.int(0, n - 1), rng.pick(LINE_MUTATIONS));
  const fileMutation: FileMutation = rng.chance(0.9)
    ? 'none'
    : rng.pick(['utf16le', 'latin1-file', 'truncate-file'] as const);
  const maxHuge = options.maxHugeField ?? 1 << 15;

  const lines: Uint8Array[] = [];
  const validLines: number[] = [];
  const validRows: FuzzFile['validRows'] = [];
  let line = 1;
  let strict = true;
  const eol = utf8.encode('\n');
  const push = (bytes: Uint8Array, text: string | null, terminator = eol) => {
    lines.push(bytes, terminator);
    line += 1 + (text === null ? 0 : countNewlines(text));
  };
  if (header) push(utf8.encode(serialise(header, delimiter)), null);

  for (let i = 0; i < n; i++) {
    const r = records[i];
    const mutation = touched.get(i);
    const text = serialise(r.fields, delimiter);
    if (mutation === undefined || mutation === 'duplicate' || mutation === 'empty-lines') {
      if (!r.isReturn) {
        validLines.push(line);
        validRows.push({ customerId: r.customerId, day: r.day, amount: r.amount });
      }
      push(utf8.encode(text), text);
      if (mutation === 'duplicate') {
        if (!r.isReturn) {
          validLines.push(line);
          validRows.push({ customerId: r.customerId, day: r.day, amount: r.amount });
        }
        push(utf8.encode(text), text);
      } else if (mutation === 'empty-lines') {
        for (let e = rng.int(1, 3); e > 0; e--) push(utf8.encode(rng.pick(['', '   ', '\t'])), '');
      }
      continue;
    }
    let bytes: Uint8Array = utf8.encode(text);
    let terminator = eol;
    const at = rng.int(0, bytes.length);
    switch (mutation) {
      case 'truncate':
        bytes = bytes.subarray(0, rng.int(0, Math.max(0, bytes.length - 1)));
        break;
      case 'latin1-bytes':
        bytes = insertAt(bytes, at, latin1(rng.pick(['Müller', 'Señor', 'Ångström', 'café ®'])));
        break;
      case 'binary-bytes':
        bytes = insertAt(bytes, at, binaryBytes(rng, rng.int(1, 64), false));
        break;
      case 'nul-bytes':
        bytes = insertAt(bytes, at, new Uint8Array(rng.int(1, 8)));
        break;
      case 'huge-field':
        bytes = insertAt(bytes, at, utf8.encode('x'.repeat(rng.int(Math.min(1 << 12, maxHuge), maxHuge))));
        break;
      case 'other-delimiter': {
        const others = [',', ';', '\t', '|'].filter((d) => d !== delimiter);
        const to = rng.pick(others);
        const from = delimiter === 'whitespace' ? / +/g : delimiter;
        bytes = utf8.encode(text.trim().replaceAll(from, to));
        break;
      }
      case 'missing-column': {
        const fields = r.fields.slice();
        fields.splice(rng.int(0, fields.length - 1), 1);
        bytes = utf8.encode(serialise(fields, delimiter));
        break;
      }
      case 'bad-date': {
        const fields = r.fields.slice();
        fields[DATE_COLUMN[kind]] = rng.pick(BAD_DATES[kind]);
        bytes = utf8.encode(serialise(fields, delimiter));
        break;
      }
      case 'bad-number': {
        const fields = r.fields.slice();
        fields[AMOUNT_COLUMN[kind]] = rng.pick(BAD_NUMBERS);
        bytes = utf8.encode(serialise(fields, delimiter));
        break;
      }
      case 'stray-bom':
        bytes = insertAt(bytes, rng.chance(0.5) ? 0 : at, Uint8Array.of(0xef, 0xbb, 0xbf));
        break;
      case 'crlf':
        // the record stays valid and must be kept: a Windows line end in a Unix file
        terminator = utf8.encode('\r\n');
        if (!r.isReturn) {
          validLines.push(line);
          validRows.push({ customerId: r.customerId, day: r.day, amount: r.amount });
        }
        break;
      case 'unbalanced-quote':
        bytes = insertAt(bytes, rng.chance(0.5) ? 0 : at, utf8.encode('"'));
        break;
    }
    const mutatedText = new TextDecoder().decode(bytes);
    if (!wellQuoted(mutatedText, delimiter)) strict = false;
    push(bytes, mutatedText, terminator);
  }
  // the last line sometimes without its line end
  if (rng.chance(0.3)) lines.pop();

  let bytes: Uint8Array = concat(lines);
  if (fileMutation === 'utf16le') {
    bytes = utf16le(new TextDecoder().decode(bytes));
    strict = false;
  } else if (fileMutation === 'latin1-file') {
    bytes = latin1(new TextDecoder().decode(bytes).replace(/1/g, 'ü'));
    strict = false;
  } else if (fileMutation === 'truncate-file') {
    bytes = bytes.subarray(0, rng.int(0, bytes.length));
    strict = false;
  }
  return {
    seed,
    base: kind,
    mutations: [...touched.values()],
    fileMutation,
    bytes,
    validLines: strict ? validLines : [],
    validRows: strict ? validRows : [],
    strict
  };
}

/** The clean (unmutated) file of a layout, for establishing its layout by sniffing. */
export function cleanFile(kind: BaseKind, seed = 1, records = 20): Uint8Array {
  const rng = new Rng(seed);
  const header = HEADERS[kind];
  const delimiter = DELIMITERS[kind];
  const lines = header ? [serialise(header, delimiter)] : [];
  for (let i = 0; i < records; i++) lines.push(serialise(baseRecord(kind, rng, 1000 + i).fields, delimiter));
  return utf8.encode(lines.join('\n') + '\n');
}
