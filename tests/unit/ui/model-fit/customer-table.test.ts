import { describe, expect, it } from 'vitest';
import {
  customersIn,
  filterRows,
  NO_FILTER,
  scoreColumns,
  scoresCsv,
  segmentsOf,
  sortRows
} from '$lib/ui/model-fit/customer-table';
import type { CustomerScores } from '$lib/pipeline/customer-scores';

function scores(): CustomerScores {
  const f = (v: number[]) => Float64Array.from(v);
  return {
    customers: 4,
    groupCustomers: null,
    label: 'Pareto/NBD',
    model: 'paretonbd',
    horizonWeeks: 52,
    id: ['a', '=cmd()', 'c', 'd'],
    segment: ['vip', 'casual', 'vip', 'casual'],
    channel: ['x', 'y', 'x', 'y'],
    x: f([0, 3, 5, 1]),
    tx: f([0, 10, 20, 2]),
    T: f([30, 30, 30, 30]),
    m: f([0, 20, 30, 10]),
    pAlive: f([1, 0.2, 0.9, 0.1]),
    expected: f([0.5, 0.3, 2, 0.05]),
    expectedSpend: f([10, 6, 60, 0.5]),
    clvValue: f([40, 250, 300, 5])
  } as unknown as CustomerScores;
}

describe('the scored customer table', () => {
  it('keeps the win-back list: P(alive) < 0.3 and CLV > 200', () => {
    const s = scores();
    expect(Array.from(filterRows(s, { ...NO_FILTER, pAliveMax: 0.3, clvMin: 200 }))).toEqual([1]);
    expect(Array.from(filterRows(s, { ...NO_FILTER, segment: 'vip' }))).toEqual([0, 2]);
    expect(filterRows(s, NO_FILTER).length).toBe(4);
  });

  it('sorts by a number or a text column, either way, ties in the dataset order', () => {
    const s = scores();
    const all = filterRows(s, NO_FILTER);
    expect(Array.from(sortRows(s, all, 'clvValue', 'descending'))).toEqual([2, 1, 0, 3]);
    expect(Array.from(sortRows(s, all, 'pAlive', 'ascending'))).toEqual([3, 1, 2, 0]);
    expect(Array.from(sortRows(s, all, 'segment', 'ascending'))).toEqual([1, 3, 0, 2]);
    expect(segmentsOf(s)).toEqual(['casual', 'vip']);
  });

  it('exports the shown rows as CSV with units in the header and formula-looking ids neutralised', () => {
    const s = scores();
    const csv = scoresCsv(s, sortRows(s, filterRows(s, { ...NO_FILTER, pAliveMax: 0.3 }), 'clvValue', 'descending'));
    const lines = csv.trim().split('\r\n');
    // RFC 4180: the headers with a comma are quoted
    expect(lines[0]).toBe(
      'Customer,x (repeat purchases),t_x (weeks),T (weeks),Mean repeat spend,P(alive),' +
        '"Expected purchases, 52 wk","Expected spend, 52 wk",Residual CLV,Segment,Channel,Model'
    );
    expect(lines).toHaveLength(3);
    expect(lines[1].startsWith("'=cmd()")).toBe(true);
    expect(lines[1]).toContain(',0.2,');
    expect(lines[2].startsWith('d,')).toBe(true);
  });
});

describe('the scored table of a compressed summary', () => {
  it('shows groups: named as groups, with their customer count column, and counts the customers behind the rows', () => {
    const s = { ...scores(), groupCustomers: Float64Array.from([400, 40, 25, 1]) } as CustomerScores;
    const columns = scoreColumns(s);
    expect(columns.slice(0, 2).map((c) => c.label)).toEqual(['Group', 'Customers in group']);
    expect(customersIn(s, Int32Array.from([0, 2]))).toBe(425);
    expect(Array.from(sortRows(s, Int32Array.from([0, 1, 2, 3]), 'groupCustomers', 'ascending'))).toEqual([3, 2, 1, 0]);
    // the count follows the group's name in the CSV too (the name neutralised for spreadsheets, files/csv.ts)
    expect(scoresCsv(s, Int32Array.from([1])).split('\r\n')[1]).toBe(
      "'=cmd(),40,3,10,30,20,0.2,0.3,6,250,casual,y,Pareto/NBD"
    );
  });
});
