// The compressed summary reader: told from a per-customer summary by its columns, groups with
// their counts, and bad rows refused with the row and column named.
import { describe, expect, it } from 'vitest';
import { compressedProblemsMessage, parseCompressedCsv } from '$lib/data/import/compressed-file';
import { firstPurchaseWeeks, groupRows } from '$lib/data/compressed-summary';

const HEADER =
  'part,segment,channel,x,t_x,T,x_holdout,m,customers,m_sum,m_sumsq,first_spend_sum,holdout_spend_sum,calibration_end,holdout_end';
const ROWS = [
  'rfm,,,0,0,14,0,,120,0,0,1200,0,2024-06-30,2024-12-29',
  'rfm,,,2,7,14,1,,3,60,1250,30,25,2024-06-30,2024-12-29'
];
const csv = (rows: string[]) => [HEADER, ...rows].join('\n') + '\n';

describe('parseCompressedCsv', () => {
  it('reads groups with their counts and the split', () => {
    const f = parseCompressedCsv(
      csv([
        ...ROWS.slice(0, 2),
        'spend,,,2,,,,20,1,,,,,2024-06-30,2024-12-29',
        'spend,,,2,,,,25,2,,,,,2024-06-30,2024-12-29'
      ])
    );
    expect(f.problems).toBe(0);
    expect(f.customers).toBe(123);
    expect(f.calibrationEnd).toBe('2024-06-30');
    expect(f.holdoutEnd).toBe('2024-12-29');
    expect(f.groups[1]).toMatchObject({ x: 2, txDays: 7, TDays: 14, xHoldout: 1, customers: 3, mSum: 60 });
    expect(f.spend.map((s) => [s.x, s.m, s.customers])).toEqual([
      [2, 20, 1],
      [2, 25, 2]
    ]);
    // the table view: mean and spread of m per group, first purchase = calibration end - T days
    const rows = groupRows(f, 'week');
    expect(rows[1]).toMatchObject({ customers: 3, x: 2, tx: 1, T: 2, m: 20, firstDate: '2024-06-16' });
    expect(rows[1].mSd).toBeCloseTo(Math.sqrt(1250 / 3 - 400), 12);
    // 2024-06-16 is a Sunday: its ISO week starts on Monday 2024-06-10
    expect(firstPurchaseWeeks(f)).toEqual([{ weekStart: '2024-06-10', customers: 123 }]);
  });

  it.each([
    ['a non-integer count', 'rfm,,,2,7,14,1,,2.5,60,1250,30,25,2024-06-30,2024-12-29', "column 'customers'"],
    ['a zero count', 'rfm,,,2,7,14,1,,0,60,1250,30,25,2024-06-30,2024-12-29', "column 'customers'"],
    ['a negative x', 'rfm,,,-1,0,14,1,,2,60,1250,30,25,2024-06-30,2024-12-29', "column 'x'"],
    ['a negative t_x', 'rfm,,,2,-7,14,1,,2,60,1250,30,25,2024-06-30,2024-12-29', "column 't_x'"],
    ['a negative T', 'rfm,,,0,0,-14,1,,2,0,0,30,25,2024-06-30,2024-12-29', "column 'T'"],
    ['t_x greater than T', 'rfm,,,2,21,14,1,,2,60,1250,30,25,2024-06-30,2024-12-29', 'greater than'],
    ['t_x > 0 without repeats', 'rfm,,,0,3,14,1,,2,0,0,30,25,2024-06-30,2024-12-29', 'must be 0']
  ])('refuses %s, naming the row', (_, bad, what) => {
    const f = parseCompressedCsv(csv([ROWS[0], bad, ROWS[1]]));
    expect(f.problems).toBe(1);
    expect(f.rejects[0].reason).toContain('line 3');
    expect(f.rejects[0].reason).toContain(what);
    expect(compressedProblemsMessage(f)).toMatch(
      /^1 row of the compressed summary cannot be a group of customers, so nothing was imported: line 3/
    );
  });

  it('is not a per-customer summary, and says what it lacks', () => {
    expect(() => parseCompressedCsv('x,t_x,T\n1,2,3\n')).toThrow(/needs the columns part, x, t_x, T, customers/);
  });
});
