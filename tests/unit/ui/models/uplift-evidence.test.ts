import { describe, expect, it } from 'vitest';
import { upliftEvidence, averageRateMultiplier } from '$lib/ui/models/uplift-evidence';
import { upliftFixture } from './fixtures';

describe('measured personalisation evidence from a trained uplift model', () => {
  it('targets the top share by predicted uplift and takes the control outcome of those customers as the baseline', () => {
    const { result, armOf, outcome } = upliftFixture();
    const { targeting, evidence, problem } = upliftEvidence(result, 't', 0.75, armOf, outcome);
    expect(problem).toBeNull();
    // top 6 by uplift: treated rows 0, 2, 4 bought 1, 1, 0 (mean 2/3); control rows 1, 3, 5 bought 0, 1, 0 (mean 1/3)
    expect(targeting.targetedCount).toBe(6);
    expect(evidence!.upliftTargeted).toBeCloseTo(2 / 3 - 1 / 3, 15);
    expect(evidence!.baselineRate).toBeCloseTo(1 / 3, 15);
    // everyone: treated (1 + 1 + 0 + 0) / 4 = 0.5, control (0 + 1 + 0 + 1) / 4 = 0.5
    expect(evidence!.upliftAverage).toBeCloseTo(0, 15);
    expect(evidence!.coverage).toBe(0.75);
    expect(evidence!.model).toContain('T-learner, logistic regression');
    expect(evidence!.metrics.responseAuc).toBe(0.7);
    expect(evidence!.outcomeKind).toBe('binary');
  });

  it('refuses evidence the engine cannot use, saying why', () => {
    const { result, armOf, outcome } = upliftFixture();
    // top 2: rows 0 (t, 1) and 1 (c, 0): control outcome 0, a purchase probability of 0 has no rate
    const r = upliftEvidence(result, 't', 0.25, armOf, outcome);
    expect(r.evidence).toBeNull();
    expect(r.problem).toContain('baselineRate: 0 (must be > 0)');
  });

  it('turns the average effect into a purchase-rate multiplier, ln(1 - (p0 + ATE)) / ln(1 - p0)', () => {
    const { result } = upliftFixture();
    // p0 = 0.5 (control), estimated ATE 0.05: ln(0.45) / ln(0.5) = 1.15200...
    expect(averageRateMultiplier(result, 't', 'estimated')).toBeCloseTo(Math.log(0.45) / Math.log(0.5), 14);
    expect(averageRateMultiplier(result, 't', 'observed')).toBeCloseTo(1, 14);
    expect(averageRateMultiplier({ ...result, outcomeKind: 'continuous' }, 't', 'estimated')).toBeNull();
    expect(averageRateMultiplier(result, 'nope', 'estimated')).toBeNull();
  });
});
