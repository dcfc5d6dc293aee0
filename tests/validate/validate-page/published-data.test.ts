/**
 * The tables the /validate page embeds (src/lib/validate/published-data.ts, from the
 * papers) equal the public data files in ../shared/data where they overlap:
 * - Fader & Hardie (2007) Table 1 survival vs sbg/sbg_cohorts.csv (one row per customer,
 *   recency = year of churn, 8 = still active after year 7);
 * - Fader, Hardie & Shang (2010) Table 1 vs donations/donations.csv.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { DONATION_CELLS, SBG_ACTIVE, SBG_COHORT_NAMES } from '$lib/validate/published-data.ts';
import { dataDir } from '../data-dir.ts';

function csv(rel: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(join(dataDir, rel), 'utf8'), {
    header: true,
    skipEmptyLines: true
  }).data;
}

describe('embedded published tables vs ../shared/data', () => {
  it('the sBG survival counts equal the per-customer cohort file, year by year', () => {
    const rows = csv('sbg/sbg_cohorts.csv');
    for (const cohort of SBG_COHORT_NAMES) {
      const churn = rows.filter((r) => r.cohort === cohort).map((r) => Number(r.recency));
      const active = SBG_ACTIVE[cohort].map((_, t) => churn.filter((year) => year > t).length);
      expect(active, cohort).toEqual([...SBG_ACTIVE[cohort]]);
    }
  });

  it('the donations table equals donations.csv cell by cell', () => {
    const rows = csv('donations/donations.csv').map((r) => ({
      x: Number(r.frequency),
      tx: Number(r.recency),
      n: Number(r.periods),
      donors: Number(r.weights)
    }));
    expect(rows).toEqual(DONATION_CELLS);
  });
});
