import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cohortsFromCsv, detectFileFormat, readDataFile, rfTableFromCsv, tableFromCsv } from '$lib/data/read-node';

const dir = mkdtempSync(join(tmpdir(), 'lever-lab-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('contract cohorts (Fader & Hardie 2007 layout)', () => {
  it('turns churn periods into survivors per period: recency = T means still active', () => {
    const text = 'customer_id,recency,T,cohort\n1,1,4,a\n2,2,4,a\n3,4,4,a\n4,4,4,a\n5,3,4,b\n';
    const { periods, cohorts } = cohortsFromCsv(text);
    expect(periods).toBe(3);
    expect(cohorts[0]).toEqual({ cohort: 'a', customers: 4, survival: { active: [4, 3, 2, 2] }, churned: [1, 1, 0] });
    expect(cohorts[1].survival.active).toEqual([1, 1, 1, 0]);
  });

  it('names the line of an impossible recency', () => {
    expect(() => cohortsFromCsv('customer_id,recency,T\n1,9,8\n')).toThrow(/line 2: invalid recency 9/);
  });
});

describe('BG/BB recency/frequency table', () => {
  it('reads frequency, recency, periods and weights', () => {
    const d = rfTableFromCsv('frequency,recency,periods,weights\n0,0,6,3464\n1,1,6,1091\n');
    expect(Array.from(d.x)).toEqual([0, 1]);
    expect(Array.from(d.count)).toEqual([3464, 1091]);
    expect(d.customers).toBe(4555);
  });

  it('refuses frequency above recency', () => {
    expect(() => rfTableFromCsv('frequency,recency,periods\n3,2,6\n')).toThrow(
      /frequency <= recency <= periods, got 3, 2, 6/
    );
  });
});

describe('readDataFile', () => {
  it('detects and reads a gzipped UCI-style file', async () => {
    const text =
      'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n' +
      '536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n' +
      '536366,22633,WARMER,6,2010-12-01 08:28:00,1.85,,United Kingdom\n';
    const path = file('retail.csv.gz', gzipSync(text));
    expect(await detectFileFormat(path)).toBe('uci-online-retail');
    const r = await readDataFile(path);
    if (r.kind !== 'transactions') throw new Error(r.kind);
    expect(r.table.customerId).toEqual(['17850']);
    expect(r.rejects).toEqual([
      { line: 3, reason: 'missing customer id', text: '536366,22633,WARMER,6,2010-12-01 08:28:00,1.85,,United Kingdom' }
    ]);
  });

  it('detects CDNOW sample (no header, whitespace) and master (header) layouts', async () => {
    const sample = file('cdnow.txt', ' 00004 0001 19970101  2   29.33\r\n 00004 0001 19970118  2   29.73\r\n');
    const master = file(
      'master.txt',
      ' customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n'
    );
    expect(await detectFileFormat(sample)).toBe('cdnow-sample');
    expect(await detectFileFormat(master)).toBe('cdnow-master');
    const m = await readDataFile(master);
    if (m.kind !== 'transactions') throw new Error(m.kind);
    expect(m.table.customerId).toEqual(['00001']);
    expect(m.table.amount[0]).toBe(11.77);
  });

  it('reads other tables as records with numbers and nulls', async () => {
    const path = file('telco.csv', 'customerID,tenure,TotalCharges,Churn\n7590-VHVEG,1,29.85,No\n1234-ABCDE,0, ,Yes\n');
    expect(await detectFileFormat(path)).toBe('table');
    expect(tableFromCsv('a,b\n1, \n').rows).toEqual([{ a: 1, b: null }]);
    const r = await readDataFile(path);
    if (r.kind !== 'table') throw new Error(r.kind);
    expect(r.rows[1]).toEqual({ customerID: '1234-ABCDE', tenure: 0, TotalCharges: null, Churn: 'Yes' });
  });

  it('says which file is missing', async () => {
    await expect(readDataFile(join(dir, 'nope.csv'))).rejects.toThrow(/cannot read '.*nope.csv': no such file/);
  });
});
