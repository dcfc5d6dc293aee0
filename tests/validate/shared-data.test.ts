/**
 * First validation check: the public reference data sets are where the validation
 * suite expects them, with the sizes documented in ../shared/data/README.md.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { dataDir } from './data-dir';

function lines(rel: string): string[] {
  return readFileSync(`${dataDir}/${rel}`, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
}

describe('the shared reference data', () => {
  it('is present at DATA_DIR (default ../shared/data)', () => {
    expect(existsSync(dataDir), `no data directory at ${dataDir}`).toBe(true);
  });

  it('holds the CDNOW 1/10 sample: 6,919 transactions of 2,357 customers (shared/data/README.md)', () => {
    const rows = lines('cdnow/CDNOW_sample.txt');
    expect(rows.length).toBe(6919);
    const customers = new Set(rows.map((r) => r.trim().split(/\s+/)[0]));
    expect(customers.size).toBe(2357);
  });

  it('holds the two sBG cohorts of 1,000 customers each (Fader & Hardie 2007)', () => {
    const rows = lines('sbg/sbg_cohorts.csv').slice(1);
    expect(rows.length).toBe(2000);
  });

  it('holds the donations table of 11,104 donors (Fader, Hardie & Shang 2010)', () => {
    const rows = lines('donations/donations.csv').slice(1);
    const donors = rows.reduce((s, r) => s + Number(r.split(',')[3]), 0);
    expect(donors).toBe(11104);
  });
});
