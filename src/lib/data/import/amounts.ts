/**
 * Amounts as people write them: "1.234,50 €", "$1,234.50", "1 234,50", "(1,234.50)",
 * "CHF 1'234.50", "-€12", "12,50-". The one thing a text cannot tell is the decimal mark
 * ("1.234" is 1.234 with a decimal point and 1234 with a decimal comma), so the reader
 * takes it as an argument the person confirms (`detectDecimalMark` proposes one from the
 * file's sample values). Everything else is read strictly: a group separator must group
 * digits in threes (or the Indian 2-2-3 lakh grouping), one kind of separator per number,
 * at most one sign and one currency; anything else is NaN, and the importer rejects the
 * row with its line and column rather than guess.
 *
 * Group separators: the other mark (',' or '.'), the space, the no-break space U+00A0,
 * the narrow no-break space U+202F (fr-FR), the thin space U+2009 and the apostrophes
 * ' and ’ (de-CH). Negatives: a leading or trailing minus (hyphen or U+2212) or
 * parentheses (accounting). Currency: a symbol (Unicode category Sc, optionally with
 * up to three letters before it: "US$", "R$", "CA$"), a three-letter ISO 4217 code or a
 * two- or three-letter word ("kr", "zł", "Fr.") before or after the number; `currencyOf` names the ISO code a sample's token stands for.
 */

export type DecimalMark = 'point' | 'comma';

const SPACES = '\u0020\u00a0\u202f\u2009';
const APOSTROPHES = "'\u2019";
const MINUS_SIGNS = '-\u2212';

/** A currency token at the start / end of the text (after signs and spaces are peeled off). */
const CURRENCY_START = /^(?:\p{L}{0,3}\p{Sc}|\p{L}{2,3}\.?(?!\p{L}))/u;
const CURRENCY_END = /(?:(?<!\p{L})\p{L}{0,3}\p{Sc}|(?<!\p{L})\p{L}{2,3}\.?|\p{Sc}\p{L}{0,3})$/u;

export interface AmountParts {
  /** the value, NaN when the text is not an amount under this decimal mark */
  value: number;
  /** the currency token as written ("€", "CHF", "US$"), or '' */
  currency: string;
}

function isSpace(ch: string): boolean {
  return SPACES.includes(ch);
}

/** Peels spaces, one sign (or a pair of parentheses) and one currency token off both ends. */
function peel(text: string): { core: string; negative: boolean; currency: string } | null {
  let s = text;
  let negative = false;
  let signs = 0;
  let currency = '';
  let parens = false;
  for (let guard = 0; guard < 8; guard++) {
    const before = s;
    s = s.replace(/^[\u0020\u00a0\u202f\u2009]+|[\u0020\u00a0\u202f\u2009]+$/gu, '');
    if (s.startsWith('(') && s.endsWith(')') && !parens && signs === 0) {
      parens = true;
      negative = true;
      signs++;
      s = s.slice(1, -1);
      continue;
    }
    const first = s.charAt(0);
    const last = s.charAt(s.length - 1);
    if (MINUS_SIGNS.includes(first) || first === '+') {
      if (signs++) return null;
      negative = first !== '+';
      s = s.slice(1);
      continue;
    }
    if (MINUS_SIGNS.includes(last) && s.length > 1) {
      if (signs++) return null;
      negative = true;
      s = s.slice(0, -1);
      continue;
    }
    const start = CURRENCY_START.exec(s);
    if (start && start[0].length < s.length) {
      if (currency) return null;
      currency = start[0];
      s = s.slice(start[0].length);
      continue;
    }
    const end = CURRENCY_END.exec(s);
    if (end && end[0].length < s.length) {
      if (currency) return null;
      currency = end[0];
      s = s.slice(0, -end[0].length);
      continue;
    }
    if (s === before) break;
  }
  return { core: s, negative, currency };
}

/** Is this integer part grouped correctly with `sep` (1-3 then threes, or Indian 1-2, twos, then three)? */
function groupedOk(groups: string[]): boolean {
  if (groups.length === 1) return /^\d+$/.test(groups[0]);
  const [head, ...rest] = groups;
  if (!/^\d{1,3}$/.test(head)) return false;
  if (rest.every((g) => /^\d{3}$/.test(g))) return true;
  // Indian grouping: 12,34,567 (head 1-2 digits, then pairs, the last group three)
  return (
    /^\d{1,2}$/.test(head) && /^\d{3}$/.test(rest[rest.length - 1]) && rest.slice(0, -1).every((g) => /^\d{2}$/.test(g))
  );
}

/** The number in `core` (no sign, no currency) under the decimal mark, or NaN. */
function readCore(core: string, decimal: DecimalMark): number {
  if (core === '') return NaN;
  const mark = decimal === 'point' ? '.' : ',';
  const other = decimal === 'point' ? ',' : '.';
  // a plain number with an exponent ("1.5e3"), decimal point only
  if (decimal === 'point' && /^\d*\.?\d+(?:[eE][+-]?\d+)?$|^\d+\.$/.test(core)) return Number(core);
  if (decimal === 'comma' && /^\d*,?\d+[eE][+-]?\d+$/.test(core)) return Number(core.replace(',', '.'));
  const at = core.indexOf(mark);
  if (at !== core.lastIndexOf(mark)) return NaN;
  const intPart = at < 0 ? core : core.slice(0, at);
  const fracPart = at < 0 ? '' : core.slice(at + 1);
  if (!/^\d*$/.test(fracPart)) return NaN;
  if (intPart === '' && fracPart === '') return NaN;
  let digits = intPart;
  if (intPart !== '' && !/^\d+$/.test(intPart)) {
    // one kind of group separator throughout: the other mark, a space kind, or an apostrophe
    const seps = new Set([...intPart].filter((c) => !(c >= '0' && c <= '9')));
    if (seps.size !== 1) return NaN;
    const sep = [...seps][0];
    if (!(sep === other || isSpace(sep) || APOSTROPHES.includes(sep))) return NaN;
    const groups = intPart.split(sep);
    if (!groupedOk(groups)) return NaN;
    digits = groups.join('');
  }
  return Number(`${digits || '0'}.${fracPart || '0'}`);
}

