import { describe, expect, it } from 'vitest';
import { summarize } from '$lib/data/summarize';
import { toRfmData, toSpendData } from '$lib/data/rfm-data';
import { expectedTracking, trackRepeatTransactions } from '$lib/data/summarize-tracking';
import { tableFromRows } from '$lib/data/import/table-builder';
import { day, table } from './fixtures';

// Expected values are worked out by hand from the fixture (see fixtures.ts) with the
// conventions of Fader, Hardie & Lee (2005) section 4 / shared/data/README.md.
describe('summarize', () => {
  const s = summarize(table(), { calibrationEnd: '2011-01-31', unit: 'week' });
  const byId = Object.fromEntries(s.customers.map((c) => [c.id, c]));

  it('merges same-day purchases into one transaction with the spend summed', () => {
    expect(byId.A.firstSpend).toBe(15);
    expect(byId.A.x).toBe(2); // 01-08 and 01-15; the two 01-01 rows are the first purchase
  });

  it('measures t_x and T in weeks from the first purchase to the last calibration purchase and to the calibration end', () => {
    expect(byId.A.tx).toBe(14 / 7);
    expect(byId.A.T).toBe(30 / 7);
    expect(byId.D.T).toBe(21 / 7);
  });

  it('takes m as the mean net repeat spend, first purchase excluded, with same-day returns netted', () => {
    expect(byId.A.m).toBe((20 + 30 - 10) / 2);
  });

  it('counts holdout transaction days and spend after the calibration end', () => {
    expect(byId.A.xHoldout).toBe(1);
    expect(byId.A.holdoutSpend).toBe(40);
    expect(s.holdoutEnd).toBe('2011-02-05');
    expect(s.holdoutLength).toBe(5 / 7);
  });

  it('excludes customers first seen after the calibration end and reports how many', () => {
    expect(byId.B).toBeUndefined();
    expect(s.excludedAfterCalibration).toBe(1);
    expect(s.customers.map((c) => c.id)).toEqual(['A', 'D', 'C']);
  });

  it('does not count a return-only day as a transaction', () => {
    expect(byId.D).toMatchObject({ x: 0, tx: 0, m: 0, firstSpend: 8, lastDate: '2011-01-10' });
  });

  it('gives a customer first seen on the calibration end T = 0', () => {
    expect(byId.C).toMatchObject({ x: 0, tx: 0, T: 0, firstDate: '2011-01-31' });
  });

  it('keeps the channel of the first row and dates as YYYY-MM-DD', () => {
    expect(byId.A).toMatchObject({ channel: 'search', firstDate: '2011-01-01', lastDate: '2011-02-05' });
  });

  it('has no holdout (NaN) when calibration runs to the last date, and days/months as units', () => {
    const all = summarize(table(), { unit: 'day' });
    expect(all.holdoutEnd).toBeNull();
    expect(all.customers.find((c) => c.id === 'A')!.xHoldout).toBeNaN();
    expect(all.customers.find((c) => c.id === 'A')!.T).toBe(35);
    const months = summarize(table(), { calibrationEnd: '2011-01-31', unit: 'month' });
    expect(months.customers[0].T).toBeCloseTo(30 / (365.25 / 12), 14);
  });

  it('rejects a bad calibration end and a bad unit with the value in the message', () => {
    expect(() => summarize(table(), { calibrationEnd: '2010-12-31' })).toThrow(
      /2010-12-31 is before the first transaction/
    );
    expect(() => summarize(table(), { calibrationEnd: '31/01/2011' })).toThrow(/'31\/01\/2011'/);
    expect(() => summarize(table(), { unit: 'fortnight' as never })).toThrow(/'fortnight'/);
  });

  it('leaves m = 0 and spend NaN when the data has no amounts', () => {
    const t = tableFromRows([
      { customerId: 'a', day: day('2011-01-01') },
      { customerId: 'a', day: day('2011-01-03') }
    ]);
    const c = summarize(t, { unit: 'day' }).customers[0];
    expect(c).toMatchObject({ x: 1, tx: 2, T: 2, m: 0 });
    expect(c.firstSpend).toBeNaN();
  });
});

describe('toRfmData and toSpendData', () => {
  const s = summarize(table(), { calibrationEnd: '2011-01-31', unit: 'week' });

  it('compresses to distinct (x, t_x, T) triples, leaving out T = 0 customers', () => {
    const rfm = toRfmData([...s.customers, { ...s.customers[0], id: 'A2' }]);
    expect(rfm.customers).toBe(3); // A, A2 (same triple as A), D; C has T = 0
    expect(rfm.length).toBe(2);
    // in ascending (x, t_x, T): D's triple, then A's (twice)
    expect(Array.from(rfm.count)).toEqual([1, 2]);
  });

  it('keeps only customers with repeat purchases and positive spend for Gamma-Gamma', () => {
    const spend = toSpendData(s.customers);
    expect(spend.customers).toBe(1);
    expect(Array.from(spend.m)).toEqual([20]);
  });
});

describe('tracking cumulative repeat transactions', () => {
  const { series, cohort } = trackRepeatTransactions(table(), { calibrationEnd: '2011-01-31' });

  it('counts the actual repeat transaction days of the calibration cohort by week', () => {
    // A repeats on 01-08 (week 2), 01-15 (week 3), 02-05 (week 6); B is not in the cohort
    expect(series.actual).toEqual([0, 1, 2, 2, 2, 3]);
    expect(series.endDates).toEqual([
      '2011-01-07',
      '2011-01-14',
      '2011-01-21',
      '2011-01-28',
      '2011-02-04',
      '2011-02-11'
    ]);
    expect(series.calibrationPeriods).toBe(4);
  });

  it('sums E[X(t - birth)] over customers grouped by first-purchase day', () => {
    // a Poisson model with 0.5 purchases a week has E[X(t)] = 0.5 t (closed form)
    const poisson = { expectedTransactions: (p: { rate: number }, t: number) => p.rate * t };
    const expected = expectedTracking(cohort, poisson, { rate: 0.5 }, 7);
    expect(Array.from(cohort.customers)).toEqual([1, 1, 1]); // births 01-01 (A), 01-10 (D), 01-31 (C)
    expect(expected[0]).toBeCloseTo((0.5 * 6) / 7, 14); // only A, 6 days old at 01-07
    expect(expected[4]).toBeCloseTo((0.5 * (34 + 25 + 4)) / 7, 14); // at 02-04: A 34, D 25, C 4 days
  });
});
