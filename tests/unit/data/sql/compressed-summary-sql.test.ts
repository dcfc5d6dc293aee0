// The three dialects of the compressed summary come from one template: the committed files must
// be what the template generates (run `npx tsx scripts/generate-sql.ts` after editing it), and
// the DuckDB one, run on a seeded synthetic table, must group exactly the customers of the
// per-customer query (sql/summary.duckdb.sql) on the same table.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { COMPRESSED_SQL_FILES, SQL_DIALECTS, compressedSummarySql } from '$lib/data/sql/compressed-summary-sql';
import {
  SYNTHETIC_CALIBRATION_END,
  SYNTHETIC_HOLDOUT_END,
  syntheticTransactionsSql
} from '$lib/data/sql/synthetic-transactions-sql';
import { runDuckDbCompressed, runDuckDbSummary } from '$lib/data/sql-summary-node';
import { parseDay } from '$lib/data/import/dates';

describe('sql/compressed.*.sql', () => {
  it.each(SQL_DIALECTS)('%s: the committed file is the generated one and states its engine versions', (d) => {
    const committed = readFileSync(COMPRESSED_SQL_FILES[d], 'utf8');
    expect(committed, `${COMPRESSED_SQL_FILES[d]} differs: run npx tsx scripts/generate-sql.ts`).toBe(
      compressedSummarySql(d)
    );
    expect(committed).toMatch(/^-- Targets: .*\d/m);
  });

  it('the dialects differ only in parameters, types and function names', () => {
    // erase the known per-dialect spellings: what is left must be the same statement
    const normalise = (sql: string) =>
      sql
        .replace(/^--.*$/gm, '')
        .replace(
          /CAST\(\$(\w+) AS DATE\)|CAST\(@(\w+) AS DATE\)|to_date\(NULLIF\('\$\{(\w+)\}', ''\)\)|to_date\('\$\{(\w+)\}'\)/g,
          'P'
        )
        .replace(/CAST\(amount AS DECIMAL\(38, 6\)\)|ROUND\(CAST\(amount AS NUMERIC\), 6\)/g, 'EXACT')
        .replace(/\b(VARCHAR|STRING)\b/g, 'S')
        .replace(/\b(DOUBLE|FLOAT64)\b/g, 'F')
        .replace(/\b(BOOL_OR|LOGICAL_OR)\b/g, 'OR_AGG')
        .replace(/"T"|`T`/g, 'T')
        .replace(
          /date_diff\('day', ([\w.]+), ([\w.]+)\)|DATEDIFF\(([\w.]+), ([\w.]+)\)|DATE_DIFF\(([\w.]+), ([\w.]+), DAY\)/g,
          'DIFF'
        )
        .replace(
          /strftime\((.*?), '%Y-%m-%d'\)|DATE_FORMAT\((.*?), 'yyyy-MM-dd'\)|FORMAT_DATE\('%Y-%m-%d', (.*?)\)(?= AS)/g,
          'ISO'
        )
        .trim();
    const [duck, ...others] = SQL_DIALECTS.map((d) => normalise(compressedSummarySql(d)));
    for (const o of others) expect(o).toBe(duck);
  });

  describe('DuckDB, on 3,000 synthetic customers with segments and channels', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    afterAll(() => connection.closeSync());
    await connection.run(syntheticTransactionsSql({ customers: 3000, seed: 5 }));
    const options = { calibrationEnd: SYNTHETIC_CALIBRATION_END, holdoutEnd: SYNTHETIC_HOLDOUT_END };

    it('groups exactly the customers of the per-customer summary', async () => {
      const compressed = await runDuckDbCompressed(connection, options);
      expect(compressed.rejects).toEqual([]);
      const perCustomer = await runDuckDbSummary(connection, { ...options, unit: 'day' });
      const segments = await connection.runAndReadAll(
        `SELECT customer_id, min(segment) AS segment, arg_min(channel, ts) AS channel FROM transactions GROUP BY 1`
      );
      const of = new Map(segments.getRowObjectsJS().map((r) => [String(r.customer_id), r]));
      const expected = new Map<string, { customers: number; mSum: number; first: number; hold: number }>();
      const spend = new Map<string, number>();
      for (const c of perCustomer) {
        const s = of.get(c.id)!;
        const key = [s.segment, s.channel, c.x, c.tx, c.T, c.xHoldout].join('|');
        const e = expected.get(key) ?? { customers: 0, mSum: 0, first: 0, hold: 0 };
        e.customers++;
        e.mSum += c.m;
        e.first += c.firstSpend;
        e.hold += c.holdoutSpend;
        expected.set(key, e);
        if (c.x > 0 && c.m > 0) {
          const sk = [s.segment, s.channel, c.x, c.m].join('|');
          spend.set(sk, (spend.get(sk) ?? 0) + 1);
        }
      }
      expect(compressed.customers).toBe(perCustomer.length);
      expect(compressed.groups.length).toBe(expected.size);
      expect(compressed.groups.length).toBeLessThan(perCustomer.length);
      for (const g of compressed.groups) {
        const e = expected.get([g.segment, g.channel, g.x, g.txDays, g.TDays, g.xHoldout].join('|'))!;
        expect(g.customers).toBe(e.customers);
        expect(g.mSum).toBeCloseTo(e.mSum, 9);
        expect(g.firstSpendSum).toBeCloseTo(e.first, 9);
        expect(g.holdoutSpendSum).toBeCloseTo(e.hold, 9);
      }
      // the (x, m) pairs are the per-customer ones, bit for bit
      expect(new Map(compressed.spend.map((s) => [[s.segment, s.channel, s.x, s.m].join('|'), s.customers]))).toEqual(
        spend
      );
      expect(compressed.holdoutEnd).toBe(SYNTHETIC_HOLDOUT_END);
      expect(parseDay(compressed.calibrationEnd, 'iso')).toBe(parseDay(SYNTHETIC_CALIBRATION_END, 'iso'));
    });
  });
});
