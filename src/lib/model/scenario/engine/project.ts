/**
 * Project a scenario over the horizon from a prepared baseline: weekly series and
 * KPIs (MODEL.md section 3). Cost O(groups x weeks x nodes + sources x weeks²).
 *
 * Existing base (BG/NBD, Fader, Hardie & Lee 2005). For an alive customer with
 * rate λ and dropout probability p, transactions are Poisson(λ) and each one is
 * followed by dropout with probability p, so the survival to t is e^(-λ p t) and
 * the expected transactions in (t0, t1] are (e^(-λ p t0) - e^(-λ p t1)) / p.
 * With weekly dropout factors g_w (satisfaction, trust) the exponent becomes
 * λ H_w, H_w = Σ_{j<=w} p g_j, and week w holds (e^(-λ H_{w-1}) - e^(-λ H_w)) / (p g_w)
 * transactions (exact for piecewise-constant weekly factors). Over the group's
 * posterior λ ~ Gamma(R, A): E[e^(-λ H)] = (A / (A + H))^R, in closed form; over
 * p ~ Beta(a', b'): Gauss quadrature (engine/beta-quadrature.ts, 16 nodes by default; for g = 1
 * and no lever this reproduces FHL 2005 eq. 10, E[Y(t) | x, t_x, T], to quadrature
 * accuracy, see tests/unit/engine/project.test.ts). Purchase-rate multipliers M
 * scale the Gamma rate A by 1/M; dropout multipliers keep the Beta concentration:
 * μ' = clamp(μ M), a' = μ'(a + b), b' = (1 - μ')(a + b).
 *
 * Contractual (sBG, Fader & Hardie 2007): churn probability θ ~ Beta per group;
 * subscribers renew every P weeks. The existing base's renewal dates are spread
 * evenly over the weeks, so its weekly survival factor is (1 - θ g_w)^(1/P) and its
 * renewals in week w are S_w / P; a new cohort renews in phase, at ages P, 2P, ...
 *
 * New customers: acquisitions per week and source (paid channels via adstock and
 * Hill saturation, organic) are convolved with the expected repeat-transaction and
 * survival kernels of a customer of that source (prior parameters with the
 * channel's quality multipliers). Approximation: a cohort sees the weekly factors
 * g by age (as if acquired in week 1); exact for cohorts acquired at the start and
 * whenever g is constant.
 *
 * Speed (targets of issue 6: < 16 ms per lever change at 100,000 customers x 156
 * weeks; engine/benchmark.ts): the existing-base projection and the new-customer
 * kernels are cached per driver state, so a lever that moves neither (a media budget,
 * a cost) only re-runs acquisition, convolution and money; the convolution is summed
 * by parts (weeks with unchanged acquisitions cost nothing); the kernels' CLV tail
 * beyond max(horizon, 52) weeks is stepped in 4-week blocks (exact survival at block
 * ends, CLV within 2e-6 of weekly).
 */
import {
  CHANNEL_IDS,
  COST_IDS,
  KPI_IDS,
  OUTCOME_VERSION,
  type ChannelId,
  type CostId,
  type KpiValues,
  type Outcome,
  type Scenario
} from '../scenario-types.ts';
import { value, type AssumptionValues } from '../assumptions.ts';
import { channelParams, channelResponse } from '../levers/channels.ts';
import { betaQuadrature, snappedBetaQuadrature, type BetaRule } from './beta-quadrature.ts';
import type { PreparedBaseline } from './baseline.ts';
import { composeDrivers, driverSummary, type DriverState } from './drivers.ts';

export const DEFAULT_NODES = 16;
export const MAX_HORIZON_WEEKS = 1040;
const MU_MIN = 1e-6;
const MU_MAX = 0.999;

