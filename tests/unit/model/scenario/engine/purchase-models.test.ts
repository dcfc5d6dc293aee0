/**
 * The scenario engine's baseline under each purchase model agrees with the model core's own
 * functions (src/lib/model/core/btyd/) on customers drawn from known parameters:
 *  - BG/NBD: Fader, Hardie & Lee (2005) "Counting your customers the easy way" (eq. 9-11);
 *  - MBG/NBD: Batislam, Denizel & Filiztekin (2007), IJRM 24(3);
 *  - Pareto/NBD: Schmittlein, Morrison & Colombo (1987); Fader & Hardie (2005) note
 *    "A note on deriving the Pareto/NBD model and related expressions".
 * Expected values come from the model core (P(alive), E[Y(t) | x, t_x, T], E[X(t)],
 * P(X(t) = 0)) and from the alive posteriors' survival written here in closed form.
 */
import { describe, expect, it } from 'vitest';
import { hyp2f1 } from '$lib/model/core/special/index.ts';
import { bgnbd } from '$lib/model/core/btyd/bgnbd.ts';
import { mbgNbd } from '$lib/model/core/btyd/mbgnbd.ts';
import { paretoNbd } from '$lib/model/core/btyd/paretonbd.ts';
import { simulateBgNbd, simulateMbgNbd, simulateParetoNbd } from '$lib/model/core/btyd/simulate.ts';
import type { BgNbdParams, ParetoNbdParams, PurchaseModelName } from '$lib/model/core/types.ts';
import {
  prepareBaseline,
  type NonContractualBaselineSpec,
  type PurchaseSpec
} from '$lib/model/scenario/engine/baseline.ts';
import { project } from '$lib/model/scenario/engine/project/index.ts';
import { scenarioValues } from '$lib/model/scenario/engine/evaluate.ts';
import { explainGraph } from '$lib/model/scenario/engine/explain.ts';
import { evaluateScenario } from '$lib/model/scenario/engine/evaluate.ts';
import { redrawBaseline } from '$lib/model/scenario/montecarlo.ts';
import { neutralScenario } from '$lib/model/scenario/scenario.ts';

/** CDNOW BG/NBD estimates (FHL 2005 section 5), also the MBG/NBD truth of the synthetic draw */
const BG: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
/** CDNOW Pareto/NBD estimates (Fader, Hardie & Lee 2005 "RFM and CLV", JMR 42, section 3) */
const PARETO: ParetoNbdParams = { r: 0.5534, alpha: 10.5776, s: 0.6061, beta: 11.6562 };

const CORE = { bgnbd, mbgnbd: mbgNbd, paretonbd: paretoNbd } as const;

const SPEND = { p: 6.25, q: 3.74, v: 15.44 };

function customers(model: PurchaseModelName) {
  // 40 customers, four acquisition weeks: a small base the engine groups exactly
  const T = Array.from({ length: 40 }, (_, i) => 20 + 6 * (i % 4));
  const options = { T, customers: 40, seed: 20260 };
  const sim =
    model === 'paretonbd'
      ? simulateParetoNbd(PARETO, options)
      : model === 'mbgnbd'
        ? simulateMbgNbd(BG, options)
        : simulateBgNbd(BG, options);
  return { x: Array.from(sim.x), tx: Array.from(sim.tx), T: Array.from(sim.T), m: Array.from(sim.x, () => 30) };
}

function purchaseOf(model: PurchaseModelName): PurchaseSpec {
  return model === 'paretonbd' ? { model, params: PARETO } : { model, params: BG };
}

function spec(model: PurchaseModelName, c: NonContractualBaselineSpec['customers'], organic = 0) {
  return {
    version: 1,
    kind: 'noncontractual',
    source: `synthetic ${model}`,
    purchase: purchaseOf(model),
    spend: { params: SPEND },
    customers: c,
    organicNewPerWeek: organic
  } satisfies NonContractualBaselineSpec;
}

const long = () => {
  const s = neutralScenario();
  s.economics.horizonWeeks = 156;
  return s;
};
const cumulative = (xs: ArrayLike<number>, n: number) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += xs[i];
  return s;
};

/** survival of an alive customer over t more weeks, from the alive posterior of the model */
function aliveSurvival(model: PurchaseModelName, x: number, T: number, t: number): number {
  if (model === 'paretonbd') return Math.pow((PARETO.beta + T) / (PARETO.beta + T + t), PARETO.s);
  // BG family: E_p[(A / (A + p t))^R] over p ~ Beta(a, b + x (+ 1)) = 2F1(R, a; a + b + x (+1); -t / A) (Euler)
  const R = BG.r + x;
  const A = BG.alpha + T;
  const bb = BG.b + x + (model === 'mbgnbd' ? 1 : 0);
  return hyp2f1(R, BG.a, BG.a + bb, -t / A);
}

