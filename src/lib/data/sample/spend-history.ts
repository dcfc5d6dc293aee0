/**
 * Spend history for a sample dataset (issue 16 item 1): two years of weekly flighted spend by
 * channel for every preset, drawn from the preset's own channel truth, with the weekly new
 * customers that spend causes (seeded), so the channel fit can be shown recovering known values.
 *
 * Channel truth of a preset channel c (shares from the preset, shapes from the registry):
 * - adstock decay θ_c, Hill slope κ_c and half-saturation K_c: the registry's central values for
 *   that channel (channels.<c>.adstockDecay, .hillSlope, .halfSaturation);
 * - typical weekly spend while on s_c = K_c (1 - θ_c): a steady flight of it sits at half
 *   saturation, so the flights (0.3-2 x s_c) span the curve's bend;
 * - maximum new customers N_c = 2 x share_c x paid new customers per week, where the paid new
 *   customers per week are 80% of the sample's customers spread over its acquisition window
 *   (the other 20% organic): at typical spend each channel brings its preset share.
 * Weeks start at the preset's start date; spend and acquisitions come from
 * model/scenario/channel-simulate.ts (flighting rules there), with a ±20% yearly season on the
 * organic baseline.
 */
import { createRng, splitSeed } from '../../model/core/random/index.ts';
import { assumptionById } from '../../model/scenario/assumptions.ts';
import { simulateAcquisitions, type ChannelTruth } from '../../model/scenario/channel-simulate.ts';
import { PRESETS, type PresetId } from './presets.ts';

export const SPEND_HISTORY_WEEKS = 104;
const ORGANIC_SHARE = 0.2;

export interface SpendHistory {
  preset: PresetId;
  seed: number;
  /** YYYY-MM-DD, the Monday (or the preset's start) of week 0 */
  startDate: string;
  weeks: number;
  truth: ChannelTruth[];
  organicPerWeek: number;
  spend: Float64Array[];
  newCustomers: Float64Array[];
  organic: Float64Array;
}

const central = (id: string, fallback: number) => assumptionById(id)?.central ?? fallback;

export function presetChannelTruth(
  preset: PresetId,
  customers: number
): { truth: ChannelTruth[]; organicPerWeek: number } {
  const p = PRESETS[preset];
  const perWeek = customers / Math.max(1, p.acquisitionDays / 7);
  const paid = perWeek * (1 - ORGANIC_SHARE);
  const truth = p.channels.map((c): ChannelTruth => {
    const adstockDecay = central(`channels.${c.id}.adstockDecay`, 0.3);
    const halfSaturation = central(`channels.${c.id}.halfSaturation`, 3000);
    return {
      channel: c.id,
      adstockDecay,
      hillSlope: central(`channels.${c.id}.hillSlope`, 1.2),
      halfSaturation,
      maxNewCustomers: 2 * c.share * paid,
      spendPerWeek: halfSaturation * (1 - adstockDecay)
    };
  });
  return { truth, organicPerWeek: perWeek * ORGANIC_SHARE };
}

export function generateSpendHistory(preset: PresetId, customers: number, seed: number): SpendHistory {
  const { truth, organicPerWeek } = presetChannelTruth(preset, customers);
  // its own stream, so the customers drawn for the same seed do not change
  const rng = createRng(splitSeed(seed, 16));
  const sim = simulateAcquisitions(rng, truth, SPEND_HISTORY_WEEKS, organicPerWeek, 0.2);
  return {
    preset,
    seed,
    startDate: PRESETS[preset].startDate,
    weeks: SPEND_HISTORY_WEEKS,
    truth,
    organicPerWeek,
    spend: sim.spend,
    newCustomers: sim.newCustomers,
    organic: sim.organic
  };
}

/** The spend history as a long weekly CSV (week,channel,spend), the layout the spend import reads. */
export function spendHistoryCsv(h: SpendHistory): string {
  const start = Date.parse(`${h.startDate}T00:00:00Z`);
  const lines = ['week,channel,spend'];
  for (let k = 0; k < h.weeks; k++) {
    const week = new Date(start + k * 7 * 86_400_000).toISOString().slice(0, 10);
    h.truth.forEach((c, i) => lines.push(`${week},${c.channel},${h.spend[i][k].toFixed(2)}`));
  }
  return lines.join('\n') + '\n';
}
