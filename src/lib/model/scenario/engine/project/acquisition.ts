/**
 * New customers per week and source: paid channels through adstock and Hill
 * saturation (levers/channels.ts) at their weekly budgets, and the baseline's organic
 * acquisition, both times the conversion multiplier and its weekly factors.
 */
import { CHANNEL_IDS, type ChannelId } from '../../scenario-types.ts';
import { channelParams, channelResponse } from '../../levers/channels.ts';
import type { ProjectionContext } from './context.ts';

export type Source = ChannelId | 'organic';
export const SOURCES: readonly Source[] = [...CHANNEL_IDS, 'organic'];

export interface Acquisition {
  /** new customers per week, by source */
  acq: Record<Source, Float64Array>;
  /** visits per week, by paid channel */
  visits: Record<ChannelId, Float64Array>;
  /** paid media spend over the horizon */
  paidBudgetTotal: number;
  /** paid media spend per week */
  acquisitionCost: Float64Array;
}

export function acquisition(c: ProjectionContext): Acquisition {
  const { base, a, d, M, H } = c;
  const convTime = new Float64Array(H);
  for (let w = 0; w < H; w++) convTime[w] = M.conversion * d.conversionTime[w];
  const acq = {} as Record<Source, Float64Array>;
  const visits = {} as Record<ChannelId, Float64Array>;
  let paidBudgetTotal = 0;
  const acquisitionCost = new Float64Array(H);
  for (const ch of CHANNEL_IDS) {
    const budget = d.budgetPerWeek[ch];
    if (budget > 0) {
      const spend = new Float64Array(H).fill(budget);
      const r = channelResponse(spend, channelParams(a, ch), convTime);
      acq[ch] = r.newCustomers;
      visits[ch] = r.visits;
      for (let w = 0; w < H; w++) acquisitionCost[w] += budget;
      paidBudgetTotal += budget * H;
    } else {
      acq[ch] = new Float64Array(H);
      visits[ch] = new Float64Array(H);
    }
  }
  acq.organic = new Float64Array(H);
  if (base.organicNewPerWeek > 0) for (let w = 0; w < H; w++) acq.organic[w] = base.organicNewPerWeek * convTime[w];
  return { acq, visits, paidBudgetTotal, acquisitionCost };
}