/** Longer than this, a text is no amount (it also bounds the work on a 100 MB field). */
export const MAX_AMOUNT_CHARS = 64;

/** An amount and the currency token it carries; value NaN when it cannot be read under `decimal`. */
export function readAmount(text: string, decimal: DecimalMark): AmountParts {
  if (text.length > 4 * MAX_AMOUNT_CHARS) return { value: NaN, currency: '' };
  const t = text.trim();
  if (t === '' || t.length > MAX_AMOUNT_CHARS) return { value: NaN, currency: '' };
  const peeled = peel(t);
  if (!peeled) return { value: NaN, currency: '' };
  const v = readCore(peeled.core, decimal);
  if (!Number.isFinite(v)) return { value: NaN, currency: peeled.currency };
  return { value: peeled.negative ? (v === 0 ? 0 : -v) : v, currency: peeled.currency };
}

/** The amount in the text under the decimal mark, or NaN. */
export function parseAmount(text: string, decimal: DecimalMark): number {
  return readAmount(text, decimal).value;
}

export interface DecimalDetection {
  /** the proposed mark */
  mark: DecimalMark;
  /** true when a sample value reads as two different numbers and none settles it: ask */
  ambiguous: boolean;
  /** a sample value that shows the question best (one with a separator), or '' */
  example: string;
  /** the ISO code of the currency written in the samples, when they agree on one, else null */
  currency: string | null;
}

/**
 * The decimal mark that reads every sample value (ignoring ones neither mark reads); a
 * value that reads under both as different numbers ("1.234") is ambiguous and leaves the
 * choice to `fallback` (the comma for semicolon-separated files, else the point).
 */
export function detectDecimalMark(values: readonly string[], fallback: DecimalMark = 'point'): DecimalDetection {
  let point = 0;
  let comma = 0;
  let ambiguousExample = '';
  let separatorExample = '';
  const currencies = new Set<string>();
  for (const raw of values) {
    const v = raw.trim();
    if (v === '') continue;
    const p = readAmount(v, 'point');
    const c = readAmount(v, 'comma');
    const token = p.currency || c.currency;
    if (token) currencies.add(currencyOf(token) ?? '?');
    const pOk = Number.isFinite(p.value);
    const cOk = Number.isFinite(c.value);
    if (/[.,]/.test(v) && !separatorExample) separatorExample = v;
    if (pOk && !cOk) point++;
    else if (cOk && !pOk) comma++;
    else if (pOk && cOk && p.value !== c.value && !ambiguousExample) ambiguousExample = v;
  }
  const currency = currencies.size === 1 ? [...currencies][0] : null;
  const settled = point > 0 !== comma > 0;
  const mark: DecimalMark = settled ? (point > 0 ? 'point' : 'comma') : comma > point ? 'comma' : fallback;
  return {
    mark,
    ambiguous: !settled && (ambiguousExample !== '' || (point > 0 && comma > 0)),
    example: ambiguousExample || separatorExample || values.find((v) => v.trim() !== '')?.trim() || '',
    currency: currency === '?' ? null : currency
  };
}

let symbols: Map<string, string> | null = null;

/** symbol -> ISO code from Intl itself: the 'symbol' display in English first, then unique narrow symbols. */
function symbolTable(): Map<string, string> {
  if (symbols) return symbols;
  const table = new Map<string, string>();
  const narrow = new Map<string, string[]>();
  const codes = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [];
  const symbolOf = (code: string, display: 'symbol' | 'narrowSymbol') =>
    new Intl.NumberFormat('en', { style: 'currency', currency: code, currencyDisplay: display })
      .formatToParts(1)
      .find((p) => p.type === 'currency')?.value ?? code;
  for (const code of codes) {
    const s = symbolOf(code, 'symbol');
    if (s !== code && !table.has(s)) table.set(s, code);
    const n = symbolOf(code, 'narrowSymbol');
    if (n !== code) narrow.set(n, [...(narrow.get(n) ?? []), code]);
  }
  for (const [s, list] of narrow) if (!table.has(s) && list.length === 1) table.set(s, list[0]);
  symbols = table;
  return table;
}

/** Is this a currency code Intl knows ("EUR", "chf")? */
export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Za-z]{3}$/.test(code)) return false;
  const upper = code.toUpperCase();
  if (typeof Intl.supportedValuesOf === 'function' && Intl.supportedValuesOf('currency').includes(upper)) return true;
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: upper });
    return typeof Intl.supportedValuesOf !== 'function';
  } catch {
    return false;
  }
}

/** The code in upper case when Intl knows it; else a RangeError naming it. */
export function checkedCurrency(code: string): string {
  const t = code.trim();
  if (!isCurrencyCode(t))
    throw new RangeError(
      `invalid currency: ${JSON.stringify(code)} (must be an ISO 4217 code such as EUR, USD or JPY)`
    );
  return t.toUpperCase();
}

/** The ISO code a currency token stands for ("€" -> EUR, "CHF" -> CHF, "$" -> USD), or null. */
export function currencyOf(token: string): string | null {
  const t = token.trim();
  if (isCurrencyCode(t)) return t.toUpperCase();
  return symbolTable().get(t) ?? null;
}
