/**
 * Simulated randomised campaigns with known per-customer uplift, for the learner tests.
 * Features x1, x2 ~ N(0, 1), region in {north, south}; arms assigned uniformly at random.
 * Control response p0(x) = sigmoid(-1 + 0.8 x1); an e-mail arm adds `effect` (on the logit
 * scale) times its own modifier, so the true uplift tau(x) = p_arm(x) - p0(x) is known.
 */
import { createRng } from '../../../src/lib/model/core/random/index.ts';
import type { FeatureTable } from '../../../src/lib/learn/table.ts';

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export interface SimulatedCampaign {
  features: FeatureTable;
  arm: string[];
  outcome: Float64Array;
  /** true uplift of each arm over control, per customer */
  trueUplift: Record<string, Float64Array>;
}

/** Arms: 'control', 'A' (uplift grows with x2) and, if `threeArms`, 'B' (uplift grows with -x1). */
export function simulateCampaign(rows: number, seed: number, threeArms = false): SimulatedCampaign {
  const rng = createRng(seed);
  const arms = threeArms ? ['control', 'A', 'B'] : ['control', 'A'];
  const x1 = new Float64Array(rows);
  const x2 = new Float64Array(rows);
  const region: string[] = [];
  const arm: string[] = [];
  const outcome = new Float64Array(rows);
  const trueUplift: Record<string, Float64Array> = { A: new Float64Array(rows) };
  if (threeArms) trueUplift.B = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    x1[i] = rng.normal();
    x2[i] = rng.normal();
    region.push(rng.uniform() < 0.5 ? 'north' : 'south');
    const south = region[i] === 'south' ? 0.3 : 0;
    const base = -1 + 0.8 * x1[i] + south;
    const p0 = sigmoid(base);
    const pA = sigmoid(base + 1.5 * x2[i]);
    trueUplift.A[i] = pA - p0;
    let p = p0;
    const a = arms[rng.int(arms.length)];
    arm.push(a);
    if (a === 'A') p = pA;
    if (threeArms) {
      const pB = sigmoid(base - 1.5 * x1[i]);
      trueUplift.B[i] = pB - p0;
      if (a === 'B') p = pB;
    }
    outcome[i] = rng.uniform() < p ? 1 : 0;
  }
  return { features: { length: rows, numeric: { x1, x2 }, categorical: { region } }, arm, outcome, trueUplift };
}

export function meanOf(values: ArrayLike<number>, rows?: ArrayLike<number>): number {
  let s = 0;
  const n = rows ? rows.length : values.length;
  for (let k = 0; k < n; k++) s += values[rows ? rows[k] : k];
  return s / n;
}

/** Rows of the top `share` by score (descending). */
export function topRows(score: ArrayLike<number>, share: number): number[] {
  const order = Array.from({ length: score.length }, (_, i) => i).sort((a, b) => score[b] - score[a]);
  return order.slice(0, Math.round(share * score.length));
}
