import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli';
import { useModelCore, type ModelCore } from '../../../../src/cli/commands/model-core';
import type { FitResult, PurchaseModel, RfmData } from '$lib/model/core/types';

// The CLI's plumbing (reading, summarising, compressing, fitting, predicting, tracking, output)
// checked with a closed-form stand-in for the model core: a Poisson purchase process without
// dropout, whose maximum-likelihood rate is lambda = sum(x) / sum(T), E[Y(t)] = lambda t,
// P(alive) = 1 and DERT = lambda / delta (integral of lambda e^{-delta t} over t > 0).
type Rate = { lambda: number };
const result = <P extends object>(model: FitResult['model'], params: P, n: number): FitResult<P> => ({
  version: 1,
  model,
  params,
  logLik: -1,
  n,
  stdErr: Object.fromEntries(Object.keys(params).map((k) => [k, 0.1])) as FitResult<P>['stdErr'],
  logCov: [],
  converged: true,
  iterations: 1,
  fitMs: 0
});
const poisson: PurchaseModel<Rate> = {
  name: 'bgnbd',
  paramNames: ['lambda'],
  logLikIndividual: () => NaN,
  logLik: () => NaN,
  expectedTransactions: (p, t) => p.lambda * t,
  conditionalExpected: (p, _x, _tx, _T, t) => p.lambda * t,
  pAlive: () => 1,
  probTransactions: () => NaN,
  dert: (p, _x, _tx, _T, delta) => p.lambda / delta,
  fit(data: RfmData) {
    let x = 0;
    let T = 0;
    for (let i = 0; i < data.length; i++) {
      x += data.count[i] * data.x[i];
      T += data.count[i] * data.T[i];
    }
    return result('bgnbd', { lambda: x / T }, data.customers);
  }
};
const fake: ModelCore = {
  purchaseModels: {
    bgnbd: poisson as PurchaseModel<object>,
    paretonbd: poisson as PurchaseModel<object>,
    mbgnbd: poisson as PurchaseModel<object>
  },
  fitPurchase: (_model, data) => poisson.fit(data),
  fitPurchaseMap: () => {
    throw new Error('the CLI fit and predict commands fit by maximum likelihood');
  },
  fitSpend: (d) => result('gammagamma', { p: 1, q: 3, v: d.customers }, d.customers),
  conditionalExpectedSpend: (_p, _x, m) => m,
  fitCohort: (s) => result('sbg', { alpha: s.active[0], beta: s.active.at(-1)! }, s.active[0]),
  fitSubscribers: () => {
    throw new Error('cohort files are fitted per cohort');
  },
  fitDiscreteTime: (d) => result('bgbb', { alpha: d.length, beta: 1, gamma: 1, delta: 1 }, d.customers)
};

