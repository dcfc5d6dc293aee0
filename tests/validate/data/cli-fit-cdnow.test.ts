// The CLI end to end on the public data (CDNOW, sBG cohorts, donations): read, summarise (calibration to 1997-09-30, weeks), compress,
// fit with the model core, and print the published BG/NBD estimates.
import { afterEach, describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { main } from '../../../src/cli/main';

const DATA = process.env.DATA_DIR ?? path.resolve('../shared/data');
afterEach(() => vi.restoreAllMocks());

async function run(...argv: string[]) {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const code = await main(argv);
  vi.restoreAllMocks();
  return { code, out };
}

describe('lever-lab fit on CDNOW', () => {
  it('reproduces Fader, Hardie & Lee (2005) BG/NBD: r 0.243, alpha 4.414, a 0.793, b 2.426, LL -9582.4', async () => {
    const { code, out } = await run(
      'fit',
      path.join(DATA, 'cdnow/CDNOW_sample.txt'),
      '--model',
      'bgnbd',
      '--calibration-end',
      '1997-09-30',
      '--json'
    );
    expect(code).toBe(0);
    const fit = JSON.parse(out);
    expect(fit.n).toBe(2357);
    // FHL 2005 section 5 reports three decimals
    expect(fit.params.r).toBeCloseTo(0.243, 3);
    expect(fit.params.alpha).toBeCloseTo(4.414, 3);
    expect(fit.params.a).toBeCloseTo(0.793, 3);
    expect(fit.params.b).toBeCloseTo(2.426, 3);
    expect(fit.logLik).toBeCloseTo(-9582.4, 1);
  });

  it('reproduces Fader, Hardie & Lee (2005, "RFM and CLV") Pareto/NBD: r 0.55, alpha 10.58, s 0.61, beta 11.67, LL -9595.0', async () => {
    const { out } = await run(
      'fit',
      path.join(DATA, 'cdnow/CDNOW_sample.txt'),
      '--model',
      'paretonbd',
      '--calibration-end',
      '1997-09-30',
      '--json'
    );
    const fit = JSON.parse(out);
    expect(fit.params.r).toBeCloseTo(0.55, 2);
    expect(fit.params.alpha).toBeCloseTo(10.58, 2);
    expect(fit.params.s).toBeCloseTo(0.61, 2);
    expect(fit.params.beta).toBeCloseTo(11.67, 1); // a flat direction of the likelihood: s.e. about 6
    expect(fit.logLik).toBeCloseTo(-9595.0, 1);
  });

  it('reproduces the Gamma-Gamma spend fit of FHL 2005 ("RFM and CLV"): p 6.25, q 3.74, v 15.44 on 946 repeat buyers', async () => {
    const { out } = await run(
      'fit',
      path.join(DATA, 'cdnow/CDNOW_sample.txt'),
      '--model',
      'gammagamma',
      '--calibration-end',
      '1997-09-30',
      '--json'
    );
    const fit = JSON.parse(out);
    expect(fit.n).toBe(946); // 2,357 - 1,411 customers with x > 0
    expect(fit.params.p).toBeCloseTo(6.25, 2);
    expect(fit.params.q).toBeCloseTo(3.74, 2);
    expect(fit.params.v).toBeCloseTo(15.44, 1);
  });
});

describe('lever-lab fit on the contractual and discrete-time data', () => {
  it('fits sBG per cohort to Fader & Hardie (2007): regular 0.704 / 1.182, high end 0.668 / 3.806', async () => {
    const { code, out } = await run('fit', path.join(DATA, 'sbg/sbg_cohorts.csv'), '--model', 'sbg', '--json');
    expect(code).toBe(0);
    const byCohort = Object.fromEntries(
      JSON.parse(out).map((r: { cohort: string; params: object }) => [r.cohort, r.params])
    );
    expect(byCohort.regular.alpha).toBeCloseTo(0.704, 3);
    expect(byCohort.regular.beta).toBeCloseTo(1.182, 3);
    expect(byCohort.highend.alpha).toBeCloseTo(0.668, 3);
    expect(byCohort.highend.beta).toBeCloseTo(3.806, 3);
  });

  it('fits BG/BB to the donations table as Fader, Hardie & Shang (2010): 1.204, 0.750, 0.657, 2.783, LL -33,225.6', async () => {
    const { out } = await run('fit', path.join(DATA, 'donations/donations.csv'), '--model', 'bgbb', '--json');
    const fit = JSON.parse(out);
    expect(fit.n).toBe(11104);
    expect(fit.params.alpha).toBeCloseTo(1.204, 2);
    expect(fit.params.beta).toBeCloseTo(0.75, 2);
    expect(fit.params.gamma).toBeCloseTo(0.657, 2);
    expect(fit.params.delta).toBeCloseTo(2.783, 2);
    expect(fit.logLik).toBeCloseTo(-33225.6, 0);
  });
});

describe('lever-lab predict on CDNOW', () => {
  it('prints 2,357 customers and a 78-week tracking series whose actual ends at 2,457 + 1,882 repeat transactions', async () => {
    const { code, out } = await run(
      'predict',
      path.join(DATA, 'cdnow/CDNOW_sample.txt'),
      '--model',
      'bgnbd',
      '--horizon',
      '39',
      '--calibration-end',
      '1997-09-30',
      '--json'
    );
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.customers).toHaveLength(2357);
    expect(json.tracking.actual).toHaveLength(78);
    expect(json.tracking.actual[77]).toBe(2457 + 1882);
    // the expected series is cumulative, so non-decreasing
    expect(json.tracking.expected.every((v: number, i: number, a: number[]) => i === 0 || v >= a[i - 1])).toBe(true);
    for (const c of json.customers) {
      expect(c.pAlive).toBeGreaterThan(0);
      expect(c.pAlive).toBeLessThanOrEqual(1);
      expect(c.expectedTransactions).toBeGreaterThanOrEqual(0);
    }
  });
});
