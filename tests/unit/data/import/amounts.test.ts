// Expected values are the amounts as a reader of each convention reads them: CLDR's
// decimal and group symbols (en-US "1,234.50", de-DE "1.234,50", fr-FR "1 234,50" with
// U+202F, de-CH "1'234.50"), accounting parentheses, Indian lakh grouping (en-IN "12,34,567").
import { describe, expect, it } from 'vitest';
import { currencyOf, detectDecimalMark, isCurrencyCode, parseAmount, readAmount } from '$lib/data/import/amounts';

describe('parseAmount', () => {
  it('reads a decimal point with comma, space and apostrophe groups', () => {
    expect(parseAmount('1234.50', 'point')).toBe(1234.5);
    expect(parseAmount('$1,234.50', 'point')).toBe(1234.5);
    expect(parseAmount('1,234,567.89', 'point')).toBe(1234567.89);
    expect(parseAmount("CHF 1'234.50", 'point')).toBe(1234.5);
    expect(parseAmount('1\u2019234.50', 'point')).toBe(1234.5);
    expect(parseAmount('12,34,567.00', 'point')).toBe(1234567);
    expect(parseAmount('.5', 'point')).toBe(0.5);
    expect(parseAmount('1.5e3', 'point')).toBe(1500);
  });
  it('reads a decimal comma with point, space, NBSP and narrow NBSP groups', () => {
    expect(parseAmount('1.234,50 €', 'comma')).toBe(1234.5);
    expect(parseAmount('1 234,50', 'comma')).toBe(1234.5);
    expect(parseAmount('1\u00a0234,50\u00a0€', 'comma')).toBe(1234.5);
    expect(parseAmount('1\u202f234\u202f567,25\u202f€', 'comma')).toBe(1234567.25);
    expect(parseAmount('12,5', 'comma')).toBe(12.5);
    expect(parseAmount('EUR 99,99', 'comma')).toBe(99.99);
  });
  it('reads "1.234" and "1,234" by the confirmed mark', () => {
    expect(parseAmount('1.234', 'point')).toBe(1.234);
    expect(parseAmount('1.234', 'comma')).toBe(1234);
    expect(parseAmount('1,234', 'point')).toBe(1234);
    expect(parseAmount('1,234', 'comma')).toBe(1.234);
  });
  it('reads negatives: minus before or after, U+2212, parentheses, around the currency', () => {
    expect(parseAmount('(1,234.50)', 'point')).toBe(-1234.5);
    expect(parseAmount('($1,234.50)', 'point')).toBe(-1234.5);
    expect(parseAmount('-$12.00', 'point')).toBe(-12);
    expect(parseAmount('$-12.00', 'point')).toBe(-12);
    expect(parseAmount('\u22121.234,50 €', 'comma')).toBe(-1234.5);
    expect(parseAmount('12,50-', 'comma')).toBe(-12.5);
    expect(parseAmount('+7', 'point')).toBe(7);
    expect(Object.is(parseAmount('-0', 'point'), 0)).toBe(true);
  });
  it('takes currency codes and symbols before or after the number', () => {
    expect(readAmount('1.234,50 €', 'comma')).toEqual({ value: 1234.5, currency: '€' });
    expect(readAmount('€1,234.50', 'point')).toEqual({ value: 1234.5, currency: '€' });
    expect(readAmount('1234.50 USD', 'point')).toEqual({ value: 1234.5, currency: 'USD' });
    expect(readAmount('R$ 1.234,50', 'comma')).toEqual({ value: 1234.5, currency: 'R$' });
    expect(readAmount('1 234,50 kr', 'comma')).toEqual({ value: 1234.5, currency: 'kr' });
    expect(readAmount('¥1,235', 'point')).toEqual({ value: 1235, currency: '¥' });
  });
  it('rejects what it cannot read for sure (NaN, never a guess)', () => {
    for (const bad of [
      '',
      '   ',
      'abc',
      '1.234,50', // a decimal comma number under the point
      '1,23', // comma groups of two are no grouping
      '1,2345.00',
      '1.234.5', // two decimal points
      '1,234 567.00', // two kinds of group separator
      '--5',
      '(-5)',
      '€5 $',
      '0x10',
      'Infinity',
      '12 34'
    ])
      expect(parseAmount(bad, 'point'), bad).toBeNaN();
    for (const bad of ['1,234.50', '$1,234.50', '1.23,4', '1.2.3,4']) expect(parseAmount(bad, 'comma'), bad).toBeNaN();
  });
});

describe('detectDecimalMark', () => {
  it('settles on the mark that reads every value', () => {
    const de = detectDecimalMark(['1.234,50 €', '12,00 €', '3,10 €']);
    expect(de).toMatchObject({ mark: 'comma', ambiguous: false, example: '1.234,50 €', currency: 'EUR' });
    const us = detectDecimalMark(['$1,234.50', '$12.00']);
    expect(us).toMatchObject({ mark: 'point', ambiguous: false, currency: 'USD' });
  });
  it('asks when every value reads both ways as different numbers', () => {
    const d = detectDecimalMark(['1.234', '2.500']);
    expect(d).toMatchObject({ mark: 'point', ambiguous: true, example: '1.234' });
    expect(detectDecimalMark(['1.234'], 'comma').mark).toBe('comma');
  });
  it('is not ambiguous for whole numbers and names no currency for mixed ones', () => {
    expect(detectDecimalMark(['12', '40'])).toMatchObject({ ambiguous: false, currency: null });
    expect(detectDecimalMark(['€12', '$40']).currency).toBeNull();
  });
});

describe('currency codes', () => {
  it('knows ISO codes and maps symbols through Intl', () => {
    expect(isCurrencyCode('EUR')).toBe(true);
    expect(isCurrencyCode('chf')).toBe(true);
    expect(isCurrencyCode('XYZ')).toBe(false);
    expect(isCurrencyCode('EURO')).toBe(false);
    expect(currencyOf('€')).toBe('EUR');
    expect(currencyOf('$')).toBe('USD');
    expect(currencyOf('£')).toBe('GBP');
    expect(currencyOf('₹')).toBe('INR');
    expect(currencyOf('CHF')).toBe('CHF');
    expect(currencyOf('kr')).toBeNull();
  });
});
