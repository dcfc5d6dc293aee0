/**
 * Snapping a pointer position to the nearest data x, and stepping through the data
 * x values with the keyboard: the shared hover that links the workbench charts.
 * x is a number (week index) or a Date, compared as numbers (ms since epoch).
 */

export type XValue = number | Date;

export function xNumber(x: XValue): number {
  return x instanceof Date ? x.getTime() : x;
}

/** The sorted distinct x values of the series. */
export function distinctXs(xs: Iterable<XValue>): number[] {
  const values = [...new Set([...xs].map(xNumber))].filter(Number.isFinite);
  return values.sort((a, b) => a - b);
}

/** Index of the value in ascending `sorted` nearest to `x` (ties go to the lower); -1 when empty or x is not finite. */
export function nearestIndex(sorted: readonly number[], x: number): number {
  if (!sorted.length || !Number.isFinite(x)) return -1;
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && x - sorted[lo - 1] <= sorted[lo] - x) return lo - 1;
  return lo;
}

/** The data x nearest to `x`, or null. */
export function snapX(sorted: readonly number[], x: number): number | null {
  const i = nearestIndex(sorted, x);
  return i < 0 ? null : sorted[i];
}

/**
 * The x a keyboard step moves the highlight to: `step` = −1 / +1 (arrow keys),
 * from the current highlight, or from the first / last x when nothing is highlighted.
 * Clamped to the data range.
 */
export function stepX(sorted: readonly number[], current: number | null, step: number): number | null {
  if (!sorted.length) return null;
  if (current === null) return step < 0 ? sorted[sorted.length - 1] : sorted[0];
  const i = nearestIndex(sorted, current);
  return sorted[Math.min(sorted.length - 1, Math.max(0, i + step))];
}
