/**
 * Holdout evaluation on synthetic transactions drawn from known parameters (seeded BG/NBD and
 * Pareto/NBD simulations, src/lib/model/core/btyd/simulate.ts): customers first buy on a day of
 * a 12-week acquisition window, calibration ends 39 weeks after the window opens, the holdout
 * runs 39 weeks more (the CDNOW design of Fader, Hardie & Lee 2005). The truth lets each number
 * be checked against something the evaluation did not compute: the parameters drawn from, the
 * holdout transactions counted here from the simulated days, and the conditional expectations
 * of the model core at the true parameters.
 */
import { describe, expect, it } from 'vitest';
import type { TransactionTable } from '$lib/data/types';
import { bgnbd, createRng, simulateBgNbd, simulateParetoNbd } from '$lib/model/core/index.ts';
import type { BgNbdParams, ParetoNbdParams } from '$lib/model/core/types';
import { defaultSplit, evaluateHoldout, proposeModel, type ModelEvaluation } from '$lib/pipeline/holdout-evaluation';

const DAY = 86_400_000;
const dayOf = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
const START = dayOf('2021-01-04');
const CAL_END = START + 39 * 7 - 1;
const HOLD_END = CAL_END + 39 * 7;
const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

interface Synthetic {
  table: TransactionTable;
  /** distinct (customer, day) pairs in the holdout, counted from the simulated days */
  holdoutDays: number;
  births: number[];
  /** each customer's calibration (x, t_x, T) in weeks, from the merged days */
  rfm: { x: number; tx: number; T: number }[];
}

function synthetic(
  kind: 'bgnbd' | 'paretonbd',
  params: BgNbdParams | ParetoNbdParams,
  customers: number,
  seed: number,
  withSpend = true
): Synthetic {
  const rng = createRng(seed ^ 0x77);
  const births = Array.from({ length: customers }, () => START + rng.int(84));
  const events: number[][] = births.map(() => []);
  const options = {
    customers,
    seed,
    T: births.map((b) => (CAL_END - b) / 7),
    holdout: (HOLD_END - CAL_END) / 7,
    onTransaction: (i: number, t: number) => events[i].push(t)
  };
  if (kind === 'bgnbd') simulateBgNbd(params as BgNbdParams, options);
  else simulateParetoNbd(params as ParetoNbdParams, options);
  const ids: string[] = [];
  const days: number[] = [];
  const amounts: number[] = [];
  let holdoutDays = 0;
  const rfm: Synthetic['rfm'] = [];
  births.forEach((b, i) => {
    const own = new Set<number>([b]);
    for (const t of events[i]) {
      const d = b + Math.floor(t * 7);
      if (d <= HOLD_END) own.add(d);
    }
    const sorted = [...own].sort((u, v) => u - v);
    const cal = sorted.filter((d) => d <= CAL_END);
    holdoutDays += sorted.length - cal.length;
    rfm.push({ x: cal.length - 1, tx: (cal[cal.length - 1] - b) / 7, T: (CAL_END - b) / 7 });
    const mean = 20 + 30 * rng.uniform();
    for (const d of sorted) {
      ids.push(`c${i}`);
      days.push(d);
      amounts.push(withSpend ? mean * (0.5 + rng.uniform()) : NaN);
    }
  });
  const n = ids.length;
  return {
    table: {
      customerId: ids,
      day: Int32Array.from(days),
      amount: Float64Array.from(amounts),
      quantity: new Float64Array(n).fill(NaN),
      channel: new Array<string>(n).fill(''),
      length: n
    },
    holdoutDays,
    births,
    rfm
  };
}

const TRUTH: BgNbdParams = { r: 0.4, alpha: 6, a: 0.7, b: 3 };
const bgData = synthetic('bgnbd', TRUTH, 4000, 11);
const bgEval = evaluateHoldout(bgData.table, { calibrationEnd: iso(CAL_END), holdoutEnd: iso(HOLD_END) });
const bgFit = bgEval.models.find((m) => m.model === 'bgnbd')!;

