/**
 * A seeded synthetic existing base for benchmarks and grouping-accuracy tests: each
 * customer is simulated from the BG/NBD story (Fader, Hardie & Lee 2005 "Counting
 * your customers the easy way", section 3) with Gamma-Gamma spend (Fader, Hardie &
 * Lee 2005 "RFM and CLV", section 3):
 *   λ ~ Gamma(r, α), p ~ Beta(a, b); first purchase at 0, then exponential(λ) gaps,
 *   after each repeat purchase the customer drops out with probability p;
 *   observed for T ~ Uniform(minT, maxT) weeks (acquisition dates spread evenly);
 *   ν ~ Gamma(q, v), mean repeat spend of x orders m ~ Gamma(p x, ν x).
 * Returns summary columns (x, t_x, T, m) and the spec the engine prepares.
 */
import type { BgNbdParams, GammaGammaParams } from '../../core/types.ts';
import { createRng } from '../../core/random/index.ts';
import { BASELINE_VERSION, type CustomerColumns, type NonContractualBaselineSpec } from './baseline.ts';

export interface SyntheticBaseOptions {
  customers: number;
  seed: number;
  purchase?: BgNbdParams;
  spend?: GammaGammaParams;
  /** range of observation lengths T, weeks (default 26 .. 78) */
  minT?: number;
  maxT?: number;
  organicNewPerWeek?: number;
}

/** CDNOW estimates (FHL 2005 section 5; Gamma-Gamma: Hardie note 025). */
const CDNOW_PURCHASE: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const CDNOW_SPEND: GammaGammaParams = { p: 6.25, q: 3.74, v: 15.44 };

export function syntheticCustomers(o: SyntheticBaseOptions): {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  m: Float64Array;
} {
  const n = Math.round(o.customers);
  if (!(n >= 1)) throw new RangeError(`synthetic base: customers ${o.customers} (must be >= 1)`);
  const bp = o.purchase ?? CDNOW_PURCHASE;
  const gp = o.spend ?? CDNOW_SPEND;
  const minT = o.minT ?? 26;
  const maxT = o.maxT ?? 78;
  if (!(minT > 0 && maxT >= minT))
    throw new RangeError(`synthetic base: T range [${minT}, ${maxT}] (need 0 < minT <= maxT)`);
  const rng = createRng(o.seed);
  const x = new Float64Array(n),
    tx = new Float64Array(n),
    T = new Float64Array(n),
    m = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const Ti = Math.round((minT + ((maxT - minT) * (i + 0.5)) / n) * 7) / 7; // whole days
    const lambda = rng.gamma(bp.r, bp.alpha);
    const p = rng.beta(bp.a, bp.b);
    let t = 0;
    let xi = 0;
    let last = 0;
    for (;;) {
      t += rng.exponential(Math.max(lambda, 1e-12));
      if (t > Ti) break;
      xi++;
      last = t;
      if (rng.uniform() < p) break;
    }
    x[i] = xi;
    tx[i] = last;
    T[i] = Ti;
    if (xi > 0) {
      const nu = rng.gamma(gp.q, gp.v);
      m[i] = rng.gamma(gp.p * xi, nu * xi);
    }
  }
  return { x, tx, T, m };
}

export function syntheticBaseline(o: SyntheticBaseOptions): NonContractualBaselineSpec {
  const customers: CustomerColumns = syntheticCustomers(o);
  return {
    version: BASELINE_VERSION,
    kind: 'noncontractual',
    source: `synthetic BG/NBD base, ${o.customers} customers, seed ${o.seed}`,
    purchase: { model: 'bgnbd', params: o.purchase ?? CDNOW_PURCHASE },
    spend: { params: o.spend ?? CDNOW_SPEND },
    customers,
    organicNewPerWeek: o.organicNewPerWeek ?? 0
  };
}
