import { describe, expect, it } from 'vitest';
import { createRng } from '$lib/model/core/random/index.ts';
import { fitChannelResponse, fittedWithSe } from '$lib/model/scenario/channel-fit.ts';
import { expectedChannelCustomers, flightedSpend, type ChannelTruth } from '$lib/model/scenario/channel-simulate.ts';
import {
  Z95,
  curveLift,
  leverTestEffect,
  leverTestOverrides,
  liftMeasureOf,
  type LeverLiftTest
} from '$lib/model/scenario/lift-tests.ts';

const lever = (assumptionId: string, c: [number, number], t: [number, number], end = '2025-04-27'): LeverLiftTest => ({
  kind: 'lever',
  assumptionId,
  control: { size: c[0], conversions: c[1] },
  treatment: { size: t[0], conversions: t[1] },
  start: '2025-03-03',
  end,
  note: ''
});

describe('lever tests: effect in the assumption unit', () => {
  it('relative lift of examples/lift-tests.csv row 1 (loyalty.rateLift), worked by hand', () => {
    // p_c = 610/5000 = 0.122, p_t = 702/5000 = 0.1404, RR = 1.15082; se(ln RR) =
    // sqrt(1/702 - 1/5000 + 1/610 - 1/5000) = 0.051612 (Katz 1978); ln RR = 0.140475,
    // interval exp(0.140475 ± 1.959964 x 0.051612) - 1 = (0.04009, 0.27332)
    const e = leverTestEffect(lever('loyalty.rateLift', [5000, 610], [5000, 702]));
    expect(e.measure).toBe('relative lift');
    expect(e.central).toBeCloseTo(0.15082, 5);
    expect(e.low).toBeCloseTo(0.04009, 4);
    expect(e.high).toBeCloseTo(0.27332, 4);
  });

  it('dropout reduction and the success scale from retained counts', () => {
    // retention.successScale row: still active 396/1800 (control) and 468/1800 (treated);
    // dropout 1404/1800 = 0.78 and 1332/1800 = 0.74, reduction 1 - 0.74/0.78 = 0.051282
    const e = leverTestEffect(lever('retention.successScale', [1800, 396], [1800, 468]), 0.4);
    expect(e.measure).toBe('success scale');
    expect(e.central).toBeCloseTo(0.051282 / 0.4, 5);
    expect(e.low).toBeLessThan(e.central);
    expect(e.high).toBeGreaterThan(e.central);
    const d = leverTestEffect(lever('loyalty.retentionLift', [1800, 396], [1800, 468]));
    expect(d.measure).toBe('relative dropout reduction');
    expect(d.central).toBeCloseTo(0.051282, 5);
    expect(() => leverTestEffect(lever('retention.successScale', [1800, 396], [1800, 468]))).toThrow(
      /stated success rate/
    );
  });

  it('names why an assumption cannot take a count test', () => {
    expect(liftMeasureOf('pricing.priceElasticity')).toEqual({ error: expect.stringMatching(/elasticity/) });
    expect(liftMeasureOf('nope.nothing')).toEqual({ error: expect.stringMatching(/not an assumption/) });
  });

  it('the 95% interval covers the true lift about 95% of the time (2,000 simulated tests)', () => {
    // truth: p_c = 0.12, relative lift 0.15, 4,000 per arm; binomial draws by counting uniforms
    const rng = createRng(11);
    const draw = (n: number, p: number) => {
      let x = 0;
      for (let i = 0; i < n; i++) if (rng.uniform() < p) x++;
      return x;
    };
    let covered = 0;
    const runs = 2000;
    for (let r = 0; r < runs; r++) {
      const e = leverTestEffect(lever('loyalty.rateLift', [4000, draw(4000, 0.12)], [4000, draw(4000, 0.138)]));
      if (e.low <= 0.15 && 0.15 <= e.high) covered++;
    }
    // binomial sd of the coverage at 0.95 over 2,000 runs is 0.0049: allow 3 sd
    expect(covered / runs).toBeGreaterThan(0.935);
    expect(covered / runs).toBeLessThan(0.965);
  });

  it('becomes the assumption with origin "your test, <date>"; two tests pool by inverse variance', () => {
    const one = leverTestOverrides([lever('loyalty.rateLift', [5000, 610], [5000, 702])]);
    expect(one.origins['loyalty.rateLift'].origin).toBe('lift test');
    expect(one.origins['loyalty.rateLift'].label).toBe('your test, 2025-04-27');
    expect(one.overrides['loyalty.rateLift'].central).toBeCloseTo(0.15082, 4);
    const two = leverTestOverrides([
      lever('loyalty.rateLift', [5000, 610], [5000, 702]),
      lever('loyalty.rateLift', [5000, 600], [5000, 690], '2025-09-01')
    ]);
    const o = two.overrides['loyalty.rateLift'];
    expect(o.high! - o.low!).toBeLessThan(
      one.overrides['loyalty.rateLift'].high! - one.overrides['loyalty.rateLift'].low!
    );
    expect(two.origins['loyalty.rateLift'].label).toBe('your test, 2025-09-01');
  });
});

/*
 * Recovery: two channels whose spend moves together (social always ~75% of search, ±5%), fitted
 * in aggregate mode (total new customers only). The spend alone cannot split the new customers
 * between them, so search's lift at its typical spend is poorly determined; a lift test drawn from
 * the truth (its estimate = the true lift + 15% noise, se 15%) fixes it. Truth: plausible digital
 * channels (θ 0.3, K near the typical adstocked spend), not tuned to the fit.
 */
