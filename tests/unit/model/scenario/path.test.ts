import { describe, expect, it } from 'vitest';
import { getPath, setPath } from '$lib/model/scenario/path.ts';

describe('the one dotted-path reader and setter', () => {
  const levers = { pricing: { priceChange: 0, promoDepth: 0.1 }, service: { agents: 3 } };

  it('sets a nested value in a copy, sharing the untouched branches, leaving the input alone', () => {
    const next = setPath(levers, 'pricing.priceChange', -0.05);
    expect(next.pricing.priceChange).toBe(-0.05);
    expect(next.pricing.promoDepth).toBe(0.1);
    expect(levers.pricing.priceChange).toBe(0);
    expect(next.service).toBe(levers.service);
    expect(next.pricing).not.toBe(levers.pricing);
  });

  it('creates missing groups and reads back what it set', () => {
    const next = setPath({} as Record<string, unknown>, 'channels.budgetPerWeek.search', 3000);
    expect(getPath(next, 'channels.budgetPerWeek.search')).toBe(3000);
    expect(getPath(next, 'channels.budgetPerWeek.social')).toBeUndefined();
    expect(getPath(next, 'channels.budgetPerWeek.search.deeper')).toBeUndefined();
  });

  it('refuses prototype keys at any depth', () => {
    expect(() => setPath(levers, '__proto__.x', 1)).toThrow('invalid path segment: __proto__');
    expect(() => setPath(levers, 'pricing.constructor', 1)).toThrow('invalid path segment: constructor');
    expect(getPath(levers, 'pricing.constructor')).toBeUndefined();
  });
});
