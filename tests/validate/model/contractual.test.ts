/**
 * Published contractual and discrete-time fits, reproduced on the public data in
 * ../shared/data (see shared/data/README.md):
 * - sBG, Fader & Hardie (2007) "How to project customer retention", J. Interactive Marketing
 *   21(1): two cohorts of 1,000 customers observed for 7 years; published MLEs regular
 *   alpha = 0.704, beta = 1.182 and high end alpha = 0.668, beta = 3.806, and the survival
 *   projection to year 12 against the actual survival of their Table 1.
 * - BG/BB, Fader, Hardie & Shang (2010) "Customer-base analysis in a discrete-time
 *   noncontractual setting", Marketing Science 29(6): the 1995 donor cohort, 11,104 donors,
 *   6 annual opportunities; published MLEs alpha = 1.204, beta = 0.750, gamma = 0.657,
 *   delta = 2.783, LL = -33,225.6 (also the example values c(1.20, 0.75, 0.66, 2.78) of the
 *   R BTYD package's bgbb.rf.matrix.LL help page).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { fitBgBb, fitSbg, sbgSurvival } from '$lib/model/core/index.ts';
import type { BgBbData, SurvivalData } from '$lib/model/core/types.ts';
import { dataDir } from '../data-dir.ts';

function csv(rel: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(join(dataDir, rel), 'utf8'), {
    header: true,
    skipEmptyLines: true
  }).data;
}

/** active[t] = customers still subscribed after t years, t = 0..7 (recency 8 = still active at the end). */
function cohortSurvival(cohort: string): SurvivalData {
  const rows = csv('sbg/sbg_cohorts.csv').filter((r) => r.cohort === cohort);
  const active = new Array<number>(8).fill(0);
  for (const r of rows) {
    const churnYear = Number(r.recency);
    for (let t = 0; t < Math.min(churnYear, 8); t++) active[t]++;
  }
  return { active };
}

describe('sBG on the Fader & Hardie (2007) cohorts', () => {
  it('reads 1,000 customers per cohort with the survival of FH 2007 Table 1 (631 / 869 after year 1, 241 / 491 after year 7)', () => {
    const regular = cohortSurvival('regular');
    const high = cohortSurvival('highend');
    expect(regular.active[0]).toBe(1000);
    expect(high.active[0]).toBe(1000);
    // FH 2007 Table 1: % alive after year 1 = 63.1 (regular), 86.9 (high end); after year 7 = 24.1, 49.1
    expect(regular.active[1]).toBe(631);
    expect(high.active[1]).toBe(869);
    expect(regular.active[7]).toBe(241);
    expect(high.active[7]).toBe(491);
  });

  it('fits the regular cohort to alpha = 0.704, beta = 1.182 (FH 2007 section 4)', () => {
    const fit = fitSbg(cohortSurvival('regular'));
    expect(fit.params.alpha).toBeCloseTo(0.704, 3);
    expect(fit.params.beta).toBeCloseTo(1.182, 3);
  });

  it('fits the high-end cohort to alpha = 0.668, beta = 3.806 (FH 2007 section 4)', () => {
    const fit = fitSbg(cohortSurvival('highend'));
    expect(fit.params.alpha).toBeCloseTo(0.668, 3);
    expect(fit.params.beta).toBeCloseTo(3.806, 3);
  });

  it('projects survival from 7 years of data to year 12 within 2 points of the actual (FH 2007 Table 1, Figure 4)', () => {
    // FH 2007 Table 1, % of each cohort still active at the end of years 8..12
    const actual: Record<string, number[]> = {
      regular: [22.3, 20.7, 19.4, 18.3, 17.3],
      highend: [46.8, 44.5, 42.7, 40.9, 39.4]
    };
    for (const cohort of ['regular', 'highend']) {
      const fit = fitSbg(cohortSurvival(cohort));
      actual[cohort].forEach((pct, i) => {
        const year = 8 + i;
        expect(Math.abs(100 * sbgSurvival(fit.params, year) - pct), `${cohort} year ${year}`).toBeLessThan(2);
      });
    }
  });
});

describe('BG/BB on the Fader, Hardie & Shang (2010) donations', () => {
  function donations(): BgBbData {
    const rows = csv('donations/donations.csv');
    const col = (name: string) => Float64Array.from(rows, (r) => Number(r[name]));
    const count = col('weights');
    return {
      x: col('frequency'),
      tx: col('recency'),
      n: col('periods'),
      count,
      length: rows.length,
      customers: count.reduce((s, c) => s + c, 0)
    };
  }

  it('holds 11,104 donors in 22 recency/frequency cells (FHS 2010 Table 1)', () => {
    const data = donations();
    expect(data.customers).toBe(11104);
    expect(data.length).toBe(22);
  });

  it('fits alpha = 1.204, beta = 0.750, gamma = 0.657, delta = 2.783 with LL = -33,225.6 (FHS 2010 section 4)', () => {
    const fit = fitBgBb(donations());
    expect(fit.params.alpha).toBeCloseTo(1.204, 2);
    expect(fit.params.beta).toBeCloseTo(0.75, 2);
    expect(fit.params.gamma).toBeCloseTo(0.657, 2);
    expect(fit.params.delta).toBeCloseTo(2.783, 1);
    expect(fit.logLik).toBeCloseTo(-33225.6, 0);
  });
});
