import { describe, expect, it } from 'vitest';
import { createRng } from '$lib/model/core/random/index.ts';
import { fitChannelResponse } from '$lib/model/scenario/channel-fit.ts';
import { simulateAcquisitions } from '$lib/model/scenario/channel-simulate.ts';
import { fittedChannelAssumptions, provenanceSummary, removeFitted } from '$lib/model/scenario/fitted-assumptions.ts';
import { ASSUMPTIONS, resolveAssumptions } from '$lib/model/scenario/assumptions.ts';

const truth = [
  {
    channel: 'search',
    adstockDecay: 0.25,
    hillSlope: 1.5,
    halfSaturation: 5000,
    maxNewCustomers: 100,
    spendPerWeek: 4000
  },
  // spend far below saturation: not identified
  {
    channel: 'display',
    adstockDecay: 0.4,
    hillSlope: 1,
    halfSaturation: 300000,
    maxNewCustomers: 3000,
    spendPerWeek: 3000
  }
];

describe('fitted channel values as assumptions', () => {
  const sim = simulateAcquisitions(createRng(9), truth, 104, 20);
  const fit = fitChannelResponse({
    channels: ['search', 'display'],
    spend: sim.spend,
    newCustomers: sim.newCustomers,
    organic: sim.organic
  });
  const quality = [
    {
      channel: 'search',
      estimate: 'fitted' as const,
      dropout: { value: 0.8, se: 0.05 },
      rate: { value: 1.1, se: 0.04 }
    },
    { channel: 'email', estimate: 'pooled' as const, dropout: { value: 1, se: NaN }, rate: { value: 1, se: NaN } }
  ];
  const f = fittedChannelAssumptions(fit, '2026-12-02', quality);

  it('replaces the identified channel curve with its estimate and 95% interval, origin stated', () => {
    const o = f.overrides['channels.search.adstockDecay'];
    const c = fit.channels[0];
    expect(o.central).toBe(c.params.adstockDecay);
    expect(o.high! - o.central!).toBeCloseTo(1.959964 * c.se.adstockDecay, 9);
    expect(f.origins['channels.search.adstockDecay'].label).toBe('fitted from your data (2026-12-02)');
    // maxVisits = maxNewCustomers / the registry's conversion (0.01 for search)
    expect(f.overrides['channels.search.maxVisits'].central).toBeCloseTo(c.params.maxNewCustomers / 0.01, 6);
    expect(f.overrides['channels.search.qualityDropout'].central).toBe(0.8);
    // the overrides are valid for the registry
    expect(resolveAssumptions(f.overrides).errors).toEqual([]);
  });

  it('keeps the registry curve of a channel the data cannot pin down, and says so', () => {
    expect(fit.channels[1].identified).toBe(false);
    expect(f.overrides['channels.display.halfSaturation']).toBeUndefined();
    expect(f.overrides['channels.display.maxVisits']).toBeUndefined();
    expect(f.notes.join(' ')).toMatch(/display: its response curve stays the registry's/);
    // a pooled quality estimate replaces nothing
    expect(f.overrides['channels.email.qualityDropout']).toBeUndefined();
  });

  it("is removable: the registry values come back, the user's own edits stay", () => {
    const mine = { ...f.overrides, 'pricing.priceElasticity': { central: -1.5 } };
    const back = removeFitted(mine, f);
    expect(Object.keys(back)).toEqual(['pricing.priceElasticity']);
    expect(provenanceSummary(f, ASSUMPTIONS.length)).toMatch(
      new RegExp(`^${Object.keys(f.origins).length} of ${ASSUMPTIONS.length} effects`)
    );
  });

  it('replaces nothing when the fit did not converge', () => {
    const none = fittedChannelAssumptions({ ...fit, converged: false }, '2026-12-02');
    expect(none.overrides).toEqual({});
    expect(none.notes[0]).toMatch(/did not converge/);
    // nor a channel's quality whose BG/NBD did not converge
    const q = fittedChannelAssumptions(fit, '2026-12-02', [{ ...quality[0], converged: false }]);
    expect(q.overrides['channels.search.qualityDropout']).toBeUndefined();
    expect(q.overrides['channels.search.adstockDecay']).toBeDefined();
    expect(q.notes.join(' ')).toMatch(/search: the BG\/NBD of its customers did not converge/);
  });
});
