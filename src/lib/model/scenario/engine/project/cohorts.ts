/**
 * New-customer cohorts: the expected repeat-transaction and survival kernels of a
 * customer acquired through each source (the prior with the channel's quality
 * multipliers), cached per driver state, and their convolution with the weekly
 * acquisitions. Approximation: a cohort sees the weekly factors g by age (as if
 * acquired in week 1); exact for cohorts acquired at the start and whenever g is
 * constant. Purchase models: BG/NBD and MBG/NBD over Gauss-Beta nodes of the dropout
 * probability (an MBG/NBD customer survives the first purchase with probability b / (a + b),
 * then p ~ Beta(a, b + 1): Batislam et al. 2007), Pareto/NBD in closed form over its Gamma
 * dropout rate (recurrences.ts, accumulateParetoSteps).
 */
import type { PreparedBaseline } from '../baseline.ts';
import { channelParams } from '../../levers/channels.ts';
import { hashSeries, sum } from './arrays.ts';
import { SOURCES, type Source } from './acquisition.ts';
import type { ProjectionContext } from './context.ts';
import {
  accumulateContractualCohort,
  accumulateParetoSteps,
  accumulateNonContractualSteps,
  ruleFor,
  scaleBetaMean,
  stepSchedule
} from './recurrences.ts';

/**
 * New-customer kernels by (prior after multipliers, nodes, length, weekly factors):
 * a budget or cost lever reuses them. Read-only once cached.
 */
const kernelCache = new WeakMap<PreparedBaseline, Map<string, { tx: Float64Array; alive: Float64Array }>>();

/**
 * Beyond max(horizon, 52) weeks the new-customer kernels (only the CLV window needs
 * them) step in blocks of this many weeks: survival exact at block ends, transactions
 * exact per block when the weekly factors are constant in it, spread evenly inside
 * it (CLV within 2e-6 of weekly stepping, tests/unit/model/scenario/engine/project.test.ts).
 */
const KERNEL_BLOCK_WEEKS = 4;

export interface CohortKernels {
  /** expected transactions per week of age of one new customer, by source (read-only: cached) */
  kTx: Record<Source, Float64Array>;
  /** survival by week of age, by source (copies unless lean) */
  kAlive: Record<Source, Float64Array>;
  /** sources whose kernels were skipped (lean, no acquisitions) */
  skipped: Set<Source>;
  /** a mean dropout probability was clamped */
  clampedMu: boolean;
}

export function cohortKernels(c: ProjectionContext, acq: Record<Source, Float64Array>): CohortKernels {
  const { base, a, d, M, g, H, L, nodes, options, contractual, horizonBlock } = c;
  let clampedMu = false;
  const kTx = {} as Record<Source, Float64Array>;
  const kAlive = {} as Record<Source, Float64Array>;
  const gKey = d.timeInvariant ? 'g1' : hashSeries(g, L);
  let kCache = kernelCache.get(base);
  if (!kCache) kernelCache.set(base, (kCache = new Map()));
  const weeklyUntil = Math.max(H, 52);
  const skipped = new Set<Source>();
  const tailBlock = Math.max(1, Math.round(options.tailBlockWeeks ?? KERNEL_BLOCK_WEEKS));
  for (const src of SOURCES) {
    if (options.lean && src !== 'organic' && sum(acq[src]) === 0) {
      kTx[src] = new Float64Array(L);
      kAlive[src] = new Float64Array(L);
      skipped.add(src);
      continue;
    }
    const q = src === 'organic' ? { qualityDropout: 1, qualityRate: 1 } : channelParams(a, src);
    const gammaDropout = base.dropout === 'gamma';
    const Md = M.dropout * q.qualityDropout;
    // Pareto/NBD: Gamma(s, β / M) of μ; the BG family: the Beta of p with its mean scaled
    const beta = gammaDropout
      ? { a: base.prior.betaA, b: base.prior.betaB / Md, clamped: false }
      : scaleBetaMean(base.prior.betaA, base.prior.betaB, Md);
    clampedMu ||= beta.clamped;
    const mbg = base.purchaseModel === 'mbgnbd';
    const aliveAtStart = mbg ? beta.b / (beta.a + beta.b) : 1;
    const rate = base.prior.rate / (M.purchaseRate * q.qualityRate);
    const schedule = contractual
      ? null
      : stepSchedule(L, horizonBlock > 1 ? 52 : weeklyUntil, horizonBlock, weeklyUntil, tailBlock);
    const key = `${base.purchaseModel}|${beta.a}|${beta.b}|${contractual ? base.periodWeeks : rate}|${nodes}|${L}|${weeklyUntil}/${horizonBlock}/${tailBlock}|${options.snapQuadrature ? 's' : 'e'}|${options.lean ? 'lean' : 'full'}|${gKey}`;
    let k = kCache.get(key);
    if (!k) {
      k = { tx: new Float64Array(L), alive: new Float64Array(L) };
      if (gammaDropout)
        accumulateParetoSteps(
          beta.a,
          beta.b,
          base.prior.shape,
          rate,
          g,
          schedule!,
          1,
          k.tx,
          k.alive,
          options.lean ? weeklyUntil : Infinity
        );
      else if (contractual)
        accumulateContractualCohort(
          ruleFor(base, beta.a, beta.b, nodes, options.snapQuadrature),
          base.periodWeeks,
          g,
          L,
          k.tx,
          k.alive
        );
      else
        accumulateNonContractualSteps(
          ruleFor(base, beta.a, beta.b + (mbg ? 1 : 0), nodes, options.snapQuadrature),
          base.prior.shape,
          rate,
          g,
          schedule!,
          k.tx,
          k.alive,
          d.timeInvariant,
          options.lean ? weeklyUntil : Infinity
        );
      if (aliveAtStart !== 1)
        for (let t = 0; t < L; t++) {
          k.tx[t] *= aliveAtStart;
          k.alive[t] *= aliveAtStart;
        }
      if (kCache.size >= 64) kCache.delete(kCache.keys().next().value!);
      kCache.set(key, k);
    }
    // the outcome's survival series are the caller's: copies of the cached kernels
    kTx[src] = k.tx;
    kAlive[src] = options.lean ? k.alive : k.alive.slice();
  }
  return { kTx, kAlive, skipped, clampedMu };
}

