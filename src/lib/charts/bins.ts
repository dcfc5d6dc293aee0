/**
 * Histogram bins for a distribution given as raw values (e.g. per-customer CLV) or
 * as pre-binned counts (e.g. the number of customers with 0, 1, 2, ... repeat
 * purchases, actual vs model-expected). Equal-width bins over "nice" bounds
 * (d3.ticks, after Heckbert 1990, "Nice numbers for graph labels"), with the
 * bin count from Sturges' rule, k = ceil(log2 n) + 1, unless given.
 */
import { extent, ticks, tickIncrement } from 'd3';

export interface Bin {
  /** inclusive lower edge */
  x0: number;
  /** exclusive upper edge (the last bin includes it) */
  x1: number;
  count: number;
}

/** Equal-width bins of finite `values`; non-finite values are ignored. */
export function binValues(values: readonly number[], binCount?: number, domain?: [number, number]): Bin[] {
  const finite = values.filter((v) => Number.isFinite(v));
  if (!finite.length) return [];
  // a loop, not Math.min(...values): spreading 10^5+ customer values overflows the call stack
  const [minValue, maxValue] = extent(finite) as [number, number];
  let lo = domain?.[0] ?? minValue;
  let hi = domain?.[1] ?? maxValue;
  if (!(hi >= lo)) throw new RangeError(`invalid histogram domain: [${lo}, ${hi}] (need lo <= hi)`);
  const k = binCount ?? Math.ceil(Math.log2(finite.length)) + 1;
  if (!Number.isInteger(k) || k < 1)
    throw new RangeError(`invalid histogram bin count: ${k} (must be an integer >= 1)`);
  if (hi === lo) {
    hi = lo + 1;
  }
  // nice edges: step from d3's tickIncrement (a power of ten times 1, 2 or 5)
  let edges: number[];
  const inc = tickIncrement(lo, hi, k);
  if (Number.isFinite(inc) && inc !== 0) {
    const step = inc > 0 ? inc : -1 / inc;
    lo = Math.floor(lo / step) * step;
    hi = Math.ceil(hi / step) * step;
    edges = ticks(lo, hi, Math.round((hi - lo) / step));
    if (edges[0] > lo) edges.unshift(lo);
    if (edges[edges.length - 1] < hi) edges.push(hi);
  } else {
    edges = Array.from({ length: k + 1 }, (_, i) => lo + ((hi - lo) * i) / k);
  }
  const bins: Bin[] = edges.slice(0, -1).map((x0, i) => ({ x0, x1: edges[i + 1], count: 0 }));
  for (const v of finite) {
    if (v < edges[0] || v > edges[edges.length - 1]) continue;
    // binary search for the bin whose [x0, x1) holds v
    let a = 0;
    let b = bins.length - 1;
    while (a < b) {
      const m = (a + b + 1) >> 1;
      if (bins[m].x0 <= v) a = m;
      else b = m - 1;
    }
    bins[a].count++;
  }
  return bins;
}

/** Pre-binned counts at integer values x (e.g. repeat purchases 0, 1, 2, ...) as unit-width bins centred on x. */
export function binsFromCounts(counts: readonly { x: number; count: number }[]): Bin[] {
  return counts.map(({ x, count }, i) => {
    if (!Number.isFinite(x) || !Number.isFinite(count) || count < 0)
      throw new RangeError(`invalid histogram count ${i}: x=${x}, count=${count} (need finite x and count >= 0)`);
    return { x0: x - 0.5, x1: x + 0.5, count };
  });
}
