// A disabled Import button always names what is missing.
import { describe, expect, it } from 'vitest';
import { dateWarning, importBlockers, type ImportState } from '$lib/ui/data/import-blockers';
import { guessColumns } from '$lib/data/import/columns';
import { sniffText } from '$lib/data/import/sniff';
import type { SniffAnswer } from '$lib/workers/import-protocol';

function state(text: string, over: Partial<ImportState> = {}, answer: Partial<SniffAnswer> = {}): ImportState {
  const sniffed = sniffText(text, true);
  const guess = guessColumns(sniffed.header, sniffed.sampleRows);
  const sniff: SniffAnswer = {
    sniffed,
    guess,
    format: 'text',
    lineName: 'line',
    summary: null,
    problem: null,
    ...answer
  };
  return {
    sniff,
    kind: 'transactions',
    name: 'shop',
    mapping: { ...guess.mapping },
    dateFormat: guess.date.format,
    unit: null,
    ...over
  };
}

describe('importBlockers', () => {
  it('is empty when the import can start', () => {
    expect(importBlockers(state('customer,date,amount\nA,2020-01-02,3\n'))).toEqual([]);
  });

  it('names unreadable dates with the first bad value and its line', () => {
    const s = state('customer,date,amount\nA,12/11/2020,3\nB,13/13/2020,1\nC,31/31/2020,2\n');
    expect(importBlockers(s)).toEqual([
      "dates in column 'date' could not be read: e.g. '13/13/2020' on line 3 (tried YYYY-MM-DD, YYYYMMDD, DD/MM/YYYY and MM/DD/YYYY); choose a date format to import the rows it reads (the others are rejected and listed)"
    ]);
  });

  it('asks for the date order when day and month cannot be told apart', () => {
    const s = state('customer,date\nA,01/02/2020\nB,03/04/2020\n');
    expect(importBlockers(s)).toEqual(["say which date order column 'date' uses (day/month/year or month/day/year)"]);
    expect(importBlockers({ ...s, dateFormat: 'dmy' })).toEqual([]);
  });

  it('names missing columns, a missing name and a file problem', () => {
    const s = state('customer,date\nA,2020-01-01\n');
    expect(importBlockers({ ...s, name: ' ', mapping: { ...s.mapping, customerId: -1, date: -1 } })).toEqual([
      'give the dataset a name',
      'choose a column for: Customer id, Date'
    ]);
    expect(importBlockers(state('customer,date\n', {}, { problem: 'the file has a header but no rows' }))).toContain(
      'the file has a header but no rows'
    );
  });

  it('asks a summary for its time unit and lists the problems of its first rows', () => {
    const s = state(
      'customer_id,frequency,recency,T\nA,1,2,3\n',
      { kind: 'summary' },
      {
        summary: {
          layout: 'lifetimes',
          label: '',
          unit: null,
          unitFrom: null,
          hasDates: false,
          problems: ["line 2, column 'recency': -1 is negative"]
        }
      }
    );
    expect(importBlockers(s)).toEqual([
      "line 2, column 'recency': -1 is negative",
      'say which time unit recency and T are counted in (days, weeks or months)'
    ]);
  });

  it('warns, without blocking, of a sample date the chosen format cannot read', () => {
    const s = state('customer,date\nA,2020-01-01\nB,2020-01-02\nC,2020-01-03\nD,2020-01-04\nE,2020/31/01\n');
    expect(importBlockers(s)).toEqual([]);
    expect(dateWarning(s)).toBe(
      "'2020/31/01' on line 6 is not a YYYY-MM-DD date: rows like it will be rejected (and listed)"
    );
  });
});

describe('importBlockers for a compressed summary', () => {
  const header = 'part,x,t_x,T,customers,calibration_end\nrfm,1,3,9,4,2024-06-30\n';
  const compressed = {
    groups: 1,
    spendRows: 0,
    customers: 4,
    calibrationEnd: '2024-06-30',
    holdoutEnd: '',
    problems: [] as string[]
  };
  it('needs nothing more (no mapping, no unit) when the first rows are good', () => {
    expect(importBlockers(state(header, { kind: 'compressed' }, { compressed }))).toEqual([]);
  });
  it("lists the first rows' problems, each naming its row", () => {
    const problems = ["line 3, column 'customers': '2.5' is not a whole number of customers >= 1"];
    expect(importBlockers(state(header, { kind: 'compressed' }, { compressed: { ...compressed, problems } }))).toEqual(
      problems
    );
  });
  it('says so when the file chosen as compressed is not one', () => {
    expect(importBlockers(state('customer,date\nA,2024-01-02\n', { kind: 'compressed' }))).toEqual([
      'the file is not a compressed summary: its header needs the columns part, x, t_x, T, customers and calibration_end (sql/README.md)'
    ]);
  });
});