/**
 * Cohorts acquired in week s (n[s]) contribute their first purchase in week s and
 * kernel values kt[t - s], ka[t - s] to weeks t >= s. Summed by parts:
 *   Σ_{s≤t} n[s] k[t - s] = Σ_{s≤t} Δn[s] K[t - s],  Δn[s] = n[s] - n[s - 1], K[a] = Σ_{j≤a} k[j],
 * so weeks whose acquisitions equal the week before cost nothing: constant organic
 * acquisition is O(H), and a paid channel's adstock reaches its floating-point fixed
 * point after a few dozen weeks. A small function so the JIT optimises the O(H²) loop.
 */
export function convolveCohorts(
  n: Float64Array,
  kt: Float64Array,
  ka: Float64Array,
  H: number,
  newCustomers: Float64Array,
  tx: Float64Array,
  alive: Float64Array
): void {
  const Kt = new Float64Array(H);
  const Ka = new Float64Array(H);
  let ct = 0;
  let ca = 0;
  for (let a = 0; a < H; a++) {
    ct += kt[a];
    ca += ka[a];
    Kt[a] = ct;
    Ka[a] = ca;
  }
  let previous = 0;
  for (let s = 0; s < H; s++) {
    const ns = n[s];
    newCustomers[s] += ns;
    tx[s] += ns; // the first purchase
    const dn = ns - previous;
    // a change below 1e-13 of the acquisitions (an adstock at its fixed point up to
    // rounding) is carried into the next change instead of convolved on its own
    if (Math.abs(dn) <= 1e-13 * Math.abs(ns)) continue;
    previous = ns;
    for (let t = s; t < H; t++) {
      tx[t] += dn * Kt[t - s];
      alive[t] += dn * Ka[t - s];
    }
  }
}

export interface NewCustomers {
  /** new customers per week (all sources) */
  newCustomers: Float64Array;
  /** new customers per week by source (the acquisition series) */
  newByChannel: Record<Source, Float64Array>;
  /** transactions of new customers per week, first purchases included */
  tx: Float64Array;
  /** new customers alive at the end of each week */
  alive: Float64Array;
}

/** All sources' cohorts convolved into weekly new customers, transactions and survivors. */
export function convolveSources(
  H: number,
  acq: Record<Source, Float64Array>,
  k: Pick<CohortKernels, 'kTx' | 'kAlive'>
): NewCustomers {
  const newCustomers = new Float64Array(H);
  const newByChannel = {} as Record<Source, Float64Array>;
  const nwTx = new Float64Array(H);
  const nwAlive = new Float64Array(H);
  for (const src of SOURCES) {
    const n = acq[src];
    newByChannel[src] = n;
    convolveCohorts(n, k.kTx[src], k.kAlive[src], H, newCustomers, nwTx, nwAlive);
  }
  return { newCustomers, newByChannel, tx: nwTx, alive: nwAlive };
}
