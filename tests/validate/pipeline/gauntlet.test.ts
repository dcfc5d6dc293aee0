/**
 * The real-data gauntlet of issue 13 on the public files (../shared/data, README there): each is
 * read and summarised as the app imports it (no calibration end unless stated), fitted by the
 * app's one fit step and projected by the engine. Every file must give finite KPIs, a 1-year
 * retention strictly inside (0, 1), finite CLV and customer equity, and the diagnostics
 * expected of it; each prints its fit time, 1-year retention and CLV per customer.
 * CDNOW's published BG/NBD values (Fader, Hardie & Lee 2005, Table 2) are checked in
 * tests/validate/model/cdnow.test.ts through the same fit step.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { readDataFile } from '$lib/data/read-node';
import { summarize } from '$lib/data/summarize';
import { prepareBaseline } from '$lib/model/scenario/engine/baseline';
import { evaluateScenario } from '$lib/model/scenario/engine/evaluate';
import { neutralScenario } from '$lib/model/scenario/scenario';
import { fitBaseline } from '$lib/pipeline/fit-step';
import { dataDir } from '../data-dir';

const TIMEOUT_MS = 300_000;

interface Case {
  file: string;
  calibrationEnd?: string;
  /** diagnostics codes that must be there */
  expect: string[];
  /** warning codes that must not be there */
  not: string[];
  estimate: 'mle' | 'map';
}

const CASES: Case[] = [
  { file: 'cdnow/CDNOW_sample.txt', expect: [], not: ['dropout-not-identified', 'small-sample'], estimate: 'mle' },
  {
    file: 'cdnow/CDNOW_sample.txt',
    calibrationEnd: '1997-09-30',
    // the single 1997 Q1 cohort: no organic acquisition
    expect: ['organic-acquisition'],
    not: ['dropout-not-identified'],
    estimate: 'mle'
  },
  {
    file: 'online-retail/online_retail_by_day_concat.csv.gz',
    expect: ['dropout-not-identified', 'estimate-in-use'],
    not: ['small-sample'],
    estimate: 'map'
  },
  {
    file: 'online-retail/online_retail_by_day_concat.csv.gz',
    calibrationEnd: '2011-08-31',
    expect: ['dropout-not-identified', 'estimate-in-use'],
    not: ['small-sample'],
    estimate: 'map'
  },
  { file: 'apparel/apparelTrans.csv', expect: [], not: ['dropout-not-identified'], estimate: 'mle' },
  // no amounts in the grocery event log: CLV counts purchases
  { file: 'grocery/groceryElog.csv', expect: ['no-amounts'], not: ['dropout-not-identified'], estimate: 'mle' }
];

describe('the real-data gauntlet on the public files', () => {
  for (const c of CASES) {
    it(
      `${c.file}${c.calibrationEnd ? ` to ${c.calibrationEnd}` : ''}: finite, retention inside (0, 1), diagnostics ${c.expect.join(', ') || 'none expected'}`,
      async () => {
        const f = await readDataFile(path.join(dataDir, c.file));
        if (f.kind !== 'transactions') throw new Error(`${c.file} read as ${f.kind}`);
        const s = summarize(f.table, { calibrationEnd: c.calibrationEnd, unit: 'week' });
        const meta = {
          name: c.file,
          kind: 'transactions' as const,
          unit: 'week' as const,
          calibrationEnd: s.calibrationEnd
        };
        const started = performance.now();
        const answer = fitBaseline(meta, s.customers);
        const fitMs = performance.now() - started;
        const outcome = evaluateScenario(prepareBaseline(answer.spec), neutralScenario());
        for (const [k, v] of Object.entries(outcome.kpis)) if (v !== null) expect(Number.isFinite(v), k).toBe(true);
        const retention = outcome.kpis.retention1y!;
        expect(retention).toBeGreaterThan(0);
        expect(retention).toBeLessThan(1);
        expect(Number.isFinite(outcome.kpis.customerEquity)).toBe(true);
        expect(Number.isFinite(answer.clv.meanClv)).toBe(true);
        expect(answer.clv.totalClv).toBeGreaterThan(0);
        const codes = answer.diagnostics.map((d) => d.code);
        for (const code of c.expect) expect(codes, c.file).toContain(code);
        for (const code of c.not) expect(codes, c.file).not.toContain(code);
        expect(answer.purchase!.inUse).toBe(c.estimate);
        console.log(
          `${c.file}${c.calibrationEnd ? ` (calibration to ${c.calibrationEnd})` : ''}: ` +
            `${answer.customers} customers, fit + CLV ${fitMs.toFixed(0)} ms, 1-year retention ${(retention * 100).toFixed(1)}%, ` +
            `CLV per customer ${answer.clv.meanClv.toFixed(2)} (${answer.clv.horizonWeeks}-week horizon, ${answer.purchase!.inUse}), ` +
            `warnings: ${
              answer.diagnostics
                .filter((d) => d.level === 'warning')
                .map((d) => d.code)
                .join(', ') || 'none'
            }`
        );
      },
      TIMEOUT_MS
    );
  }
});

describe('the fit step reproduces the published CDNOW values', () => {
  it(
    'BG/NBD r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4 (Fader, Hardie & Lee 2005, section 5), used as the baseline',
    async () => {
      const f = await readDataFile(path.join(dataDir, 'cdnow/CDNOW_sample.txt'));
      if (f.kind !== 'transactions') throw new Error(f.kind);
      const s = summarize(f.table, { calibrationEnd: '1997-09-30', unit: 'week' });
      const answer = fitBaseline(
        { name: 'CDNOW', kind: 'transactions', unit: 'week', calibrationEnd: '1997-09-30' },
        s.customers
      );
      const mle = answer.purchase!.mle!;
      expect(mle.params.r).toBeCloseTo(0.2426, 3);
      expect(mle.params.alpha).toBeCloseTo(4.4136, 3);
      expect(mle.params.a).toBeCloseTo(0.7929, 3);
      expect(mle.params.b).toBeCloseTo(2.4259, 3);
      expect(mle.logLik).toBeCloseTo(-9582.43, 1);
      expect(answer.purchase!.inUse).toBe('mle');
      expect(answer.spec.kind === 'noncontractual' && answer.spec.purchase.params).toEqual(mle.params);
      // Gamma-Gamma p = 6.25, q = 3.74, v = 15.44 (FHL 2005 "RFM and CLV", section 3)
      const gg = answer.fits.find((fit) => fit.model === 'gammagamma')!.params as { p: number; q: number; v: number };
      expect(gg.p).toBeCloseTo(6.25, 1);
      expect(gg.q).toBeCloseTo(3.74, 1);
      expect(gg.v).toBeCloseTo(15.44, 0);
    },
    TIMEOUT_MS
  );
});
