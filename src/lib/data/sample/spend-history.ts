/**
 * Spend history for a sample dataset (issue 16 item 1): two years of weekly flighted spend by
 * channel for every preset, drawn from the preset's own channel truth, with the weekly new
 * customers that spend causes (seeded), so the channel fit can be shown recovering known values.
 * A sample drawn with its spend history (SampleOptions.spendHistory) takes its customers'
 * first-purchase weeks and acquisition channels from these acquisitions (generate.ts).
 *
 * Channel truth of a preset channel c (shares from the preset, shapes from the registry):
 * - adstock decay θ_c, Hill slope κ_c and half-saturation K_c: the registry's central values for
 *   that channel (channels.<c>.adstockDecay, .hillSlope, .halfSaturation);
 * - typical weekly spend while on s_c = K_c (1 - θ_c): a steady flight of it sits at half
 *   saturation, so the flights (0.3-2 x s_c) span the curve's bend;
 * - maximum new customers N_c = 2 x share_c x paid new customers per week, where the paid new
 *   customers per week are 80% of the sample's customers spread over the 104 weeks (the other
 *   20% organic): at typical spend each channel brings its preset share. Once the spend is drawn,
 *   every N_c and the organic mean are scaled by one factor so that the expected acquisitions over
 *   the two years equal the customers asked for (the flights' random levels would otherwise
 *   make the total drift from it); the truth stored is the scaled one.
 * Acquisitions: given their total (the customers asked for), independent Poisson counts are
 * multinomial with cell probabilities proportional to their means, so each customer draws its
 * (week, channel) cell with probability μ_{c,t} / Σ μ; the counts per cell are the Poisson
 * acquisitions conditioned on the sample's size. Weeks start at the preset's start date; spend
 * and the expected response come from model/scenario/channel-simulate.ts (flighting rules
 * there), with a ±20% yearly season on the organic baseline.
 */
import { createRng, splitSeed } from '../../model/core/random/index.ts';
import { assumptionById } from '../../model/scenario/assumptions.ts';
import { expectedChannelCustomers, flightedSpend, type ChannelTruth } from '../../model/scenario/channel-simulate.ts';
import { CHANNEL_IDS } from '../../model/scenario/scenario-types.ts';
import { mapChannels, parseSpendFile, type SpendFile } from '../import/spend.ts';
import { PRESETS, type PresetId, type SamplePreset } from './presets.ts';

export const SPEND_HISTORY_WEEKS = 104;
export const ORGANIC_SHARE = 0.2;
const SEASONAL_AMPLITUDE = 0.2;
/** channel label of the customers no paid channel brought */
export const ORGANIC_CHANNEL = 'organic';

export interface SpendHistory {
  preset: PresetId;
  seed: number;
  /** YYYY-MM-DD, the preset's start date: the first day of week 0 */
  startDate: string;
  weeks: number;
  truth: ChannelTruth[];
  /** mean organic new customers per week (before the season) */
  organicPerWeek: number;
  spend: Float64Array[];
  /** acquisitions per channel per week */
  newCustomers: Float64Array[];
  organic: Float64Array;
  /** per customer: acquisition week (0..weeks-1) */
  customerWeek: Uint16Array;
  /** per customer: index into truth, or truth.length for organic */
  customerChannel: Uint8Array;
}

const central = (id: string, fallback: number) => assumptionById(id)?.central ?? fallback;
const resolve = (preset: PresetId | SamplePreset): SamplePreset =>
  typeof preset === 'string' ? PRESETS[preset] : preset;

