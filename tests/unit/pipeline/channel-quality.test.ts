import { describe, expect, it } from 'vitest';
import { generateSample, PRESETS, toCustomerSummaries } from '$lib/data/sample';
import { fitChannelQuality, MIN_CHANNEL_CUSTOMERS } from '$lib/pipeline/channel-quality.ts';

/*
 * The fashion preset draws each channel's customers from BG/NBD with the pooled dropout scaled by
 * the channel's dropoutMultiplier (presets.ts: mu' = mu M with a + b kept), so the true mean
 * dropout per repeat purchase of channel c is a / (a + b) x M_c = 0.7 / 4.2 x M_c.
 */
describe('channel quality on the fashion sample', () => {
  const preset = PRESETS.fashion;
  const { columns } = generateSample({ preset: 'fashion', customers: 12_000, seed: 21, createdAt: 'x' });
  const customers = toCustomerSummaries(columns);
  const result = fitChannelQuality(customers);
  const pooledDropout = preset.bgnbd!.a / (preset.bgnbd!.a + preset.bgnbd!.b);

  it('per-channel mean dropout within 30% of the truth and in the right order', () => {
    expect(result.channels.map((c) => c.channel).sort()).toEqual(preset.channels.map((c) => c.id).sort());
    const truth = new Map(preset.channels.map((c) => [c.id, pooledDropout * c.dropoutMultiplier]));
    for (const c of result.channels) {
      expect(c.estimate).toBe('fitted');
      expect(c.converged, c.channel).toBe(true);
      expect(Math.abs(c.meanDropout / truth.get(c.channel)! - 1), c.channel).toBeLessThan(0.3);
      expect(c.dropout.se).toBeGreaterThan(0);
    }
    // order: every pair whose true multipliers differ by at least 0.15 is ordered the same way
    for (const x of result.channels) {
      for (const y of result.channels) {
        const tx = truth.get(x.channel)!;
        const ty = truth.get(y.channel)!;
        if (tx - ty >= 0.15 * pooledDropout)
          expect(x.meanDropout, `${x.channel} > ${y.channel}`).toBeGreaterThan(y.meanDropout);
      }
    }
  });

  it('purchase-rate multipliers follow the truth within their standard errors', () => {
    for (const c of result.channels) {
      const spec = preset.channels.find((s) => s.id === c.channel)!;
      // the multipliers are relative to the pooled fit, whose rate is the share-weighted mix of the channels
      const mix = preset.channels.reduce((s, k) => s + k.share * k.rateMultiplier, 0);
      expect(Math.abs(c.rate.value - spec.rateMultiplier / mix), c.channel).toBeLessThan(4 * c.rate.se + 0.05);
    }
  });

  it('a channel with few customers keeps the pooled values and says so', () => {
    const few = customers.map((c, i) => (i < MIN_CHANNEL_CUSTOMERS - 1 ? { ...c, channel: 'tiny' } : c));
    const r = fitChannelQuality(few);
    const tiny = r.channels.find((c) => c.channel === 'tiny')!;
    expect(tiny.estimate).toBe('pooled');
    expect(tiny.dropout.value).toBe(1);
    expect(r.notes.join(' ')).toMatch(/tiny: 29 customers/);
  });
});
