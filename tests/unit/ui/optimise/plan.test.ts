import { describe, expect, it } from 'vitest';
import {
  applyChanges,
  buildOptions,
  channelRows,
  CSV_HEADER,
  currentTotal,
  defaultForm,
  formatBudget,
  formatShare,
  improvement,
  MAX_CHANNEL_BUDGET,
  marginalUnit,
  parseNumber,
  resultCsv,
  resultCsvRows,
  resultJson,
  type OptimiseForm,
  type OptimiseRun
} from '$lib/ui/optimise/plan';
import { defaultScenario, getPath, parseScenario } from '$lib/model/scenario/scenario';
import { CHANNEL_IDS, type ChannelId, type Scenario } from '$lib/model/scenario/scenario-types';
import { leverById } from '$lib/model/scenario/levers/catalogue';
import { equalSplit, optimiseBudget, type OptimiseOptions, type OptimiseResult } from '$lib/model/scenario/optimise';
import { markedResponseCurves } from '$lib/model/scenario/response-curves';
import { prepareBaseline, cdnowDefaultBaseline } from '$lib/model/scenario/engine/baseline';
import { setPath } from '$lib/model/scenario/path';

const perChannel = (f: (c: ChannelId) => number) =>
  Object.fromEntries(CHANNEL_IDS.map((c) => [c, f(c)])) as Record<ChannelId, number>;

function form(edit: (f: OptimiseForm) => void = () => {}): OptimiseForm {
  const f = defaultForm(defaultScenario());
  edit(f);
  return f;
}

function errorsOf(f: OptimiseForm): Record<string, string> {
  const r = buildOptions(f);
  if (r.ok) throw new Error('expected errors, got options');
  return r.errors;
}

