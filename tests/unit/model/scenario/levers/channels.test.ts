import { describe, expect, it } from 'vitest';
import {
  channelResponse,
  geometricAdstock,
  hillSaturation,
  steadyStateNewCustomers
} from '$lib/model/scenario/levers/channels.ts';
import { prepareBaseline, cdnowDefaultBaseline } from '$lib/model/scenario/engine/baseline.ts';
import { evaluateScenario } from '$lib/model/scenario/engine/evaluate.ts';
import { defaultScenario } from '$lib/model/scenario/scenario.ts';
import { CHANNEL_IDS } from '$lib/model/scenario/scenario-types.ts';

describe('geometric adstock (Jin et al. 2017 eq. 1; MODEL.md A(t) = s(t) + θ A(t-1))', () => {
  it('matches the closed form s (1 - θ^(t+1)) / (1 - θ) for a constant spend', () => {
    const s = 1000,
      theta = 0.4;
    const A = geometricAdstock(new Float64Array(30).fill(s), theta);
    for (let t = 0; t < 30; t++) expect(A[t]).toBeCloseTo((s * (1 - theta ** (t + 1))) / (1 - theta), 9);
  });
  it('decays geometrically after a single pulse', () => {
    const spend = new Float64Array(10);
    spend[0] = 100;
    const A = geometricAdstock(spend, 0.5);
    for (let t = 0; t < 10; t++) expect(A[t]).toBeCloseTo(100 * 0.5 ** t, 12);
  });
  it('rejects a decay outside [0, 1)', () => {
    expect(() => geometricAdstock([1], 1)).toThrow('invalid adstock decay: 1');
  });
});

describe('Hill saturation (Jin et al. 2017 eq. 3)', () => {
  it('equals A^κ / (A^κ + K^κ) and is one half at A = K', () => {
    for (const [A, K, k] of [
      [500, 1000, 1.5],
      [3000, 1000, 2],
      [1e-3, 10, 0.7],
      [1e6, 2000, 1]
    ]) {
      expect(hillSaturation(A, K, k)).toBeCloseTo(A ** k / (A ** k + K ** k), 12);
    }
    expect(hillSaturation(1234, 1234, 3)).toBe(0.5);
  });
  it('is 0 without adstock and never overflows for huge spend', () => {
    expect(hillSaturation(0, 100, 2)).toBe(0);
    expect(hillSaturation(1e300, 100, 5)).toBe(1);
  });
  it('gives steady-state new customers Vmax · Hill(s / (1 - θ)) · conversion', () => {
    const p = {
      adstockDecay: 0.2,
      hillSlope: 1.5,
      halfSaturation: 4000,
      maxVisits: 40000,
      conversion: 0.01,
      qualityDropout: 1,
      qualityRate: 1
    };
    const A = 3000 / 0.8;
    expect(steadyStateNewCustomers(3000, p)).toBeCloseTo(((40000 * A ** 1.5) / (A ** 1.5 + 4000 ** 1.5)) * 0.01, 9);
    const r = channelResponse(new Float64Array(200).fill(3000), p);
    expect(r.newCustomers[199]).toBeCloseTo(steadyStateNewCustomers(3000, p), 9);
  });
});

describe('paid acquisition in the engine', () => {
  const base = prepareBaseline(cdnowDefaultBaseline(0));
  it('zero budget gives zero paid acquisition and no CAC', () => {
    const s = defaultScenario();
    for (const ch of CHANNEL_IDS) s.levers.channels.budgetPerWeek[ch] = 0;
    const o = evaluateScenario(base, s);
    for (const ch of CHANNEL_IDS)
      expect(Array.from(o.series.newCustomersByChannel[ch]).every((v) => v === 0)).toBe(true);
    expect(o.kpis.newCustomers).toBe(0);
    expect(o.kpis.cac).toBeNull();
    expect(o.series.costsByLever.acquisition.every((v: number) => v === 0)).toBe(true);
  });
  it('a channel with budget acquires customers and CAC = spend / paid new customers', () => {
    const s = defaultScenario();
    for (const ch of CHANNEL_IDS) s.levers.channels.budgetPerWeek[ch] = 0;
    s.levers.channels.budgetPerWeek.search = 3000;
    const o = evaluateScenario(base, s);
    const paid = Array.from(o.series.newCustomersByChannel.search).reduce((a, b) => a + b, 0);
    expect(paid).toBeGreaterThan(0);
    expect(o.kpis.cac).toBeCloseTo((3000 * s.economics.horizonWeeks) / paid, 9);
  });
});
