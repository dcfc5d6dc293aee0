/**
 * Synthetic spend and acquisitions from a known channel truth: flighted weekly spend and the
 * Poisson new customers it causes through the workbench's own response (geometric adstock, Hill
 * saturation), plus an organic baseline. Used by the recovery tests and the sample generator.
 *
 * Flighting: the weeks are cut into bursts of 3-10 weeks (uniform); each burst is on with
 * probability `onShare` at a level drawn uniformly from [0.3, 2] x the channel's typical weekly
 * spend, with +-15% week-to-week noise; off bursts spend nothing. Bursts are drawn independently
 * per channel, so channels do not move together (aggregate fits need that).
 */
import type { Rng } from '../core/random/index.ts';
import { geometricAdstock, hillSaturation } from './levers/channels.ts';

export interface ChannelTruth {
  channel: string;
  adstockDecay: number;
  hillSlope: number;
  halfSaturation: number;
  maxNewCustomers: number;
  /** typical weekly spend while on */
  spendPerWeek: number;
}

export function flightedSpend(rng: Rng, weeks: number, spendPerWeek: number, onShare = 0.65): Float64Array {
  const out = new Float64Array(weeks);
  let t = 0;
  while (t < weeks) {
    const length = 3 + rng.int(8);
    const on = rng.uniform() < onShare;
    const level = spendPerWeek * (0.3 + 1.7 * rng.uniform());
    for (let i = 0; i < length && t < weeks; i++, t++) {
      out[t] = on ? Math.round(level * (0.85 + 0.3 * rng.uniform())) : 0;
    }
  }
  return out;
}

/** Expected weekly new customers of one channel for a spend series. */
export function expectedChannelCustomers(spend: ArrayLike<number>, truth: ChannelTruth): Float64Array {
  const a = geometricAdstock(spend, truth.adstockDecay);
  return Float64Array.from(a, (v) => truth.maxNewCustomers * hillSaturation(v, truth.halfSaturation, truth.hillSlope));
}

export interface SimulatedAcquisitions {
  spend: Float64Array[];
  /** Poisson new customers per channel per week */
  newCustomers: Float64Array[];
  organic: Float64Array;
  total: Float64Array;
}

/**
 * @param organicPerWeek organic mean per week; with a yearly seasonal swing of ±`seasonalAmplitude`
 * (a multiplier exp(a sin(2πt/52)))
 */
export function simulateAcquisitions(
  rng: Rng,
  truths: readonly ChannelTruth[],
  weeks: number,
  organicPerWeek: number,
  seasonalAmplitude = 0
): SimulatedAcquisitions {
  const spend = truths.map((c) => flightedSpend(rng, weeks, c.spendPerWeek));
  const newCustomers = truths.map((c, i) =>
    Float64Array.from(expectedChannelCustomers(spend[i], c), (m) => rng.poisson(m))
  );
  const organic = new Float64Array(weeks);
  for (let t = 0; t < weeks; t++) {
    const m = organicPerWeek * Math.exp(seasonalAmplitude * Math.sin((2 * Math.PI * t) / 52));
    organic[t] = m > 0 ? rng.poisson(m) : 0;
  }
  const total = Float64Array.from(organic);
  for (const series of newCustomers) for (let t = 0; t < weeks; t++) total[t] += series[t];
  return { spend, newCustomers, organic, total };
}