describe('the optimiser form', () => {
  it("starts at customer equity and the scenario's own total (the catalogue's default budgets add up to 6,500)", () => {
    // levers/catalogue.ts channelDefaults: 3000 + 1500 + 1000 + 500 + 500 + 0
    const f = defaultForm(defaultScenario());
    expect(f.kpi).toBe('customerEquity');
    expect(f.total).toBe('6500');
    expect(Object.values(f.min).every((v) => v === '')).toBe(true);
    expect(f.price).toEqual({ on: false, min: '-10', max: '10' });
    expect(f.coverage).toEqual({ on: false, min: '0', max: '100' });
  });

  it("centres the price range on today's price change, inside the lever's range of -50% to +100%", () => {
    const s = defaultScenario();
    s.levers.pricing.priceChange = 0.45;
    expect(defaultForm(s).price).toMatchObject({ min: '35', max: '55' });
    s.levers.pricing.priceChange = 0.95;
    expect(defaultForm(s).price).toMatchObject({ min: '85', max: '100' });
    s.levers.pricing.priceChange = -0.45;
    expect(defaultForm(s).price).toMatchObject({ min: '-50', max: '-35' });
  });

  it('reads numbers with thousands separators, spaces, a typographic minus or a % sign, and refuses the rest', () => {
    expect(parseNumber('6,500')).toBe(6500);
    expect(parseNumber(' 1 234.5 ')).toBe(1234.5);
    expect(parseNumber('\u221210')).toBe(-10);
    expect(parseNumber('10%')).toBe(10);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('   ')).toBeNull();
    // a decimal comma is ambiguous: refused rather than read as 15
    expect(parseNumber('1,5')).toBeNaN();
    expect(parseNumber('abc')).toBeNaN();
    expect(parseNumber('-')).toBeNaN();
    expect(parseNumber('1e3')).toBeNaN();
  });

  it("turns the default form into options: the total, every channel, maximums at the lever's limit", () => {
    const r = buildOptions(form());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.options.kpi).toBe('customerEquity');
    expect(r.options.totalBudgetPerWeek).toBe(6500);
    expect(r.options.channels).toEqual([...CHANNEL_IDS]);
    expect(r.options.minPerWeek).toEqual({});
    // levers/catalogue.ts: channels.budgetPerWeek.* max 1e7
    expect(MAX_CHANNEL_BUDGET).toBe(1e7);
    expect(r.options.maxPerWeek).toEqual(perChannel(() => 1e7));
    expect(r.options.priceChange).toBeUndefined();
    expect(r.options.coverage).toBeUndefined();
  });

  it('passes limits, the KPI and the price and coverage ranges (percent to shares)', () => {
    const r = buildOptions(
      form((f) => {
        f.kpi = 'cac';
        f.total = '10,000';
        f.min.display = '500';
        f.max.search = '2000';
        f.price = { on: true, min: '-5', max: '15' };
        f.coverage = { on: true, min: '20', max: '80' };
      })
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.options.kpi).toBe('cac');
    expect(r.options.totalBudgetPerWeek).toBe(10000);
    expect(r.options.minPerWeek).toEqual({ display: 500 });
    expect(r.options.maxPerWeek?.search).toBe(2000);
    expect(r.options.priceChange).toEqual({ min: -0.05, max: 0.15 });
    expect(r.options.coverage).toEqual({ min: 0.2, max: 0.8 });
  });

  it('ignores the price and coverage fields while their boxes are unticked, even when they hold nonsense', () => {
    const r = buildOptions(form((f) => (f.price = { on: false, min: 'x', max: '' })));
    expect(r.ok).toBe(true);
  });

  it('names the problem with the total budget', () => {
    expect(errorsOf(form((f) => (f.total = ''))).total).toBe('Enter the total weekly media budget.');
    expect(errorsOf(form((f) => (f.total = 'lots'))).total).toBe('“lots” is not a number.');
    expect(errorsOf(form((f) => (f.total = '0'))).total).toBe('The total budget must be more than 0.');
    expect(errorsOf(form((f) => (f.total = '-5'))).total).toBe('The total budget must be more than 0.');
  });

  it('names the problem with a channel limit next to that channel', () => {
    const e = errorsOf(
      form((f) => {
        f.min.search = 'abc';
        f.min.social = '-1';
        f.min.email = '800';
        f.max.email = '300';
        f.max.stores = '20000000';
      })
    );
    expect(e['min.search']).toBe('“abc” is not a number.');
    expect(e['min.social']).toBe('The minimum cannot be negative.');
    expect(e['max.email']).toBe('The maximum is below the minimum ($800).');
    expect(e['max.stores']).toBe("At most $10,000,000 a week (the lever's limit).");
    expect(e.total).toBeUndefined();
  });

  it('says when the limits cannot add up to the total, with the sums', () => {
    expect(
      errorsOf(
        form((f) => {
          f.min.search = '5000';
          f.min.social = '2000';
        })
      ).total
    ).toBe('The channel minimums add up to $7,000, more than the total of $6,500.');
    expect(
      errorsOf(
        form((f) => {
          for (const c of CHANNEL_IDS) f.max[c] = '1000';
        })
      ).total
    ).toBe('The channel maximums allow at most $6,000, less than the total of $6,500.');
  });

  it("keeps price and coverage inside the levers' ranges and in order", () => {
    const e = errorsOf(
      form((f) => {
        f.price = { on: true, min: '-60', max: '' };
        f.coverage = { on: true, min: '80', max: '20' };
      })
    );
    expect(e['price.min']).toBe("Between \u221250% and 100% (the lever's range).");
    expect(e['price.max']).toBe('Enter the highest price change to try.');
    expect(e['coverage.max']).toBe('The highest is below the lowest (80%).');
  });

  it('formats budgets to the unit with grouping and a typographic minus', () => {
    expect(formatBudget(1739.26, 'USD')).toBe('$1,739');
    expect(formatBudget(-1739.26, 'EUR')).toBe('\u2212€1,739');
    expect(formatBudget(250, 'USD', true)).toBe('+$250');
    expect(formatBudget(0.2, 'USD', true)).toBe('$0');
  });

  it('writes lever shares as short percentages with a sign where asked', () => {
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(0, true)).toBe('0%');
    expect(formatShare(0.1, true)).toBe('+10%');
    expect(formatShare(-0.045)).toBe('\u22124.5%');
    expect(formatShare(1)).toBe('100%');
  });
});