export interface ProjectOptions {
  /** Gauss nodes over the Beta of p (default 16) */
  nodes?: number;
  /**
   * Gauss nodes for existing groups with repeat purchases (default 10/16 of `nodes`, at least 6):
   * posteriors with history converge faster than the prior; relative error of E[Y(156) | x, t_x, T]
   * below 1e-5 at 10 nodes on CDNOW histories (tests/unit/engine/project.test.ts). Groups with
   * x = 0 use `nodes`.
   */
  existingNodes?: number;
  /**
   * for repeated evaluation (Monte Carlo, sensitivity, optimiser): skip the kernels of
   * channels without acquisitions (their cohort survival is then empty and their
   * clvByChannel the first purchase only); the new-customer mix survival
   * (cohortSurvival.newCustomer) stops at 52 weeks, and the per-source survival
   * series are the engine's cached arrays (read-only), zero beyond max(horizon, 52)
   */
  lean?: boolean;
  /**
   * block length of the kernels' CLV tail beyond max(horizon, 52) weeks (default 4;
   * Monte Carlo draws use 13: CLV within 1e-4 of weekly stepping, far inside a band)
   */
  tailBlockWeeks?: number;
  /**
   * Beta rules by reweighting cached rules at a 5% log-grid (snappedBetaQuadrature)
   * instead of a fresh eigen-decomposition per (a, b): for Monte Carlo draws, whose
   * parameters never repeat
   */
  snapQuadrature?: boolean;
  /**
   * block length of the new-customer kernels and of the existing base between week 52
   * and the horizon (default 1: weekly); Monte Carlo draws use 4 (their series are then
   * piecewise linear beyond a year), the control variate absorbs the difference
   */
  horizonBlockWeeks?: number;
}

interface ExistingProjection {
  tx: Float64Array;
  alive: Float64Array;
  /** revenue at spend multiplier 1 */
  revenue: Float64Array;
  aliveNow: number;
  targetedCustomers: number;
  clampedMu: boolean;
}

/**
 * New-customer kernels by (prior after multipliers, nodes, length, weekly factors):
 * a budget or cost lever reuses them. Read-only once cached.
 */
const kernelCache = new WeakMap<PreparedBaseline, Map<string, { tx: Float64Array; alive: Float64Array }>>();

/**
 * Beyond max(horizon, 52) weeks the new-customer kernels (only the CLV window needs
 * them) step in blocks of this many weeks: survival exact at block ends, transactions
 * exact per block when the weekly factors are constant in it, spread evenly inside
 * it (CLV within 2e-6 of weekly stepping, tests/unit/engine/project.test.ts).
 */
const KERNEL_BLOCK_WEEKS = 4;

/** Existing-base projections by (multipliers, targeting, weekly factors): a lever that moves neither is free. */
const existingCache = new WeakMap<PreparedBaseline, Map<string, ExistingProjection>>();

/** FNV-1a over the bits of the first n values. */
function hashSeries(xs: Float64Array, n: number): string {
  const u = new Uint32Array(xs.buffer, xs.byteOffset, n * 2);
  let h = 0x811c9dc5;
  for (let i = 0; i < u.length; i++) h = Math.imul(h ^ u[i], 0x01000193) >>> 0;
  return h.toString(36);
}

type Source = ChannelId | 'organic';
const SOURCES: readonly Source[] = [...CHANNEL_IDS, 'organic'];

/** Beta(a, b) with its mean scaled by M, concentration a + b kept (MODEL.md section 2). */
export function scaleBetaMean(a: number, b: number, M: number): { a: number; b: number; clamped: boolean } {
  if (M === 1) return { a, b, clamped: false };
  const s = a + b;
  const raw = (a / s) * M;
  const mu = Math.min(MU_MAX, Math.max(MU_MIN, raw));
  return { a: mu * s, b: (1 - mu) * s, clamped: mu !== raw };
}

const ruleCache = new WeakMap<PreparedBaseline, Map<string, BetaRule>>();

function ruleFor(base: PreparedBaseline, a: number, b: number, n: number, snap = false): BetaRule {
  if (snap) return snappedBetaQuadrature(a, b, n);
  let m = ruleCache.get(base);
  if (!m) ruleCache.set(base, (m = new Map()));
  const key = `${a}|${b}|${n}`;
  let r = m.get(key);
  if (!r) {
    r = betaQuadrature(a, b, n);
    if (m.size < 4096) m.set(key, r);
  }
  return r;
}

/**
 * Per-alive-customer weekly expected transactions and end-of-week survival for one
 * posterior, accumulated (times `weight`) into tx and alive.
 */
