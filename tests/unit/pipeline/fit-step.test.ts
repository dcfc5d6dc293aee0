/**
 * The real-data gauntlet of issue 13 on synthetic edge files generated here: each goes through
 * the app's own path (CSV text -> importer -> summariser -> the one fit step -> the scenario
 * engine) and must give finite numbers, a 1-year retention strictly inside (0, 1), finite CLV
 * and customer equity, and the diagnostics a person needs to read them. The public files get
 * the same checks in tests/validate/pipeline/gauntlet.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { importTransactions } from '$lib/data/import/import-transactions';
import { parseSummaryCsv } from '$lib/data/import/summary-file';
import { summarize } from '$lib/data/summarize';
import type { CustomerSummary, DatasetMeta } from '$lib/data/types';
import { prepareBaseline } from '$lib/model/scenario/engine/baseline';
import { evaluateScenario } from '$lib/model/scenario/engine/evaluate';
import { defaultScenario, neutralScenario } from '$lib/model/scenario/scenario';
import { createRng } from '$lib/model/core/random/rng';
import { fitBaseline, type FitAnswer } from '$lib/pipeline/fit-step';

/** the suite fits and values a few datasets; this only catches a hang (speed is in the bench) */
const TIMEOUT_MS = 60_000;
const DAY = 86_400_000;
const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const START = Math.round(Date.parse('2023-01-02') / DAY);

function csv(rows: { id: string; day: number; amount: number }[]): string {
  return ['customer_id,date,amount', ...rows.map((r) => `${r.id},${iso(r.day)},${r.amount.toFixed(2)}`)].join('\n');
}

/** as the import worker does: parse, summarise (weeks), describe */
async function imported(text: string, name: string): Promise<{ meta: DatasetMeta; rows: CustomerSummary[] }> {
  const { table } = await importTransactions(text);
  const summary = summarize(table, { unit: 'week' });
  const meta: DatasetMeta = {
    id: name,
    name,
    kind: 'transactions',
    source: 'import',
    createdAt: '2024-01-01T00:00:00Z',
    customers: summary.customers.length,
    transactions: table.length,
    firstDate: summary.firstDate,
    lastDate: summary.lastDate,
    calibrationEnd: summary.calibrationEnd,
    unit: summary.unit
  };
  return { meta, rows: summary.customers };
}

/**
 * BG/NBD + Gamma-Gamma shoppers (the models' own assumptions, FHL 2005): rate ~ Gamma(0.8, 10)
 * a day, dropout after each purchase p ~ Beta(0.8, 2.4), spend per purchase ~ Gamma(6, nu) with
 * nu ~ Gamma(4, 15); first purchases spread over `spreadDays` from START, followed to `endDay`.
 */
function shoppers(customers: number, seed: number, spreadDays = 120, endDay = START + 364) {
  const rng = createRng(seed);
  const rows: { id: string; day: number; amount: number }[] = [];
  for (let i = 0; i < customers; i++) {
    let day = START + rng.int(spreadDays);
    const rate = rng.gamma(0.8, 10);
    const dropout = rng.beta(0.8, 2.4);
    const nu = rng.gamma(4, 15);
    for (;;) {
      rows.push({ id: `c${seed}-${i}`, day, amount: Math.max(0.01, rng.gamma(6, nu)) });
      if (rng.uniform() < dropout) break;
      day += 1 + Math.floor(rng.exponential(rate));
      if (day > endDay) break;
    }
  }
  return rows;
}

function throughTheEngine(answer: FitAnswer) {
  const base = prepareBaseline(answer.spec);
  return { neutral: evaluateScenario(base, neutralScenario()), working: evaluateScenario(base, defaultScenario('w')) };
}

function expectReadable(answer: FitAnswer) {
  const { neutral, working } = throughTheEngine(answer);
  for (const o of [neutral, working]) {
    for (const [k, v] of Object.entries(o.kpis)) if (v !== null) expect(Number.isFinite(v), k).toBe(true);
    expect(o.kpis.retention1y!).toBeGreaterThan(0);
    expect(o.kpis.retention1y!).toBeLessThan(1);
    expect(Number.isFinite(o.kpis.customerEquity)).toBe(true);
    expect(Number.isFinite(o.kpis.clvPerNewCustomer)).toBe(true);
  }
  expect(Number.isFinite(answer.clv.totalClv)).toBe(true);
  expect(Number.isFinite(answer.clv.meanClv)).toBe(true);
  expect(answer.clv.totalClv).toBeGreaterThanOrEqual(0);
  expect(Number.isFinite(answer.spec.organicNewPerWeek)).toBe(true);
  expect(answer.spec.organicNewPerWeek).toBeGreaterThanOrEqual(0);
  // plain JSON: what crosses the worker boundary and is stored
  expect(JSON.parse(JSON.stringify(answer.diagnostics))).toEqual(answer.diagnostics);
  return { neutral, working };
}

