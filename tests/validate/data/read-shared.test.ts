// Reads every public data set in ../shared/data (README.md there gives the sizes quoted below).
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { readDataFile } from '$lib/data/read-node';
import { summarize } from '$lib/data/summarize';
import { trackRepeatTransactions } from '$lib/data/summarize-tracking';

const DATA = process.env.DATA_DIR ?? path.resolve('../shared/data');
const at = (p: string) => path.join(DATA, p);

describe('CDNOW (Fader, Hardie & Lee 2005)', () => {
  it('reads the 1/10 sample: 6,919 transactions of 2,357 customers, 1997-01-01 .. 1998-06-30', async () => {
    const f = await readDataFile(at('cdnow/CDNOW_sample.txt'));
    if (f.kind !== 'transactions') throw new Error(f.kind);
    expect(f.format).toBe('cdnow-sample');
    expect(f.counts).toMatchObject({ rows: 6919, kept: 6919, rejected: 0 });
    expect(new Set(f.table.customerId).size).toBe(2357);
  });

  it('summarises to the published calibration cohort: 2,357 customers, 1,411 without a repeat purchase in 39 weeks', async () => {
    // 1,411 zero-repeat customers: Fader, Hardie & Lee (2005) section 4 ("Empirical analysis")
    const f = await readDataFile(at('cdnow/CDNOW_sample.txt'));
    if (f.kind !== 'transactions') throw new Error(f.kind);
    const s = summarize(f.table, { calibrationEnd: '1997-09-30', unit: 'week' });
    expect(s.customers).toHaveLength(2357);
    expect(s.excludedAfterCalibration).toBe(0);
    expect(s.customers.filter((c) => c.x === 0)).toHaveLength(1411);
    expect(s.holdoutLength).toBe(39);
    // the cohort made its first purchases in the first 12 weeks of 1997 (FHL 2005, section 4),
    // so T runs from 27 weeks (1997-03-25) to 38.86 weeks (1997-01-01, 272 days)
    expect(Math.max(...s.customers.map((c) => c.T))).toBeCloseTo(272 / 7, 12);
    expect(Math.min(...s.customers.map((c) => c.T))).toBe(27);
    // totals cross-checked with the independent DuckDB query (duckdb-equality.test.ts)
    expect(s.customers.reduce((a, c) => a + c.x, 0)).toBe(2457);
    expect(s.customers.reduce((a, c) => a + c.xHoldout, 0)).toBe(1882);
  });

  it('tracks 78 weeks of cumulative repeat transactions, 39 in calibration', async () => {
    const f = await readDataFile(at('cdnow/CDNOW_sample.txt'));
    if (f.kind !== 'transactions') throw new Error(f.kind);
    const { series } = trackRepeatTransactions(f.table, { calibrationEnd: '1997-09-30' });
    expect(series.actual).toHaveLength(78);
    expect(series.calibrationPeriods).toBe(39);
    expect(series.actual[38]).toBe(2457);
    expect(series.actual[77]).toBe(2457 + 1882);
  });

  it('reads the master file: 69,659 transactions of 23,570 customers', async () => {
    const f = await readDataFile(at('cdnow/CDNOW_master.txt'));
    if (f.kind !== 'transactions') throw new Error(f.kind);
    expect(f.format).toBe('cdnow-master');
    expect(f.counts.kept).toBe(69659);
    expect(new Set(f.table.customerId).size).toBe(23570);
  });
});

describe('UCI Online Retail (Chen et al. 2012)', () => {
  it('reads 541,909 lines, rejecting the rows without a CustomerID with their line numbers', async () => {
    const f = await readDataFile(at('online-retail/online_retail_by_day_concat.csv.gz'));
    if (f.kind !== 'transactions') throw new Error(f.kind);
    expect(f.format).toBe('uci-online-retail');
    expect(f.counts.rows).toBe(541909);
    // 135,080 rows have a blank CustomerID (the well-known count for this data set); the rest have one
    expect(f.rejects.filter((r) => r.reason === 'missing customer id')).toHaveLength(Math.min(135080, 10000));
    expect(f.counts.rejected).toBe(135080);
    expect(f.counts.kept + f.counts.returnsDropped).toBe(541909 - 135080);
    expect(f.rejects[0].line).toBeGreaterThan(1);
    const customers = new Set(f.table.customerId).size;
    expect(customers).toBeLessThanOrEqual(4372); // 4,372 with any row; some have only cancellations
    const net = summarize(f.table, { unit: 'week' });
    expect(net.customers.length).toBeGreaterThan(4000);
  });
});

describe('other transaction logs', () => {
  it('reads apparel (CLVTools): 3,187 transactions of 600 customers with spend', async () => {
    const f = await readDataFile(at('apparel/apparelTrans.csv'));
    if (f.kind !== 'transactions') throw new Error(f.kind);
    expect(f.counts.kept).toBe(3187);
    expect(new Set(f.table.customerId).size).toBe(600);
    // spend on every row; 4 rows are free (0.0) in the source file
    expect(f.table.amount.every((a) => a >= 0)).toBe(true);
    expect(f.table.amount.filter((a) => a === 0)).toHaveLength(4);
  });

  it('reads grocery (BTYDplus): 10,483 transactions of 1,525 customers, no spend', async () => {
    const f = await readDataFile(at('grocery/groceryElog.csv'));
    if (f.kind !== 'transactions') throw new Error(f.kind);
    expect(f.counts.kept).toBe(10483);
    expect(new Set(f.table.customerId).size).toBe(1525);
    expect(summarize(f.table).hasSpend).toBe(false);
  });
});

describe('cohort, discrete-time and generic tables', () => {
  it('reads the sBG cohorts to Fader & Hardie (2007) Table 1 survivors', async () => {
    const f = await readDataFile(at('sbg/sbg_cohorts.csv'));
    if (f.kind !== 'cohorts') throw new Error(f.kind);
    const byName = Object.fromEntries(f.cohorts.map((c) => [c.cohort, c.survival.active]));
    // Fader & Hardie (2007), Table 1: customers surviving at the end of years 0..7
    expect(byName.regular).toEqual([1000, 631, 468, 382, 326, 289, 262, 241]);
    expect(byName.highend).toEqual([1000, 869, 743, 653, 593, 551, 517, 491]);
  });

  it('reads the donations BG/BB table: 22 cells, 11,104 donors, 6 periods', async () => {
    const f = await readDataFile(at('donations/donations.csv'));
    if (f.kind !== 'rf-table') throw new Error(f.kind);
    expect(f.data.length).toBe(22);
    expect(f.data.customers).toBe(11104);
    expect(Array.from(f.data.n).every((n) => n === 6)).toBe(true);
  });

  it('reads Telco as 7,043 records with 11 blank TotalCharges as null', async () => {
    const f = await readDataFile(at('telco/Telco-Customer-Churn.csv'));
    if (f.kind !== 'table') throw new Error(f.kind);
    expect(f.rows).toHaveLength(7043);
    expect(f.columns).toHaveLength(21);
    expect(f.rows.filter((r) => r.TotalCharges === null)).toHaveLength(11);
  });

  it('reads Hillstrom as 64,000 records of 12 columns (no trailing newline)', async () => {
    const f = await readDataFile(at('hillstrom/hillstrom.csv'));
    if (f.kind !== 'table') throw new Error(f.kind);
    expect(f.rows).toHaveLength(64000);
    expect(f.columns).toHaveLength(12);
    expect(new Set(f.rows.map((r) => r.segment))).toEqual(new Set(['Mens E-Mail', 'Womens E-Mail', 'No E-Mail']));
  });
});
