import { describe, expect, it } from 'vitest';
import {
  campaignFromSummaries,
  propensityFromSummaries,
  CAMPAIGN_ARM,
  CONTROL_ARM,
  MAX_TRAINING_CUSTOMERS
} from '$lib/ui/models/campaign';
import { customer } from './fixtures';

describe('uplift data from the randomised campaign of the dataset in use', () => {
  it('keeps customers with a known arm and a holdout; outcome = bought in the holdout', () => {
    const customers = [0, 1, 2, 3, 4, 5].map((i) => customer(i));
    customers[4] = customer(4, { treatment: -1 });
    customers[5] = customer(5, { xHoldout: Number.NaN });
    const c = campaignFromSummaries(customers);
    expect(c.data.arm).toEqual([CONTROL_ARM, CAMPAIGN_ARM, CONTROL_ARM, CAMPAIGN_ARM]);
    // xHoldout = 1 for i % 3 === 0 (customers 0 and 3), else 0
    expect(Array.from(c.data.outcome)).toEqual([1, 0, 0, 1]);
    expect(c.data.features.length).toBe(4);
    expect(Array.from(c.data.features.numeric.frequency)).toEqual([0, 1, 2, 3]);
    expect([c.treated, c.control, c.excluded]).toEqual([2, 2, 2]);
  });

  it('says why there is no campaign to learn from', () => {
    expect(() => campaignFromSummaries([])).toThrow('no customers');
    expect(() => campaignFromSummaries([customer(1, { xHoldout: Number.NaN })])).toThrow('no holdout period');
    expect(() => campaignFromSummaries([customer(1, { treatment: -1 })])).toThrow('no randomised campaign');
    expect(() => campaignFromSummaries([customer(1), customer(3)])).toThrow('treated 2 of 2');
  });
});

describe('propensity data from the dataset in use', () => {
  it('labels every customer with a holdout by whether they bought in it, whatever their arm', () => {
    const p = propensityFromSummaries([
      customer(0),
      customer(1, { treatment: -1 }),
      customer(2, { xHoldout: Number.NaN })
    ]);
    expect(Array.from(p.label)).toEqual([1, 0]);
    expect(p.excluded).toBe(1);
    expect(() => propensityFromSummaries([customer(0, { xHoldout: Number.NaN })])).toThrow('no holdout period');
  });
});

describe('training data from a compressed summary', () => {
  it('learns from its customers: a group of n is n equal rows, the same data as the customers one by one', () => {
    const single = [customer(0), customer(0), customer(0), customer(1), customer(2, { xHoldout: Number.NaN })];
    const grouped = [
      customer(0, { count: 3 }),
      customer(1, { count: 1 }),
      customer(2, { xHoldout: Number.NaN, count: 1 })
    ];
    const a = propensityFromSummaries(single);
    const b = propensityFromSummaries(grouped);
    expect(Array.from(b.label)).toEqual(Array.from(a.label));
    expect(Array.from(b.label)).toEqual([1, 1, 1, 0]);
    expect(b.features).toEqual(a.features);
    expect(b.excluded).toBe(1);
  });

  it('refuses more customers than the page can hold, saying what to import instead', () => {
    expect(() => propensityFromSummaries([customer(0, { count: MAX_TRAINING_CUSTOMERS + 1 })])).toThrow(
      /compressed summary of 250,001 customers in 1 group:.*per-customer summary of a sample/
    );
  });
});
