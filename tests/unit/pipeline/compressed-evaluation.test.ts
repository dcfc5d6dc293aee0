// A million customers drawn from known BG/NBD and spend parameters, in whole days as
// sql/compressed.*.sql measures them, scored two ways: per customer (the arrays a per-customer
// summary gives, through the model core's own compression and count-1 rows) and as the compressed
// groups the SQL would write. Fits, log-likelihoods and holdout scores must agree to 1e-9.
import { describe, expect, it } from 'vitest';
import { compressRfmArrays, compressSpend } from '$lib/model/core/fit/compress';
import { simulateBgNbd } from '$lib/model/core/btyd/simulate';
import { createRng } from '$lib/model/core/random/rng';
import { conditionalExpectedSpend } from '$lib/model/core/btyd/gammagamma';
import type { CompressedSummary, SpendGroup, SummaryGroup } from '$lib/data/compressed-summary';
import { compressedRfmData, compressedSpendData } from '$lib/data/compressed-summary';
import { evaluateCompressed } from '$lib/pipeline/compressed-evaluation';
import { scoreHoldout, type HoldoutRow } from '$lib/pipeline/fit-quality';
import { modelFits, PURCHASE_MODELS } from '$lib/pipeline/model-fits';
import { EVALUATED_MODELS } from '$lib/pipeline/holdout-evaluation';

const N = 1_000_000;
const SLOW = 120_000;
const HOLDOUT_DAYS = 182;

function relClose(a: number, b: number, tol = 1e-9) {
  expect(Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300)).toBeLessThan(tol);
}

/**
 * The compressed summary first: 10,000 customers drawn from known parameters, grouped, each group
 * standing for 100 customers (a million in all); then the per-customer columns of the same million.
 */
