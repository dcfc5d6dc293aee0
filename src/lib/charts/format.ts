/**
 * Number formatting shared by the charts and KPI cards: currency with compact
 * suffixes (k, M, B, T), shares as percentages, counts, and signed deltas.
 * Pure functions; en locale digits; a typographic minus (U+2212) for negatives so
 * signs line up in tabular figures. A value that is not finite formats as an em dash.
 */

export type ValueFormat = 'currency' | 'percent' | 'count' | 'number';

export interface FormatOptions {
  /** currency symbol placed before the amount; default '$' */
  currencySymbol?: string;
}

export const MINUS = '\u2212';
export const MISSING = '\u2014';

const SUFFIXES = [
  { scale: 1e12, suffix: 'T' },
  { scale: 1e9, suffix: 'B' },
  { scale: 1e6, suffix: 'M' },
  { scale: 1e3, suffix: 'k' }
] as const;

const grouped0 = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

function fixed(value: number, decimals: number): string {
  return value.toFixed(decimals);
}

/**
 * |value| >= 1000 as a compact number: one decimal below 100 units of the suffix,
 * none above (1.2k, 12.3k, 123k, 1.2M); a trailing ".0" is dropped (1k, 2M).
 * Rounding that reaches 1000 of a unit moves to the next suffix (999,960 -> 1M).
 * Returns null for |value| < 1000 (callers format small values themselves).
 */
function compactMagnitude(abs: number): string | null {
  if (abs < 999.5) return null;
  for (let i = SUFFIXES.length - 1; i >= 0; i--) {
    const { scale, suffix } = SUFFIXES[i];
    const next = SUFFIXES[i - 1];
    if (next && abs >= next.scale) continue;
    const scaled = abs / scale;
    const decimals = scaled < 99.95 ? 1 : 0;
    let text = fixed(scaled, decimals);
    if (Number(text) >= 1000 && next) {
      text = fixed(abs / next.scale, 1);
      return text.replace(/\.0$/, '') + next.suffix;
    }
    return text.replace(/\.0$/, '') + suffix;
  }
  return null;
}

/** A plain magnitude for the number format: 3 significant digits below 1000, compact above. */
function numberMagnitude(abs: number): string {
  const compact = compactMagnitude(abs);
  if (compact !== null) return compact;
  if (abs === 0) return '0';
  if (abs >= 100) return fixed(abs, 0);
  if (abs >= 0.001) return String(Number(abs.toPrecision(3)));
  return abs.toExponential(1);
}

function sign(value: number, explicitPlus: boolean): string {
  if (value < 0) return MINUS;
  return explicitPlus && value > 0 ? '+' : '';
}

/** Is |value| small enough that rounding would print zero with these decimals? */
function roundsToZero(value: number, decimals: number): boolean {
  return Number(Math.abs(value).toFixed(decimals)) === 0;
}

/**
 * Money: "$12.50" below 100, "$427" below 1000, "$1.2k", "$3.4M" above; negatives
 * as "−$1.2k"; exactly zero as "$0" (a tiny amount that rounds to zero stays "$0.00").
 */
export function formatCurrency(value: number, options: FormatOptions = {}, explicitPlus = false): string {
  if (!Number.isFinite(value)) return MISSING;
  const symbol = options.currencySymbol ?? '$';
  if (value === 0) return symbol + '0'; // an axis origin or an empty budget, not a rounded amount
  const abs = Math.abs(value);
  const compact = compactMagnitude(abs);
  const decimals = abs < 99.995 ? 2 : 0;
  const magnitude = compact ?? fixed(abs, decimals);
  const zero = compact === null && roundsToZero(value, decimals);
  return (zero ? '' : sign(value, explicitPlus)) + symbol + magnitude;
}

/**
 * A share (0.123) as a percentage ("12.3%"): one decimal, two below 1% so small
 * rates (a 0.4% weekly dropout) keep a significant digit; grouped above 1000%.
 */
export function formatPercent(share: number, explicitPlus = false): string {
  if (!Number.isFinite(share)) return MISSING;
  const pct = share * 100;
  const abs = Math.abs(pct);
  const decimals = abs < 0.995 ? 2 : abs >= 999.5 ? 0 : 1;
  const zero = roundsToZero(pct, decimals);
  const magnitude = decimals === 0 ? grouped0.format(abs) : fixed(abs, decimals);
  return (zero ? '' : sign(pct, explicitPlus)) + magnitude + '%';
}

/** A count of things: grouped whole numbers below a million ("12,345"), compact above ("1.2M"). */
export function formatCount(value: number, explicitPlus = false): string {
  if (!Number.isFinite(value)) return MISSING;
  const abs = Math.abs(value);
  const magnitude = abs >= 999_999.5 ? (compactMagnitude(abs) as string) : grouped0.format(abs);
  const zero = abs < 0.5;
  return (zero ? '' : sign(value, explicitPlus)) + magnitude;
}

/** Any other quantity: three significant digits, compact above 1000 ("0.123", "45.6", "1.2k"). */
export function formatNumber(value: number, explicitPlus = false): string {
  if (!Number.isFinite(value)) return MISSING;
  const magnitude = numberMagnitude(Math.abs(value));
  return (magnitude === '0' ? '' : sign(value, explicitPlus)) + magnitude;
}

/** A value in the given format. */
export function formatValue(value: number, format: ValueFormat, options: FormatOptions = {}): string {
  switch (format) {
    case 'currency':
      return formatCurrency(value, options);
    case 'percent':
      return formatPercent(value);
    case 'count':
      return formatCount(value);
    case 'number':
      return formatNumber(value);
    default:
      throw new RangeError(
        `invalid value format: ${JSON.stringify(format)} (must be currency, percent, count or number)`
      );
  }
}

/**
 * A signed difference in the given format, always with its sign ("+$1.2k",
 * "−340", "+0.8 pp"). A difference of two percentages is in percentage points,
 * not percent. Zero prints without a sign.
 */
export function formatDelta(delta: number, format: ValueFormat, options: FormatOptions = {}): string {
  if (!Number.isFinite(delta)) return MISSING;
  switch (format) {
    case 'currency':
      return formatCurrency(delta, options, true);
    case 'percent': {
      const pp = delta * 100;
      const abs = Math.abs(pp);
      const decimals = abs < 0.995 ? 2 : 1;
      const zero = roundsToZero(pp, decimals);
      return (zero ? '' : sign(pp, true)) + fixed(abs, decimals) + ' pp';
    }
    case 'count':
      return formatCount(delta, true);
    case 'number':
      return formatNumber(delta, true);
    default:
      throw new RangeError(
        `invalid value format: ${JSON.stringify(format)} (must be currency, percent, count or number)`
      );
  }
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
export function formatRelativeChange(value: number, baseline: number): string {
  const r = relativeChange(value, baseline);
  if (r === null) return MISSING;
  const ratio = value / baseline;
  if (r > RATIO_ABOVE && ratio > 0) {
    const text = ratio < 99.95 ? ratio.toFixed(1) : grouped0.format(ratio);
    return `\u00d7${text}`;
  }
  return formatPercent(r, true);
}

/** A range such as an 80% interval: "$1.2k–$3.4k" (en dash). */
export function formatRange(lo: number, hi: number, format: ValueFormat, options: FormatOptions = {}): string {
  return `${formatValue(lo, format, options)}\u2013${formatValue(hi, format, options)}`;
}

/** A tick formatter for Plot axes in the given format. */
export function tickFormatter(format: ValueFormat, options: FormatOptions = {}): (value: number) => string {
  return (value: number) => formatValue(value, format, options);
}