describe('holdout evaluation on BG/NBD data', () => {
  it('splits at the given dates, with a 39-week holdout and every customer in the cohort', () => {
    expect(bgEval.calibrationEnd).toBe(iso(CAL_END));
    expect(bgEval.holdoutEnd).toBe(iso(HOLD_END));
    expect(bgEval.holdoutWeeks).toBe(39);
    expect(bgEval.customers).toBe(4000);
    expect(bgEval.models.map((m) => m.model)).toEqual(['bgnbd', 'paretonbd', 'mbgnbd']);
    for (const m of bgEval.models) expect(m.error).toBeNull();
  });

  it('recovers the parameters it was drawn from within 3 standard errors', () => {
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(bgFit.params[k] - TRUTH[k])).toBeLessThan(3 * bgFit.stdErr[k]);
      expect(bgFit.stdErr[k]).toBeGreaterThan(0);
    }
  });

  it('counts the actual holdout transactions as the distinct simulated holdout days', () => {
    for (const m of bgEval.models) expect(m.holdout.actual).toBe(bgData.holdoutDays);
  });

  it('predicts the holdout total near the conditional expectations at the true parameters', () => {
    // the truth's forecast from the same (x, t_x, T): FHL 2005 eq. 10 through the model core
    let truthTotal = 0;
    for (const c of bgData.rfm) truthTotal += bgnbd.conditionalExpected(TRUTH, c.x, c.tx, c.T, 39);
    expect(Math.abs(bgFit.holdout.predicted - truthTotal) / truthTotal).toBeLessThan(0.05);
    // and the truth's forecast is itself near what happened (a sum over 4,000 customers)
    expect(Math.abs(truthTotal - bgData.holdoutDays) / bgData.holdoutDays).toBeLessThan(0.08);
  });

  it('reports AIC and BIC from the log-likelihood with 4 parameters', () => {
    expect(bgFit.aic).toBeCloseTo(8 - 2 * bgFit.logLik, 9);
    expect(bgFit.bic).toBeCloseTo(4 * Math.log(4000) - 2 * bgFit.logLik, 9);
    expect(bgFit.n).toBe(4000);
  });

  it('has MAE <= RMSE and a conditional table that adds up to the totals', () => {
    for (const m of bgEval.models) {
      expect(m.holdout.mae).toBeGreaterThan(0);
      expect(m.holdout.mae).toBeLessThanOrEqual(m.holdout.rmse);
      expect(m.conditional.map((b) => b.label)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
      const n = m.conditional.reduce((s, b) => s + b.customers, 0);
      const actual = m.conditional.reduce((s, b) => s + (b.customers ? b.customers * b.actual : 0), 0);
      const expected = m.conditional.reduce((s, b) => s + (b.customers ? b.customers * b.expected : 0), 0);
      expect(n).toBe(4000);
      expect(actual).toBeCloseTo(m.holdout.actual, 6);
      expect(expected).toBeCloseTo(m.holdout.predicted, 6);
    }
  });

  it('tracks whole weeks, the weekly series summing to the cumulative one, the expected near the actual', () => {
    const t = bgEval.tracking;
    expect(t.length).toBe(78); // the window opens on START: 39 + 39 whole weeks
    expect(bgEval.calibrationWeeks).toBe(39);
    expect(t.reduce((s, r) => s + r.actualWeekly, 0)).toBe(t[t.length - 1].actual);
    // repeat transactions after the calibration end: the holdout total
    expect(t[t.length - 1].actual - t[38].actual).toBe(bgData.holdoutDays);
    for (const m of bgEval.models) {
      expect(m.trackingCumulative).toHaveLength(78);
      expect(m.trackingWeekly.reduce((s, v) => s + v, 0)).toBeCloseTo(m.trackingCumulative[77], 6);
      expect(Math.abs(m.trackingCumulative[77] - t[77].actual) / t[77].actual).toBeLessThan(0.08);
    }
  });

  it('compares the calibration frequencies, the expected summing to the customers', () => {
    for (const m of bgEval.models) {
      expect(m.frequency.reduce((s, b) => s + b.actual, 0)).toBe(4000);
      expect(m.frequency.reduce((s, b) => s + b.expected, 0)).toBeCloseTo(4000, 6);
      // zero repeaters are the biggest bin; the fitted model gets it within 5%
      expect(Math.abs(m.frequency[0].expected - m.frequency[0].actual) / m.frequency[0].actual).toBeLessThan(0.05);
    }
  });

  it('gives a P(alive) matrix that rises with recency for a repeat buyer and is null where impossible', () => {
    const pa = bgFit.pAlive!;
    const { r, alpha, a, b } = bgFit.params;
    const fitted: BgNbdParams = { r, alpha, a, b };
    expect(pa.recency[0]).toBe(0);
    expect(pa.recency[pa.recency.length - 1]).toBeCloseTo(pa.T, 9);
    expect(pa.values[0][0]).toBe(1); // BG/NBD: no repeat purchase, no chance to drop out
    expect(pa.values[0].slice(1).every((v) => v === null)).toBe(true);
    const row = pa.values[3] as number[];
    for (let k = 1; k < row.length; k++) expect(row[k]).toBeGreaterThan(row[k - 1]);
    expect(row[row.length - 1]).toBeCloseTo(bgnbd.pAlive(fitted, 3, pa.T, pa.T), 12);
  });

  it('fits Gamma-Gamma where spend exists and checks the mean holdout spend per transaction', () => {
    const s = bgEval.spend!;
    expect(s.error).toBeNull();
    expect(s.params!.p).toBeGreaterThan(0);
    const m = s.holdoutMeanSpend!;
    // spend per day is drawn around each customer's mean in [20, 50]: the prediction is within 10%
    expect(Math.abs(m.predicted - m.actual) / m.actual).toBeLessThan(0.1);
    expect(bgFit.holdout.predictedSpend).toBeGreaterThan(0);
  });

  it('proposes a model by the lowest holdout RMSE and says so', () => {
    const best = [...bgEval.models].sort((a, b) => a.holdout.rmse - b.holdout.rmse)[0];
    expect(bgEval.chosen).toBe(best.model);
    expect(bgEval.reason).toMatch(/lowest per-customer holdout RMSE/);
  });
});

