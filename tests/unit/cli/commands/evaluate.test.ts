/**
 * `lever-lab evaluate` on a seeded BG/NBD simulation in the CDNOW file format
 * (tests/unit/validate/synthetic-cdnow.ts: 400 customers, calibration to 1997-09-30, holdout to
 * 1998-06-30), with the real model core: the JSON carries one entry per model and the chosen
 * model; the actual holdout total is the summariser's; bad input exits with 2 and says why.
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli';
import { importCdnowSample } from '$lib/validate/cdnow-import';
import { summarize } from '$lib/data/summarize';
import { syntheticCdnow } from '../../validate/synthetic-cdnow';

const dir = mkdtempSync(join(tmpdir(), 'lever-lab-evaluate-'));
const synthetic = syntheticCdnow(400, 3);
const path = join(dir, 'cdnow.txt');
writeFileSync(path, synthetic.text);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const split = ['--calibration-end', '1997-09-30', '--holdout-end', '1998-06-30'];

describe('lever-lab evaluate', () => {
  it('prints one entry per model with params, stdErr, logLik, AIC/BIC, holdout totals, MAE, RMSE, the tables, and the chosen model', async () => {
    const { code, out } = await runCli('evaluate', path, ...split, '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.models.map((m: { model: string }) => m.model)).toEqual(['bgnbd', 'paretonbd', 'mbgnbd']);
    const { table } = await importCdnowSample(synthetic.text);
    const summary = summarize(table, { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30', unit: 'week' });
    const actual = summary.customers.reduce((s, c) => s + c.xHoldout, 0);
    for (const m of json.models) {
      expect(m.error).toBeNull();
      expect(Object.keys(m.params)).toHaveLength(4);
      expect(Object.keys(m.stdErr)).toEqual(Object.keys(m.params));
      expect(m.aic).toBeCloseTo(8 - 2 * m.logLik, 6);
      expect(m.actual).toBe(actual);
      expect(m.predicted).toBeGreaterThan(0);
      expect(m.mae).toBeLessThanOrEqual(m.rmse);
      expect(m.conditional).toHaveLength(8);
      expect(m.tracking).toHaveLength(78);
    }
    const best = [...json.models].sort((a, b) => a.rmse - b.rmse)[0];
    expect(json.chosen).toBe(best.model);
    expect(json.holdoutWeeks).toBe(39);
  });

  it('evaluates only the models asked for, and prints a table without --json', async () => {
    const json = JSON.parse((await runCli('evaluate', path, ...split, '--models', 'bgnbd', '--json')).out);
    expect(json.models.map((m: { model: string }) => m.model)).toEqual(['bgnbd']);
    expect(json.chosen).toBe('bgnbd');
    const { code, out } = await runCli('evaluate', path, ...split, '--models', 'bgnbd,mbgnbd');
    expect(code).toBe(0);
    expect(out).toMatch(/^400 customers; calibration to 1997-09-30, holdout to 1998-06-30 \(39\.0 weeks\)/);
    expect(out).toMatch(/BG\/NBD .*\nMBG\/NBD .*\nproposed: (bgnbd|mbgnbd)\./);
  });

  it('exits with 2 and the cause for a holdout with no days, an unknown model, or a file without transactions', async () => {
    const none = await runCli('evaluate', path, '--calibration-end', '1998-06-30', '--holdout-end', '1998-06-30');
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/the holdout has no days/);
    const unknown = await runCli('evaluate', path, '--models', 'bgnbd,weibull');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/invalid --models: 'weibull'/);
    const summaryFile = join(dir, 'summary.csv');
    writeFileSync(summaryFile, 'customer_id,frequency,recency,T\n1,1,2,5\n2,0,0,4\n');
    const wrong = await runCli('evaluate', summaryFile);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/evaluate needs transactions/);
  });

  it('reports each model failing, with what to try, when nobody is observed before the calibration end', async () => {
    const { code, out } = await runCli('evaluate', path, '--calibration-end', '1997-01-01', '--json');
    expect(code).toBe(1); // no model to propose, but each one's reason is printed
    const json = JSON.parse(out);
    expect(json.chosen).toBeNull();
    for (const m of json.models) expect(m.error).toMatch(/Move the calibration end later/);
  });
});
