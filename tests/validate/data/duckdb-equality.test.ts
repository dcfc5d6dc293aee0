// The DuckDB summary query on CDNOW, reading the file with DuckDB's own CSV reader
// (independent of the TypeScript importer), equals the TypeScript summariser.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { readDataFile } from '$lib/data/read-node';
import { summarize } from '$lib/data/summarize';
import { runDuckDbSummary } from '$lib/data/sql-summary-node';

const DATA = process.env.DATA_DIR ?? path.resolve('../shared/data');

describe('sql/summary.duckdb.sql on CDNOW', () => {
  it('gives the same 2,357 customer summaries as src/lib/data/summarize.ts', async () => {
    const file = path.join(DATA, 'cdnow/CDNOW_sample.txt');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`CREATE VIEW transactions AS
      SELECT parts[1] AS customer_id, strptime(parts[3], '%Y%m%d')::DATE AS ts, CAST(parts[5] AS DOUBLE) AS amount
      FROM (SELECT string_split(trim(regexp_replace(line, '\\s+', ' ', 'g')), ' ') AS parts
            FROM read_csv('${file.replace(/'/g, "''")}', header = false, columns = {'line': 'VARCHAR'}, delim = '|', quote = '')
            WHERE trim(line) <> '')`);
    const sql = await runDuckDbSummary(connection, { calibrationEnd: '1997-09-30', unit: 'week' });
    connection.closeSync();
    const f = await readDataFile(file);
    if (f.kind !== 'transactions') throw new Error(f.kind);
    const ts = summarize(f.table, { calibrationEnd: '1997-09-30', unit: 'week' }).customers;
    expect(sql).toHaveLength(2357);
    const byId = new Map(ts.map((c) => [c.id, c]));
    for (const row of sql) {
      const c = byId.get(row.id)!;
      expect([row.id, row.x, row.xHoldout, row.firstDate, row.lastDate]).toEqual([
        c.id,
        c.x,
        c.xHoldout,
        c.firstDate,
        c.lastDate
      ]);
      expect(row.tx).toBeCloseTo(c.tx, 12);
      expect(row.T).toBeCloseTo(c.T, 12);
      // spend sums in a different order (SQL vs row order): equal to rounding
      expect(row.m).toBeCloseTo(c.m, 9);
      expect(row.firstSpend).toBeCloseTo(c.firstSpend, 9);
      expect(row.holdoutSpend).toBeCloseTo(c.holdoutSpend, 9);
    }
  });
});
