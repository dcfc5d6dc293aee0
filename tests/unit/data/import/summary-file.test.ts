import { describe, expect, it } from 'vitest';
import { parseSummaryCsv, summaryToCsv } from '$lib/data/import/summary-file';
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

  it('rejects inconsistent rows with their line number and keeps the rest', () => {
    const f = parseSummaryCsv('customer_id,x,t_x,T\nA,1,2,10\nB,-1,0,3\nC,0,1,3\nD,2,5,4\n,0,0,1\n');
    expect(f.customers.map((c) => c.id)).toEqual(['A']);
    expect(f.rejects.map((r) => [r.line, r.reason])).toEqual([
      [3, "invalid x '-1' (a non-negative integer)"],
      [4, 'invalid t_x 1 for x = 0 (must be 0)'],
      [5, 'invalid t_x, T: 5, 4 (need 0 <= t_x <= T)'],
      [6, 'missing customer id']
    ]);
  });

  it('names a missing required column', () => {
    expect(() => parseSummaryCsv('customer_id,x,T\nA,1,2\n')).toThrow(
      /missing column 't_x' \(found customer_id, x, T\)/
    );
  });
});
