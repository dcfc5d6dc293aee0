/**
 * The existing base's weekly transactions, survivors and revenue (BG/NBD, MBG/NBD,
 * Pareto/NBD or sBG posteriors per customer group, with the retention action on the groups it targets),
 * cached per driver state: a lever that moves neither the multipliers, the targeting
 * nor the weekly factors (a media budget, a cost) reuses the projection.
 */
import type { PreparedBaseline } from '../baseline.ts';
import type { DriverState } from '../drivers.ts';
import type { ProjectionContext } from './context.ts';
import { hashSeries } from './arrays.ts';
import {
  accumulateContractual,
  accumulateParetoSteps,
  accumulateNonContractual,
  accumulateNonContractualSteps,
  ruleFor,
  scaleBetaMean,
  stepSchedule
} from './recurrences.ts';

export interface ExistingProjection {
  tx: Float64Array;
  alive: Float64Array;
  /** revenue at spend multiplier 1 */
  revenue: Float64Array;
  aliveNow: number;
  targetedCustomers: number;
  clampedMu: boolean;
}

/** Existing-base projections by (multipliers, targeting, weekly factors): a lever that moves neither is free. */
const existingCache = new WeakMap<PreparedBaseline, Map<string, ExistingProjection>>();

function projectExisting(
  base: PreparedBaseline,
  dropout: number,
  purchaseRate: number,
  rt: DriverState['retention'],
  g: Float64Array,
  H: number,
  nodes: number,
  priorNodes: number,
  snap = false,
  /** weekly up to 52 weeks, then blocks of this length (Monte Carlo draws); 1 = weekly */
  block = 1,
  constantG = false
): ExistingProjection {
  const G = base.groups;
  const contractual = base.kind === 'contractual';
  const out: ExistingProjection = {
    tx: new Float64Array(H),
    alive: new Float64Array(H),
    revenue: new Float64Array(H),
    aliveNow: 0,
    targetedCustomers: 0,
    clampedMu: false
  };
  const tmpTx = new Float64Array(H);
  const tmpAlive = new Float64Array(H);
  const schedule = block > 1 && H > 52 ? stepSchedule(H, 52, block, H, block) : null;
  const gammaDropout = base.dropout === 'gamma';
  const weekly = gammaDropout && !schedule ? stepSchedule(H, H, 1, H, 1) : null;
  for (let j = 0; j < G.length; j++) {
    if (!(G.alive[j] > 0)) continue;
    out.aliveNow += G.alive[j];
    const targeted = rt.enabled && G.pAlive[j] < rt.pAliveThreshold;
    if (targeted) out.targetedCustomers += G.count[j];
    const Md = dropout * (targeted ? rt.dropoutMultiplier : 1);
    const Mr = purchaseRate * (targeted ? rt.rateMultiplier : 1);
    tmpTx.fill(0);
    tmpAlive.fill(0);
    if (gammaDropout) {
      // Pareto/NBD: μ | alive ~ Gamma(betaA, betaB); the dropout multiplier scales its mean
      accumulateParetoSteps(
        G.betaA[j],
        G.betaB[j] / Md,
        G.shape[j],
        G.rate[j] / Mr,
        g,
        (schedule ?? weekly)!,
        1,
        tmpTx,
        tmpAlive
      );
    } else {
      const beta = scaleBetaMean(G.betaA[j], G.betaB[j], Md);
      out.clampedMu ||= beta.clamped;
      // groups without repeat purchases keep a prior-like posterior: full nodes
      const rule = ruleFor(base, beta.a, beta.b, G.x[j] < 1 ? priorNodes : nodes, snap);
      if (contractual) accumulateContractual(rule, base.periodWeeks, g, H, 1, tmpTx, tmpAlive);
      else if (schedule)
        accumulateNonContractualSteps(rule, G.shape[j], G.rate[j] / Mr, g, schedule, tmpTx, tmpAlive, constantG);
      else accumulateNonContractual(rule, G.shape[j], G.rate[j] / Mr, g, H, 1, tmpTx, tmpAlive);
    }
    const alive = G.alive[j];
    const spend = G.aliveSpend[j];
    for (let w = 0; w < H; w++) {
      out.tx[w] += alive * tmpTx[w];
      out.alive[w] += alive * tmpAlive[w];
      out.revenue[w] += spend * tmpTx[w];
    }
  }
  return out;
}

/** The existing base under the context's drivers, from the cache when the drivers are unchanged. */
export function existingBase(c: ProjectionContext): ExistingProjection {
  const { base, d, M, g, H, nodes, options, horizonBlock } = c;
  const rt = d.retention;
  const exNodes = options.existingNodes ?? Math.max(6, Math.round((nodes * 10) / 16));
  const exKey = JSON.stringify([
    M.dropout,
    M.purchaseRate,
    rt.enabled ? [rt.pAliveThreshold, rt.dropoutMultiplier, rt.rateMultiplier] : 0,
    H,
    exNodes,
    nodes,
    options.snapQuadrature ? 'snap' : 'exact',
    horizonBlock,
    d.timeInvariant ? 'g1' : hashSeries(g, H)
  ]);
  let exCache = existingCache.get(base);
  if (!exCache) existingCache.set(base, (exCache = new Map()));
  let ex = exCache.get(exKey);
  if (!ex) {
    ex = projectExisting(
      base,
      M.dropout,
      M.purchaseRate,
      rt,
      g,
      H,
      exNodes,
      nodes,
      options.snapQuadrature,
      horizonBlock,
      d.timeInvariant
    );
    if (exCache.size >= 32) exCache.delete(exCache.keys().next().value!);
    exCache.set(exKey, ex);
  }
  return ex;
}
