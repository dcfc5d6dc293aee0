import { describe, expect, it } from 'vitest';
import { assumptionLines, kpiFigure, leverChanges, reportEntries } from '$lib/ui/report/report';
import { defaultScenario, neutralScenario } from '$lib/model/scenario/scenario';
import { ASSUMPTIONS } from '$lib/model/scenario/assumptions';
import { LEVERS } from '$lib/model/scenario/levers/catalogue';
import type { Outcome, Scenario } from '$lib/model/scenario/scenario-types';

describe('report contents', () => {
  const working = { ...neutralScenario('Plan A') };
  working.levers = structuredClone(working.levers);
  working.levers.pricing.priceChange = 0.05;
  const saved = [{ id: 's1', name: 'Saved one', scenario: defaultScenario('Saved one') }];

  it('takes the scenarios in the order asked, names unknown ids, and never lists one twice', () => {
    const { entries, unknown } = reportEntries(['working', 'baseline', 'gone', 'working', 's1'], working, saved);
    expect(entries.map((e) => e.id)).toEqual(['working', 'baseline', 's1']);
    expect(entries[0].name).toBe('Plan A (working)');
    expect(unknown).toEqual(['gone']);
  });

  it('lists exactly the levers moved from their neutral value, as the lever panel shows them', () => {
    expect(leverChanges(neutralScenario('n'))).toEqual([]);
    const price = LEVERS.find((l) => l.id === 'pricing.priceChange')!;
    // a share shown in percent (0.05 -> 5%), as the lever's box does
    expect(leverChanges(working)).toEqual([
      { id: 'pricing.priceChange', label: price.label, value: '5%', neutral: '0%' }
    ]);
    const media = structuredClone(working);
    media.levers.channels.budgetPerWeek.search = 3000;
    expect(leverChanges(media, 'EUR').find((c) => c.id === 'channels.budgetPerWeek.search')).toMatchObject({
      value: '€3,000/week',
      neutral: '€0/week'
    });
  });

  it('gives a KPI with its 10-90% band when the outcome has bands, and no band when not', () => {
    const outcome = {
      kpis: { clvPerNewCustomer: 61.2, cac: Number.NaN },
      bands: { kpis: { clvPerNewCustomer: { p10: 50, p50: 61, p90: 70 } } }
    } as unknown as Outcome;
    expect(kpiFigure(outcome, 'clvPerNewCustomer')).toEqual({ value: 61.2, low: 50, high: 70 });
    expect(kpiFigure(outcome, 'cac')).toEqual({ value: null, low: null, high: null });
    expect(kpiFigure({ kpis: { cac: 12 } } as unknown as Outcome, 'cac')).toEqual({ value: 12, low: null, high: null });
  });

  it('lists every assumption once, cited ones first, with the edits of each scenario marked', () => {
    const edited: Scenario = { ...working, assumptions: { [ASSUMPTIONS[0].id]: { central: ASSUMPTIONS[0].low } } };
    const lines = assumptionLines([
      { id: 'baseline', name: 'Baseline', scenario: neutralScenario('b') },
      { id: 'working', name: 'W', scenario: edited }
    ]);
    expect(lines).toHaveLength(ASSUMPTIONS.length);
    expect(new Set(lines.map((l) => l.id)).size).toBe(ASSUMPTIONS.length);
    const firstIllustrative = lines.findIndex((l) => l.illustrative);
    expect(lines.slice(firstIllustrative).every((l) => l.illustrative)).toBe(true);
    const line = lines.find((l) => l.id === ASSUMPTIONS[0].id)!;
    expect(line.editedIn).toEqual(['working']);
    // the values shown are the first scenario's (the baseline: not edited)
    expect(line.central).toBe(ASSUMPTIONS[0].central);
  });
});
