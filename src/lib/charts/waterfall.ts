/**
 * Waterfall geometry: from a baseline total through signed steps (one per lever) to
 * the scenario total. Each step bar floats from the running total before it to the
 * running total after it. When the steps do not add up to the scenario total
 * (levers interact: effects multiply, so one-at-a-time contributions do not sum),
 * the remainder is shown as its own "Interactions" step rather than hidden, so the
 * last bar always lands on the scenario total.
 */

export interface WaterfallStep {
  label: string;
  /** signed contribution, in the unit of the totals */
  delta: number;
}

export type WaterfallBarKind = 'total' | 'increase' | 'decrease';

export interface WaterfallBar {
  label: string;
  kind: WaterfallBarKind;
  /** bar from `start` to `end` (a total starts at 0) */
  start: number;
  end: number;
  /** the signed step, or the total */
  value: number;
  /** the running total after this bar */
  cumulative: number;
}

export interface WaterfallInput {
  baselineLabel?: string;
  baselineTotal: number;
  steps: WaterfallStep[];
  scenarioLabel?: string;
  /** when given, a residual step reconciles the steps with it; default: baseline + sum of steps */
  scenarioTotal?: number;
  /** label of the residual step; default 'Interactions' */
  residualLabel?: string;
  /** residuals smaller than this share of max(|baseline|, |scenario|) are absorbed; default 1e-9 */
  relativeTolerance?: number;
}

function requireFinite(what: string, value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`invalid waterfall ${what}: ${value} (must be a finite number)`);
}

/** Neumaier's compensated sum, so many small steps on a large baseline keep their digits. */
function compensatedAdd(state: { sum: number; c: number }, x: number): void {
  const t = state.sum + x;
  state.c += Math.abs(state.sum) >= Math.abs(x) ? state.sum - t + x : x - t + state.sum;
  state.sum = t;
}

export function waterfallBars(input: WaterfallInput): WaterfallBar[] {
  const { baselineTotal, steps } = input;
  requireFinite('baseline total', baselineTotal);
  steps.forEach((s, i) => requireFinite(`step ${i} (${JSON.stringify(s.label)}) delta`, s.delta));
  if (input.scenarioTotal !== undefined) requireFinite('scenario total', input.scenarioTotal);

  const bars: WaterfallBar[] = [
    {
      label: input.baselineLabel ?? 'Baseline',
      kind: 'total',
      start: 0,
      end: baselineTotal,
      value: baselineTotal,
      cumulative: baselineTotal
    }
  ];
  const running = { sum: baselineTotal, c: 0 };
  const push = (label: string, delta: number) => {
    const start = running.sum + running.c;
    compensatedAdd(running, delta);
    const end = running.sum + running.c;
    bars.push({ label, kind: delta >= 0 ? 'increase' : 'decrease', start, end, value: delta, cumulative: end });
  };
  for (const step of steps) push(step.label, step.delta);

  let total = running.sum + running.c;
  if (input.scenarioTotal !== undefined) {
    const residual = input.scenarioTotal - total;
    const tolerance =
      (input.relativeTolerance ?? 1e-9) *
      Math.max(Math.abs(baselineTotal), Math.abs(input.scenarioTotal), Number.MIN_VALUE);
    if (Math.abs(residual) > tolerance) push(input.residualLabel ?? 'Interactions', residual);
    total = input.scenarioTotal;
  }
  bars.push({
    label: input.scenarioLabel ?? 'Scenario',
    kind: 'total',
    start: 0,
    end: total,
    value: total,
    cumulative: total
  });
  return bars;
}
