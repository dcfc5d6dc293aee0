/**
 * Budget optimiser: allocate a weekly media budget across channels (optionally
 * also the list price change and personalisation coverage) to maximise a KPI
 * under per-channel minimum / maximum and a fixed total, in the spirit of the
 * Robyn allocator and the PyMC-Marketing budget optimiser (response curves,
 * marginal return per channel, box constraints, fixed total).
 *
 * The objective is the full engine (adstock, Hill saturation, conversion, the
 * channel's customer quality, CLV), so it is not separable or concave; the search:
 * 1. starts from the equal split (projected on the constraints), from a greedy
 *    allocation by marginal steady-state value (weekly new customers x CLV of the
 *    channel's customers per currency unit, in B/40 increments) and from the
 *    scenario's own allocation (scaled to the total and projected on the constraints);
 * 2. improves each start by pairwise transfers: move δ from channel i to j when the
 *    KPI improves; halve δ when no transfer helps, until δ < B / 2000;
 * 3. then coordinate steps on price and coverage when asked (same halving).
 * Every accepted step strictly improves the KPI, so the result is never worse
 * than the equal split it started from, nor than the scenario's own allocation
 * when that already spends the total within the bounds (`currentValue`, the KPI
 * of the scenario as given, evaluated the same way).
 * The marginal return of channel c is (K(b + h e_c) - K(b)) / h, h = B / 100.
 */
import { CHANNEL_IDS, type ChannelId, type KpiId, type Scenario } from './scenario-types.ts';
import { resolveAssumptions, centralValues } from './assumptions.ts';
import { channelParams, steadyStateNewCustomers } from './levers/channels.ts';
import type { PreparedBaseline } from './engine/baseline.ts';
import { evaluateScenario } from './engine/evaluate.ts';
import { markedResponseCurves, type MarkedResponseCurve } from './response-curves.ts';

/** KPIs where smaller is better. */
export const MINIMISED_KPIS: ReadonlySet<KpiId> = new Set(['cac', 'paybackWeeks', 'churn1y', 'costs']);

export interface OptimiseOptions {
  kpi: KpiId;
  /** total media budget per week */
  totalBudgetPerWeek: number;
  channels?: readonly ChannelId[];
  minPerWeek?: Partial<Record<ChannelId, number>>;
  maxPerWeek?: Partial<Record<ChannelId, number>>;
  /** also optimise the list price change within [min, max] */
  priceChange?: { min: number; max: number };
  /** also optimise personalisation coverage within [min, max] */
  coverage?: { min: number; max: number };
  nodes?: number;
  /** stop after this many evaluations (default 1500) */
  maxEvaluations?: number;
}

export interface ResponseCurve {
  budgetPerWeek: number[];
  /** steady-state new customers per week */
  newCustomersPerWeek: number[];
}

export interface OptimiseResult {
  kpi: KpiId;
  direction: 'maximise' | 'minimise';
  budgetPerWeek: Record<ChannelId, number>;
  priceChange?: number;
  coverage?: number;
  value: number | null;
  /** the equal split the search starts from (B / n per searched channel, projected on the limits) */
  equalSplitBudgetPerWeek: Record<ChannelId, number>;
  equalSplitValue: number | null;
  /** the KPI of the scenario as given (its own budgets, price and coverage), evaluated like `value` */
  currentValue: number | null;
  /** KPI change per extra currency unit per week in each channel, at the optimum */
  marginalReturn: Record<ChannelId, number | null>;
  responseCurves: Record<ChannelId, ResponseCurve>;
  /** the searched channels' curves with the current and the recommended spend marked */
  curves: MarkedResponseCurve[];
  evaluations: number;
  warnings: string[];
}

/** Project an allocation onto {lo <= b <= hi, Σ b = total} by water-filling a common shift. */
export function projectOnBudget(
  target: readonly number[],
  lo: readonly number[],
  hi: readonly number[],
  total: number
): number[] {
  const clampAt = (t: number) => target.map((x, i) => Math.min(hi[i], Math.max(lo[i], x + t)));
  const sumAt = (t: number) => clampAt(t).reduce((s, x) => s + x, 0);
  let a = -total - Math.max(...target) - 1;
  let b = total + Math.max(...hi.map((h) => (Number.isFinite(h) ? h : 0))) + 1;
  for (let i = 0; i < 200; i++) {
    const m = (a + b) / 2;
    if (sumAt(m) < total) a = m;
    else b = m;
  }
  return clampAt((a + b) / 2);
}

