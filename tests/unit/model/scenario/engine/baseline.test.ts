import { describe, expect, it } from 'vitest';
import { prepareBaseline, DEFAULT_MAX_GROUPS } from '$lib/model/scenario/engine/baseline.ts';
import { syntheticBaseline } from '$lib/model/scenario/engine/synthetic.ts';
import { project } from '$lib/model/scenario/engine/project/index.ts';
import { scenarioValues } from '$lib/model/scenario/engine/evaluate.ts';
import { neutralScenario } from '$lib/model/scenario/scenario.ts';
import { cumulative } from './fixtures.ts';

// The exact projection groups customers by identical (x, T) (their BG/NBD posteriors
// given alive are then identical, FHL 2005); binned groups trade accuracy for speed.
describe('grouping the existing base: group count against accuracy', () => {
  const spec = syntheticBaseline({ customers: 10_000, seed: 3 });
  const s = neutralScenario();
  s.economics.clvWindowWeeks = 156;
  const v = scenarioValues(s);
  const exactBase = prepareBaseline(spec, { maxGroups: Number.MAX_SAFE_INTEGER });
  const exact = project(exactBase, s, v).outcome;
  const rel = (a: number, b: number) => Math.abs(a / b - 1);

  it('is exact without binning: one group per (x, T, P(alive) decile) cell', () => {
    expect(exactBase.notes.join(' ')).not.toContain('binned');
    expect(exactBase.groups.length).toBeGreaterThan(1000);
  });

  for (const [maxGroups, tol] of [
    [DEFAULT_MAX_GROUPS, 2e-3],
    [48, 5e-3]
  ] as const) {
    it(`keeps transactions, revenue and active customers within ${tol} of the exact projection at ${maxGroups} groups (weeks 13, 52, 156)`, () => {
      const b = prepareBaseline(spec, { maxGroups });
      expect(b.groups.length).toBeLessThanOrEqual(maxGroups);
      const o = project(b, s, v).outcome;
      for (const t of [13, 52, 156]) {
        expect(
          rel(cumulative(o.series.transactions, t), cumulative(exact.series.transactions, t)),
          `transactions ${t}`
        ).toBeLessThan(tol);
        expect(rel(cumulative(o.series.revenue, t), cumulative(exact.series.revenue, t)), `revenue ${t}`).toBeLessThan(
          tol
        );
        expect(rel(o.series.activeCustomers[t - 1], exact.series.activeCustomers[t - 1]), `active ${t}`).toBeLessThan(
          tol
        );
      }
      // expected alive now, Σ P(alive), is kept exactly by any grouping
      expect(cumulative(b.groups.alive, b.groups.length)).toBeCloseTo(
        cumulative(exactBase.groups.alive, exactBase.groups.length),
        6
      );
    });
  }

  it('represents a binned cell by the Gamma with its mixture mean Σ w R/A of λ (the mean purchase rate of the alive)', () => {
    const b = prepareBaseline(spec, { maxGroups: 48 });
    let binned = 0;
    let exactRate = 0;
    for (let j = 0; j < exactBase.groups.length; j++)
      exactRate += exactBase.groups.alive[j] * (exactBase.groups.shape[j] / exactBase.groups.rate[j]);
    for (let j = 0; j < b.groups.length; j++) binned += b.groups.alive[j] * (b.groups.shape[j] / b.groups.rate[j]);
    // weights are P(alive) in both, so the alive-weighted mean rate is kept to rounding
    expect(binned / exactRate).toBeCloseTo(1, 10);
  });
});
