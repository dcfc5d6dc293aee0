/**
 * Exact area under the ROC curve by the Mann-Whitney U statistic, with ties.
 *
 * AUC = (R+ - n+(n+ + 1)/2) / (n+ n-), where R+ is the sum of the mid-ranks of the
 * positives among all scores (Mann & Whitney 1947; Hanley & McNeil 1982, eq. 2).
 * Tied scores share their mid-rank, so a tie between a positive and a negative counts
 * one half, as in the trapezoidal ROC area. Computed in Float64 in O(n log n).
 */

/** Indices 0..n-1 sorted by ascending score (stable). */
export function ascendingOrder(scores: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => scores[a] - scores[b] || a - b);
  return order;
}

/**
 * Held-out AUC of `scores` for binary `labels` (1 = positive, 0 = negative).
 * Throws when the lengths differ, a score is not finite, a label is not 0/1, or a class is empty.
 */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  if (labels.length !== n) {
    throw new RangeError(`auc: ${n} scores but ${labels.length} labels (must be equal)`);
  }
  let nPositive = 0;
  for (let i = 0; i < n; i++) {
    const s = scores[i];
    const y = labels[i];
    if (!Number.isFinite(s)) throw new RangeError(`auc: score ${i} is ${s} (must be finite)`);
    if (y !== 0 && y !== 1) throw new RangeError(`auc: label ${i} is ${y} (must be 0 or 1)`);
    nPositive += y;
  }
  const nNegative = n - nPositive;
  if (nPositive === 0 || nNegative === 0) {
    throw new RangeError(`auc: needs both classes, got ${nPositive} positives and ${nNegative} negatives`);
  }
  const order = ascendingOrder(scores);
  let rankSumPositive = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    let positivesInTie = 0;
    const value = scores[order[i]];
    while (j < n && scores[order[j]] === value) {
      positivesInTie += labels[order[j]];
      j++;
    }
    // ranks i+1 .. j share the mid-rank (i + 1 + j) / 2
    rankSumPositive += (positivesInTie * (i + 1 + j)) / 2;
    i = j;
  }
  return (rankSumPositive - (nPositive * (nPositive + 1)) / 2) / (nPositive * nNegative);
}
