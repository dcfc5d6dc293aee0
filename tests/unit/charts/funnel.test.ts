import { describe, expect, it } from 'vitest';
import { funnelConversions, funnelNeedsLogScale } from '$lib/charts/funnel';

describe('funnel conversions', () => {
  const stages = [
    { label: 'Visits', baseline: 100_000, scenario: 100_000 },
    { label: 'First purchase', baseline: 2_000, scenario: 2_500 },
    { label: 'Repeat', baseline: 500, scenario: 750 }
  ];
  it('divides each stage by the stage before and by the first stage', () => {
    const c = funnelConversions(stages);
    // 2000/100000 = 2%, 500/2000 = 25%, 500/100000 = 0.5%; scenario 2.5%, 30%, 0.75% (hand arithmetic)
    expect(c[0].baselineStep).toBeNull();
    expect(c[1].baselineStep).toBeCloseTo(0.02, 15);
    expect(c[2].baselineStep).toBeCloseTo(0.25, 15);
    expect(c[2].baselineOverall).toBeCloseTo(0.005, 15);
    expect(c[1].scenarioStep).toBeCloseTo(0.025, 15);
    expect(c[2].scenarioStep).toBeCloseTo(0.3, 15);
  });
  it('leaves a conversion from an empty stage undefined rather than infinite', () => {
    const c = funnelConversions([
      { label: 'Visits', baseline: 0 },
      { label: 'Buyers', baseline: 0 }
    ]);
    expect(c[1].baselineStep).toBeNull();
    expect(c[1].scenarioStep).toBeNull();
  });
  it('rejects a negative count, naming the stage', () => {
    expect(() => funnelConversions([{ label: 'Visits', baseline: -1 }])).toThrow(
      /baseline count at stage 0 \("Visits"\): -1/
    );
  });
  it('asks for a log scale when stages differ by more than 50x', () => {
    expect(funnelNeedsLogScale(stages)).toBe(true); // 100000 / 500 = 200
    expect(
      funnelNeedsLogScale([
        { label: 'a', baseline: 100 },
        { label: 'b', baseline: 10 }
      ])
    ).toBe(false);
  });
});