const dir = mkdtempSync(join(tmpdir(), 'lever-lab-fit-'));
const file = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
// the fixture of summarize.test.ts: A (x 2, T 30/7 weeks), D (x 0, T 3), C (T 0, left out of fits), B after calibration
const csv = file(
  'tx.csv',
  'customer_id,date,quantity,amount\nA,2011-01-01,1,10\nB,2011-02-02,1,7\nA,2011-01-01,1,5\nA,2011-01-08,2,20\n' +
    'D,2011-01-10,1,8\nA,2011-01-15,3,30\nA,2011-01-15,-1,-10\nD,2011-01-20,-1,-8\nC,2011-01-31,1,12\nA,2011-02-05,4,40\n'
);
const lambda = 2 / (30 / 7 + 3);
beforeAll(() => useModelCore(fake));
afterAll(() => {
  useModelCore(null);
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => vi.restoreAllMocks());

const run = runCli;

describe('lever-lab fit', () => {
  it('prints {model, params, logLik, n, stdErr, fitMs} fitted on the calibration triples', async () => {
    const { code, out } = await run('fit', csv, '--model', 'bgnbd', '--calibration-end', '2011-01-31', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(Object.keys(json)).toEqual(['model', 'params', 'logLik', 'n', 'stdErr', 'fitMs', 'converged']);
    expect(json.n).toBe(2);
    expect(json.params.lambda).toBeCloseTo(lambda, 14);
  });

  it('fits Gamma-Gamma on customers with repeat purchases only', async () => {
    const { out } = await run('fit', csv, '--model', 'gammagamma', '--calibration-end', '2011-01-31', '--json');
    expect(JSON.parse(out).n).toBe(1); // only A has x > 0
  });

  it('fits sBG once per cohort of a cohort file', async () => {
    const cohorts = file('cohorts.csv', 'customer_id,recency,T,cohort\n1,1,3,a\n2,3,3,a\n3,2,3,b\n');
    const { code, out } = await run('fit', cohorts, '--model', 'sbg', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out).map((r: { cohort: string; params: object }) => [r.cohort, r.params])).toEqual([
      ['a', { alpha: 2, beta: 1 }],
      ['b', { alpha: 1, beta: 0 }]
    ]);
  });

  it('fits sBG once, as a single result, when the file has no cohort column', async () => {
    const single = file('single.csv', 'customer_id,recency,T\n1,1,3\n2,3,3\n3,2,3\n');
    expect(JSON.parse((await run('fit', single, '--model', 'sbg', '--json')).out)).toMatchObject({
      model: 'sbg',
      params: { alpha: 3, beta: 1 }
    });
  });

  it('fits BG/BB on a recency/frequency table', async () => {
    const table = file('rf.csv', 'frequency,recency,periods,weights\n0,0,6,10\n1,1,6,5\n');
    expect(JSON.parse((await run('fit', table, '--model', 'bgbb', '--json')).out)).toMatchObject({
      model: 'bgbb',
      n: 15
    });
  });

  it('exits with 2 for an unknown model or the wrong kind of file', async () => {
    const unknown = await run('fit', csv, '--model', 'weibull');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(
      /invalid --model: 'weibull' \(one of bgnbd, paretonbd, mbgnbd, gammagamma, sbg, bgbb\)/
    );
    const wrong = await run('fit', csv, '--model', 'sbg');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/sbg needs a cohort file/);
    expect((await run('fit', csv)).err).toMatch(/missing --model/);
  });
});

describe('lever-lab predict', () => {
  it('prints per-customer P(alive), expected transactions, spend and CLV, and the tracking series', async () => {
    const { code, out } = await run(
      'predict',
      csv,
      '--model',
      'bgnbd',
      '--horizon',
      '4',
      '--calibration-end',
      '2011-01-31',
      '--discount',
      '0.01',
      '--margin',
      '0.5',
      '--json'
    );
    expect(code).toBe(0);
    const json = JSON.parse(out);
    const a = json.customers.find((c: { id: string }) => c.id === 'A');
    expect(a.pAlive).toBe(1);
    expect(a.expectedTransactions).toBeCloseTo(4 * lambda, 14);
    expect(a.holdoutTransactions).toBe(1);
    expect(a.expectedSpendPerTransaction).toBe(25); // the stand-in returns m = (20 + 30) / 2 (the return is dropped by default)
    expect(a.clv).toBeCloseTo((0.5 * 25 * lambda) / 0.01, 10); // margin x E[M] x DERT
    // week 4 ends 2011-01-28: A is 27 days old, D 18 days, C not yet born
    expect(json.tracking.actual.slice(0, 4)).toEqual([0, 1, 2, 2]);
    expect(json.tracking.expected[3]).toBeCloseTo((lambda * (27 + 18)) / 7, 12);
  });

  it('writes the predictions as CSV', async () => {
    const { out } = await run(
      'predict',
      csv,
      '--model',
      'bgnbd',
      '--horizon',
      '4',
      '--calibration-end',
      '2011-01-31',
      '--csv'
    );
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe(
      'id,x,tx,T,pAlive,expectedTransactions,holdoutTransactions,expectedSpendPerTransaction,expectedRevenue,clv'
    );
    expect(lines).toHaveLength(4);
  });

  it('needs a horizon > 0', async () => {
    const r = await run('predict', csv, '--model', 'bgnbd', '--horizon=-1');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/invalid --horizon: '-1' \(a number of periods > 0\)/);
    expect((await run('predict', csv, '--model', 'bgnbd')).err).toMatch(/missing --horizon/);
  });
});
