// Expected strings are written out by hand from the rules in src/lib/charts/format.ts's
// doc comments (compact suffix thresholds, decimals, U+2212 minus, percentage points).
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
  MINUS,
  MISSING
} from '$lib/charts/format';

describe('formatCurrency', () => {
  it('shows cents below 100 and whole units below 1000', () => {
    expect(formatCurrency(12.5)).toBe('$12.50');
    expect(formatCurrency(427.4)).toBe('$427');
    expect(formatCurrency(0)).toBe('$0'); // an axis origin reads "$0", not "$0.00"
    expect(formatCurrency(0.001)).toBe('$0.00'); // a tiny amount still shows it was rounded
  });
  it('uses compact suffixes with one decimal below 100 units of the suffix', () => {
    expect(formatCurrency(1234)).toBe('$1.2k');
    expect(formatCurrency(12_345)).toBe('$12.3k');
    expect(formatCurrency(123_456)).toBe('$123k');
    expect(formatCurrency(3_400_000)).toBe('$3.4M');
    expect(formatCurrency(2_000_000_000)).toBe('$2B');
    expect(formatCurrency(5.6e12)).toBe('$5.6T');
  });
  it('moves to the next suffix when rounding reaches 1000 of a unit', () => {
    expect(formatCurrency(999_960)).toBe('$1M');
    expect(formatCurrency(999.7)).toBe('$1k');
  });
  it('puts a typographic minus before the symbol and honours another symbol', () => {
    expect(formatCurrency(-1234)).toBe(`${MINUS}$1.2k`);
    expect(formatCurrency(1500, { currencySymbol: '€' })).toBe('€1.5k');
  });
  it('prints an em dash for values that are not finite', () => {
    expect(formatCurrency(Number.NaN)).toBe(MISSING);
    expect(formatCurrency(Infinity)).toBe(MISSING);
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
    expect(formatCount(2_345_678)).toBe('2.3M');
  });
  it('keeps three significant digits below 1000', () => {
    expect(formatNumber(0.12345)).toBe('0.123');
    expect(formatNumber(45.678)).toBe('45.7');
    expect(formatNumber(456.7)).toBe('457');
    expect(formatNumber(4567)).toBe('4.6k');
    expect(formatNumber(0.00012)).toBe('1.2e-4');
  });
  it('dispatches on the format name and rejects an unknown one', () => {
    expect(formatValue(0.5, 'percent')).toBe('50.0%');
    expect(formatValue(1234, 'count')).toBe('1,234');
    expect(() => formatValue(1, 'euros' as never)).toThrow(/invalid value format: "euros"/);
  });
});

describe('signed deltas', () => {
  it('always carries a sign, except for zero', () => {
    expect(formatDelta(1234, 'currency')).toBe('+$1.2k');
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
    expect(formatRange(1200, 3400, 'currency')).toBe('$1.2k\u2013$3.4k');
  });
});
