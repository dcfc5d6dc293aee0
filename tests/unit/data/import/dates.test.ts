import { describe, expect, it } from 'vitest';
import {
  civilFromDays,
  daysFromCivil,
  detectDateFormat,
  formatDay,
  parseDay,
  parseIsoDateOption
} from '$lib/data/import/dates';

// Independent closed form: Date.UTC counts milliseconds since 1970-01-01 in the proleptic Gregorian calendar.
const utcDays = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;

describe('calendar days', () => {
  it('days-from-civil agrees with Date.UTC across leap years and centuries', () => {
    for (const [y, m, d] of [
      [1970, 1, 1],
      [1997, 9, 30],
      [2000, 2, 29],
      [1900, 3, 1],
      [2100, 12, 31],
      [1601, 1, 1]
    ]) {
      expect(daysFromCivil(y, m, d)).toBe(utcDays(y, m, d));
      expect(civilFromDays(utcDays(y, m, d))).toEqual({ year: y, month: m, day: d });
    }
  });

  it('formats a day number back to YYYY-MM-DD', () => {
    expect(formatDay(utcDays(1997, 9, 30))).toBe('1997-09-30');
  });
});

describe('parseDay', () => {
  it('reads ISO dates with and without a time, and with slashes', () => {
    const day = utcDays(2010, 12, 1);
    expect(parseDay('2010-12-01', 'iso')).toBe(day);
    expect(parseDay('2010-12-01 08:26:00', 'iso')).toBe(day);
    expect(parseDay('2010-12-01T08:26', 'iso')).toBe(day);
    expect(parseDay('2010/12/1', 'iso')).toBe(day);
  });

  it('reads YYYYMMDD (CDNOW) and D/M/Y vs M/D/Y', () => {
    expect(parseDay('19970101', 'ymd8')).toBe(utcDays(1997, 1, 1));
    expect(parseDay('1/12/2010', 'dmy')).toBe(utcDays(2010, 12, 1));
    expect(parseDay('12/1/2010 8:26', 'mdy')).toBe(utcDays(2010, 12, 1));
    expect(parseDay('31.12.2010', 'dmy')).toBe(utcDays(2010, 12, 31));
  });

  it('rejects impossible calendar dates and wrong shapes with NaN', () => {
    expect(parseDay('2019-02-29', 'iso')).toBeNaN();
    expect(parseDay('2020-02-29', 'iso')).toBe(utcDays(2020, 2, 29));
    expect(parseDay('19971301', 'ymd8')).toBeNaN();
    expect(parseDay('2010-12-01x', 'iso')).toBeNaN();
    expect(parseDay('13/13/2010', 'dmy')).toBeNaN();
    expect(parseDay('', 'iso')).toBeNaN();
  });

  it('strict option dates name the option and the value', () => {
    expect(() => parseIsoDateOption('1997-9-30', 'calibration end')).toThrow(/calibration end: '1997-9-30'/);
  });
});

describe('detectDateFormat', () => {
  it('decides D/M/Y when a first part exceeds 12', () => {
    expect(detectDateFormat(['01/02/2011', '25/02/2011'])).toEqual({
      format: 'dmy',
      ambiguous: false,
      candidates: ['dmy']
    });
  });

  it('decides M/D/Y when a second part exceeds 12', () => {
    expect(detectDateFormat(['02/01/2011', '02/25/2011']).format).toBe('mdy');
  });

  it('reports both candidates when no sample value can decide', () => {
    expect(detectDateFormat(['01/02/2011', '03/04/2011'])).toEqual({
      format: null,
      ambiguous: true,
      candidates: ['dmy', 'mdy']
    });
  });

  it('recognises ISO and YYYYMMDD and ignores blanks', () => {
    expect(detectDateFormat(['2011-01-02', '', '2011-12-31 10:00']).format).toBe('iso');
    expect(detectDateFormat(['19970101', '19970218']).format).toBe('ymd8');
    expect(detectDateFormat(['hello'])).toEqual({ format: null, ambiguous: false, candidates: [] });
  });
});