function accumulateNonContractual(
  rule: BetaRule,
  shape: number,
  rate: number,
  g: Float64Array,
  weeks: number,
  weight: number,
  tx: Float64Array,
  alive: Float64Array
): void {
  const { nodes, weights } = rule;
  for (let k = 0; k < nodes.length; k++) {
    const p = nodes[k];
    const wk = weights[k] * weight;
    let phi = 1;
    let H = 0;
    for (let w = 0; w < weeks; w++) {
      const q = Math.min(p * g[w], 1);
      const diff = phi * -Math.expm1(-shape * Math.log1p(q / (rate + H)));
      tx[w] += (wk * diff) / q;
      phi -= diff;
      H += q;
      alive[w] += wk * phi;
    }
  }
}

/**
 * A new subscriber's cohort kernel (sBG): all renew in phase, at ages P, 2P, ...
 * weeks; at each renewal a share θ g_w churns and the survivors pay. Survival is
 * flat between renewals. Renewal k falls in the week whose end age first reaches k P.
 */
function accumulateContractualCohort(
  rule: BetaRule,
  periodWeeks: number,
  g: Float64Array,
  weeks: number,
  payments: Float64Array,
  alive: Float64Array
): void {
  const { nodes, weights } = rule;
  for (let k = 0; k < nodes.length; k++) {
    const theta = nodes[k];
    const wk = weights[k];
    let S = 1;
    let next = periodWeeks;
    for (let w = 0; w < weeks; w++) {
      const age = w + 1;
      while (age >= next - 1e-9) {
        S *= 1 - Math.min(theta * g[w], MU_MAX);
        payments[w] += wk * S;
        next += periodWeeks;
      }
      alive[w] += wk * S;
    }
  }
}

/**
 * As accumulateNonContractual, in steps of the given lengths (weeks, summing to
 * `weeks`): a step's survival is exact at its end, its transactions diff / Q̄ (exact
 * when g is constant within the step) are spread evenly over its weeks, and survival
 * is interpolated linearly inside it. A step of one week is the weekly recurrence.
 * For the long CLV tail of the new-customer kernels (and, in Monte Carlo draws, the
 * second half of the horizon).
 */
function accumulateNonContractualSteps(
  rule: BetaRule,
  shape: number,
  rate: number,
  g: Float64Array,
  steps: Int32Array,
  tx: Float64Array,
  alive: Float64Array,
  /** g ≡ 1: a step's Q is len·min(p, 1), no loop over its weeks */
  constantG = false,
  /** survival is written only for weeks before this one (lean evaluations need no survival tail) */
  aliveUntil = Infinity
): void {
  const { nodes, weights } = rule;
  for (let k = 0; k < nodes.length; k++) {
    const p = nodes[k];
    const wk = weights[k];
    const q1 = Math.min(p, 1);
    let phi = 1;
    let H = 0;
    let w = 0;
    for (let i = 0; i < steps.length; i++) {
      const len = steps[i];
      if (len === 1) {
        const q = Math.min(p * g[w], 1);
        const diff = phi * -Math.expm1(-shape * Math.log1p(q / (rate + H)));
        tx[w] += (wk * diff) / q;
        phi -= diff;
        H += q;
        alive[w] += wk * phi;
        w++;
        continue;
      }
      let Q = 0;
      if (constantG) Q = len * q1;
      else for (let j = 0; j < len; j++) Q += Math.min(p * g[w + j], 1);
      const diff = phi * -Math.expm1(-shape * Math.log1p(Q / (rate + H)));
      const perWeek = (wk * diff) / Q;
      for (let j = 0; j < len; j++) tx[w + j] += perWeek;
      if (w < aliveUntil) {
        const step = (wk * diff) / len;
        let a = wk * phi;
        for (let j = 0; j < len; j++) alive[w + j] += a -= step;
      }
      phi -= diff;
      H += Q;
      w += len;
    }
  }
}

const scheduleCache = new Map<string, Int32Array>();

