import { describe, expect, it } from 'vitest';
import {
  datesFromSummaryDate,
  inferSummaryUnit,
  notSummaryMessage,
  parseSummaryCsv,
  parseSummaryJson,
  summaryProblemsMessage,
  summaryToCsv
} from '$lib/data/import/summary-file';
import { datasetSummaryCsv, datasetSummaryJson } from '$lib/data/export/dataset-summary';
import { generateSample } from '$lib/data/sample';
import { toCustomerSummaries } from '$lib/data/sample/tables';
import { bgnbdOf } from './format-files';
import { summarize } from '$lib/data/summarize';
import { table } from '../fixtures';
import type { CustomerSummary } from '$lib/data/types';

describe('summary CSV', () => {
  it('round-trips the summariser output through the CSV the SQL produces', () => {
    const s = summarize(table(), { calibrationEnd: '2011-01-31' });
    const back = parseSummaryCsv(summaryToCsv(s.customers));
    expect(back.rejects).toEqual([]);
    // the summary CSV has no channel column
    const withoutChannel = (c: CustomerSummary) => ({ ...c, channel: '' });
    expect(back.customers).toEqual(s.customers.map(withoutChannel));
  });

  it('reads NULL holdout columns as NaN (no holdout) and optional columns when present', () => {
    const f = parseSummaryCsv('customer_id,x,t_x,T,m,x_holdout,segment\r\nA,1,2.5,10,3.2,,vip\r\n');
    expect(f.customers[0]).toMatchObject({ id: 'A', x: 1, tx: 2.5, T: 10, m: 3.2, segment: 'vip', treatment: -1 });
    expect(f.customers[0].xHoldout).toBeNaN();
  });

  it('lists every row that cannot be a customer with its line and column', () => {
    const f = parseSummaryCsv('customer_id,x,t_x,T\nA,1,2,10\nB,-1,0,3\nC,0,1,3\nD,2,5,4\n,0,0,1\nA,0,0,2\n');
    expect(f.customers.map((c) => c.id)).toEqual(['A']);
    expect(f.rejects.map((r) => [r.line, r.reason])).toEqual([
      [3, "line 3, column 'x': '-1' is not a whole number >= 0"],
      [4, "line 4, column 't_x': 1 with no repeat purchase ('x' 0): must be 0"],
      [
        5,
        "line 5, column 't_x': 5 is greater than 'T' (4): the last purchase cannot come after the end of the observation"
      ],
      [6, "line 6, column 'customer_id': no customer id"],
      [7, "line 7, column 'customer_id': customer 'A' appears twice (first on line 2)"]
    ]);
  });

  it('names the columns a summary needs when the header has neither layout', () => {
    expect(() => parseSummaryCsv('customer_id,x,T\nA,1,2\n')).toThrow(
      /not a customer summary: missing column 't_x' .*found customer_id, x, T\)/
    );
  });

  it('says a summary with a header and no rows has no rows', () => {
    expect(() => parseSummaryCsv('customer_id,frequency,recency,T,monetary_value\n')).toThrow(
      'the file has a header but no rows'
    );
  });
});

