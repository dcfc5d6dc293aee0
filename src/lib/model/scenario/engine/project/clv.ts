/**
 * Discounting and the CLV of a new customer per source: the margin of the first
 * purchase plus the discounted expected repeat margin over the CLV window,
 * Σ_age k_tx[age] e^(-δ (age + ½)), δ = ln(1 + annual rate) / 52 (MODEL.md section 3).
 */
import type { Source } from './acquisition.ts';

const discountCache = new Map<string, { whole: Float64Array; half: Float64Array }>();

/** e^(-δ t) and e^(-δ (t + ½)) for t = 0 .. L, δ = ln(1 + annual rate) / 52 (cached; read-only). */
export function discountFactors(ratePerYear: number, L: number): { whole: Float64Array; half: Float64Array } {
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

/** CLV of one new customer by source; skipped kernels (lean, no acquisitions) count the first purchase only. */
export function clvBySource(
  sources: readonly Source[],
  kTx: Record<Source, Float64Array>,
  skipped: Set<Source>,
  clvWeeks: number,
  discHalf: Float64Array,
  marginPerOrder: number
): Record<Source, number> {
  const clv = {} as Record<Source, number>;
  for (const src of sources) {
    let dtx = 0;
    const kt = kTx[src];
    if (!skipped.has(src)) for (let age = 0; age < clvWeeks; age++) dtx += kt[age] * discHalf[age];
    clv[src] = marginPerOrder * (1 + dtx);
  }
  return clv;
}

/** Acquisition-mix weights over `sources` (all weight on organic when nobody is acquired). */
export function mixWeights(totals: Record<Source, number>, sources: readonly Source[]): [Source, number][] {
  const tot = sources.reduce((s, x) => s + totals[x], 0);
  return tot > 0 ? sources.filter((x) => totals[x] > 0).map((x) => [x, totals[x] / tot]) : [['organic', 1]];
}
