/**
 * The published CDNOW fits, reproduced from the raw transactions in
 * ../shared/data/cdnow/CDNOW_sample.txt (2,357 customers, first purchases in 1997 Q1),
 * summarised by the data pipeline (src/lib/data/read-node.ts + summarize.ts) with the
 * literature's conventions: same-day purchases merged, calibration ends 1997-09-30, weeks.
 *
 * Published values:
 * - BG/NBD: Fader, Hardie & Lee (2005) "Counting your customers the easy way", Marketing
 *   Science 24(2), section 5: r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4;
 *   E[Y(39) | x = 2, t_x = 30.43, T = 38.86] = 1.226.
 * - Pareto/NBD: Fader, Hardie & Lee (2005) "RFM and CLV", JMR 42(4), and FHL 2005 (Marketing
 *   Science) Table/section 5: r = 0.553, alpha = 10.578, s = 0.606, beta = 11.669, LL = -9595.0.
 * - Gamma-Gamma: FHL 2005 "RFM and CLV" section 3 / Hardie note 025: p = 6.25, q = 3.74,
 *   v = 15.44 on the 946 customers with repeat purchases.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readDataFile } from '$lib/data/read-node.ts';
import { summarize } from '$lib/data/summarize.ts';
import {
  bgnbd,
  compressRfmArrays,
  compressSpend,
  conditionalExpectedSpend,
  fitGammaGamma,
  mbgNbd,
  paretoNbd
} from '$lib/model/core/index.ts';
import type { RfmData, SpendData } from '$lib/model/core/types.ts';
import { dataDir } from '../data-dir.ts';

let rfm: RfmData;
let spend: SpendData;
let customers = 0;

beforeAll(async () => {
  const file = await readDataFile(join(dataDir, 'cdnow/CDNOW_sample.txt'));
  if (file.kind !== 'transactions') throw new Error(`CDNOW_sample.txt read as ${file.kind}, expected transactions`);
  const summary = summarize(file.table, { calibrationEnd: '1997-09-30', unit: 'week' });
  const c = summary.customers;
  customers = c.length;
  rfm = compressRfmArrays(
    c.map((r) => r.x),
    c.map((r) => r.tx),
    c.map((r) => r.T)
  );
  spend = compressSpend(
    c.map((r) => r.x),
    c.map((r) => r.m)
  );
}, 60_000);

describe('CDNOW (FHL 2005)', () => {
  it('summarises 2,357 customers, 946 of them with repeat purchases in calibration', () => {
    expect(customers).toBe(2357);
    expect(spend.customers).toBe(946);
  });

  it('fits BG/NBD to r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4 (FHL 2005 section 5)', () => {
    const fit = bgnbd.fit(rfm);
    expect(fit.converged).toBe(true);
    expect(fit.params.r).toBeCloseTo(0.243, 3);
    expect(fit.params.alpha).toBeCloseTo(4.414, 2);
    expect(fit.params.a).toBeCloseTo(0.793, 3);
    expect(fit.params.b).toBeCloseTo(2.426, 2);
    expect(fit.logLik).toBeCloseTo(-9582.4, 1);
    // FHL 2005 section 5: the customer with x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in weeks 40-78
    expect(bgnbd.conditionalExpected(fit.params, 2, 30.43, 38.86, 39)).toBeCloseTo(1.226, 2);
  });

  it('fits Pareto/NBD to r = 0.553, alpha = 10.578, s = 0.606, beta = 11.669, LL = -9595.0 (FHL 2005)', () => {
    const fit = paretoNbd.fit(rfm);
    expect(fit.params.r).toBeCloseTo(0.553, 2);
    expect(fit.params.alpha).toBeCloseTo(10.578, 1);
    expect(fit.params.s).toBeCloseTo(0.606, 2);
    expect(fit.params.beta).toBeCloseTo(11.669, 0);
    expect(fit.logLik).toBeCloseTo(-9595.0, 1);
  });

  it('fits MBG/NBD with a log-likelihood within a few units of the BG/NBD fit (the two differ only by a dropout at time 0)', () => {
    const mbg = mbgNbd.fit(rfm);
    expect(mbg.converged).toBe(true);
    expect(Number.isFinite(mbg.logLik)).toBe(true);
    // the models are not nested; on CDNOW both describe the data about equally well (measured here: -9582.1)
    expect(Math.abs(mbg.logLik - -9582.4)).toBeLessThan(5);
  });

  it('fits Gamma-Gamma to p = 6.25, q = 3.74, v = 15.44 (FHL 2005 "RFM and CLV"; Hardie note 025)', () => {
    const fit = fitGammaGamma(spend);
    expect(fit.params.p).toBeCloseTo(6.25, 1);
    expect(fit.params.q).toBeCloseTo(3.74, 1);
    expect(fit.params.v).toBeCloseTo(15.44, 1);
    // population mean spend p v / (q - 1) ~ $35.2 per transaction (note 025)
    expect(conditionalExpectedSpend(fit.params, 0, 0)).toBeCloseTo((6.25 * 15.44) / 2.74, 0);
  });
});