/** Step lengths: weekly up to `weeklyUntil`, blocks of `mid` up to `midUntil`, then blocks of `tail` up to `weeks`. */
function stepSchedule(weeks: number, weeklyUntil: number, mid: number, midUntil: number, tail: number): Int32Array {
  const key = `${weeks}|${weeklyUntil}|${mid}|${midUntil}|${tail}`;
  let s = scheduleCache.get(key);
  if (!s) {
    const out: number[] = [];
    let w = 0;
    for (; w < Math.min(weeklyUntil, weeks); w++) out.push(1);
    while (w < Math.min(midUntil, weeks)) {
      const len = Math.min(mid, Math.min(midUntil, weeks) - w);
      out.push(len);
      w += len;
    }
    while (w < weeks) {
      const len = Math.min(tail, weeks - w);
      out.push(len);
      w += len;
    }
    s = Int32Array.from(out);
    if (scheduleCache.size > 256) scheduleCache.clear();
    scheduleCache.set(key, s);
  }
  return s;
}

function accumulateContractual(
  rule: BetaRule,
  periodWeeks: number,
  g: Float64Array,
  weeks: number,
  weight: number,
  renewals: Float64Array,
  alive: Float64Array
): void {
  const { nodes, weights } = rule;
  const perWeek = 1 / periodWeeks;
  for (let k = 0; k < nodes.length; k++) {
    const theta = nodes[k];
    const wk = weights[k] * weight;
    let logS = 0;
    for (let w = 0; w < weeks; w++) {
      const q = Math.min(theta * g[w], MU_MAX);
      logS += Math.log1p(-q) * perWeek;
      const s = Math.exp(logS);
      alive[w] += wk * s;
      renewals[w] += wk * s * perWeek;
    }
  }
}

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
  for (let j = 0; j < G.length; j++) {
    if (!(G.alive[j] > 0)) continue;
    out.aliveNow += G.alive[j];
    const targeted = rt.enabled && G.pAlive[j] < rt.pAliveThreshold;
    if (targeted) out.targetedCustomers += G.count[j];
    const Md = dropout * (targeted ? rt.dropoutMultiplier : 1);
    const Mr = purchaseRate * (targeted ? rt.rateMultiplier : 1);
    const beta = scaleBetaMean(G.betaA[j], G.betaB[j], Md);
    out.clampedMu ||= beta.clamped;
    // groups without repeat purchases keep a prior-like posterior: full nodes
    const rule = ruleFor(base, beta.a, beta.b, G.x[j] < 1 ? priorNodes : nodes, snap);
    tmpTx.fill(0);
    tmpAlive.fill(0);
    if (contractual) accumulateContractual(rule, base.periodWeeks, g, H, 1, tmpTx, tmpAlive);
    else if (schedule)
      accumulateNonContractualSteps(rule, G.shape[j], G.rate[j] / Mr, g, schedule, tmpTx, tmpAlive, constantG);
    else accumulateNonContractual(rule, G.shape[j], G.rate[j] / Mr, g, H, 1, tmpTx, tmpAlive);
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

/**
 * Cohorts acquired in week s (n[s]) contribute their first purchase in week s and
 * kernel values kt[t - s], ka[t - s] to weeks t >= s. Summed by parts:
 *   Σ_{s≤t} n[s] k[t - s] = Σ_{s≤t} Δn[s] K[t - s],  Δn[s] = n[s] - n[s - 1], K[a] = Σ_{j≤a} k[j],
 * so weeks whose acquisitions equal the week before cost nothing: constant organic
 * acquisition is O(H), and a paid channel's adstock reaches its floating-point fixed
 * point after a few dozen weeks. A small function so the JIT optimises the O(H²) loop.
 */
function convolveCohorts(
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

const discountCache = new Map<string, { whole: Float64Array; half: Float64Array }>();

/** e^(-δ t) and e^(-δ (t + ½)) for t = 0 .. L, δ = ln(1 + annual rate) / 52 (cached; read-only). */
function discountFactors(ratePerYear: number, L: number): { whole: Float64Array; half: Float64Array } {
  const key = `${ratePerYear}|${L}`;
  let f = discountCache.get(key);
  if (!f) {
    const delta = Math.log1p(ratePerYear) / 52;
    f = { whole: new Float64Array(L + 1), half: new Float64Array(L + 1) };
    for (let t = 0; t <= L; t++) {
      f.whole[t] = Math.exp(-delta * t);
      f.half[t] = Math.exp(-delta * (t + 0.5));
    }
    if (discountCache.size >= 16) discountCache.clear();
    discountCache.set(key, f);
  }
  return f;
}

/** The window of the repeat-rate KPI, weeks after acquisition. */
const REPEAT_WINDOW_WEEKS = 52;

/**
 * BG/NBD: share of new customers with at least one repeat purchase within t weeks.
 * Dropout can only follow a purchase (FHL 2005 section 3), so the customer is alive
 * until the first repeat and P(X(t) = 0 | λ) = e^(-λt); over λ ~ Gamma(r, α):
 * 1 - (α / (α + t))^r = -expm1(-r log1p(t / α)). Dropout multipliers do not enter.
 */
export function bgnbdRepeatWithin(shape: number, rate: number, t: number): number {
  return -Math.expm1(-shape * Math.log1p(t / rate));
}

/**
 * sBG: share of new subscribers who renew at least once within `window` weeks: the
 * cohort kernel's survival just after the first renewal (age P, in the week whose end
 * age first reaches P), E[1 - θ g]; 0 when the first renewal falls after the window.
 */
function firstRenewalShare(kernelAlive: ArrayLike<number>, periodWeeks: number, window: number): number {
  const week = Math.ceil(periodWeeks - 1e-9) - 1;
  return week < window && week < kernelAlive.length ? kernelAlive[week] : 0;
}

function sum(xs: ArrayLike<number>, n = xs.length): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += xs[i];
  return s;
}

export interface Projection {
  outcome: Outcome;
  drivers: DriverState;
}

export function project(
  base: PreparedBaseline,
  scenario: Scenario,
  a: AssumptionValues,
  options: ProjectOptions = {}
): Projection {
  const nodes = options.nodes ?? DEFAULT_NODES;
  const warnings: string[] = [...base.notes];
  const econ = scenario.economics;
  const H = Math.max(1, Math.min(MAX_HORIZON_WEEKS, Math.round(econ.horizonWeeks)));
  if (H !== econ.horizonWeeks) warnings.push(`economics.horizonWeeks: ${econ.horizonWeeks} clamped to ${H}`);
  const clvWeeks = Math.max(1, Math.min(MAX_HORIZON_WEEKS, Math.round(econ.clvWindowWeeks)));
  const L = Math.max(H, clvWeeks);
  const d = composeDrivers(scenario, a, L);
  warnings.push(...d.warnings);
  const M = d.multiplier;
  const contractual = base.kind === 'contractual';
  if (contractual && M.purchaseRate !== 1) {
    warnings.push(`purchase-rate multiplier ${M.purchaseRate.toFixed(3)} has no effect in the contractual (sBG) model`);
  }
  const marginShare = Math.min(1, Math.max(1e-6, econ.grossMarginShare * M.unitMargin));
  const spendMult = M.spendPerOrder;
  const g = d.dropoutTime;
  const horizonBlock = Math.max(1, Math.round(options.horizonBlockWeeks ?? 1));

  // ---- existing base -------------------------------------------------------
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
  const { tx: exTx, alive: exAlive, aliveNow, targetedCustomers } = ex;
  let clampedMu = ex.clampedMu;
  const exRevenue = new Float64Array(H);
  for (let w = 0; w < H; w++) exRevenue[w] = ex.revenue[w] * spendMult;

  // ---- new customers: acquisition per source -----------------------------------
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

  // ---- kernels of a new customer per source ------------------------------------
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
    const beta = scaleBetaMean(base.prior.betaA, base.prior.betaB, M.dropout * q.qualityDropout);
    clampedMu ||= beta.clamped;
    const rate = base.prior.rate / (M.purchaseRate * q.qualityRate);
    const schedule = contractual
      ? null
      : stepSchedule(L, horizonBlock > 1 ? 52 : weeklyUntil, horizonBlock, weeklyUntil, tailBlock);
    const key = `${beta.a}|${beta.b}|${contractual ? base.periodWeeks : rate}|${nodes}|${L}|${weeklyUntil}/${horizonBlock}/${tailBlock}|${options.snapQuadrature ? 's' : 'e'}|${options.lean ? 'lean' : 'full'}|${gKey}`;
    let k = kCache.get(key);
    if (!k) {
      const rule = ruleFor(base, beta.a, beta.b, nodes, options.snapQuadrature);
      k = { tx: new Float64Array(L), alive: new Float64Array(L) };
      if (contractual) accumulateContractualCohort(rule, base.periodWeeks, g, L, k.tx, k.alive);
      else
        accumulateNonContractualSteps(
          rule,
          base.prior.shape,
          rate,
          g,
          schedule!,
          k.tx,
          k.alive,
          d.timeInvariant,
          options.lean ? weeklyUntil : Infinity
        );
      if (kCache.size >= 64) kCache.delete(kCache.keys().next().value!);
      kCache.set(key, k);
    }
    // the outcome's survival series are the caller's: copies of the cached kernels
    kTx[src] = k.tx;
    kAlive[src] = options.lean ? k.alive : k.alive.slice();
  }
  if (clampedMu)
    warnings.push(
      `dropout multiplier ${M.dropout.toFixed(3)} pushed a mean dropout probability outside [${MU_MIN}, ${MU_MAX}]; clamped`
    );

  // ---- convolution ------------------------------------------------------------------
  const newCustomers = new Float64Array(H);
  const newByChannel = {} as Record<Source, Float64Array>;
  const nwTx = new Float64Array(H);
  const nwAlive = new Float64Array(H);
  for (const src of SOURCES) {
    const n = acq[src];
    newByChannel[src] = n;
    convolveCohorts(n, kTx[src], kAlive[src], H, newCustomers, nwTx, nwAlive);
  }

  // ---- money ----------------------------------------------------------------------------
  const orderValueNew = base.newCustomerSpend * spendMult;
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

  // ---- KPIs ---------------------------------------------------------------------------------
  // discount factors e^(-δ t) at whole and half weeks, t = 0 .. L
  const { whole: discWhole, half: discHalf } = discountFactors(econ.discountRatePerYear, L);
  const marginPerOrder = orderValueNew * marginShare;
  const clv = {} as Record<Source, number>;
  for (const src of SOURCES) {
    let dtx = 0;
    const kt = kTx[src];
    if (!skipped.has(src)) for (let age = 0; age < clvWeeks; age++) dtx += kt[age] * discHalf[age];
    clv[src] = marginPerOrder * (1 + dtx);
  }
  const totals = {} as Record<Source, number>;
  for (const src of SOURCES) totals[src] = sum(acq[src]);
  const paidNew = CHANNEL_IDS.reduce((s, ch) => s + totals[ch], 0);
  const allNew = paidNew + totals.organic;
  /** acquisition-mix weights over `sources` (all weight on organic when nobody is acquired) */
  const weightsOf = (sources: readonly Source[]): [Source, number][] => {
    const tot = sources.reduce((s, x) => s + totals[x], 0);
    return tot > 0 ? sources.filter((x) => totals[x] > 0).map((x) => [x, totals[x] / tot]) : [['organic', 1]];
  };
  const allW = weightsOf(SOURCES);
  const paidW = weightsOf(CHANNEL_IDS);
  const clvPerNewCustomer = allW.reduce((s, [x, w]) => s + w * clv[x], 0);
  const clvPaid = paidW.reduce((s, [x, w]) => s + w * clv[x], 0);
  const cac = paidNew > 1e-9 ? paidBudgetTotal / paidNew : null;
  // lean: the mix survival only as far as the 1-year KPIs need it
  const mixWeeks = options.lean ? Math.min(L, 52) : L;
  const aliveMixNew = new Float64Array(mixWeeks);
  for (const [x, w] of allW) {
    const ka = kAlive[x];
    for (let t = 0; t < mixWeeks; t++) aliveMixNew[t] += w * ka[t];
  }
  let payback: number | null = null;
  if (cac !== null) {
    let cum = marginPerOrder;
    if (cum >= cac) payback = 0;
    for (let age = 0; age < clvWeeks && payback === null; age++) {
      for (const [x, w] of paidW) cum += marginPerOrder * w * kTx[x][age];
      if (cum >= cac) payback = age + 1;
    }
  }
  const retention1y = aliveMixNew[Math.min(L, 52) - 1];
  const repeat = {} as Record<Source, number>;
  for (const src of SOURCES) {
    const q = src === 'organic' ? { qualityRate: 1 } : channelParams(a, src);
    repeat[src] = contractual
      ? firstRenewalShare(kAlive[src], base.periodWeeks, REPEAT_WINDOW_WEEKS)
      : bgnbdRepeatWithin(base.prior.shape, base.prior.rate / (M.purchaseRate * q.qualityRate), REPEAT_WINDOW_WEEKS);
  }
  const repeatRate1y = allW.reduce((s, [x, w]) => s + w * repeat[x], 0);
  let repeatWithin1y = 0;
  for (const src of SOURCES) repeatWithin1y += totals[src] * repeat[src];
  let existingDiscMargin = 0;
  let newDiscValue = 0;
  let acqDisc = 0;
  let discountedContribution = 0;
  for (let w = 0; w < H; w++) {
    existingDiscMargin += exRevenue[w] * marginShare * discHalf[w];
    acqDisc += acquisitionCost[w] * discWhole[w];
    discountedContribution += contribution[w] * discHalf[w];
  }
  for (const src of SOURCES) {
    if (totals[src] === 0) continue;
    const n = acq[src];
    let v = 0;
    for (let w = 0; w < H; w++) v += n[w] * discWhole[w];
    newDiscValue += v * clv[src];
  }
  const totalTx = sum(transactions);
  const totalRevenue = sum(revenue);
  const satMean = sum(d.satisfaction, H) / H;
  const kpis = {} as KpiValues;
  for (const k of KPI_IDS) kpis[k] = null;
  Object.assign(kpis, {
    clvPerNewCustomer,
    customerEquity: existingDiscMargin + newDiscValue - acqDisc,
    cac,
    clvToCac: cac !== null && cac > 0 ? clvPaid / cac : null,
    paybackWeeks: payback,
    retention1y,
    churn1y: 1 - retention1y,
    repeatRate1y,
    aov: totalTx > 0 ? totalRevenue / totalTx : null,
    satisfaction: satMean,
    nps: value(a, 'satisfaction.baselineNps') + value(a, 'satisfaction.npsPerIndex') * (satMean - 1),
    roiVsBaseline: null,
    newCustomers: allNew,
    activeCustomersEnd: active[H - 1],
    revenue: totalRevenue,
    margin: sum(margin),
    costs: sum(costs),
    contribution: sum(contribution),
    discountedContribution
  } satisfies Partial<KpiValues>);
  for (const k of KPI_IDS) {
    const v = kpis[k];
    if (v !== null && !Number.isFinite(v)) {
      warnings.push(`KPI ${k} was ${v}; reported as null`);
      kpis[k] = null;
    }
  }

  const exSurvival = new Float64Array(H);
  for (let w = 0; w < H; w++) exSurvival[w] = aliveNow > 0 ? exAlive[w] / aliveNow : 0;
  const week = new Float64Array(H);
  for (let w = 0; w < H; w++) week[w] = w + 1;
  const outcome: Outcome = {
    version: OUTCOME_VERSION,
    contractual,
    horizonWeeks: H,
    series: {
      week,
      newCustomers,
      newCustomersByChannel: newByChannel,
      visitsByChannel: visits,
      conversionRate,
      activeCustomers: active,
      retention,
      transactions,
      revenue,
      margin,
      costsByLever,
      costs,
      contribution,
      satisfaction: d.satisfaction.slice(0, H),
      trust: d.trust.slice(0, H)
    },
    cohortSurvival: { newCustomer: aliveMixNew, byChannel: kAlive, existingBase: exSurvival },
    kpis,
    funnel: {
      visits: CHANNEL_IDS.reduce((s, ch) => s + sum(visits[ch]), 0),
      paidNewCustomers: paidNew,
      organicNewCustomers: totals.organic,
      newCustomers: allNew,
      repeatWithin1y
    },
    clvByChannel: clv,
    drivers: driverSummary(d),
    warnings: [...new Set(warnings)]
  };
  return { outcome, drivers: d };
}
