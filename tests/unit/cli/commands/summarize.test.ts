import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli';
import { parseSummaryCsv } from '$lib/data/import/summary-file';

const dir = mkdtempSync(join(tmpdir(), 'lever-lab-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

// the fixture of summarize.test.ts as a CSV file (same hand-worked values)
const csv = join(dir, 'tx.csv');
writeFileSync(
  csv,
  'customer_id,date,quantity,amount\nA,2011-01-01,1,10\nB,2011-02-02,1,7\nA,2011-01-01,1,5\nA,2011-01-08,2,20\n' +
    'D,2011-01-10,1,8\nA,2011-01-15,3,30\nA,2011-01-15,-1,-10\nD,2011-01-20,-1,-8\nC,2011-01-31,1,12\nA,2011-02-05,4,40\n'
);

const run = runCli;

describe('lever-lab summarize', () => {
  it('prints totals and every customer as JSON with --json', async () => {
    const { code, out } = await run('summarize', csv, '--calibration-end', '2011-01-31', '--returns', 'net', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({
      customers: 3,
      excludedAfterCalibration: 1,
      repeatTransactionsCalibration: 2,
      repeatTransactionsHoldout: 1
    });
    const a = json.customersSummary.find((c: { id: string }) => c.id === 'A');
    expect(a).toMatchObject({ x: 2, tx: 2, m: 20, firstSpend: 15 }); // hand-worked in summarize.test.ts
  });

  it('reads "1.234,50 €" amounts with --decimal comma, and says how it read them', async () => {
    const eu = join(dir, 'eu.csv');
    // A buys on two days (one repeat of 1,234.50), B once
    writeFileSync(
      eu,
      'customer_id,date,amount\nA,2011-01-01,"12,00 €"\nA,2011-01-08,"1.234,50 €"\nB,2011-01-02,"3,10 €"\n'
    );
    const comma = await run('summarize', eu, '--decimal', 'comma', '--json');
    expect(comma.code).toBe(0);
    expect(comma.err).toContain('amounts read with a decimal comma');
    expect(JSON.parse(comma.out).customersSummary.find((c: { id: string }) => c.id === 'A').m).toBe(1234.5);
    // under a decimal point none of them reads: every row is rejected with its line and column
    const point = await run('summarize', eu, '--decimal', 'point', '--json');
    expect(point.code).not.toBe(0);
    expect(point.err).toContain(
      "rejected line 2: invalid amount '12,00 €' in column “amount” (read with a decimal point)"
    );
    expect(point.err).toContain('rejected line 4:');
    expect((await run('summarize', eu, '--decimal', 'dot')).code).toBe(2);
  });

  it('drops returns by default, so the same-day return no longer lowers m', async () => {
    const { out } = await run('summarize', csv, '--calibration-end', '2011-01-31', '--json');
    expect(JSON.parse(out).customersSummary.find((c: { id: string }) => c.id === 'A').m).toBe(25);
  });

  it('writes the summary CSV the SQL produces with --csv', async () => {
    const { code, out } = await run('summarize', csv, '--calibration-end', '2011-01-31', '--unit', 'day', '--csv');
    expect(code).toBe(0);
    const parsed = parseSummaryCsv(out);
    expect(parsed.customers.map((c) => [c.id, c.x, c.tx, c.T])).toEqual([
      ['A', 2, 14, 30],
      ['D', 0, 0, 21],
      ['C', 0, 0, 0]
    ]);
  });

  it('prints readable text by default', async () => {
    const { out } = await run('summarize', csv, '--calibration-end', '2011-01-31');
    expect(out).toMatch(/customers \(calibration cohort\)\s+3/);
    expect(out).toMatch(/holdout to 2011-02-05 \(0\.71 weeks\)/);
  });

  it('exits with 2 and a message for a missing file, a bad date or an unknown flag', async () => {
    const missing = await run('summarize', join(dir, 'missing.csv'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/no such file/);
    const badDate = await run('summarize', csv, '--calibration-end', '2011-02-30');
    expect(badDate.code).toBe(2);
    expect(badDate.err).toMatch(/invalid --calibration-end: '2011-02-30'/);
    expect((await run('summarize', csv, '--frobnicate')).code).toBe(2);
    expect((await run('summarize', csv, '--unit', 'year')).err).toMatch(/invalid --unit: 'year'/);
  });
});
