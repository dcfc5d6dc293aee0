import { afterAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { runDuckDbSummary } from '$lib/data/sql-summary-node';
import { summarize } from '$lib/data/summarize';
import { formatDay } from '$lib/data/import/dates';
import { rows, table } from './fixtures';
import type { CustomerSummary } from '$lib/data/types';

// The SQL shipped for big data must give the summary the app computes (same columns, same conventions).
const comparable = (c: CustomerSummary) => ({ ...c, channel: '' });

describe('sql/summary.duckdb.sql', async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  afterAll(() => connection.closeSync());
  await connection.run('CREATE TABLE transactions (customer_id VARCHAR, ts TIMESTAMP, amount DOUBLE)');
  const values = rows
    .map((r) => `('${r.customerId}', TIMESTAMP '${formatDay(r.day)} 10:30:00', ${r.amount})`)
    .join(', ');
  await connection.run(`INSERT INTO transactions VALUES ${values}`);

  it('equals the TypeScript summariser with a holdout, in weeks', async () => {
    const sql = await runDuckDbSummary(connection, { calibrationEnd: '2011-01-31', unit: 'week' });
    const ts = summarize(table(), { calibrationEnd: '2011-01-31', unit: 'week' }).customers;
    const byId = (a: CustomerSummary, b: CustomerSummary) => a.id.localeCompare(b.id);
    expect(sql.sort(byId)).toEqual(ts.map(comparable).sort(byId));
  });

  it('equals the TypeScript summariser without a holdout, in days', async () => {
    const sql = await runDuckDbSummary(connection, { calibrationEnd: '2011-02-05', unit: 'day' });
    const ts = summarize(table(), { unit: 'day' }).customers;
    expect(sql.map((c) => c.id)).toEqual(['A', 'B', 'C', 'D']);
    expect(sql.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      ts.map(comparable).sort((a, b) => a.id.localeCompare(b.id))
    );
    expect(sql[0].xHoldout).toBeNaN();
  });
});
