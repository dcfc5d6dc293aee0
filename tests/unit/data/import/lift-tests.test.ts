import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { channelLiftObservations, parseLiftTestFile } from '$lib/data/import/lift-tests.ts';

const HEADER = 'channel,start,end,spend_change,incremental_customers,se,ci_low,ci_high,baseline_spend_per_week,note';

describe('lift-test files', () => {
  it('reads examples/lift-tests.csv: four lever tests with their counts', () => {
    const f = parseLiftTestFile(readFileSync('examples/lift-tests.csv', 'utf8'));
    expect(f.levers).toBe(4);
    expect(f.channels).toBe(0);
    expect(f.tests[0]).toMatchObject({
      kind: 'lever',
      assumptionId: 'loyalty.rateLift',
      control: { size: 5000, conversions: 610 },
      treatment: { size: 5000, conversions: 702 },
      start: '2025-03-03',
      end: '2025-04-27'
    });
  });

  it('reads channel tests as per-week lift with its se (from se or a 95% interval)', () => {
    const f = parseLiftTestFile(
      `${HEADER}\nsearch,2025-03-03,2025-03-30,8000,120,30,,,,geo test\nsocial,2025-03-03,2025-03-16,-4000,-40,,-70,-10,2500,go dark`
    );
    expect(f.channels).toBe(2);
    const [a, b] = f.tests;
    // 28 days = 4 weeks: 8000 / 4 = 2000 a week, 120 / 4 = 30 a week, se 30 / 4
    expect(a).toMatchObject({
      kind: 'channel',
      weeks: 4,
      spendChangePerWeek: 2000,
      incrementalPerWeek: 30,
      sePerWeek: 7.5
    });
    // interval -70..-10 over 2 weeks: sd = 60 / (2 x 1.959964) = 15.307, per week 7.653
    expect(b.kind === 'channel' && b.sePerWeek).toBeCloseTo(7.6532, 3);
    expect(b.kind === 'channel' && b.baselineSpendPerWeek).toBe(2500);
  });

  it('takes the baseline spend from the spend history over the test weeks', () => {
    const f = parseLiftTestFile(`${HEADER}\nsearch,2025-01-13,2025-01-26,2000,40,10,,,,`);
    const startDay = Date.UTC(2025, 0, 6) / 864e5; // week 0 = 2025-01-06
    const spend = [Float64Array.from([100, 300, 500, 700])];
    const { observations } = channelLiftObservations(f.tests, startDay, ['search'], spend);
    // the test covers weeks 1 and 2: baseline (300 + 500) / 2
    expect(observations[0]).toMatchObject({ spendPerWeek: 400, spendChangePerWeek: 1000, incrementalPerWeek: 20 });
    const outside = parseLiftTestFile(`${HEADER}\nsearch,2026-01-05,2026-01-18,2000,40,10,,,,`);
    expect(channelLiftObservations(outside.tests, startDay, ['search'], spend).messages[0]).toMatch(
      /does not cover it/
    );
  });

  it.each([
    [
      'lever_or_assumption_id,control_size,control_conversions,treatment_size,treatment_conversions,start,end\nloyalty.rateLift,500,620,500,40,2025-01-01,2025-02-01',
      /line 2: control_conversions 620 exceeds control_size 500/
    ],
    [
      'lever_or_assumption_id,control_size,control_conversions,treatment_size,treatment_conversions,start,end\nloyalty.rateLift,500,20,500,40.5,2025-01-01,2025-02-01',
      /line 2: treatment_conversions 40.5 is not a whole count/
    ],
    [
      'lever_or_assumption_id,control_size,control_conversions,treatment_size,treatment_conversions,start,end\npricing.priceElasticity,500,20,500,40,2025-01-01,2025-02-01',
      /line 2: pricing.priceElasticity is in elasticity/
    ],
    [
      'lever_or_assumption_id,control_size,control_conversions,treatment_size,treatment_conversions,start,end\nloyalty.rateLift,500,20,500,40,2025-03-01,2025-02-01',
      /line 2: end 2025-02-01 is before start/
    ],
    [
      'lever_or_assumption_id,control_size,control_conversions,treatment_size,treatment_conversions,start,end\nloyalty.rateLift,500,20,500,40,March,2025-02-01',
      /line 2: start 'March' is not a date/
    ],
    [`${HEADER}\nsearch,2025-03-03,2025-03-30,8000,120,,,,,`, /line 2: needs se, or ci_low and ci_high/],
    [`${HEADER}\ntv,2025-03-03,2025-03-30,8000,120,30,,,,`, /line 2: channel 'tv' is not a workbench channel/],
    [
      `${HEADER}\nsearch,2025-03-03,2025-03-30,8000,-120,30,,,,`,
      /line 2: incremental_customers -120 ± 30.0 goes against spend_change 8000/
    ],
    [`${HEADER}\nsearch,2025-03-03,2025-03-30,0,120,30,,,,`, /line 2: spend_change is 0/],
    [`${HEADER}\nsearch,2025-03-03,2025-03-30,8000,120,0,,,,`, /line 2: se 0 must be > 0/],
    [
      `${HEADER}\nsearch,2025-03-03,2025-03-30,8000,120,30,,,,\nsearch,2025-03-03,2025-03-30,-9000,-1,30,,,1000,`,
      /line 3: spend_change -9000 over 4 weeks takes the weekly spend 1000 below 0/
    ],
    ['start,end\n2025-01-01,2025-02-01', /no lever_or_assumption_id or channel column/]
  ])('rejects bad input with its line: %#', (text, message) => {
    expect(() => parseLiftTestFile(text)).toThrow(message);
  });
});