describe('holdout evaluation on Pareto/NBD data', () => {
  it('recovers the Pareto/NBD parameters within 3 standard errors', () => {
    const truth: ParetoNbdParams = { r: 0.6, alpha: 10, s: 0.6, beta: 12 };
    const data = synthetic('paretonbd', truth, 3000, 5, false);
    const r = evaluateHoldout(data.table, {
      calibrationEnd: iso(CAL_END),
      holdoutEnd: iso(HOLD_END),
      models: ['paretonbd']
    });
    const fit = r.models[0];
    expect(fit.model).toBe('paretonbd');
    for (const k of ['r', 'alpha', 's', 'beta'] as const)
      expect(Math.abs(fit.params[k] - truth[k])).toBeLessThan(3 * fit.stdErr[k]);
    expect(r.spend).toBeNull(); // no amounts in the table
    expect(fit.holdout.predictedSpend).toBeNull();
  });
});

describe('model proposal', () => {
  const model = (name: ModelEvaluation['model'], rmse: number, bic: number, extra: Partial<ModelEvaluation> = {}) =>
    ({ model: name, label: name, error: null, warning: null, holdout: { rmse }, bic, ...extra }) as ModelEvaluation;

  it('takes the lowest RMSE, and the lower BIC within a 0.1% tie', () => {
    expect(proposeModel([model('bgnbd', 1.2, 10), model('paretonbd', 1.1, 20)]).chosen).toBe('paretonbd');
    const tie = proposeModel([model('bgnbd', 1.1, 10), model('paretonbd', 1.1005, 5)]);
    expect(tie.chosen).toBe('paretonbd');
    expect(tie.reason).toMatch(/tied within 0.1% and ahead on BIC/);
  });

  it('passes over a model that failed or did not converge, and says why when none is left', () => {
    expect(
      proposeModel([model('bgnbd', 1.0, 1, { warning: 'did not converge' }), model('mbgnbd', 1.5, 9)]).chosen
    ).toBe('mbgnbd');
    const none = proposeModel([model('bgnbd', NaN, NaN, { error: 'no repeat purchase' })]);
    expect(none.chosen).toBeNull();
    expect(none.reason).toMatch(/bgnbd: no repeat purchase/);
  });
});

