/**
 * The working scenario starts at the baseline (a first visit shows zero change), the seeds'
 * media plan is a named example, and the zero-spend prompt shows while no channel spends.
 */
import { describe, expect, it } from 'vitest';
import { Workspace } from '$lib/ui/workspace.svelte';
import { EXAMPLE_SCENARIOS, SEED_MEDIA_PLAN, weeklyMediaSpend, zeroSpendPrompt } from '$lib/ui/scenarios/examples';
import { isNeutral, parseScenario } from '$lib/model/scenario/scenario';
import { cdnowDefaultBaseline, prepareBaseline } from '$lib/model/scenario/engine/baseline';
import { baselineOutcome, evaluateScenario } from '$lib/model/scenario/engine/evaluate';
import { LEVERS } from '$lib/model/scenario/levers/catalogue';

describe('the working scenario on a first visit', () => {
  it('is the baseline: every lever neutral, so every KPI equals the baseline’s', () => {
    const w = new Workspace();
    expect(isNeutral(w.scenario)).toBe(true);
    expect(weeklyMediaSpend(w.scenario)).toBe(0);
    const base = prepareBaseline(cdnowDefaultBaseline(40));
    const o = evaluateScenario(base, w.scenario);
    const b = baselineOutcome(base, w.scenario);
    // zero delta on every KPI: the first screen has nothing to explain
    expect(o.kpis).toEqual(b.kpis);
  });

  it('shows the zero-spend prompt, naming the channel levers and the example', () => {
    const text = zeroSpendPrompt(new Workspace().scenario);
    expect(text).toMatch(/zero spend/);
    expect(text).toMatch(/Channels/);
    expect(text).toContain(SEED_MEDIA_PLAN);
  });
});

describe('the seed media plan as an example scenario', () => {
  const example = EXAMPLE_SCENARIOS.find((e) => e.name === 'Example: seed media plan')!;

  it('carries the catalogue’s default budgets and nothing else, and is a valid scenario', () => {
    const s = example.scenario();
    expect(parseScenario(s).ok).toBe(true);
    const expected = LEVERS.filter((d) => d.id.startsWith('channels.budgetPerWeek.')).reduce(
      (sum, d) => sum + (d.default as number),
      0
    );
    expect(weeklyMediaSpend(s)).toBe(expected);
    expect(expected).toBeGreaterThan(0);
    // every other lever at its neutral value
    const others = LEVERS.filter((d) => !d.id.startsWith('channels.budgetPerWeek.'));
    for (const d of others) expect(d.neutral).toBe(d.default);
    expect(example.description).toContain(expected.toLocaleString('en'));
  });

  it('costs media once loaded, and the prompt goes away', () => {
    const w = new Workspace();
    expect(w.load(example.scenario())).toEqual([]);
    expect(w.scenario.name).toBe(SEED_MEDIA_PLAN);
    expect(zeroSpendPrompt(w.scenario)).toBeNull();
    const base = prepareBaseline(cdnowDefaultBaseline(40));
    expect(evaluateScenario(base, w.scenario).kpis.costs).toBeGreaterThan(0);
  });
});
