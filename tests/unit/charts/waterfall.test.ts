import { describe, expect, it } from 'vitest';
import { waterfallBars } from '$lib/charts/waterfall';

describe('waterfallBars', () => {
  it('floats each step from the running total before it to the one after it', () => {
    // 100 + 20 − 5 + 10 = 125 (hand sum)
    const bars = waterfallBars({
      baselineTotal: 100,
      steps: [
        { label: 'Pricing', delta: 20 },
        { label: 'Service', delta: -5 },
        { label: 'Loyalty', delta: 10 }
      ]
    });
    expect(bars.map((b) => [b.label, b.kind, b.start, b.end])).toEqual([
      ['Baseline', 'total', 0, 100],
      ['Pricing', 'increase', 100, 120],
      ['Service', 'decrease', 120, 115],
      ['Loyalty', 'increase', 115, 125],
      ['Scenario', 'total', 0, 125]
    ]);
  });

  it('shows the part the steps do not explain as an interactions step ending on the scenario total', () => {
    // steps sum to +30, the scenario total says +33: residual 3 (hand arithmetic)
    const bars = waterfallBars({
      baselineTotal: 100,
      steps: [
        { label: 'A', delta: 10 },
        { label: 'B', delta: 20 }
      ],
      scenarioTotal: 133
    });
    expect(bars[3]).toMatchObject({ label: 'Interactions', kind: 'increase', start: 130, end: 133 });
    expect(bars[4]).toMatchObject({ kind: 'total', end: 133 });
  });

  it('adds no interactions step when the steps already reach the scenario total', () => {
    const bars = waterfallBars({ baselineTotal: 0.1, steps: [{ label: 'A', delta: 0.2 }], scenarioTotal: 0.3 });
    // 0.1 + 0.2 = 0.30000000000000004 in Float64: within the default 1e-9 relative tolerance
    expect(bars.map((b) => b.label)).toEqual(['Baseline', 'A', 'Scenario']);
  });

  it('keeps the digits of many small steps on a large baseline (compensated sum)', () => {
    // 1e16 + 10 000 × 1 = 1.0000000000010000e16 exactly; naive Float64 addition of 1 to 1e16 loses it every time
    const steps = Array.from({ length: 10_000 }, (_, i) => ({ label: `s${i}`, delta: 1 }));
    const bars = waterfallBars({ baselineTotal: 1e16, steps });
    expect(bars[bars.length - 1].end).toBe(1e16 + 10_000);
  });

  it('rejects a step that is not a finite number, naming it', () => {
    expect(() => waterfallBars({ baselineTotal: 1, steps: [{ label: 'Pricing', delta: Number.NaN }] })).toThrow(
      /step 0 \("Pricing"\) delta: NaN/
    );
  });
});