describe('summary layouts', () => {
  const sample = () => {
    const { columns, meta } = generateSample({
      preset: 'music',
      customers: 400,
      seed: 3,
      createdAt: '2026-01-01T00:00:00Z'
    });
    return { meta, customers: toCustomerSummaries(columns) };
  };

  it("round-trips the Data page's CSV export (column id): same customers, same BG/NBD fit to 1e-9", () => {
    const { customers } = sample();
    // an id a spreadsheet would run as a formula is exported as text ('=...) and read back as it was
    customers[0] = { ...customers[0], id: '=HYPERLINK("x")' };
    const back = parseSummaryCsv(datasetSummaryCsv(customers));
    expect(back.layout).toBe('lever-lab');
    expect(back.rejects).toEqual([]);
    expect(back.customers).toEqual(customers);
    expect(back.hasDates).toBe(true);
    expect(back.unit).toBe('week'); // read off first/last dates against t_x
    const a = bgnbdOf(customers);
    const b = bgnbdOf(back.customers);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(Math.abs(a[k] - b[k])).toBeLessThan(1e-9);
  });

  it("round-trips the Data page's JSON export, unit and name included", () => {
    const { meta, customers } = sample();
    const back = parseSummaryJson(datasetSummaryJson({ ...meta, unit: 'week' }, customers, '2026-01-01T00:00:00Z'));
    expect(back.customers).toEqual(customers);
    expect(back.unit).toBe('week');
    expect(back.name).toBe(meta.name);
    const a = bgnbdOf(customers);
    const b = bgnbdOf(back.customers);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(Math.abs(a[k] - b[k])).toBeLessThan(1e-9);
  });

  it('reads the lifetimes / PyMC-Marketing layout: frequency = x, recency = t_x, monetary_value = m', () => {
    const f = parseSummaryCsv(
      'customer_id,frequency,recency,T,monetary_value\r\n00004,2,30.43,38.86,22.35\r\n00021,0,0.0,38.86,0.0\r\n'
    );
    expect(f.layout).toBe('lifetimes');
    expect(f.customers.map((c) => [c.id, c.x, c.tx, c.T, c.m])).toEqual([
      ['00004', 2, 30.43, 38.86, 22.35],
      ['00021', 0, 0, 38.86, 0]
    ]);
    expect(f.hasDates).toBe(false);
    expect(f.unit).toBeNull();
    expect(f.customers[0].firstDate).toBe('');
  });

  it('reads money as the file writes it: "1.234,50 €" in a semicolon file, "$1,234.50", or the mark given', () => {
    // a European export: semicolons, decimal comma, a currency sign; counts and times stay plain
    const eu = parseSummaryCsv(
      'customer_id;frequency;recency;T;monetary_value\nA;2;30;38;1.234,50 €\nB;1;10;38;22,35 €\n'
    );
    expect(eu.rejects).toEqual([]);
    expect(eu.customers.map((c) => c.m)).toEqual([1234.5, 22.35]);
    const us = parseSummaryCsv(
      'customer_id,frequency,recency,T,monetary_value\nA,2,30,38,"$1,234.50"\nB,1,10,38,$22.35\n'
    );
    expect(us.customers.map((c) => c.m)).toEqual([1234.5, 22.35]);
    // "1.234" reads as either: the detected point unless the person says comma
    const text = 'customer_id,frequency,recency,T,monetary_value\nA,2,30,38,1.234\n';
    expect(parseSummaryCsv(text).customers[0].m).toBe(1.234);
    expect(parseSummaryCsv(text, { decimal: 'comma' }).customers[0].m).toBe(1234);
  });

  it('reads an unnamed pandas index as the customer id', () => {
    const f = parseSummaryCsv(
      ',frequency,recency,T,monetary_value,frequency_holdout,monetary_value_holdout\nA,1,2,3,4,2,5.5\n'
    );
    expect(f.customers[0]).toMatchObject({ id: 'A', x: 1, tx: 2, T: 3, m: 4, xHoldout: 2, holdoutSpend: 11 });
  });

  it('numbers the customers by row when the file has no id column', () => {
    const f = parseSummaryCsv('frequency,recency,T\n1,2,3\n0,0,5\n');
    expect(f.customers.map((c) => c.id)).toEqual(['row 2', 'row 3']);
  });

  it('works out first and last purchase dates from the day the summary was taken', () => {
    const f = parseSummaryCsv('customer_id,frequency,recency,T\nA,2,3,10\nB,0,0,1\n');
    datesFromSummaryDate(f.customers, '2020-03-11', 'week');
    expect(f.customers.map((c) => [c.firstDate, c.lastDate])).toEqual([
      ['2020-01-01', '2020-01-22'],
      ['2020-03-04', '2020-03-04']
    ]);
  });

  it('infers days, weeks and months from dates, and nothing from dates that fit none', () => {
    const c = (tx: number, first: string, last: string) => ({ tx, firstDate: first, lastDate: last });
    expect(inferSummaryUnit([c(14, '2020-01-01', '2020-01-15')])).toBe('day');
    expect(inferSummaryUnit([c(2, '2020-01-01', '2020-01-15')])).toBe('week');
    expect(inferSummaryUnit([c(1, '2020-01-01', '2020-01-31')])).toBe('month');
    expect(inferSummaryUnit([c(3, '2020-01-01', '2020-01-15')])).toBeNull();
    expect(inferSummaryUnit([c(0, '2020-01-01', '2020-01-01')])).toBeNull();
  });

  it('names the columns a lifetimes summary needs', () => {
    expect(notSummaryMessage(['customer_id', 'frequency', 'T'])).toBe(
      "not a customer summary: missing column 'recency' (a summary has frequency, recency, T[, monetary_value] as lifetimes / PyMC-Marketing write it, or x, t_x, T[, m]; found customer_id, frequency, T)"
    );
  });

  it('says how many rows cannot be customers and lists the first three', () => {
    const f = parseSummaryCsv('customer_id,frequency,recency,T\nA,-1,0,1\nB,1,-1,1\nC,1,5,1\nD,x,0,1\nE,1,1,2\n');
    expect(summaryProblemsMessage(f)).toBe(
      "4 rows of the summary cannot be customers, so nothing was imported: line 2, column 'frequency': '-1' is not a whole number >= 0; line 3, column 'recency': -1 is negative (ages are measured from the first purchase); line 4, column 'recency': 5 is greater than 'T' (1): the last purchase cannot come after the end of the observation; and 1 more row"
    );
  });
});
