/**
 * The weekly totals: transactions, revenue, margin, active customers and retention of
 * the existing base plus the new cohorts, paid conversion, and the costs by lever
 * (acquisition spend, each family's fixed / per-active / per-revenue costs, the
 * retention action's one-off cost), then contribution = margin - costs.
 */
import { CHANNEL_IDS, COST_IDS, type CostId } from '../../scenario-types.ts';
import type { DriverState } from '../drivers.ts';
import type { Acquisition } from './acquisition.ts';
import type { NewCustomers } from './cohorts.ts';
import type { ExistingProjection } from './existing.ts';

export interface WeeklyMoney {
  transactions: Float64Array;
  revenue: Float64Array;
  margin: Float64Array;
  active: Float64Array;
  retention: Float64Array;
  conversionRate: Float64Array;
  costsByLever: Record<CostId, Float64Array>;
  costs: Float64Array;
  contribution: Float64Array;
}

export function weeklyMoney(
  d: DriverState,
  H: number,
  ex: ExistingProjection,
  /** the existing base's revenue at the scenario's spend multiplier */
  exRevenue: Float64Array,
  nw: NewCustomers,
  { acq, visits, acquisitionCost }: Acquisition,
  /** a new customer's spend per order */
  orderValueNew: number,
  marginShare: number
): WeeklyMoney {
  const { tx: exTx, alive: exAlive, aliveNow, targetedCustomers } = ex;
  const { tx: nwTx, alive: nwAlive, newCustomers } = nw;
  const rt = d.retention;
  const transactions = new Float64Array(H);
  const revenue = new Float64Array(H);
  const margin = new Float64Array(H);
  const active = new Float64Array(H);
  const retention = new Float64Array(H);
  const visitsTotal = new Float64Array(H);
  const conversionRate = new Float64Array(H);
  for (let w = 0; w < H; w++) {
    transactions[w] = exTx[w] + nwTx[w];
    revenue[w] = exRevenue[w] + nwTx[w] * orderValueNew;
    margin[w] = revenue[w] * marginShare;
    active[w] = exAlive[w] + nwAlive[w];
    const atStart = (w === 0 ? aliveNow : active[w - 1]) + newCustomers[w];
    retention[w] = atStart > 0 ? Math.min(1, active[w] / atStart) : 1;
  }
  const paidNewWeekly = new Float64Array(H);
  for (const ch of CHANNEL_IDS) {
    const v = visits[ch];
    const n = acq[ch];
    for (let w = 0; w < H; w++) {
      visitsTotal[w] += v[w];
      paidNewWeekly[w] += n[w];
    }
  }
  for (let w = 0; w < H; w++) conversionRate[w] = visitsTotal[w] > 0 ? paidNewWeekly[w] / visitsTotal[w] : 0;
  const costsByLever = {} as Record<CostId, Float64Array>;
  for (const c of COST_IDS) costsByLever[c] = new Float64Array(H);
  costsByLever.acquisition.set(acquisitionCost);
  const linear: [CostId, keyof DriverState['costs']][] = [
    ['omnichannel', 'channels'],
    ['pricing', 'pricing'],
    ['personalisation', 'personalisation'],
    ['service', 'service'],
    ['loyalty', 'loyalty']
  ];
  for (const [id, family] of linear) {
    const c = d.costs[family];
    if (c.fixedPerWeek === 0 && c.perActivePerWeek === 0 && c.perRevenue === 0) continue;
    const out = costsByLever[id];
    for (let w = 0; w < H; w++) out[w] = c.fixedPerWeek + c.perActivePerWeek * active[w] + c.perRevenue * revenue[w];
  }
  if (rt.enabled) costsByLever.retention[0] = targetedCustomers * rt.costPerTargeted;
  const costs = new Float64Array(H);
  for (const c of COST_IDS) {
    const x = costsByLever[c];
    for (let w = 0; w < H; w++) costs[w] += x[w];
  }
  const contribution = new Float64Array(H);
  for (let w = 0; w < H; w++) contribution[w] = margin[w] - costs[w];
  return { transactions, revenue, margin, active, retention, conversionRate, costsByLever, costs, contribution };
}
