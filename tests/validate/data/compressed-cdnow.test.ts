// The compressed summary of CDNOW (sql/compressed.duckdb.sql, read by DuckDB's own CSV reader)
// fits and scores as the per-customer holdout evaluation of the app (pipeline/holdout-evaluation.ts
// on the TypeScript importer's table): BG/NBD, Pareto/NBD, MBG/NBD, Gamma-Gamma and the holdout
// scores to 1e-9 relative. Split of Fader, Hardie & Lee (2005): calibration to 1997-09-30,
// holdout to 1998-06-30 (39 weeks).
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { readDataFile } from '$lib/data/read-node';
import { runDuckDbCompressed, runDuckDbSummary } from '$lib/data/sql-summary-node';
import { toSpendData } from '$lib/data/rfm-data';
import { modelFits, PURCHASE_MODELS } from '$lib/pipeline/model-fits';
import { scoreHoldout } from '$lib/pipeline/fit-quality';
import { conditionalExpectedSpend } from '$lib/model/core/btyd/gammagamma';
import { evaluateHoldout } from '$lib/pipeline/holdout-evaluation';
import { evaluateCompressed } from '$lib/pipeline/compressed-evaluation';

const DATA = process.env.DATA_DIR ?? path.resolve('../shared/data');
const split = { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30' };

function relClose(a: number, b: number, what: string) {
  const rel = Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);
  expect(rel, `${what}: ${a} vs ${b}`).toBeLessThan(1e-9);
}

describe('compressed CDNOW summary', () => {
  it('gives the per-customer fits and holdout scores (1e-9 relative)', async () => {
    const file = path.join(DATA, 'cdnow/CDNOW_sample.txt');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`CREATE VIEW transactions AS
      SELECT parts[1] AS customer_id, strptime(parts[3], '%Y%m%d')::DATE AS ts, CAST(parts[5] AS DOUBLE) AS amount,
             NULL AS segment, NULL AS channel
      FROM (SELECT string_split(trim(regexp_replace(line, '\\s+', ' ', 'g')), ' ') AS parts
            FROM read_csv('${file.replace(/'/g, "''")}', header = false, columns = {'line': 'VARCHAR'}, delim = '|', quote = '')
            WHERE trim(line) <> '')`);
    const compressed = await runDuckDbCompressed(connection, split);
    const perCustomerSql = await runDuckDbSummary(connection, { ...split, unit: 'week' });
    connection.closeSync();
    expect(compressed.rejects).toEqual([]);
    expect(compressed.customers).toBe(2357);
    // fewer rows than customers even at day resolution with x_holdout in the key
    expect(compressed.groups.length).toBeLessThan(2357);

    const f = await readDataFile(file);
    if (f.kind !== 'transactions') throw new Error(f.kind);
    const perCustomer = evaluateHoldout(f.table, split);
    const grouped = evaluateCompressed(compressed, { unit: 'week' });
    expect(grouped.holdoutLength).toBe(perCustomer.holdoutWeeks);
    for (const m of perCustomer.models) {
      const g = grouped.models.find((r) => r.model === m.model)!;
      expect(m.error).toBeNull();
      expect(g.error).toBeNull();
      for (const [k, v] of Object.entries(m.params))
        relClose((g.fit!.params as Record<string, number>)[k], v, `${m.model} ${k}`);
      relClose(g.fit!.logLik, m.logLik, `${m.model} log-likelihood`);
      expect(g.fit!.n).toBe(m.n);
      const h = g.holdout!;
      relClose(h.predicted, m.holdout.predicted, `${m.model} predicted`);
      expect(h.actual).toBe(m.holdout.actual);
      relClose(h.mae, m.holdout.mae, `${m.model} MAE`);
      relClose(h.rmse, m.holdout.rmse, `${m.model} RMSE`);
      // predicted spend carries the Gamma-Gamma fit, whose spend sums differ in order (below)
      expect(Math.abs(h.predictedSpend! / m.holdout.predictedSpend! - 1)).toBeLessThan(1e-6);
      const exact = scoreHoldout(
        PURCHASE_MODELS[m.model],
        g.fit!.params,
        perCustomerSql.map((c) => ({
          ...c,
          count: 1,
          expectedSpend: conditionalExpectedSpend(grouped.spend.fit!.params, c.x, c.m)
        })),
        grouped.holdoutLength
      );
      relClose(h.predictedSpend!, exact.predictedSpend!, `${m.model} predicted spend`);
      h.conditional.forEach((b, k) => {
        expect(b.customers).toBe(m.conditional[k].customers);
        relClose(b.expected, m.conditional[k].expected, `${m.model} bin ${k}`);
      });
    }
    // Gamma-Gamma: on the per-customer (x, m) of sql/summary.duckdb.sql (m summed by the same
    // engine), exact; against the TypeScript summariser, whose spend sums run in another order
    // (m equal to ~1e-15, which moves the optimiser's stopping point), to 1e-6
    const ggDirect = modelFits.fitSpend(toSpendData(perCustomerSql));
    const gg = grouped.spend.fit!;
    for (const [k, v] of Object.entries(ggDirect.params))
      relClose((gg.params as unknown as Record<string, number>)[k], v, `Gamma-Gamma ${k}`);
    relClose(gg.logLik, ggDirect.logLik, 'Gamma-Gamma log-likelihood');
    expect(gg.n).toBe(perCustomer.spend!.n);
    for (const [k, v] of Object.entries(perCustomer.spend!.params!))
      expect(Math.abs((gg.params as unknown as Record<string, number>)[k] / v - 1)).toBeLessThan(1e-6);
    // FHL 2005 BG/NBD on CDNOW: r 0.243, alpha 4.414, a 0.793, b 2.426
    const bg = grouped.models.find((r) => r.model === 'bgnbd')!.fit!.params as Record<string, number>;
    expect(bg.r).toBeCloseTo(0.243, 3);
    expect(bg.alpha).toBeCloseTo(4.414, 2);
  });
});