describe('channel lift test in the fit: recovery of a channel the spend cannot identify', () => {
  const SEARCH: ChannelTruth = {
    channel: 'search',
    adstockDecay: 0.3,
    hillSlope: 1.5,
    halfSaturation: 4000,
    maxNewCustomers: 60,
    spendPerWeek: 2800
  };
  const SOCIAL: ChannelTruth = {
    channel: 'social',
    adstockDecay: 0.3,
    hillSlope: 1.2,
    halfSaturation: 3000,
    maxNewCustomers: 40,
    spendPerWeek: 2100
  };
  const x = 2800;
  const dx = 1400;
  const truthLift = curveLift(SEARCH, x, dx);

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: the true lift is inside the interval, which is over twice as narrow with the test`, () => {
      const rng = createRng(seed);
      const weeks = 104;
      const sSearch = flightedSpend(rng, weeks, SEARCH.spendPerWeek);
      const sSocial = Float64Array.from(sSearch, (v) => Math.round(v * 0.75 * (0.95 + 0.1 * rng.uniform())));
      const mSearch = expectedChannelCustomers(sSearch, SEARCH);
      const mSocial = expectedChannelCustomers(sSocial, SOCIAL);
      const total = Float64Array.from(mSearch, (m, t) => rng.poisson(20 + m + mSocial[t]));
      const se = 0.15 * truthLift;
      const test = {
        channel: 'search',
        spendPerWeek: x,
        spendChangePerWeek: dx,
        incrementalPerWeek: truthLift + se * rng.normal(),
        sePerWeek: se
      };
      const base = { channels: ['search', 'social'], spend: [sSearch, sSocial], total };
      const without = fitChannelResponse(base);
      const withTest = fitChannelResponse({ ...base, liftTests: [test] });
      expect(without.converged && withTest.converged).toBe(true);
      expect(withTest.channels[0].liftTests).toBe(1);
      const a = fittedWithSe(without.channels[0], (p) => curveLift(p, x, dx));
      const b = fittedWithSe(withTest.channels[0], (p) => curveLift(p, x, dx));
      // without the test: the lift is known to no better than ±35% (1 se)
      expect(a.se / truthLift).toBeGreaterThan(0.35);
      expect(Math.abs(b.value - truthLift)).toBeLessThan(Z95 * b.se);
      expect(b.se).toBeLessThan(a.se / 2);
    });
  }

  it('a test of a channel not fitted is reported, a malformed one rejected', () => {
    const rng = createRng(9);
    const s = flightedSpend(rng, 52, 2800);
    const total = Float64Array.from(expectedChannelCustomers(s, SEARCH), (m) => rng.poisson(m + 5));
    const ok = { channel: 'display', spendPerWeek: 100, spendChangePerWeek: 50, incrementalPerWeek: 1, sePerWeek: 1 };
    const r = fitChannelResponse({ channels: ['search'], spend: [s], total, liftTests: [ok] });
    expect(r.warnings.join(' ')).toMatch(/lift test of display is not used/);
    expect(() =>
      fitChannelResponse({
        channels: ['search'],
        spend: [s],
        total,
        liftTests: [{ ...ok, channel: 'search', sePerWeek: 0 }]
      })
    ).toThrow(/lift test of search/);
  });
});

describe('views of a fitted channel: response band, CAC and marginal CAC', () => {
  it('the band holds the truth at the quartiles; CAC and marginal CAC match the truth within their intervals', async () => {
    const { responseBand, channelCac, fittedSteadyState } = await import('$lib/model/scenario/channel-fit.ts');
    const truth: ChannelTruth = {
      channel: 'search',
      adstockDecay: 0.3,
      hillSlope: 1.5,
      halfSaturation: 4000,
      maxNewCustomers: 60,
      spendPerWeek: 2800
    };
    const rng = createRng(4);
    const spend = flightedSpend(rng, 104, truth.spendPerWeek);
    const y = Float64Array.from(expectedChannelCustomers(spend, truth), (m) => rng.poisson(m));
    const fit = fitChannelResponse({ channels: ['search'], spend: [spend], newCustomers: [y] }).channels[0];
    const band = responseBand(fit);
    expect(band[0].value).toBe(0);
    expect(band.at(-1)!.spendPerWeek).toBeCloseTo(1.5 * fit.spendRange[1], 6);
    expect(band.at(-1)!.extrapolated).toBe(true);
    for (const q of fit.spendQuartiles) {
      const near = band.reduce((a, b) => (Math.abs(b.spendPerWeek - q) < Math.abs(a.spendPerWeek - q) ? b : a));
      const t = fittedSteadyState(truth, near.spendPerWeek);
      expect(near.low).toBeLessThanOrEqual(t);
      expect(near.high).toBeGreaterThanOrEqual(t);
    }
    // truth at 2800 a week: adstock 4000 = K, 30 new customers a week, CAC 93.3; the slope of
    // N h(s / (1 - θ)) is N κ h (1 - h) / (s) = 60 x 1.5 x 0.25 / 2800, so marginal CAC = 124.4
    const c = channelCac(fit, 2800);
    expect(Math.abs(c.cac - 2800 / 30)).toBeLessThan(Z95 * c.cacSe);
    expect(Math.abs(c.marginalCac - 2800 / (60 * 1.5 * 0.25))).toBeLessThan(Z95 * c.marginalCacSe);
    expect(c.marginalCac).toBeGreaterThan(c.cac); // a saturating curve: the next customer costs more
  });
});
