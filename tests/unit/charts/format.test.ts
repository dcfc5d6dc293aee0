// Expected strings are written out by hand from the rules in src/lib/charts/format.ts's
// doc comments (compact from a million, decimals, U+2212 minus, percentage points) and
// CLDR's locale data as Intl applies it (de-DE "1.234 €" with U+00A0, fr-FR groups with
// U+202F, ja-JP yen without minor units and 万 = 10^4 in compact notation).
import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatCurrency,
  formatDelta,
  formatNumber,
  formatPercent,
  formatRange,
  formatRelativeChange,
  formatValue,
  relativeChange,
  formatWholeMoney,
  currencySymbol,
  formatLocale,
  setFormatLocale,
  MINUS,
  MISSING
} from '$lib/charts/format';

describe('formatCurrency', () => {
  it('shows cents below 100 and whole units below a million, grouped', () => {
    expect(formatCurrency(12.5)).toBe('$12.50');
    expect(formatCurrency(427.4)).toBe('$427');
    expect(formatCurrency(1234)).toBe('$1,234');
    expect(formatCurrency(123_456)).toBe('$123,456');
    expect(formatCurrency(0)).toBe('$0'); // an axis origin reads "$0", not "$0.00"
    expect(formatCurrency(0.001)).toBe('$0.00'); // a tiny amount still shows it was rounded
    expect(formatCurrency(-0.001)).toBe('$0.00'); // and has no sign
  });
  it('goes compact from a million, three significant digits', () => {
    expect(formatCurrency(3_400_000)).toBe('$3.4M');
    expect(formatCurrency(1_234_567)).toBe('$1.23M');
    expect(formatCurrency(999_999.7)).toBe('$1M');
    expect(formatCurrency(2_000_000_000)).toBe('$2B');
    expect(formatCurrency(5.6e12)).toBe('$5.6T');
  });
  it('puts a typographic minus before the symbol and writes any ISO currency', () => {
    expect(formatCurrency(-1234)).toBe(`${MINUS}$1,234`);
    expect(formatCurrency(1500, { currency: 'EUR' })).toBe('€1,500');
    expect(formatCurrency(12.5, { currency: 'CHF' })).toBe('CHF\u00a012.50');
    expect(formatCurrency(12.5, { currency: 'BRL' })).toBe('R$12.50');
  });
  it('writes money as each locale does', () => {
    const de = { locale: 'de-DE', currency: 'EUR' };
    expect(formatCurrency(1234.5, de)).toBe('1.235\u00a0€');
    expect(formatCurrency(12.5, de)).toBe('12,50\u00a0€');
    expect(formatCurrency(-1234, de)).toBe(`${MINUS}1.234\u00a0€`);
    expect(formatCurrency(3_400_000, de)).toBe('3,4\u00a0Mio.\u00a0€');
    const fr = { locale: 'fr-FR', currency: 'EUR' };
    expect(formatCurrency(1234, fr)).toBe('1\u202f234\u00a0€');
    expect(formatCurrency(12.5, fr)).toBe('12,50\u00a0€');
    // JPY has no minor unit: 12.5 yen is ¥13, not ¥12.50; compact counts in 万 (10^4)
    const ja = { locale: 'ja-JP', currency: 'JPY' };
    expect(formatCurrency(12.5, ja)).toBe('￥13');
    expect(formatCurrency(1234, ja)).toBe('￥1,234');
    expect(formatCurrency(1_234_567, ja)).toBe('￥123万');
    expect(formatCurrency(12.5, { locale: 'en-US', currency: 'JPY' })).toBe('¥13');
  });
  it('prints an em dash for values that are not finite', () => {
    expect(formatCurrency(Number.NaN)).toBe(MISSING);
    expect(formatCurrency(Infinity)).toBe(MISSING);
  });
  it('writes whole money in full for budgets, and names the symbol', () => {
    expect(formatWholeMoney(12_345_678)).toBe('$12,345,678');
    expect(formatWholeMoney(-1739.26, { currency: 'EUR', locale: 'de-DE' })).toBe(`${MINUS}1.739\u00a0€`);
    expect(currencySymbol('EUR')).toBe('€');
    expect(currencySymbol('GBP')).toBe('£');
  });
});

describe('the locale', () => {
  it('is en-US without a navigator, and an explicit override wins until cleared', () => {
    expect(formatLocale()).toBe('en-US');
    setFormatLocale('de-DE');
    try {
      expect(formatCurrency(1234, { currency: 'EUR' })).toBe('1.234\u00a0€');
      expect(formatPercent(0.123)).toBe('12,3\u00a0%');
    } finally {
      setFormatLocale(null);
    }
    expect(formatCurrency(1234)).toBe('$1,234');
    expect(() => setFormatLocale('not a locale!')).toThrow(/invalid locale/);
  });
});

