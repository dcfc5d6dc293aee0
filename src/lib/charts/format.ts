/**
 * The one number formatting of the app: money, shares, counts and other quantities, for
 * KPI cards, charts, tables, the CSV's shown precision, the report, presenter slides and
 * compare. Everything goes through `Intl.NumberFormat` in the reader's locale
 * (`navigator.language`, or the override of `setFormatLocale`; "en-US" where there is no
 * navigator, as in Node), money in any ISO 4217 currency with its own minor digits (JPY
 * none, USD two), compact notation from a million ("$1.23M", "1,23 Mio. €", "123万").
 * A typographic minus (U+2212) replaces the locale's hyphen-minus so signs line up in
 * tabular figures. A value that is not finite formats as an em dash.
 */

export type ValueFormat = 'currency' | 'percent' | 'count' | 'number';

export interface FormatOptions {
  /** ISO 4217 code of the money; default 'USD' */
  currency?: string;
  /** BCP 47 locale; default the reader's (formatLocale()) */
  locale?: string;
}

export const MINUS = '\u2212';
export const MISSING = '\u2014';

/** From this magnitude counts, money and quantities are compact ("$1.23M"); below it grouped in full ("$123,456"). */
export const COMPACT_FROM = 1e6;

let localeOverride: string | null = null;

/** The locale every format uses: the override, else the browser's language, else en-US. */
export function formatLocale(): string {
  if (localeOverride) return localeOverride;
  const nav = (globalThis as { navigator?: { language?: string } }).navigator;
  const lang = nav?.language;
  return lang && knownLocale(lang) ? lang : 'en-US';
}

/** Sets (or with null clears) an explicit locale for every format; an unknown tag is a RangeError. */
export function setFormatLocale(locale: string | null): void {
  if (locale !== null && !knownLocale(locale))
    throw new RangeError(`invalid locale: ${JSON.stringify(locale)} (must be a BCP 47 tag such as en-US or de-DE)`);
  localeOverride = locale;
}

const known = new Map<string, boolean>();

/** Whether Intl knows the tag; remembered, since every format asks and the lookup is slow. */
function knownLocale(tag: string): boolean {
  let ok = known.get(tag);
  if (ok === undefined) {
    try {
      ok = Intl.NumberFormat.supportedLocalesOf(tag).length > 0;
    } catch {
      ok = false;
    }
    known.set(tag, ok);
  }
  return ok;
}

const cache = new Map<string, Intl.NumberFormat>();

