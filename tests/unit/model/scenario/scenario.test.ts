import { describe, expect, it } from 'vitest';
import {
  decodeScenarioParam,
  defaultScenario,
  encodeScenarioParam,
  isNeutral,
  neutralScenario,
  parseScenario,
  parseScenarioJson
} from '$lib/model/scenario/scenario.ts';

describe('scenario validation', () => {
  it('accepts the default and the neutral scenario unchanged', () => {
    for (const s of [defaultScenario(), neutralScenario()]) {
      const r = parseScenario(JSON.parse(JSON.stringify(s)));
      expect(r).toEqual({ ok: true, scenario: s });
    }
  });

  it('names the field, the value and the rule of a bad budget', () => {
    const s = JSON.parse(JSON.stringify(defaultScenario()));
    s.levers.channels.budgetPerWeek.search = -5;
    expect(parseScenario(s)).toEqual({
      ok: false,
      errors: ['levers.channels.budgetPerWeek.search: -5 (must be >= 0)']
    });
  });

  it('reports every error at once: types, ranges, unknown fields and version', () => {
    const r = parseScenario({
      version: 2,
      levers: {
        pricing: { priceChange: 'cheap', colour: 1 },
        service: { support24x7: 'yes' },
        retention: { action: 'hug' }
      },
      economics: { horizonWeeks: 1.5 },
      extra: true
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual(
      expect.arrayContaining([
        'extra: unknown field',
        'version: 2 (must be 1; this build reads scenario version 1)',
        'levers.pricing.priceChange: "cheap" (must be a finite number)',
        'levers.pricing.colour: unknown field',
        'levers.service.support24x7: "yes" (must be true or false)',
        'levers.retention.action: "hug" (must be one of care, discount)',
        'economics.horizonWeeks: 1.5 (must be an integer)'
      ])
    );
    expect(r.errors).toHaveLength(7);
  });

  it('rejects __proto__, constructor and prototype keys and pollutes nothing', () => {
    const text =
      '{"version":1,"__proto__":{"polluted":1},"levers":{"pricing":{"constructor":{"x":1}}},"assumptions":{"prototype":{"central":1}}}';
    const r = parseScenarioJson(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      '__proto__: forbidden key',
      'levers.pricing.constructor: forbidden key',
      'assumptions.prototype: forbidden key'
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('checks assumption edits against the registry', () => {
    const r = parseScenario({
      version: 1,
      assumptions: { 'no.such': { central: 1 }, 'pricing.priceElasticity': { central: -3, low: -2 } }
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      'assumptions.no.such: unknown assumption id',
      'assumptions.pricing.priceElasticity: low -2 <= central -3 <= high -0.5 does not hold'
    ]);
  });

  it('fills missing fields with their neutral values', () => {
    const r = parseScenario({ version: 1, levers: { pricing: { priceChange: -0.05 } } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const expected = neutralScenario();
    expected.levers.pricing.priceChange = -0.05;
    expect(r.scenario).toEqual(expected);
  });

  it('returns a JSON syntax error as a value', () => {
    const r = parseScenarioJson('{"version":');
    expect(r.ok).toBe(false);
  });
});

describe('scenario URL encoding', () => {
  it('round-trips a scenario through base64url', () => {
    const s = defaultScenario('Cut price 5%, café');
    s.levers.pricing.priceChange = -0.05;
    s.levers.loyalty.enabled = true;
    s.assumptions['pricing.priceElasticity'] = { central: -2 };
    const param = encodeScenarioParam(s);
    expect(param).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeScenarioParam(param)).toEqual({ ok: true, scenario: s });
  });
  it('encodes the neutral scenario compactly (only the version)', () => {
    const param = encodeScenarioParam(neutralScenario());
    expect(atob(param.replace(/-/g, '+').replace(/_/g, '/') + '==')).toBe('{"version":1}');
  });
  it('rejects a parameter that is not base64url', () => {
    expect(decodeScenarioParam('a+b/c')).toEqual({ ok: false, errors: ['scenario URL parameter: not base64url text'] });
  });
  it('knows the neutral scenario is neutral and the default is not', () => {
    expect(isNeutral(neutralScenario())).toBe(true);
    expect(isNeutral(defaultScenario())).toBe(false);
  });
});