describe('formatPercent', () => {
  it('formats a share with one decimal, two below one percent', () => {
    expect(formatPercent(0.123)).toBe('12.3%');
    expect(formatPercent(0.004)).toBe('0.40%');
    expect(formatPercent(1)).toBe('100.0%');
  });
  it('groups thousands of percent and signs negatives', () => {
    expect(formatPercent(12.345)).toBe('1,235%');
    expect(formatPercent(-0.05)).toBe(`${MINUS}5.0%`);
  });
  it('does not print a negative zero', () => {
    expect(formatPercent(-0.000001)).toBe('0.00%');
  });
});

describe('formatCount and formatNumber', () => {
  it('groups whole counts and goes compact from a million', () => {
    expect(formatCount(12_345.4)).toBe('12,345');
    expect(formatCount(999_999)).toBe('999,999');
    expect(formatCount(2_345_678)).toBe('2.35M');
    expect(formatCount(2_345_678, false, { locale: 'de-DE' })).toBe('2,35\u00a0Mio.');
  });
  it('keeps three significant digits below 1000', () => {
    expect(formatNumber(0.12345)).toBe('0.123');
    expect(formatNumber(45.678)).toBe('45.7');
    expect(formatNumber(456.7)).toBe('457');
    expect(formatNumber(4567)).toBe('4,567');
    expect(formatNumber(4_567_000)).toBe('4.57M');
    expect(formatNumber(0.00012)).toBe('1.2E-4');
    expect(formatNumber(45.678, false, { locale: 'fr-FR' })).toBe('45,7');
  });
  it('dispatches on the format name and rejects an unknown one', () => {
    expect(formatValue(0.5, 'percent')).toBe('50.0%');
    expect(formatValue(1234, 'count')).toBe('1,234');
    expect(() => formatValue(1, 'euros' as never)).toThrow(/invalid value format: "euros"/);
  });
});

describe('signed deltas', () => {
  it('always carries a sign, except for zero', () => {
    expect(formatDelta(1234, 'currency')).toBe('+$1,234');
    expect(formatDelta(-1234, 'currency', { currency: 'EUR', locale: 'de-DE' })).toBe(`${MINUS}1.234\u00a0€`);
    expect(formatDelta(-340, 'count')).toBe(`${MINUS}340`);
    expect(formatDelta(0, 'count')).toBe('0');
    expect(formatDelta(0.0123, 'number')).toBe('+0.0123');
  });
  it('gives a difference of shares in percentage points', () => {
    expect(formatDelta(0.008, 'percent')).toBe('+0.80 pp');
    expect(formatDelta(-0.025, 'percent')).toBe(`${MINUS}2.5 pp`);
  });
  it('computes the relative change against the absolute baseline', () => {
    // (110 − 100) / 100 = 10%; (−90 − (−100)) / |−100| = +10% (less negative is up)
    expect(relativeChange(110, 100)).toBeCloseTo(0.1, 15);
    expect(relativeChange(-90, -100)).toBeCloseTo(0.1, 15);
    expect(relativeChange(5, 0)).toBeNull();
    expect(formatRelativeChange(110, 100)).toBe('+10.0%');
    expect(formatRelativeChange(1, 0)).toBe(MISSING);
  });
  it('shows a change above +1,000% as the ratio to the baseline', () => {
    // (value - baseline) / |baseline|: 1,000% exactly is still a percentage, just above is a ratio
    expect(formatRelativeChange(1100, 100)).toBe('+1,000%');
    expect(formatRelativeChange(1230, 100)).toBe('\u00d712.3');
    // the presenter slide read "+33,104% vs baseline": 331.04 times the baseline
    expect(formatRelativeChange(331.04, 1)).toBe('\u00d7331');
    expect(formatRelativeChange(1.885e6, 0.2128e6)).toBe('+785.8%');
    // a negative baseline falling further is a change of -1,130%, not a growth: no ratio
    expect(formatRelativeChange(-1230, -100)).toBe(`${MINUS}1,130%`);
    // across zero there is no ratio: the percentage stays
    expect(formatRelativeChange(1100, -100)).toBe('+1,200%');
    expect(formatRelativeChange(-2000, 100)).toBe(`${MINUS}2,100%`);
  });
  it('joins a range with an en dash', () => {
    expect(formatRange(1200, 3400, 'currency')).toBe('$1,200\u2013$3,400');
  });
});