describe('bad input', () => {
  const table = bgData.table;

  it('refuses a holdout with no days, naming both dates', () => {
    expect(() => evaluateHoldout(table, { calibrationEnd: iso(HOLD_END), holdoutEnd: iso(HOLD_END) })).toThrow(
      /the holdout has no days: the holdout end .* is not after the calibration end/
    );
  });

  it('refuses a calibration end before the first transaction', () => {
    expect(() => evaluateHoldout(table, { calibrationEnd: iso(START - 5) })).toThrow(/before the first transaction/);
  });

  it('reports every model as failed, with what to try, when nobody repeats before the calibration end', () => {
    // everyone in the cohort was first seen on the calibration end itself (T = 0): nothing to fit
    const r = evaluateHoldout(table, { calibrationEnd: iso(START) });
    expect(r.chosen).toBeNull();
    for (const m of r.models) expect(m.error).toMatch(/no customers in the data.*Move the calibration end later/);
    expect(r.reason).toMatch(/No model fitted/);
  });

  it('names an unknown model', () => {
    // @ts-expect-error: a name from the command line
    expect(() => evaluateHoldout(table, { models: ['bgbb'] })).toThrow(/unknown model 'bgbb'/);
  });
});

describe('default split', () => {
  it('puts the calibration end two thirds into the span, on a whole day, and the holdout end last', () => {
    // 2020 is a leap year: 365 days from Jan 1 to Dec 31, two thirds = 243.3 -> day 243 = Aug 31
    expect(defaultSplit('2020-01-01', '2020-12-31')).toEqual({
      calibrationEnd: '2020-08-31',
      holdoutEnd: '2020-12-31'
    });
    const r = evaluateHoldout(bgData.table, { models: ['bgnbd'] });
    const first = bgData.births.reduce((a, b) => Math.min(a, b));
    let last = 0;
    for (const d of bgData.table.day) last = Math.max(last, d);
    expect(r.calibrationEnd).toBe(iso(first + Math.round(((last - first) * 2) / 3)));
    expect(r.holdoutEnd).toBe(iso(last));
  });
});

describe('each model scores its own predictions', () => {
  it('predicts each customer with its own fit and its own conditional expectation (not a shared one)', async () => {
    const { PURCHASE_MODELS } = await import('$lib/pipeline/model-fits');
    const totals = bgEval.models.map((m) => {
      // the model core's E[Y(39) | x, t_x, T] at this model's fitted parameters, customer by customer
      let total = 0;
      for (const c of bgData.rfm) total += PURCHASE_MODELS[m.model].conditionalExpected(m.params, c.x, c.tx, c.T, 39);
      expect(m.holdout.predicted).toBeCloseTo(total, 6);
      return total;
    });
    // BG/NBD data with dropout: the three models' forecasts differ, and so do their scores
    for (let i = 0; i < totals.length; i++)
      for (let j = i + 1; j < totals.length; j++) {
        expect(Math.abs(totals[i] / totals[j] - 1)).toBeGreaterThan(1e-4);
        const [a, b] = [bgEval.models[i], bgEval.models[j]];
        expect(Math.abs(a.holdout.rmse / b.holdout.rmse - 1)).toBeGreaterThan(1e-6);
        expect(a.conditional.map((c) => c.expected)).not.toEqual(b.conditional.map((c) => c.expected));
      }
    expect(bgEval.reason).not.toMatch(/no dropout/);
  });

  it('says why the scores coincide when every fit has run to no dropout (the NBD), as on UCI Online Retail', () => {
    // the UCI fits of `lever-lab evaluate` at the default split (calibration to 2011-08-07): RMSE 1.807 for all three
    const tie = proposeModel([
      {
        model: 'bgnbd',
        label: 'BG/NBD',
        error: null,
        warning: null,
        bic: 38566.7,
        holdout: { rmse: 1.8072709 },
        params: { r: 0.7402, alpha: 9.362, a: 3.5e-5, b: 4486 }
      },
      {
        model: 'mbgnbd',
        label: 'MBG/NBD',
        error: null,
        warning: null,
        bic: 38566.6,
        holdout: { rmse: 1.8072707 },
        params: { r: 0.7402, alpha: 9.362, a: 1.2e-9, b: 0.2036 }
      }
    ] as unknown as ModelEvaluation[]);
    expect(tie.reason).toMatch(
      /Every fit has run to no dropout \(BG\/NBD a\/\(a \+ b\) = 7\.8e-9, MBG\/NBD a\/\(a \+ b\) = 5\.9e-9\)/
    );
    expect(tie.reason).toMatch(/same NBD model/);
  });
});