/** The equal split the optimiser starts from: B / n per channel, projected on the limits. */
export function equalSplit(options: OptimiseOptions): Record<ChannelId, number> {
  const channels = options.channels ?? CHANNEL_IDS;
  const lo = channels.map((c) => options.minPerWeek?.[c] ?? 0);
  const hi = channels.map((c) => options.maxPerWeek?.[c] ?? Infinity);
  const b = projectOnBudget(
    channels.map(() => options.totalBudgetPerWeek / channels.length),
    lo,
    hi,
    options.totalBudgetPerWeek
  );
  const out = Object.fromEntries(CHANNEL_IDS.map((c) => [c, 0])) as Record<ChannelId, number>;
  channels.forEach((c, i) => (out[c] = b[i]));
  return out;
}

export function optimiseBudget(base: PreparedBaseline, scenario: Scenario, options: OptimiseOptions): OptimiseResult {
  const channels = options.channels ?? CHANNEL_IDS;
  const B = options.totalBudgetPerWeek;
  if (!(B >= 0) || !Number.isFinite(B))
    throw new RangeError(`invalid total budget: ${B} (must be a finite number >= 0)`);
  const n = channels.length;
  if (n === 0) throw new RangeError('invalid channel list: empty (need at least one channel)');
  const lo = channels.map((c) => options.minPerWeek?.[c] ?? 0);
  const hi = channels.map((c) => options.maxPerWeek?.[c] ?? Infinity);
  lo.forEach((l, i) => {
    if (!(l >= 0) || !(hi[i] >= l))
      throw new RangeError(`invalid bounds for ${channels[i]}: min ${l}, max ${hi[i]} (need 0 <= min <= max)`);
  });
  const sumLo = lo.reduce((s, x) => s + x, 0);
  const sumHi = hi.reduce((s, x) => s + x, 0);
  if (sumLo > B || sumHi < B)
    throw new RangeError(`infeasible budget: total ${B} outside [Σ min ${sumLo}, Σ max ${sumHi}]`);
  const sign = MINIMISED_KPIS.has(options.kpi) ? -1 : 1;
  const nodes = options.nodes ?? 10;
  const maxEval = options.maxEvaluations ?? 1500;
  const { assumptions, errors } = resolveAssumptions(scenario.assumptions);
  if (errors.length) throw new RangeError(`invalid assumption edits: ${errors.join('; ')}`);
  const values = centralValues(assumptions);
  const warnings: string[] = [];

  let evaluations = 0;
  interface Point {
    b: number[];
    price: number;
    cov: number;
  }
  const build = (p: Point): Scenario => {
    const s = structuredClone(scenario);
    for (const c of CHANNEL_IDS) s.levers.channels.budgetPerWeek[c] = 0;
    channels.forEach((c, i) => (s.levers.channels.budgetPerWeek[c] = p.b[i]));
    if (options.priceChange) s.levers.pricing.priceChange = p.price;
    if (options.coverage) s.levers.personalisation.coverage = p.cov;
    return s;
  };
  const raw = (p: Point): number | null => {
    evaluations++;
    return evaluateScenario(base, build(p), { values, nodes, lean: true }).kpis[options.kpi];
  };
  const score = (p: Point) => {
    const v = raw(p);
    return v === null ? -Infinity : sign * v;
  };

  const price0 = options.priceChange
    ? Math.min(options.priceChange.max, Math.max(options.priceChange.min, scenario.levers.pricing.priceChange))
    : scenario.levers.pricing.priceChange;
  const cov0 = options.coverage
    ? Math.min(options.coverage.max, Math.max(options.coverage.min, scenario.levers.personalisation.coverage))
    : scenario.levers.personalisation.coverage;
  const equal: Point = { b: projectOnBudget(Array(n).fill(B / n), lo, hi, B), price: price0, cov: cov0 };
  const equalScore = score(equal);
  evaluations++;
  const currentValue = evaluateScenario(base, scenario, { values, nodes, lean: true }).kpis[options.kpi];

  // greedy start on the steady-state surrogate: weekly new customers x CLV of the channel's customers
  const baseOutcome = evaluateScenario(base, build(equal), { values, nodes });
  const clvOf = (c: ChannelId) => {
    // surrogate only (the search itself uses the full engine): mixed CLV scaled by the channel's quality
    const q = channelParams(values, c);
    return (baseOutcome.kpis.clvPerNewCustomer ?? 0) * (q.qualityRate / q.qualityDropout);
  };
  const greedy = lo.slice();
  const inc = B / 40;
  let left = B - sumLo;
  while (left > 1e-9) {
    const step = Math.min(inc, left);
    let best = -1;
    let bestGain = -Infinity;
    channels.forEach((c, i) => {
      if (greedy[i] + step > hi[i]) return;
      const p = channelParams(values, c);
      const gain = (steadyStateNewCustomers(greedy[i] + step, p) - steadyStateNewCustomers(greedy[i], p)) * clvOf(c);
      if (gain > bestGain) {
        bestGain = gain;
        best = i;
      }
    });
    if (best < 0) break;
    greedy[best] += step;
    left -= step;
  }
  const starts: Point[] = [equal, { b: projectOnBudget(greedy, lo, hi, B), price: price0, cov: cov0 }];
  // the scenario's own allocation, scaled to the total: a start that is already good keeps its value
  const own = channels.map((c) => Math.max(0, scenario.levers.channels.budgetPerWeek[c] ?? 0));
  const ownSum = own.reduce((s, x) => s + x, 0);
  if (ownSum > 0)
    starts.push({
      b: projectOnBudget(
        own.map((x) => (x * B) / ownSum),
        lo,
        hi,
        B
      ),
      price: price0,
      cov: cov0
    });

  const improve = (start: Point, startScore: number): [Point, number] => {
    let cur = start;
    let curScore = startScore;
    let delta = B / 4;
    while (delta >= B / 2000 && evaluations < maxEval) {
      let improved = false;
      for (let i = 0; i < n && evaluations < maxEval; i++) {
        for (let j = 0; j < n && evaluations < maxEval; j++) {
          if (i === j) continue;
          const move = Math.min(delta, cur.b[i] - lo[i], hi[j] - cur.b[j]);
          if (!(move > 1e-9)) continue;
          const b = cur.b.slice();
          b[i] -= move;
          b[j] += move;
          const cand = { ...cur, b };
          const sc = score(cand);
          if (sc > curScore) {
            cur = cand;
            curScore = sc;
            improved = true;
          }
        }
      }
      for (const [key, range] of [
        ['price', options.priceChange],
        ['cov', options.coverage]
      ] as const) {
        if (!range) continue;
        const stepSize = ((range.max - range.min) * delta) / B;
        for (const dir of [-1, 1]) {
          const v = Math.min(range.max, Math.max(range.min, cur[key] + dir * stepSize));
          if (v === cur[key]) continue;
          const cand = { ...cur, [key]: v };
          const sc = score(cand);
          if (sc > curScore) {
            cur = cand;
            curScore = sc;
            improved = true;
          }
        }
      }
      if (!improved) delta /= 2;
    }
    return [cur, curScore];
  };
  let best: Point = equal;
  let bestScore = equalScore;
  for (const s of starts) {
    const [p, sc] = improve(s, s === equal ? equalScore : score(s));
    if (sc > bestScore) {
      best = p;
      bestScore = sc;
    }
  }
  if (evaluations >= maxEval) warnings.push(`optimiser stopped at the evaluation limit (${maxEval})`);

  const budgetPerWeek = {} as Record<ChannelId, number>;
  for (const c of CHANNEL_IDS) budgetPerWeek[c] = 0;
  channels.forEach((c, i) => (budgetPerWeek[c] = best.b[i]));
  const h = Math.max(1e-6, B / 100);
  const marginalReturn = {} as Record<ChannelId, number | null>;
  const bestRaw = raw(best);
  for (const c of CHANNEL_IDS) marginalReturn[c] = null;
  channels.forEach((c, i) => {
    const b = best.b.slice();
    b[i] += h;
    const up = raw({ ...best, b });
    marginalReturn[c] = up !== null && bestRaw !== null ? (up - bestRaw) / h : null;
  });
  const responseCurves = {} as Record<ChannelId, ResponseCurve>;
  for (const c of CHANNEL_IDS) {
    const p = channelParams(values, c);
    const top = Math.max(B, 2 * budgetPerWeek[c], 1);
    const budget = Array.from({ length: 21 }, (_, k) => (top * k) / 20);
    responseCurves[c] = {
      budgetPerWeek: budget,
      newCustomersPerWeek: budget.map((x) => steadyStateNewCustomers(x, p))
    };
  }
  return {
    kpi: options.kpi,
    direction: sign > 0 ? 'maximise' : 'minimise',
    budgetPerWeek,
    priceChange: options.priceChange ? best.price : undefined,
    coverage: options.coverage ? best.cov : undefined,
    value: bestRaw,
    equalSplitBudgetPerWeek: equalSplit(options),
    equalSplitValue: Number.isFinite(equalScore) ? sign * equalScore : null,
    currentValue,
    marginalReturn,
    responseCurves,
    curves: markedResponseCurves(scenario, channels, { responseCurves, budgetPerWeek }),
    evaluations,
    warnings
  };
}