function million() {
  const BASE = N / 100;
  const rng = createRng(20);
  // first purchases spread over 364 days before the calibration end (2024-06-30)
  const baseT = Int32Array.from({ length: BASE }, () => 1 + rng.int(364));
  const sim = simulateBgNbd(
    { r: 0.24, alpha: 30, a: 0.8, b: 2.4 },
    { customers: BASE, seed: 7, T: Float64Array.from(baseT, (d) => d), holdout: HOLDOUT_DAYS }
  );
  const baseTx = Int32Array.from(sim.tx, (t, i) => (sim.x[i] > 0 ? Math.min(baseT[i], Math.floor(t)) : 0));
  // mean repeat spend of whole-cent amounts drawn from a gamma-gamma (p 6, q 4, v 15)
  const baseM = Float64Array.from(sim.x, (x) => {
    if (x === 0) return 0;
    const nu = rng.gamma(4, 15);
    let s = 0;
    for (let k = 0; k < x; k++) s += Math.round(rng.gamma(6, nu) * 100) / 100;
    return s / x;
  });
  const groups = new Map<string, SummaryGroup>();
  const spend = new Map<string, SpendGroup>();
  for (let i = 0; i < BASE; i++) {
    const key = `${sim.x[i]}|${baseTx[i]}|${baseT[i]}|${sim.xHoldout[i]}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        segment: '',
        channel: '',
        x: sim.x[i],
        txDays: baseTx[i],
        TDays: baseT[i],
        xHoldout: sim.xHoldout[i],
        customers: 0,
        mSum: 0,
        mSumSq: 0,
        firstSpendSum: NaN,
        holdoutSpendSum: NaN
      };
      groups.set(key, g);
    }
    g.customers += 100;
    g.mSum += 100 * baseM[i];
    g.mSumSq += 100 * baseM[i] * baseM[i];
    if (baseM[i] > 0) {
      const sk = `${sim.x[i]}|${baseM[i]}`;
      const s = spend.get(sk);
      if (s) s.customers += 100;
      else spend.set(sk, { segment: '', channel: '', x: sim.x[i], m: baseM[i], customers: 100 });
    }
  }
  const summary: CompressedSummary = {
    calibrationEnd: '2024-06-30',
    holdoutEnd: '2024-12-29',
    groups: [...groups.values()],
    spend: [...spend.values()],
    customers: N
  };
  const of = (a: ArrayLike<number>) => Float64Array.from({ length: N }, (_, i) => a[i % BASE]);
  return {
    x: of(sim.x),
    xHoldout: of(sim.xHoldout),
    TDays: of(baseT),
    txDays: of(baseTx),
    m: of(baseM),
    summary
  };
}

describe('a compressed summary of a million customers', () => {
  const { x, xHoldout, TDays, txDays, m, summary } = million();
  const tx = Float64Array.from(txDays, (d) => d / 7);
  const T = Float64Array.from(TDays, (d) => d / 7);
  const perCustomerRfm = compressRfmArrays(x, tx, T);
  const evaluation = evaluateCompressed(summary, { unit: 'week' });

  it(
    'holds far fewer rows than customers, and the same triples and counts',
    () => {
      expect(summary.groups.length).toBeLessThan(N / 4);
      const rfm = compressedRfmData(summary, 'week');
      expect(rfm.customers).toBe(N);
      expect(Array.from(rfm.x)).toEqual(Array.from(perCustomerRfm.x));
      expect(Array.from(rfm.tx)).toEqual(Array.from(perCustomerRfm.tx));
      expect(Array.from(rfm.T)).toEqual(Array.from(perCustomerRfm.T));
      expect(Array.from(rfm.count)).toEqual(Array.from(perCustomerRfm.count));
    },
    SLOW
  );

  it(
    'gives BG/NBD, Pareto/NBD and MBG/NBD fits equal to the per-customer fits (1e-9 relative)',
    () => {
      for (const name of EVALUATED_MODELS) {
        const compressed = evaluation.models.find((r) => r.model === name)!;
        expect(compressed.error).toBeNull();
        const direct = modelFits.fitPurchase(name, perCustomerRfm);
        for (const [k, v] of Object.entries(direct.params))
          relClose((compressed.fit!.params as Record<string, number>)[k], v);
        relClose(compressed.fit!.logLik, direct.logLik);
        // and the likelihood at the fitted parameters, summed over the million customers one by one
        const ones = { x, tx, T, count: new Float64Array(N).fill(1), length: N, customers: N };
        const perCustomer = PURCHASE_MODELS[name].logLik(direct.params, ones);
        relClose(compressed.fit!.logLik, perCustomer);
      }
    },
    SLOW
  );

  it(
    'gives the Gamma-Gamma fit of the per-customer (x, m) (1e-9 relative)',
    () => {
      const direct = modelFits.fitSpend(compressSpend(x, m));
      expect(compressedSpendData(summary).customers).toBe(direct.n);
      for (const [k, v] of Object.entries(direct.params))
        relClose((evaluation.spend.fit!.params as unknown as Record<string, number>)[k], v);
      relClose(evaluation.spend.fit!.logLik, direct.logLik);
    },
    SLOW
  );

  it(
    'gives the per-customer holdout scores: total, MAE, RMSE, bins and predicted spend (1e-9 relative)',
    () => {
      expect(evaluation.holdoutLength).toBe(HOLDOUT_DAYS / 7);
      const gg = evaluation.spend.fit!.params;
      const rows: HoldoutRow[] = Array.from({ length: N }, (_, i) => ({
        x: x[i],
        tx: tx[i],
        T: T[i],
        xHoldout: xHoldout[i],
        count: 1,
        expectedSpend: conditionalExpectedSpend(gg, x[i], m[i])
      }));
      for (const r of evaluation.models) {
        const direct = scoreHoldout(PURCHASE_MODELS[r.model], r.fit!.params, rows, HOLDOUT_DAYS / 7);
        const h = r.holdout!;
        relClose(h.predicted, direct.predicted);
        expect(h.actual).toBe(direct.actual);
        relClose(h.mae, direct.mae);
        relClose(h.rmse, direct.rmse);
        relClose(h.predictedSpend!, direct.predictedSpend!);
        h.conditional.forEach((b, k) => {
          expect(b.customers).toBe(direct.conditional[k].customers);
          relClose(b.actual, direct.conditional[k].actual);
          relClose(b.expected, direct.conditional[k].expected);
        });
      }
    },
    SLOW
  );
});