const codes = (a: FitAnswer) => a.diagnostics.map((d) => d.code);

describe('the real-data gauntlet on synthetic edge files', { timeout: TIMEOUT_MS }, () => {
  it('5 customers: finite numbers and a small-sample warning', async () => {
    const rows = [
      ...['a', 'b', 'c', 'd', 'e'].flatMap((id, i) =>
        Array.from({ length: 1 + i }, (_, k) => ({ id, day: START + i * 9 + k * 30, amount: 20 + k }))
      )
    ];
    const { meta, rows: customers } = await imported(csv(rows), 'five');
    const answer = fitBaseline(meta, customers);
    expectReadable(answer);
    expect(answer.customers).toBe(5);
    expect(codes(answer)).toContain('small-sample');
    expect(answer.diagnostics.find((d) => d.code === 'small-sample')!.message).toMatch(
      /Only 5 customers \(4 with a repeat/
    );
  });

  it('all one-time buyers: the prior decides, and the workbench says so', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({ id: `o${i}`, day: START + i * 5, amount: 10 + (i % 7) }));
    const { meta, rows: customers } = await imported(csv(rows), 'one-timers');
    const answer = fitBaseline(meta, customers);
    expectReadable(answer);
    expect(answer.purchase!.mle).toBeNull();
    expect(answer.purchase!.inUse).toBe('map');
    expect(codes(answer)).toEqual(expect.arrayContaining(['no-repeat-purchases', 'small-sample', 'estimate-in-use']));
    // no repeat purchase: no Gamma-Gamma, every purchase at the mean first spend
    expect(codes(answer)).toContain('no-spend-model');
  });

  it('one customer with 500 purchases among ordinary ones: finite CLV for the heavy buyer', async () => {
    const heavy = Array.from({ length: 500 }, (_, k) => ({
      id: 'whale',
      day: START + Math.floor(k * 0.72),
      amount: 80
    }));
    const { meta, rows: customers } = await imported(csv([...shoppers(200, 3), ...heavy]), 'whale');
    const whale = customers.find((c) => c.id === 'whale')!;
    expect(whale.x).toBeGreaterThan(300);
    const answer = fitBaseline(meta, customers);
    expectReadable(answer);
    expect(answer.clv.maxClv).toBeGreaterThan(answer.clv.p90);
    expect(Number.isFinite(answer.clv.maxClv)).toBe(true);
  });

  it('first purchases on the last day: everyone new, then a mix with earlier customers', async () => {
    const last = START + 200;
    const newcomers = Array.from({ length: 25 }, (_, i) => ({ id: `n${i}`, day: last, amount: 15 + i }));
    const onlyNew = await imported(csv(newcomers), 'last-day');
    const answer = fitBaseline(onlyNew.meta, onlyNew.rows);
    expectReadable(answer);
    expect(codes(answer)).toContain('no-history');
    const mixed = await imported(csv([...shoppers(150, 8, 100, last), ...newcomers]), 'last-day-mixed');
    const mixedAnswer = fitBaseline(mixed.meta, mixed.rows);
    expectReadable(mixedAnswer);
    expect(mixedAnswer.clv.customers).toBe(mixed.rows.length);
  });

  it('a two-week span: finite, organic acquisition from the mean rate, small sample said', async () => {
    const rows = shoppers(40, 21, 10, START + 13);
    const { meta, rows: customers } = await imported(csv(rows), 'two-weeks');
    const answer = fitBaseline(meta, customers);
    expectReadable(answer);
    expect(answer.organic.method).toBe('short-span');
    expect(codes(answer)).toContain('small-sample');
  });

  it('a lifetimes-layout summary without first dates: organic acquisition 0 with a note, never NaN', () => {
    // lifetimes' summary_data_from_transaction_data columns renamed to the app's: no dates at all
    const lines = ['customer_id,x,t_x,T,m'];
    const rng = createRng(4);
    for (let i = 0; i < 300; i++) {
      const T = 10 + rng.int(30);
      const x = rng.uniform() < 0.4 ? 0 : 1 + rng.int(6);
      const tx = x === 0 ? 0 : Math.min(T, 1 + rng.int(T));
      lines.push(`${i},${x},${tx},${T},${x === 0 ? 0 : 10 + rng.int(40)}`);
    }
    const file = parseSummaryCsv(lines.join('\n'));
    const meta = { name: 'lifetimes', kind: 'summary' as const, unit: 'week' as const, calibrationEnd: '' };
    const answer = fitBaseline(meta, file.customers);
    expectReadable(answer);
    expect(answer.spec.organicNewPerWeek).toBe(0);
    expect(answer.organic.method).toBe('no-dates');
    expect(answer.diagnostics.find((d) => d.code === 'organic-acquisition')!.message).toMatch(
      /no first-purchase dates/
    );
  });

  it('a healthy dataset: no warning, the maximum-likelihood fit in use, both estimates returned', async () => {
    const { meta, rows: customers } = await imported(csv(shoppers(1500, 12, 150)), 'healthy');
    const answer = fitBaseline(meta, customers);
    expectReadable(answer);
    expect(answer.diagnostics.filter((d) => d.level === 'warning').map((d) => d.message)).toEqual([]);
    expect(answer.purchase!.inUse).toBe('mle');
    expect(answer.purchase!.mle).not.toBeNull();
    expect(answer.purchase!.map.estimate).toBe('map');
    // the person can switch: the MAP then drives the baseline
    const map = fitBaseline(meta, customers, { estimate: 'map' });
    expect(map.purchase!.inUse).toBe('map');
    expect(map.spec.kind === 'noncontractual' && map.spec.purchase.params).toEqual(answer.purchase!.map.params);
  });
});

