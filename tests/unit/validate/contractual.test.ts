/**
 * The checks that run on page load: sBG on the Fader & Hardie (2007) cohorts and BG/BB on
 * the Fader, Hardie & Shang (2010) donations, from the tables embedded in published-data.ts.
 */
import { describe, expect, it } from 'vitest';
import { fitBgBb } from '$lib/model/core/index.ts';
import {
  DONATION_CELLS,
  SBG_ACTIVE,
  SBG_HOLDOUT_PERCENT,
  donationsBgBbData,
  sbgSurvivalData
} from '$lib/validate/published-data.ts';
import { bgbbExpectedCells, historiesInCell, runContractualValidation, sbgCurve } from '$lib/validate/contractual.ts';
import { summarizeChecks } from '$lib/validate/checks.ts';
import { bgbbCellTable, donorFrequency, sbgSeries } from '$lib/validate/chart-data.ts';

const result = runContractualValidation();

describe('published tables', () => {
  it('hold the FH 2007 Table 1 survival of 1,000-customer cohorts, falling every year', () => {
    for (const active of Object.values(SBG_ACTIVE)) {
      expect(active).toHaveLength(8);
      expect(active[0]).toBe(1000);
      for (let t = 1; t < active.length; t++) expect(active[t]).toBeLessThan(active[t - 1]);
    }
    // FH 2007 Table 1: 63.1% / 86.9% after year 1; the holdout continues below year 7 (24.1% / 49.1%)
    expect(SBG_ACTIVE.regular[1]).toBe(631);
    expect(SBG_ACTIVE.highend[1]).toBe(869);
    expect(SBG_HOLDOUT_PERCENT.regular[0]).toBeLessThan(24.1);
    expect(SBG_HOLDOUT_PERCENT.highend[0]).toBeLessThan(49.1);
    expect(sbgSurvivalData('regular').active).not.toBe(SBG_ACTIVE.regular);
  });

  it('hold the 11,104 donors of FHS 2010 in 22 cells covering every (x, t_x) of 6 opportunities', () => {
    const data = donationsBgBbData();
    expect(data.customers).toBe(11104);
    expect(data.length).toBe(22);
    // 1 cell for x = 0 plus the pairs 1 <= x <= t_x <= 6: 21
    expect(new Set(DONATION_CELLS.map((c) => `${c.x},${c.tx}`)).size).toBe(22);
    // the cells partition all 2^6 donation histories: sum of C(t_x - 1, x - 1) (+1 for x = 0) = 64
    expect(DONATION_CELLS.reduce((s, c) => s + historiesInCell(c.x, c.tx), 0)).toBe(64);
  });
});

describe('checks on load', () => {
  it('reproduce every published sBG and BG/BB value within the validation tolerances (20 of 20)', () => {
    const summary = summarizeChecks(result.checks);
    expect(summary.total).toBe(20);
    expect(result.checks.filter((c) => !c.pass).map((c) => `${c.id}: ${c.reproduced}`)).toEqual([]);
    // FH 2007 section 4: regular alpha = 0.704, beta = 1.182
    expect(result.checks.find((c) => c.id === 'sbg.regular.alpha')?.reproduced).toBeCloseTo(0.704, 3);
    // FHS 2010 section 4: LL = -33,225.6
    expect(result.checks.find((c) => c.id === 'bgbb.logLik')?.reproduced).toBeCloseTo(-33225.6, 0);
  });

  it('gives BG/BB expected cell counts that sum to the 11,104 donors (the cells cover every history)', () => {
    const total = result.bgbb.cells.reduce((s, c) => s + c.expected, 0);
    expect(total).toBeCloseTo(11104, 6);
    // and the same holds at any parameters, not only at the MLE
    const other = bgbbExpectedCells({ alpha: 0.4, beta: 2, gamma: 1.5, delta: 0.7 }, DONATION_CELLS, 1000);
    expect(other.reduce((s, c) => s + c.expected, 0)).toBeCloseTo(1000, 6);
  });

  it('matches the fitted model of a direct fitBgBb call', () => {
    const direct = fitBgBb(donationsBgBbData());
    expect(result.bgbb.fit.params.alpha).toBeCloseTo(direct.params.alpha, 8);
  });
});

describe('chart data', () => {
  it('draws survival from 100% at year 0 to year 13, actual to year 12', () => {
    const curve = sbgCurve('highend', { alpha: 0.668, beta: 3.806 });
    expect(curve).toHaveLength(14);
    expect(curve[0].fittedPercent).toBe(100);
    expect(curve[0].actualPercent).toBe(100);
    expect(curve[7].actualPercent).toBeCloseTo(49.1, 10);
    expect(curve[12].actualPercent).toBe(39.4);
    expect(curve[13].actualPercent).toBeNull();
    expect(curve.filter((p) => p.calibration)).toHaveLength(8);
    // S(1) = beta / (alpha + beta) (FH 2007 eq. 2): 3.806 / 4.474
    expect(curve[1].fittedPercent).toBeCloseTo((100 * 3.806) / 4.474, 10);
    const series = sbgSeries(result.sbg);
    expect(series.map((s) => s.name)).toEqual(['Regular, actual', 'Regular, sBG', 'High end, actual', 'High end, sBG']);
    expect(series[0].points).toHaveLength(13);
    expect(series[1].points).toHaveLength(14);
    // a cohort's fitted curve is dashed in the colour of its actual curve
    expect(series[1]).toMatchObject({ role: 'baseline', colour: series[0].colour });
    expect(series[3].colour).not.toBe(series[1].colour);
  });

  it('aggregates donors by repeat donations 0..6 with both sums equal to the cohort', () => {
    const bins = donorFrequency(result.bgbb.cells);
    expect(bins.map((b) => b.x)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(bins.reduce((s, b) => s + b.actual, 0)).toBe(11104);
    expect(bins.reduce((s, b) => s + b.expected, 0)).toBeCloseTo(11104, 6);
    // FHS 2010 Table 1: 1,203 donors gave in all six years
    expect(bins[6].actual).toBe(1203);
    expect(bgbbCellTable(result.bgbb.cells).rows).toHaveLength(22);
  });
});