/** The preset's channel truth before the scaling to the drawn spend (see the module comment). */
export function presetChannelTruth(
  preset: PresetId | SamplePreset,
  customers: number
): { truth: ChannelTruth[]; organicPerWeek: number } {
  const p = resolve(preset);
  const perWeek = customers / SPEND_HISTORY_WEEKS;
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

const organicSeason = (t: number) => Math.exp(SEASONAL_AMPLITUDE * Math.sin((2 * Math.PI * t) / 52));

export function generateSpendHistory(preset: PresetId | SamplePreset, customers: number, seed: number): SpendHistory {
  if (!Number.isInteger(customers) || customers < 1 || customers > 1_000_000)
    throw new RangeError(`invalid number of customers for a spend history: ${customers}`);
  const p = resolve(preset);
  const base = presetChannelTruth(p, customers);
  // its own stream, so the customers drawn for the same seed do not change
  const rng = createRng(splitSeed(seed, 16));
  const weeks = SPEND_HISTORY_WEEKS;
  const spend = base.truth.map((c) => flightedSpend(rng, weeks, c.spendPerWeek));
  const means = base.truth.map((c, i) => expectedChannelCustomers(spend[i], c));
  const organicMean = Float64Array.from({ length: weeks }, (_, t) => base.organicPerWeek * organicSeason(t));
  let expected = organicMean.reduce((a, v) => a + v, 0);
  for (const m of means) expected += m.reduce((a, v) => a + v, 0);
  const scale = customers / expected;
  const truth = base.truth.map((c) => ({ ...c, maxNewCustomers: c.maxNewCustomers * scale }));
  const C = truth.length;
  // cells in (week, channel) order, channel C = organic
  const cum = new Float64Array(weeks * (C + 1));
  let sum = 0;
  for (let t = 0; t < weeks; t++) {
    for (let c = 0; c <= C; c++) {
      sum += c < C ? means[c][t] : organicMean[t];
      cum[t * (C + 1) + c] = sum;
    }
  }
  const counts = new Uint32Array(cum.length);
  for (let i = 0; i < customers; i++) {
    const u = rng.uniform() * sum;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]++;
  }
  // customers in order of acquisition (ids then run with their first purchase, as a shop's would)
  const newCustomers = truth.map(() => new Float64Array(weeks));
  const organic = new Float64Array(weeks);
  const customerWeek = new Uint16Array(customers);
  const customerChannel = new Uint8Array(customers);
  let i = 0;
  for (let cell = 0; cell < counts.length; cell++) {
    const t = Math.floor(cell / (C + 1));
    const c = cell % (C + 1);
    if (c < C) newCustomers[c][t] = counts[cell];
    else organic[t] = counts[cell];
    customerWeek.fill(t, i, i + counts[cell]);
    customerChannel.fill(c, i, i + counts[cell]);
    i += counts[cell];
  }
  return {
    preset: p.id,
    seed,
    startDate: p.startDate,
    weeks,
    truth,
    organicPerWeek: base.organicPerWeek * scale,
    spend,
    newCustomers,
    organic,
    customerWeek,
    customerChannel
  };
}

/** The spend history as a long weekly CSV (week,channel,spend), the layout the spend import reads. */
export function spendHistoryCsv(h: Pick<SpendHistory, 'startDate' | 'weeks' | 'truth' | 'spend'>): string {
  const start = Date.parse(`${h.startDate}T00:00:00Z`);
  const lines = ['week,channel,spend'];
  for (let k = 0; k < h.weeks; k++) {
    const week = new Date(start + k * 7 * 86_400_000).toISOString().slice(0, 10);
    h.truth.forEach((c, i) => lines.push(`${week},${c.channel},${h.spend[i][k].toFixed(2)}`));
  }
  return lines.join('\n') + '\n';
}

/** What a sample stores besides its customers: its spend as the spend import reads it, and the truth. */
export interface SampleSpend {
  /** shown where the spend file's name would be */
  name: string;
  file: SpendFile;
  /** file channel -> workbench channel (the import's default, case-insensitive match) */
  mapping: Record<string, string>;
}

/** The spend history as the stored spend of an imported file: the same parse, the same mapping. */
export function sampleSpend(h: SpendHistory): SampleSpend {
  const name = `sample media spend (${h.weeks} weeks from ${h.startDate}, weekly)`;
  const file = parseSpendFile(spendHistoryCsv(h), name);
  return { name, file, mapping: { ...mapChannels(file.channels, CHANNEL_IDS).map } };
}
