/**
 * The CDNOW pipeline of the page on a small synthetic file in the CDNOW_sample.txt
 * format (seeded BG/NBD simulation): the published values are not expected to match
 * (it is not CDNOW), but the sums and identities of the figures must hold.
 */
import { describe, expect, it } from 'vitest';
import { bgnbd } from '$lib/model/core/index.ts';
import { importCdnowSample, validateCdnowFile } from '$lib/validate/cdnow-import.ts';
import { actualFrequency, conditionalByFrequency, expectedFrequency } from '$lib/validate/cdnow.ts';
import { summarize } from '$lib/data/summarize.ts';
import { compressRfmArrays } from '$lib/model/core/index.ts';
import { conditionalBars, frequencyDistributions, trackingSeries } from '$lib/validate/chart-data.ts';
import { syntheticCdnow } from './synthetic-cdnow.ts';

const file = syntheticCdnow(400, 7);

describe('CDNOW file checks', () => {
  it('reads the headerless whitespace format with YYYYMMDD dates, the first column as the customer', async () => {
    const imported = await importCdnowSample(file.text);
    expect(imported.counts.rejected).toBe(0);
    expect(imported.table.length).toBe(file.rows);
    const summary = summarize(imported.table, { calibrationEnd: '1997-09-30', unit: 'week' });
    expect(summary.customers).toHaveLength(400);
  });

  it('says what is wrong with a file that is not in the CDNOW format', async () => {
    await expect(importCdnowSample('customer,date,amount\nabc,yesterday,x\n')).rejects.toThrow(
      /CDNOW_sample.txt format/
    );
  });

  it('computes every check, the figures, and fails the published counts on a file that is not CDNOW', async () => {
    const stages: string[] = [];
    const r = await validateCdnowFile(file.text, (s) => stages.push(s));
    expect(stages).toEqual(['reading', 'summarising', 'BG/NBD', 'Pareto/NBD', 'Gamma-Gamma', 'charts']);
    expect(r.errors).toEqual({});
    expect(r.checks).toHaveLength(17);
    expect(r.checks.every((c) => Number.isFinite(c.reproduced))).toBe(true);
    const customers = r.checks.find((c) => c.id === 'cdnow.customers');
    expect(customers?.reproduced).toBe(400);
    expect(customers?.pass).toBe(false);

    // the expected frequency histogram sums to the customers (sum over n of P(X(T) = n) = 1 per customer)
    expect(r.frequency.reduce((s, b) => s + b.actual, 0)).toBe(400);
    expect(r.frequency.reduce((s, b) => s + b.expected, 0)).toBeCloseTo(400, 6);
    expect(r.frequency.map((b) => b.label)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);

    // tracking ends at all repeat transaction days: calibration + holdout
    const imported = await importCdnowSample(file.text);
    const s = summarize(imported.table, { calibrationEnd: '1997-09-30', unit: 'week' });
    const repeats = s.customers.reduce((t, c) => t + c.x + c.xHoldout, 0);
    expect(r.tracking.at(-1)?.actual).toBe(repeats);
    const calibrationRepeats = s.customers.reduce((t, c) => t + c.x, 0);
    expect(r.tracking[r.calibrationWeeks - 1].actual).toBeLessThanOrEqual(calibrationRepeats);

    // calibration vs holdout: the bins partition the customers; the holdout runs to the last purchase, <= 1998-06-30
    expect(r.conditional.reduce((t, b) => t + b.customers, 0)).toBe(400);
    expect(s.holdoutEnd).toBe(s.lastDate);
    expect(r.holdoutWeeks).toBe(s.holdoutLength);
    expect(r.holdoutWeeks).toBeLessThanOrEqual(39);
    expect(r.holdoutWeeks).toBeGreaterThan(30);
    expect(trackingSeries(r.tracking).map((x) => x.name)).toEqual(['Actual', 'BG/NBD', 'Pareto/NBD']);
    expect(conditionalBars(r.conditional).every((b) => b.baseline !== undefined)).toBe(true);
  }, 20_000);
});

describe('figure helpers', () => {
  const params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

  it('expects (alpha / (alpha + T))^r of the customers at zero repeat transactions (BG/NBD eq. 8 at x = 0)', () => {
    const rfm = compressRfmArrays([0, 1, 3], [0, 5, 20], [30, 30, 30]);
    const bins = expectedFrequency(bgnbd, params, rfm, 7);
    expect(bins[0]).toBeCloseTo(3 * (4.414 / (4.414 + 30)) ** 0.243, 10);
    expect(bins.reduce((s, b) => s + b, 0)).toBeCloseTo(3, 10);
    expect(() => expectedFrequency(bgnbd, params, rfm, 0)).toThrow(/bins: 0/);
  });

  it('puts customers with 7 or more repeat transactions in the last bin', () => {
    expect(actualFrequency([0, 0, 3, 7, 12], 7)).toEqual([2, 0, 0, 1, 0, 0, 0, 2]);
    const d = frequencyDistributions([{ x: 0, actual: 2, expected: 1.5 }]);
    expect(d.distribution.counts).toEqual([{ x: 0, count: 2 }]);
    expect(d.overlay.counts).toEqual([{ x: 0, count: 1.5 }]);
  });

  it('averages holdout transactions and the conditional expectation over each frequency bin', () => {
    const customers = [
      { x: 2, tx: 10, T: 30, xHoldout: 1 },
      { x: 2, tx: 25, T: 30, xHoldout: 3 }
    ];
    const bins = conditionalByFrequency(bgnbd, params, customers, 39, 3);
    expect(bins[2].customers).toBe(2);
    expect(bins[2].actual).toBe(2);
    const mean =
      (bgnbd.conditionalExpected(params, 2, 10, 30, 39) + bgnbd.conditionalExpected(params, 2, 25, 30, 39)) / 2;
    expect(bins[2].expected).toBeCloseTo(mean, 12);
    expect(Number.isNaN(bins[0].actual)).toBe(true);
    expect(conditionalBars(bins)).toHaveLength(1);
  });
});
