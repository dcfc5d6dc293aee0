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
