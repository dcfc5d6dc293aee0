/**
 * Qini curve, area under it, and the uplift-by-decile table for a randomised campaign.
 *
 * Customers are ranked by predicted uplift (highest first). After targeting the top k,
 * the Qini curve is the incremental outcome (Radcliffe 2007, "Using control groups to
 * target on predicted lift", eq. for Q(k); Gutierrez & Gerardy 2017, eq. 16):
 *
 *   Q(k) = Y_T(k) - Y_C(k) * N_T(k) / N_C(k)
 *
 * with Y_T, Y_C the summed outcomes and N_T, N_C the counts of treated and control
 * customers among the top k (the control term is 0 while N_C(k) = 0, as in scikit-uplift).
 * Customers with tied scores enter together (the curve is evaluated only where the score
 * changes). The random-targeting line runs from (0, 0) to (1, Q(N)); the Qini coefficient
 * is the area between the curve and that line, over the targeted share x = k / N in [0, 1]
 * (trapezoids). Works for binary (visit, conversion) and continuous (spend) outcomes.
 */
import { equalCountBins } from './bins.ts';

export interface QiniPoint {
  /** targeted share of customers, k / N */
  share: number;
  /** number of customers targeted */
  targeted: number;
  /** incremental outcome Q(k), in outcome units (e.g. extra visits) */
  incremental: number;
}

export interface QiniCurve {
  points: QiniPoint[];
  /** area under the Qini curve over share in [0, 1], outcome units */
  area: number;
  /** area under the random-targeting line, Q(N) / 2 */
  randomArea: number;
  /** Qini coefficient: area - randomArea */
  qini: number;
  /** Qini coefficient divided by |Q(N)| (0 = random ranking), comparable across data sets */
  qiniNormalised: number;
}

export interface UpliftBin {
  /** 1 = highest predicted uplift */
  bin: number;
  count: number;
  treated: number;
  control: number;
  /** mean outcome among treated customers in the bin */
  meanTreated: number;
  /** mean outcome among control customers in the bin */
  meanControl: number;
  /** observed uplift meanTreated - meanControl (NaN when an arm is empty) */
  observedUplift: number;
  /** mean predicted uplift in the bin */
  predictedUplift: number;
}

function checkInputs(score: ArrayLike<number>, treated: ArrayLike<number | boolean>, outcome: ArrayLike<number>): void {
  const n = score.length;
  if (treated.length !== n || outcome.length !== n) {
    throw new RangeError(
      `qini: ${n} scores, ${treated.length} treatment flags and ${outcome.length} outcomes (must be equal)`
    );
  }
  if (n === 0) throw new RangeError('qini: no customers');
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(score[i])) throw new RangeError(`qini: score ${i} is ${score[i]} (must be finite)`);
    if (!Number.isFinite(outcome[i])) throw new RangeError(`qini: outcome ${i} is ${outcome[i]} (must be finite)`);
  }
}

/** Running counts and outcome sums of the treated (T) and control (C) rows seen so far. */
class ArmTally {
  nT = 0;
  nC = 0;
  yT = 0;
  yC = 0;

  add(treated: number | boolean, outcome: number): void {
    if (treated) {
      this.nT++;
      this.yT += outcome;
    } else {
      this.nC++;
      this.yC += outcome;
    }
  }
}

/** Indices sorted by descending score, stable. */
function descendingOrder(score: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(score.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => score[b] - score[a] || a - b);
  return order;
}

/** The Qini curve of a ranking by `score` for a randomised treatment (treated = 1 / true). */
export function qiniCurve(
  score: ArrayLike<number>,
  treated: ArrayLike<number | boolean>,
  outcome: ArrayLike<number>
): QiniCurve {
  checkInputs(score, treated, outcome);
  const n = score.length;
  const order = descendingOrder(score);
  const points: QiniPoint[] = [{ share: 0, targeted: 0, incremental: 0 }];
  const arms = new ArmTally();
  for (let k = 0; k < n; k++) {
    const i = order[k];
    arms.add(treated[i], outcome[i]);
    const last = k === n - 1 || score[order[k + 1]] !== score[i];
    if (last) {
      const { nT, nC, yT, yC } = arms;
      const incremental = nC > 0 ? yT - (yC * nT) / nC : yT;
      points.push({ share: (k + 1) / n, targeted: k + 1, incremental });
    }
  }
  let area = 0;
  for (let p = 1; p < points.length; p++) {
    area += ((points[p].share - points[p - 1].share) * (points[p].incremental + points[p - 1].incremental)) / 2;
  }
  const total = points[points.length - 1].incremental;
  const randomArea = total / 2;
  const qini = area - randomArea;
  return { points, area, randomArea, qini, qiniNormalised: total !== 0 ? qini / Math.abs(total) : 0 };
}

/** Observed and predicted uplift in equal-count bins of the ranking (deciles by default). */
export function upliftByBin(
  score: ArrayLike<number>,
  treated: ArrayLike<number | boolean>,
  outcome: ArrayLike<number>,
  binCount = 10
): UpliftBin[] {
  checkInputs(score, treated, outcome);
  const n = score.length;
  const ranges = equalCountBins(n, binCount, 'uplift');
  const order = descendingOrder(score);
  const bins: UpliftBin[] = [];
  for (const [b, [start, end]] of ranges.entries()) {
    const arms = new ArmTally();
    let sumScore = 0;
    for (let k = start; k < end; k++) {
      const i = order[k];
      sumScore += score[i];
      arms.add(treated[i], outcome[i]);
    }
    const meanTreated = arms.nT > 0 ? arms.yT / arms.nT : NaN;
    const meanControl = arms.nC > 0 ? arms.yC / arms.nC : NaN;
    bins.push({
      bin: b + 1,
      count: end - start,
      treated: arms.nT,
      control: arms.nC,
      meanTreated,
      meanControl,
      observedUplift: meanTreated - meanControl,
      predictedUplift: sumScore / (end - start)
    });
  }
  return bins;
}