describe.each(['bgnbd', 'mbgnbd', 'paretonbd'] as const)('the engine baseline under %s', (model) => {
  const core = CORE[model];
  const params = purchaseOf(model).params as never;
  const c = customers(model);
  const base = prepareBaseline(spec(model, c));
  const n = c.x.length;
  // the Gauss-Beta quadrature of the BG family is good to 1e-5; Pareto/NBD's weekly integral is closed-form
  const tol = model === 'paretonbd' ? 1e-9 : 1e-5;

  it('names its model and keeps the customers in exact groups', () => {
    expect(base.purchaseModel).toBe(model);
    expect(base.dropout).toBe(model === 'paretonbd' ? 'gamma' : 'beta');
    expect(base.notes.join(' ')).not.toContain('binned');
  });

  it('starts from Σ P(alive | x, t_x, T) of the model core', () => {
    let exact = 0;
    for (let i = 0; i < n; i++) exact += core.pAlive(params, c.x[i], c.tx[i], c.T[i]);
    expect(cumulative(base.groups.alive, base.groups.length)).toBeCloseTo(exact, 10);
  });

  it('projects Σ E[Y(t) | x, t_x, T] of the model core as the existing base’s transactions (t = 13, 52, 156 weeks)', () => {
    const o = project(base, long(), scenarioValues(long())).outcome;
    for (const t of [13, 52, 156]) {
      let exact = 0;
      for (let i = 0; i < n; i++) exact += core.conditionalExpected(params, c.x[i], c.tx[i], c.T[i], t);
      expect(Math.abs(cumulative(o.series.transactions, t) / exact - 1)).toBeLessThan(tol);
    }
  });

  it('retains the alive customers as the alive posterior says (existing-base retention at 13, 52, 156 weeks)', () => {
    const o = project(base, long(), scenarioValues(long())).outcome;
    for (const t of [13, 52, 156]) {
      let alive = 0;
      let survived = 0;
      for (let i = 0; i < n; i++) {
        const pa = core.pAlive(params, c.x[i], c.tx[i], c.T[i]);
        alive += pa;
        survived += pa * aliveSurvival(model, c.x[i], c.T[i], t);
      }
      expect(Math.abs(o.cohortSurvival.existingBase[t - 1] / (survived / alive) - 1)).toBeLessThan(tol);
    }
  });

  it('projects N E[X(t)] of the model core for customers at acquisition', () => {
    const b = prepareBaseline(spec(model, { cohortSize: 1000 }));
    const o = project(b, long(), scenarioValues(long())).outcome;
    for (const t of [1, 26, 52, 156]) {
      const exact = 1000 * core.expectedTransactions(params, t);
      expect(Math.abs(cumulative(o.series.transactions, t) / exact - 1)).toBeLessThan(1e-5);
    }
  });

  it('gives new customers the model’s repeat rate 1 - P(X(52) = 0) and its 1-year retention', () => {
    const b = prepareBaseline(spec(model, { cohortSize: 1 }, 10));
    const o = project(b, neutralScenario(), scenarioValues(neutralScenario())).outcome;
    expect(o.kpis.repeatRate1y).toBeCloseTo(1 - core.probTransactions(params, 52, 0), 8);
    const retention =
      model === 'paretonbd'
        ? Math.pow(PARETO.beta / (PARETO.beta + 52), PARETO.s)
        : model === 'mbgnbd'
          ? (BG.b / (BG.a + BG.b)) * hyp2f1(BG.r, BG.a, BG.a + BG.b + 1, -52 / BG.alpha)
          : hyp2f1(BG.r, BG.a, BG.a + BG.b, -52 / BG.alpha);
    expect(Math.abs(o.kpis.retention1y! / retention - 1)).toBeLessThan(1e-5);
  });

  it('redraws the groups from the model’s own parameters (Monte Carlo): the drawn fit at the fit is the fit', () => {
    const same = redrawBaseline(base, { ...(purchaseOf(model).params as unknown as Record<string, number>) });
    for (let j = 0; j < base.groups.length; j++) {
      expect(same.groups.alive[j]).toBeCloseTo(base.groups.alive[j], 12);
      expect(same.groups.betaB[j]).toBeCloseTo(base.groups.betaB[j], 12);
    }
    // a 10% higher dropout parameter moves P(alive) as the model core says (within 2e-5: a group of
    // customers sharing (x, T) with several t_x is redrawn at its alive-weighted t_x, montecarlo.ts)
    const key = model === 'paretonbd' ? 's' : 'a';
    const moved = { ...(purchaseOf(model).params as unknown as Record<string, number>) };
    moved[key] *= 1.1;
    const drawn = redrawBaseline(base, moved);
    let exact = 0;
    for (let i = 0; i < n; i++) exact += core.pAlive(moved as never, c.x[i], c.tx[i], c.T[i]);
    const drawnAlive = cumulative(drawn.groups.alive, drawn.groups.length);
    expect(Math.abs(drawnAlive / exact - 1)).toBeLessThan(2e-5);
    expect(Math.abs(drawnAlive / cumulative(base.groups.alive, base.groups.length) - 1)).toBeGreaterThan(1e-3);
  });

  it('names the model, its formula and its parameters in the explain graph', () => {
    const s = neutralScenario();
    const g = explainGraph(s, evaluateScenario(base, s), base);
    const label = { bgnbd: 'BG/NBD', mbgnbd: 'MBG/NBD', paretonbd: 'Pareto/NBD' }[model];
    expect(g.model?.label).toBe(label);
    expect(g.model?.params.map((p) => p.name)).toEqual(Object.keys(purchaseOf(model).params));
    const node = g.nodes.find((x) => x.id === 'model:purchase');
    expect(node?.label).toBe(`customer model: ${label}`);
    expect(node?.formula).toContain(model === 'paretonbd' ? 'Exponential(μ)' : 'Beta(a, b');
  });
});

describe('the three models on one base', () => {
  it('project different baselines (the dropout process differs), so the choice matters', () => {
    const c = customers('bgnbd');
    const out = (['bgnbd', 'mbgnbd', 'paretonbd'] as const).map((m) => {
      const o = project(prepareBaseline(spec(m, c)), long(), scenarioValues(long())).outcome;
      return cumulative(o.series.transactions, 156);
    });
    expect(new Set(out.map((v) => v.toPrecision(6))).size).toBe(3);
  });

  it('rejects a purchase model the engine does not know', () => {
    const bad = { ...spec('bgnbd', { cohortSize: 1 }), purchase: { model: 'nbd', params: BG } } as never;
    expect(() => prepareBaseline(bad)).toThrow(/bgnbd, mbgnbd or paretonbd/);
  });
});