describe('the purchase model chosen on the Model page drives the baseline', { timeout: TIMEOUT_MS }, () => {
  const choice = (model: 'bgnbd' | 'mbgnbd' | 'paretonbd') => ({
    model,
    proposed: 'bgnbd' as const,
    reason: 'test',
    calibrationEnd: '2023-09-01',
    holdoutEnd: '2023-12-31',
    rmse: {},
    chosenAt: '2024-01-01T00:00:00Z'
  });

  it.each(['mbgnbd', 'paretonbd'] as const)(
    '%s: the spec, the source, the CLV method and the report name it, with its own maximum-likelihood fit and covariance',
    async (model) => {
      const { meta, rows } = await imported(csv(shoppers(400, 77)), `chosen-${model}`);
      const bg = fitBaseline(meta, rows);
      const answer = fitBaseline({ ...meta, modelChoice: choice(model) }, rows);
      expectReadable(answer);
      const spec = answer.spec;
      if (spec.kind !== 'noncontractual') throw new Error('expected a non-contractual spec');
      expect(spec.purchase.model).toBe(model);
      // the fit the baseline uses is that model's MLE on the same weekly summaries
      const { modelFits } = await import('$lib/pipeline/model-fits');
      const { toRfmData } = await import('$lib/data/rfm-data');
      const own = modelFits.fitPurchase(model, toRfmData(rows.map((r) => ({ x: r.x, tx: r.tx, T: r.T }))));
      for (const [k, v] of Object.entries(own.params)) expect((spec.purchase.params as never)[k]).toBeCloseTo(v, 6);
      expect(spec.purchase.logCov).toHaveLength(16);
      expect(answer.source).toMatch(model === 'paretonbd' ? /^Pareto\/NBD/ : /^MBG\/NBD/);
      expect(answer.clv.method).toBe(`${model}-gammagamma`);
      expect(answer.purchase!.model).toBe(model);
      expect(codes(answer)).toContain('model-in-use');
      // another model, another baseline
      const a = throughTheEngine(answer).neutral.kpis;
      const b = throughTheEngine(bg).neutral.kpis;
      expect(a.customerEquity).not.toBeCloseTo(b.customerEquity!, 3);
      expect(answer.clv.totalClv).not.toBeCloseTo(bg.clv.totalClv, 3);
    }
  );

  it('BG/NBD chosen: the baseline is the BG/NBD one, as without a choice', async () => {
    const { meta, rows } = await imported(csv(shoppers(300, 78)), 'chosen-bg');
    const a = fitBaseline(meta, rows);
    const b = fitBaseline({ ...meta, modelChoice: choice('bgnbd') }, rows);
    expect(b.spec).toEqual(a.spec);
    expect(b.purchase!.model).toBe('bgnbd');
  });
});