describe('what the page shows of a result', () => {
  it('measures improvement in the KPI’s direction', () => {
    expect(improvement(110, 100, 'maximise')).toEqual({ absolute: 10, relative: 0.1 });
    expect(improvement(90, 100, 'minimise')).toEqual({ absolute: 10, relative: 0.1 });
    expect(improvement(90, 100, 'maximise')).toEqual({ absolute: -10, relative: -0.1 });
    expect(improvement(5, -10, 'maximise')).toEqual({ absolute: 15, relative: 1.5 });
    expect(improvement(5, 0, 'maximise')).toEqual({ absolute: 5, relative: null });
    expect(improvement(null, 100, 'maximise')).toBeNull();
  });

  it('quotes the marginal return per a round step of about a fifth of the total, at most 1,000', () => {
    expect(marginalUnit(6500)).toBe(1000);
    expect(marginalUnit(50_000)).toBe(1000);
    expect(marginalUnit(2000)).toBe(100);
    expect(marginalUnit(400)).toBe(10);
    expect(marginalUnit(3)).toBe(1);
    expect(marginalUnit(0)).toBe(1);
  });
});

/** A hand-made result on the default scenario (numbers chosen, not computed). */
function fakeRun(scenario: Scenario = defaultScenario('Plan A')): OptimiseRun {
  const budgetPerWeek = { search: 2000, social: 0, display: 0, email: 700, affiliates: 0, stores: 3800 };
  const options: OptimiseOptions = {
    kpi: 'customerEquity',
    totalBudgetPerWeek: 6500,
    priceChange: { min: -0.1, max: 0.1 }
  };
  const responseCurves = perChannelCurves(1000);
  const result: OptimiseResult = {
    kpi: 'customerEquity',
    direction: 'maximise',
    budgetPerWeek,
    priceChange: -0.04,
    value: 3_900_000,
    // the equal split and the marked curves as the model computes them
    equalSplitBudgetPerWeek: equalSplit(options),
    equalSplitValue: 2_350_000,
    currentValue: 2_220_000,
    marginalReturn: { search: 41.5, social: -3, display: null, email: 41.4, affiliates: 12, stores: 41.6 },
    responseCurves,
    curves: markedResponseCurves(scenario, CHANNEL_IDS, { responseCurves, budgetPerWeek }),
    evaluations: 812,
    warnings: []
  };
  return { scenario, options, result };
}

function perChannelCurves(top: number): OptimiseResult['responseCurves'] {
  const budget = Array.from({ length: 21 }, (_, k) => (top * k) / 20);
  return Object.fromEntries(
    CHANNEL_IDS.map((c) => [c, { budgetPerWeek: budget, newCustomersPerWeek: budget.map((b) => b / 100) }])
  ) as OptimiseResult['responseCurves'];
}

