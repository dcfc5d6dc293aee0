/**
 * The [start, end) index ranges of `binCount` equal-count bins over n ranked rows (sizes
 * differ by at most one). Throws unless binCount is an integer in 1..n; `what` names the
 * bins in the error.
 */
export function equalCountBins(n: number, binCount: number, what: string): Array<[number, number]> {
  if (!Number.isInteger(binCount) || binCount < 1 || binCount > n) {
    throw new RangeError(`invalid ${what} bin count: ${binCount} (must be an integer in 1..${n})`);
  }
  return Array.from({ length: binCount }, (_, b) => [
    Math.floor((b * n) / binCount),
    Math.floor(((b + 1) * n) / binCount)
  ]);
}
