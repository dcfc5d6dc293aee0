/**
 * Response curves of the paid channels: steady-state new customers per week as a function of a
 * channel's weekly budget (geometric adstock at equilibrium, A* = s / (1 - θ), then Hill
 * saturation and conversion; Jin et al. 2017 eqs. 1-3), with the marginal returns at a spend.
 * The engine sends these with its answers (evaluate, optimise); the ui only draws them.
 */
import { CHANNEL_IDS, type ChannelId, type Outcome, type Scenario } from './scenario-types.ts';
import { channelParams, steadyStateNewCustomers } from './levers/channels.ts';
import { scenarioValues } from './engine/evaluate.ts';
import type { OptimiseResult } from './optimise.ts';

/** One channel's curve at the scenario's spend (the workbench's response-curve chart). */
export interface ChannelResponse {
  channel: ChannelId;
  /** spend per week -> steady-state new customers per week */
  points: { spend: number; customers: number }[];
  current: { spend: number; customers: number };
  /** extra new customers per week per extra currency unit at the current spend */
  marginalCustomers: number;
  /** marginal customers x CLV of the channel's customers: value returned per extra unit of spend */
  marginalReturn: number | null;
}

/**
 * Each paid channel's steady-state response to its weekly budget, sampled from 0 to
 * max(2 x spend, 4 x half-saturation x (1 - θ), 1000) in `samples` steps, with the scenario's
 * current spend and its marginal return (a central difference of step max(1, spend / 1000)).
 */
export function channelResponseCurves(scenario: Scenario, outcome: Outcome, samples = 40): ChannelResponse[] {
  const values = scenarioValues(scenario);
  const conversion = outcome.drivers.conversion?.multiplier ?? 1;
  return CHANNEL_IDS.map((channel) => {
    const p = channelParams(values, channel);
    const spend = scenario.levers.channels.budgetPerWeek[channel];
    const top = Math.max(2 * spend, 4 * p.halfSaturation * (1 - p.adstockDecay), 1000);
    const at = (s: number) => steadyStateNewCustomers(s, p, conversion);
    const points = Array.from({ length: samples + 1 }, (_, i) => {
      const s = (top * i) / samples;
      return { spend: s, customers: at(s) };
    });
    const h = Math.max(1, spend * 1e-3);
    const below = Math.max(0, spend - h);
    const marginalCustomers = (at(spend + h) - at(below)) / (spend + h - below);
    const clv = outcome.clvByChannel[channel];
    return {
      channel,
      points,
      current: { spend, customers: at(spend) },
      marginalCustomers,
      marginalReturn: Number.isFinite(clv) ? marginalCustomers * clv : null
    };
  });
}

/** A channel's curve with the current and the recommended spend marked (the optimiser's result). */
export interface MarkedResponseCurve {
  channel: ChannelId;
  /** points of the curve, spend ascending */
  curve: { spend: number; response: number }[];
  currentSpend: number;
  currentResponse: number;
  recommendedSpend: number;
  recommendedResponse: number;
}

/**
 * The optimiser's response curves with the current and recommended spend of each channel
 * marked: the optimiser's curve points, refined in thirds with the same function, and a
 * marker beyond the curve's end extends the curve to it.
 */
export function markedResponseCurves(
  scenario: Scenario,
  channels: readonly ChannelId[],
  result: Pick<OptimiseResult, 'responseCurves' | 'budgetPerWeek'>
): MarkedResponseCurve[] {
  const values = scenarioValues(scenario);
  return channels.map((channel) => {
    const p = channelParams(values, channel);
    const at = (spend: number) => steadyStateNewCustomers(spend, p);
    const source = result.responseCurves[channel];
    // the optimiser's points, with two more between each pair (same function) so steep curves draw smoothly
    const curve = source.budgetPerWeek.flatMap((spend, k) => {
      const next = source.budgetPerWeek[k + 1];
      const point = { spend, response: source.newCustomersPerWeek[k] };
      if (next === undefined) return [point];
      const between = [1, 2].map((j) => spend + ((next - spend) * j) / 3);
      return [point, ...between.map((x) => ({ spend: x, response: at(x) }))];
    });
    const currentSpend = scenario.levers.channels.budgetPerWeek[channel] ?? 0;
    const recommendedSpend = result.budgetPerWeek[channel];
    const end = curve.length ? curve[curve.length - 1].spend : 0;
    for (const spend of [currentSpend, recommendedSpend].filter((s) => s > end).sort((a, b) => a - b))
      curve.push({ spend, response: at(spend) });
    return {
      channel,
      curve,
      currentSpend,
      currentResponse: at(currentSpend),
      recommendedSpend,
      recommendedResponse: at(recommendedSpend)
    };
  });
}