describe('the result rows, the levers to apply and the exports', () => {
  it('lists each channel: current from the scenario, recommended, change, equal split and marginal return', () => {
    const rows = channelRows(fakeRun());
    expect(rows.map((r) => r.channel)).toEqual([...CHANNEL_IDS]);
    const search = rows.find((r) => r.channel === 'search')!;
    // defaultScenario: search 3,000 a week (levers/catalogue.ts channelDefaults)
    expect(search).toMatchObject({
      channel: 'search',
      current: 3000,
      recommended: 2000,
      change: -1000,
      marginalReturn: 41.5
    });
    // found by bisection (projectOnBudget), so equal to 6,500 / 6 to rounding
    expect(search.equalSplit).toBeCloseTo(6500 / 6, 9);
    expect(rows.find((r) => r.channel === 'display')!.marginalReturn).toBeNull();
  });

  it('applies the budgets and the optimised price to lever paths that exist in the catalogue', () => {
    const changes = applyChanges(fakeRun().result);
    expect(changes).toContainEqual(['channels.budgetPerWeek.stores', 3800]);
    expect(changes).toContainEqual(['pricing.priceChange', -0.04]);
    expect(changes.some(([p]) => p === 'personalisation.coverage')).toBe(false);
    for (const [path] of changes) expect(leverById(path), path).toBeDefined();
    let levers = defaultScenario().levers;
    for (const [path, v] of changes) levers = setPath(levers, path, v);
    expect(getPath(levers, 'channels.budgetPerWeek.search')).toBe(2000);
    expect(getPath(levers, 'pricing.priceChange')).toBe(-0.04);
  });

  it('writes a CSV: KPI row, one row per channel, the price row; numbers stay numbers, empty where undefined', () => {
    const rows = resultCsvRows(fakeRun());
    expect(rows).toHaveLength(1 + 6 + 1);
    expect(rows[0]).toEqual(['Plan A', 'kpi', 'customerEquity', 'maximise', 2_220_000, 3_900_000, 2_350_000, null]);
    expect(rows[1].slice(0, 6)).toEqual(['Plan A', 'budget_per_week', 'search', 'USD', 3000, 2000]);
    expect(rows[1][6]).toBeCloseTo(6500 / 6, 9);
    expect(rows[1][7]).toBe(41.5);
    // the equal split is evaluated at today's price (0) clamped to the searched range [-0.1, 0.1]
    expect(rows[7]).toEqual(['Plan A', 'lever', 'pricing.priceChange', 'share', 0, -0.04, 0, null]);
    const csv = resultCsv(fakeRun()).split('\r\n');
    expect(csv[0]).toBe(CSV_HEADER.join(','));
    expect(csv[4]).toMatch(/^Plan A,budget_per_week,display,USD,1000,0,1083\.33333333333\d*,$/);
    expect(csv[3]).toMatch(/^Plan A,budget_per_week,social,USD,1500,0,1083\.33333333333\d*,-3$/);
    expect(csv).toHaveLength(1 + 8 + 1); // header, eight rows, the final CRLF
  });

  it('neutralises a scenario name that a spreadsheet would run as a formula (OWASP CSV injection)', () => {
    const csv = resultCsv(fakeRun(defaultScenario('=HYPERLINK("http://x","y")')));
    const line = csv.split('\r\n')[1];
    expect(line.startsWith(`"'=HYPERLINK(""http://x"",""y"")",kpi,`)).toBe(true);
  });

  it('exports the run as JSON in the lever-lab envelope with the equal split', () => {
    const data = JSON.parse(resultJson(fakeRun(), '2026-01-02T03:04:05.000Z'));
    expect(data).toMatchObject({ format: 'lever-lab-export', version: 1, kind: 'budget-optimisation' });
    expect(data.exportedAt).toBe('2026-01-02T03:04:05.000Z');
    expect(data.data.result.budgetPerWeek.stores).toBe(3800);
    expect(data.data.scenario.name).toBe('Plan A');
    expect(data.data.equalSplitBudgetPerWeek.search).toBeCloseTo(6500 / 6, 9);
  });
});

describe('from the form to an applied scenario (engine on the CDNOW published baseline)', () => {
  it('beats the current scenario and the equal split, and the applied scenario passes validation', () => {
    const base = prepareBaseline(cdnowDefaultBaseline(50));
    const s = defaultScenario('Plan');
    s.economics.horizonWeeks = 52;
    s.economics.clvWindowWeeks = 104;
    const built = buildOptions(defaultForm(s));
    if (!built.ok) throw new Error(JSON.stringify(built.errors));
    const result = optimiseBudget(base, s, built.options);
    expect(result.value!).toBeGreaterThanOrEqual(result.currentValue!);
    expect(result.value!).toBeGreaterThanOrEqual(result.equalSplitValue!);
    let levers = s.levers;
    for (const [path, v] of applyChanges(result)) levers = setPath(levers, path, v);
    const applied = parseScenario({ ...s, levers });
    expect(applied.ok).toBe(true);
    if (applied.ok) expect(currentTotal(applied.scenario)).toBeCloseTo(6500, 6);
  });
});
