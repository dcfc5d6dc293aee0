import { describe, expect, it } from 'vitest';
import { scoreCustomers } from '$lib/pipeline/customer-scores';
import { nonContractualClv } from '$lib/pipeline/clv-summary';
import { simulateBgNbd, simulateParetoNbd } from '$lib/model/core/btyd/simulate';
import type { CustomerSummary } from '$lib/data/types';
import type { BgNbdParams, ParetoNbdParams } from '$lib/model/core/types';
import { bgnbd } from '$lib/model/core/btyd/bgnbd';
import { paretoNbd } from '$lib/model/core/btyd/paretonbd';
import type { FitInputMeta } from '$lib/pipeline/fit-step';

const META: FitInputMeta = { name: 'Simulated', kind: 'transactions', unit: 'week', calibrationEnd: '2024-12-31' };

function rowsOf(sim: {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  xHoldout: Float64Array;
}): CustomerSummary[] {
  return Array.from(sim.x, (x, i) => ({
    id: `c${i}`,
    x,
    tx: sim.tx[i],
    T: sim.T[i],
    // a spend that varies by customer, so Gamma-Gamma has something to fit
    m: x > 0 ? 20 + (i % 7) * 5 : 0,
    firstSpend: 25,
    xHoldout: sim.xHoldout[i],
    holdoutSpend: 0,
    firstDate: '2024-01-01',
    lastDate: '2024-12-31',
    channel: i % 2 ? 'search' : 'social',
    segment: i % 3 ? 'regular' : 'vip',
    region: '',
    treatment: -1
  }));
}

const T = (n: number) => Array.from({ length: n }, (_, i) => 26 + (i % 27));

describe('scoreCustomers', () => {
  it('BG/NBD: the residual CLV is the BG/NBD DERT path of the workbench unchanged (clv-summary.ts)', () => {
    const truth: BgNbdParams = { r: 0.5, alpha: 6, a: 0.8, b: 2.5 };
    const rows = rowsOf(simulateBgNbd(truth, { customers: 1500, T: T(1500), seed: 7, holdout: 52 }));
    const s = scoreCustomers(META, rows, { model: 'bgnbd', horizonWeeks: 52 });
    expect(s.spendModelled).toBe(true);
    const reference = nonContractualClv(
      rows.map((r) => ({ x: r.x, txWeeks: r.tx, TWeeks: r.T, m: r.m })),
      s.fit.params as BgNbdParams,
      s.spend!.params,
      { marginShare: 0.3, annualDiscountRate: 0.1, horizonWeeks: 520 }
    );
    for (let i = 0; i < rows.length; i++) expect(s.clvValue[i]).toBeCloseTo(reference[i], 9);
    for (let i = 0; i < rows.length; i += 50)
      expect(s.expected[i]).toBe(
        bgnbd.conditionalExpected(s.fit.params as BgNbdParams, rows[i].x, rows[i].tx, rows[i].T, 52)
      );
  });

  it('Pareto/NBD on Pareto/NBD customers: recovers the parameters within 3 SEs; each score is the model at the fit', () => {
    const truth: ParetoNbdParams = { r: 0.6, alpha: 8, s: 0.8, beta: 12 };
    const sim = simulateParetoNbd(truth, { customers: 4000, T: T(4000), seed: 2005, holdout: 26 });
    const rows = rowsOf(sim);
    const s = scoreCustomers(META, rows, { model: 'paretonbd', horizonWeeks: 26 });
    const fit = s.fit as unknown as { params: ParetoNbdParams; stdErr: ParetoNbdParams };
    for (const k of ['r', 'alpha', 's', 'beta'] as const)
      expect(Math.abs(fit.params[k] - truth[k])).toBeLessThan(3 * fit.stdErr[k]);
    for (let i = 0; i < rows.length; i += 97) {
      expect(s.expected[i]).toBe(paretoNbd.conditionalExpected(fit.params, rows[i].x, rows[i].tx, rows[i].T, 26));
      expect(s.pAlive[i]).toBe(paretoNbd.pAlive(fit.params, rows[i].x, rows[i].tx, rows[i].T));
    }
    for (let i = 0; i < rows.length; i++) {
      expect(s.pAlive[i]).toBeGreaterThan(0);
      expect(s.pAlive[i]).toBeLessThanOrEqual(1);
      expect(s.clvValue[i]).toBeGreaterThanOrEqual(0);
    }
    expect(s.id[3]).toBe('c3');
    expect(s.segment[0]).toBe('vip');
  });

  it('refuses subscriptions, an empty dataset and a bad horizon with the reason', () => {
    const rows = rowsOf(simulateBgNbd({ r: 0.5, alpha: 6, a: 0.8, b: 2.5 }, { customers: 50, T: 30, seed: 1 }));
    expect(() => scoreCustomers({ ...META, kind: 'subscription' }, rows, { model: 'bgnbd' })).toThrow(/sBG/);
    expect(() => scoreCustomers(META, [], { model: 'bgnbd' })).toThrow(/no customers/);
    expect(() => scoreCustomers(META, rows, { model: 'bgnbd', horizonWeeks: 0 })).toThrow(/invalid horizon/);
  });
});