/** A cached Intl.NumberFormat (building one costs more than formatting with it). */
function nf(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = locale + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

/** The formatted text with the typographic minus. */
function text(f: Intl.NumberFormat, value: number): string {
  // only a negative number has a minus sign to swap: the rest take the faster format()
  if (!(value < 0)) return f.format(value);
  let out = '';
  for (const part of f.formatToParts(value)) out += part.type === 'minusSign' ? MINUS : part.value;
  return out;
}

const signDisplay = (explicitPlus: boolean): Intl.NumberFormatOptions['signDisplay'] =>
  explicitPlus ? 'exceptZero' : 'negative';

const fixed = (digits: number): Intl.NumberFormatOptions => ({
  minimumFractionDigits: digits,
  maximumFractionDigits: digits
});

const COMPACT: Intl.NumberFormatOptions = { notation: 'compact', maximumSignificantDigits: 3 };

function localeOf(options: FormatOptions): string {
  return options.locale ?? formatLocale();
}

/** The currency's own minor digits (2 for USD and EUR, 0 for JPY and KRW, 3 for KWD). */
export function currencyDigits(currency: string, locale = formatLocale()): number {
  return nf(locale, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Money: in the currency's minor units below 100 ("$12.50", "¥13"), whole units below a
 * million ("$427", "$123,456", "1.234 €"), compact above ("$3.4M"); exactly zero as "$0"
 * (a tiny amount that rounds to zero stays "$0.00"); negatives "−$1,234".
 */
export function formatCurrency(value: number, options: FormatOptions = {}, explicitPlus = false): string {
  if (!Number.isFinite(value)) return MISSING;
  const locale = localeOf(options);
  const base: Intl.NumberFormatOptions = {
    style: 'currency',
    currency: options.currency ?? 'USD',
    signDisplay: signDisplay(explicitPlus)
  };
  const abs = Math.abs(value);
  // an axis origin or an empty budget, not a rounded amount
  if (value === 0) return text(nf(locale, { ...base, ...fixed(0) }), 0);
  if (abs >= COMPACT_FROM - 0.5) return text(nf(locale, { ...base, ...COMPACT }), value);
  const minor = currencyDigits(base.currency!, locale);
  const digits = abs < 100 - 0.5 * 10 ** -minor ? minor : 0;
  return text(nf(locale, { ...base, ...fixed(digits) }), value);
}

/** Money in whole units, grouped in full whatever its size ("$3,000", "−1.234.567 €"): budgets and lever values. */
export function formatWholeMoney(value: number, options: FormatOptions = {}, explicitPlus = false): string {
  if (!Number.isFinite(value)) return MISSING;
  const f = nf(localeOf(options), {
    style: 'currency',
    currency: options.currency ?? 'USD',
    signDisplay: signDisplay(explicitPlus),
    ...fixed(0)
  });
  return text(f, value);
}

/**
 * A share (0.123) as a percentage ("12.3%", "12,3 %"): one decimal, two below 1% so small
 * rates (a 0.4% weekly dropout) keep a significant digit, none from 1000%.
 */
export function formatPercent(share: number, explicitPlus = false, options: FormatOptions = {}): string {
  if (!Number.isFinite(share)) return MISSING;
  const abs = Math.abs(share * 100);
  const digits = abs < 0.995 ? 2 : abs >= 999.5 ? 0 : 1;
  return text(
    nf(localeOf(options), { style: 'percent', signDisplay: signDisplay(explicitPlus), ...fixed(digits) }),
    share
  );
}

/** A count of things: grouped whole numbers below a million ("12,345"), compact above ("2.35M"). */
export function formatCount(value: number, explicitPlus = false, options: FormatOptions = {}): string {
  if (!Number.isFinite(value)) return MISSING;
  const sign = { signDisplay: signDisplay(explicitPlus) };
  const shape = Math.abs(value) >= COMPACT_FROM - 0.5 ? COMPACT : fixed(0);
  return text(nf(localeOf(options), { ...sign, ...shape }), value);
}

/**
 * Any other quantity: three significant digits below 1000 ("0.123", "45.6"), whole and
 * grouped below a million ("4,567"), compact above; scientific below 0.001 ("1.2E-4").
 */
export function formatNumber(value: number, explicitPlus = false, options: FormatOptions = {}): string {
  if (!Number.isFinite(value)) return MISSING;
  const abs = Math.abs(value);
  const sign = { signDisplay: signDisplay(explicitPlus) };
  let shape: Intl.NumberFormatOptions;
  if (abs >= COMPACT_FROM - 0.5) shape = COMPACT;
  else if (abs >= 999.5) shape = fixed(0);
  else if (abs === 0 || abs >= 0.001) shape = { maximumSignificantDigits: 3 };
  else shape = { notation: 'scientific', maximumSignificantDigits: 2 };
  return text(nf(localeOf(options), { ...sign, ...shape }), value);
}

/** A plain number in full, grouped, with at most `maxFractionDigits` decimals ("12,345", "1.234,57"): counts in prose, estimates. */
export function formatPlain(value: number, maxFractionDigits = 0, options: FormatOptions = {}): string {
  if (!Number.isFinite(value)) return MISSING;
  return text(nf(localeOf(options), { maximumFractionDigits: maxFractionDigits }), value);
}

/** The error for a format outside ValueFormat (from untyped callers: chart props, notebook cells). */
function invalidFormat(format: unknown): never {
  throw new RangeError(`invalid value format: ${JSON.stringify(format)} (must be currency, percent, count or number)`);
}

/** A value in the given format; `signed`: with its sign, a percentage difference in points. */
function formatIn(value: number, format: ValueFormat, signed: boolean, options: FormatOptions): string {
  switch (format) {
    case 'currency':
      return formatCurrency(value, options, signed);
    case 'percent': {
      if (!signed) return formatPercent(value, false, options);
      const pp = value * 100;
      const digits = Math.abs(pp) < 0.995 ? 2 : 1;
      return `${text(nf(localeOf(options), { signDisplay: 'exceptZero', ...fixed(digits) }), pp)} pp`;
    }
    case 'count':
      return formatCount(value, signed, options);
    case 'number':
      return formatNumber(value, signed, options);
    default:
      return invalidFormat(format);
  }
}

/** A value in the given format. */
export function formatValue(value: number, format: ValueFormat, options: FormatOptions = {}): string {
  return formatIn(value, format, false, options);
}

/**
 * A signed difference in the given format, always with its sign ("+$1,234",
 * "−340", "+0.8 pp"). A difference of two percentages is in percentage points,
 * not percent. Zero prints without a sign.
 */
export function formatDelta(delta: number, format: ValueFormat, options: FormatOptions = {}): string {
  if (!Number.isFinite(delta)) return MISSING;
  return formatIn(delta, format, true, options);
}

/**
 * The relative change from a baseline as a signed percentage ("+12.3%"); null when
 * the baseline is zero or either value is not finite (no meaningful ratio).
 */
export function relativeChange(value: number, baseline: number): number | null {
  if (!Number.isFinite(value) || !Number.isFinite(baseline) || baseline === 0) return null;
  return (value - baseline) / Math.abs(baseline);
}

/** Above this relative change a percentage stops being readable (+33,104%): the ratio is shown instead. */
export const RATIO_ABOVE = 10;

/**
 * The one relative-change text of KPI cards, the compare table and presenter slides:
 * "+12.3%" up to +1,000%, the ratio to the baseline above ("×12.3", "×331"), when both
 * values have the same sign (a ratio across zero means nothing); "—" without a ratio.
 */
export function formatRelativeChange(value: number, baseline: number, options: FormatOptions = {}): string {
  const r = relativeChange(value, baseline);
  if (r === null) return MISSING;
  const ratio = value / baseline;
  if (r > RATIO_ABOVE && ratio > 0) return `\u00d7${text(nf(localeOf(options), fixed(ratio < 99.95 ? 1 : 0)), ratio)}`;
  return formatPercent(r, true, options);
}

/** A range such as an 80% interval: "$1,234–$3,456" (en dash). */
export function formatRange(lo: number, hi: number, format: ValueFormat, options: FormatOptions = {}): string {
  return `${formatValue(lo, format, options)}\u2013${formatValue(hi, format, options)}`;
}

/** A tick formatter for Plot axes in the given format. */
export function tickFormatter(format: ValueFormat, options: FormatOptions = {}): (value: number) => string {
  return (value: number) => formatValue(value, format, options);
}

/** The currency's symbol as the locale writes it ("$", "€", "CHF", "¥"), for labels such as "$/week". */
export function currencySymbol(currency: string, options: Pick<FormatOptions, 'locale'> = {}): string {
  const f = nf(localeOf(options), { style: 'currency', currency, currencyDisplay: 'narrowSymbol' });
  return f.formatToParts(1).find((p) => p.type === 'currency')?.value ?? currency;
}

/** The name of a currency in the reader's language ("Euro"), or the code when Intl has none. */
export function currencyName(currency: string, options: Pick<FormatOptions, 'locale'> = {}): string {
  try {
    return new Intl.DisplayNames([localeOf(options)], { type: 'currency' }).of(currency) ?? currency;
  } catch {
    return currency;
  }
}

interface Symbols {
  decimal: string;
  groups: Set<string>;
  digits: Map<string, string>;
}

const symbolCache = new Map<string, Symbols>();

function symbolsOf(locale: string): Symbols {
  let s = symbolCache.get(locale);
  if (s) return s;
  const parts = nf(locale, {}).formatToParts(1234567.5);
  const groups = new Set(['\u00a0', '\u202f', ' ']);
  for (const p of parts) if (p.type === 'group') groups.add(p.value);
  const digits = new Map<string, string>();
  const plain = nf(locale, { useGrouping: false });
  for (let d = 0; d <= 9; d++) digits.set(plain.format(d), String(d));
  s = { decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.', groups, digits };
  symbolCache.set(locale, s);
  return s;
}

/**
 * A numeric cell at the precision its text shows: the digits of `text` (as formatted in
 * the locale) scaled by the power of ten that brings them to `value` (compact units,
 * percent, percentage points: "$1.23M" of 1,234,567 -> 1,230,000; "12.3%" of 0.1234 ->
 * 0.123); `value` itself when the text holds no number or more than one (a date, a
 * range), or shows another quantity (more than half of it away). Rounded to 15 significant digits (no 0.12300000000000001).
 */
export function shownValue(value: number, shown: string, options: Pick<FormatOptions, 'locale'> = {}): number {
  const sym = symbolsOf(localeOf(options));
  let plain = '';
  for (const ch of shown) {
    if (sym.groups.has(ch)) continue;
    if (ch === sym.decimal) plain += '.';
    else plain += sym.digits.get(ch) ?? ch;
  }
  const m = /(\d*\.?\d+)(?:E([+-]?\d+))?/.exec(plain);
  // no number, or more than one (a date, a range): the text is not one shown value
  if (!m || /\d/.test(plain.slice(m.index + m[0].length))) return value;
  const before = plain.slice(0, m.index);
  const negative = before.includes(MINUS) || before.includes('-');
  const mantissa = Number(m[1]) * 10 ** Number(m[2] ?? 0);
  if (!Number.isFinite(mantissa)) return value;
  let v = negative ? -mantissa : mantissa;
  if (mantissa !== 0 && value !== 0) v *= 10 ** Math.round(Math.log10(Math.abs(value / v)));
  if (Math.abs(v - value) > 0.5 * Math.abs(value) + 1e-9) return value;
  return Number(v.toPrecision(15));
}
