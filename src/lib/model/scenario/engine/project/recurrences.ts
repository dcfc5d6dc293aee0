/**
 * The weekly recurrences of one posterior (MODEL.md section 3): expected transactions
 * and survival per alive customer over Gauss-Beta nodes of the dropout (BG/NBD) or churn
 * (sBG) probability, and the Beta rules they run on. Pure functions plus two caches.
 */
import { betaQuadrature, snappedBetaQuadrature, type BetaRule } from '../beta-quadrature.ts';
import type { PreparedBaseline } from '../baseline.ts';

export const MU_MIN = 1e-6;
export const MU_MAX = 0.999;

/** Beta(a, b) with its mean scaled by M, concentration a + b kept (MODEL.md section 2). */
export function scaleBetaMean(a: number, b: number, M: number): { a: number; b: number; clamped: boolean } {
  if (M === 1) return { a, b, clamped: false };
  const s = a + b;
  const raw = (a / s) * M;
  const mu = Math.min(MU_MAX, Math.max(MU_MIN, raw));
  return { a: mu * s, b: (1 - mu) * s, clamped: mu !== raw };
}

const ruleCache = new WeakMap<PreparedBaseline, Map<string, BetaRule>>();

export function ruleFor(base: PreparedBaseline, a: number, b: number, n: number, snap = false): BetaRule {
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
export function accumulateNonContractual(
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
export function accumulateContractualCohort(
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
export function accumulateNonContractualSteps(
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

/**
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987): an alive customer's purchase rate
 * λ ~ Gamma(shape, rate) and dropout rate μ ~ Gamma(muShape, muRate) are independent, and
 * the customer is alive at u with probability E[e^(-μ D(u))] = (muRate / (muRate + D(u)))^muShape,
 * D(u) the cumulative dropout exposure (Σ g per week: a weekly factor multiplies μ). So with
 * no quadrature: survival at a step's end is exact, and the step's expected transactions are
 * E[λ] ∫ S(u) du, exact when g is constant in the step:
 *   ∫_0^len S = S_0 len (1 - (1 + z)^(1 - s)) / (z (s - 1)),  z = Q / (muRate + D_0), Q = len ḡ,
 * (s = 1: S_0 len log1p(z) / z). Transactions are spread evenly over the step's weeks, survival
 * interpolated linearly inside it, as accumulateNonContractualSteps; accumulated (times
 * `weight`) into tx and alive.
 */
export function accumulateParetoSteps(
  muShape: number,
  muRate: number,
  shape: number,
  rate: number,
  g: Float64Array,
  steps: Int32Array,
  weight: number,
  tx: Float64Array,
  alive: Float64Array,
  /** survival is written only for weeks before this one */
  aliveUntil = Infinity
): void {
  const meanRate = (shape / rate) * weight;
  let S = 1;
  let D = 0;
  let w = 0;
  for (let i = 0; i < steps.length; i++) {
    const len = steps[i];
    let Q = 0;
    for (let j = 0; j < len; j++) Q += g[w + j];
    const c = muRate + D;
    const z = Q / c;
    const lz = Math.log1p(z);
    const s1 = 1 - muShape;
    // ∫_0^1 (1 + z v)^(-s) dv, stable near z = 0 and s = 1
    const mean = z < 1e-12 ? 1 : Math.abs(s1) < 1e-9 ? lz / z : Math.expm1(s1 * lz) / (s1 * z);
    const perWeek = meanRate * S * mean;
    for (let j = 0; j < len; j++) tx[w + j] += perWeek;
    const Send = S * Math.exp(-muShape * lz);
    if (w < aliveUntil) {
      const step = (S - Send) / len;
      let a = S;
      for (let j = 0; j < len; j++) alive[w + j] += weight * (a -= step);
    }
    S = Send;
    D += Q;
    w += len;
  }
}

const scheduleCache = new Map<string, Int32Array>();

/** Step lengths: weekly up to `weeklyUntil`, blocks of `mid` up to `midUntil`, then blocks of `tail` up to `weeks`. */
export function stepSchedule(
  weeks: number,
  weeklyUntil: number,
  mid: number,
  midUntil: number,
  tail: number
): Int32Array {
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

/**
 * The existing subscribers (sBG): renewal dates spread evenly over the weeks, so the
 * weekly survival factor is (1 - θ g_w)^(1/P) and the renewals in week w are S_w / P;
 * accumulated (times `weight`) into renewals and alive.
 */
export function accumulateContractual(
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
