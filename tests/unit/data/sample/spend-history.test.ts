import { describe, expect, it } from 'vitest';
import { PRESET_IDS, PRESETS } from '$lib/data/sample';
import {
  generateSpendHistory,
  presetChannelTruth,
  spendHistoryCsv,
  SPEND_HISTORY_WEEKS
} from '$lib/data/sample/spend-history.ts';
import { parseSpendFile } from '$lib/data/import/spend.ts';
import { fitChannelResponse, fittedSteadyState } from '$lib/model/scenario/channel-fit.ts';
import { expectedChannelCustomers } from '$lib/model/scenario/channel-simulate.ts';

describe('sample spend history', () => {
  it('gives every preset two years of flighted spend over its own channels, seeded', () => {
    for (const preset of PRESET_IDS) {
      const h = generateSpendHistory(preset, 5_000, 42);
      expect(h.weeks).toBe(SPEND_HISTORY_WEEKS);
      expect(h.truth.map((t) => t.channel)).toEqual(PRESETS[preset].channels.map((c) => c.id));
      for (const s of h.spend) {
        expect(s).toHaveLength(104);
        // flighted: some weeks off, the on weeks at different levels
        expect(s.some((v) => v === 0)).toBe(true);
        const on = Array.from(s).filter((v) => v > 0);
        expect(Math.max(...on) / Math.min(...on)).toBeGreaterThan(2);
      }
      const again = generateSpendHistory(preset, 5_000, 42);
      expect(Array.from(again.newCustomers[0])).toEqual(Array.from(h.newCustomers[0]));
    }
    expect(Array.from(generateSpendHistory('fashion', 5_000, 43).spend[0])).not.toEqual(
      Array.from(generateSpendHistory('fashion', 5_000, 42).spend[0])
    );
  });

  it('acquisitions follow the truth: totals within Poisson noise of the expected response', () => {
    const h = generateSpendHistory('fashion', 20_000, 7);
    h.truth.forEach((t, i) => {
      const expected = expectedChannelCustomers(h.spend[i], t).reduce((a, v) => a + v, 0);
      const drawn = h.newCustomers[i].reduce((a, v) => a + v, 0);
      expect(Math.abs(drawn - expected)).toBeLessThan(4 * Math.sqrt(expected));
    });
    // at typical spend each channel brings its preset share of paid new customers (derivation in the module)
    const { truth } = presetChannelTruth('fashion', 20_000);
    const paid = (20_000 / (182 / 7)) * 0.8;
    PRESETS.fashion.channels.forEach((c, i) => {
      expect(fittedSteadyState(truth[i], truth[i].spendPerWeek)).toBeCloseTo(c.share * paid, 6);
    });
  });

  it('round-trips through the spend import and the fit recovers the preset truth', () => {
    const h = generateSpendHistory('fashion', 20_000, 3);
    const file = parseSpendFile(spendHistoryCsv(h));
    expect(file.channels).toEqual(h.truth.map((t) => t.channel));
    expect(file.rows).toHaveLength(104 * h.truth.length);
    const fit = fitChannelResponse({
      channels: h.truth.map((t) => t.channel),
      spend: h.spend,
      newCustomers: h.newCustomers,
      organic: h.organic
    });
    expect(fit.converged).toBe(true);
    fit.channels.forEach((c, i) => {
      expect(Math.abs(c.params.adstockDecay - h.truth[i].adstockDecay), c.channel).toBeLessThan(0.1);
      const median = c.spendQuartiles[1];
      expect(
        Math.abs(fittedSteadyState(c.params, median) / fittedSteadyState(h.truth[i], median) - 1),
        c.channel
      ).toBeLessThan(0.15);
    });
  });
});
