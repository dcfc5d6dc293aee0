/**
 * The compact baseline the scenario engine projects from, prepared once per
 * (dataset, fit): existing customers grouped by their posterior under the chosen
 * purchase model, plus the prior that new cohorts are drawn from.
 *
 * Non-contractual, three purchase models. In each, given (x, t_x, T) and alive, the
 * purchase rate is λ ~ Gamma(r + x, α + T) (the likelihood of an alive customer holds
 * λ^x e^(-λT)), and the dropout process factorises from it:
 *  - BG/NBD (Fader, Hardie & Lee 2005 "Counting your customers the easy way", Marketing
 *    Science 24(2)): dropout after each purchase with p; p | alive ~ Beta(a, b + x)
 *    (the alive likelihood holds (1 - p)^x), and
 *    P(alive) = 1 / (1 + [x > 0] a / (b + x - 1) ((α + T)/(α + t_x))^(r + x))   (eq. 11);
 *  - MBG/NBD (Batislam, Denizel & Filiztekin 2007, IJRM 24(3)): dropout also at the first
 *    purchase, so p | alive ~ Beta(a, b + x + 1) and
 *    P(alive) = 1 / (1 + a / (b + x) ((α + T)/(α + t_x))^(r + x)); from here on an alive
 *    customer drops out as under BG/NBD; a new customer is alive after the first purchase
 *    with probability b / (a + b), then with p ~ Beta(a, b + 1);
 *  - Pareto/NBD (Schmittlein, Morrison & Colombo 1987, Management Science 33(1); Fader &
 *    Hardie 2005 note "A note on deriving the Pareto/NBD model"): exponential lifetimes with
 *    rate μ ~ Gamma(s, β); μ | alive ~ Gamma(s, β + T) (survival to T, e^(-μT)), and
 *    P(alive) by the model core (btyd/paretonbd.ts).
 * The groups store the dropout posterior in `betaA`, `betaB`: Beta(a, b) of p for the BG
 * family (`dropout: 'beta'`), Gamma(shape s, rate β + T) of μ for Pareto/NBD
 * (`dropout: 'gamma'`). P(alive) comes from the model core's function of the model.
 * So customers sharing (x, T) share the posterior; a group holds their expected
 * number alive Σ P(alive) and expected alive spend Σ P(alive) E[M | x, m]
 * (Gamma-Gamma, Fader, Hardie & Lee 2005 "RFM and CLV", JMR 42, eq. 5:
 * E[M | x, m] = (p v + p x m) / (p x + q - 1)). Grouping by (x, T, P(alive) decile)
 * is exact; when there are more than `maxGroups` such cells, T first (cheap in
 * accuracy, see below), then x, then the P(alive) bins are coarsened. A binned cell
 * is a mixture of posteriors; its λ | alive is represented by the Gamma with the
 * mixture's mean and variance, mean Σ w R_i/A_i and E[λ²] = Σ w R_i(R_i + 1)/A_i²
 * (R_i = r + x_i, A_i = α + T_i, w ∝ P(alive)), so R' = mean²/var, A' = mean/var
 * (the Gamma at the mean T would miss the convexity of 1/(α + T): -0.3% at 13-week
 * bins); p | alive ~ Beta(a, b + x̄) at the alive-weighted mean x̄ (matching the
 * Beta's moments separately was worse: it loses the λ-p correlation through x);
 * Pareto/NBD's μ | alive is moment-matched as λ is (Gamma(s, β + T_i) mixed over T_i).
 * Sums of P(alive) and of alive spend stay exact.
 *
 * Contractual (sBG, Fader & Hardie 2007 "How to project customer retention",
 * J. Interactive Marketing 21(1)): a subscriber who has renewed n times has churn
 * probability θ ~ Beta(α, β + n); groups are tenures.
 */
import type {
  BgNbdParams,
  GammaGammaParams,
  MbgNbdParams,
  ParetoNbdParams,
  PurchaseModel,
  PurchaseModelName,
  SbgParams
} from '../../core/types.ts';
import { bgnbd, bgnbdPAlive as btydBgnbdPAlive } from '../../core/btyd/bgnbd.ts';
import { mbgNbd } from '../../core/btyd/mbgnbd.ts';
import { paretoNbd } from '../../core/btyd/paretonbd.ts';
import { conditionalExpectedSpend } from '../../core/btyd/gammagamma.ts';

export const BASELINE_VERSION = 1 as const;

/**
 * Default most groups of the existing base. Binned cells take the Gamma of λ with
 * the cell's mixture mean and variance, so few groups stay close to the exact
 * (x, T) grouping: on a 100,000-customer CDNOW-like base (engine/synthetic.ts), 99
 * groups keep 156-week transactions within 1.2e-3 and revenue within 1.6e-3 of the
 * exact projection over 16,558 cells (tests/unit/engine/grouping.test.ts bounds it).
 */
export const DEFAULT_MAX_GROUPS = 128;

/** Existing customers in columnar form (one entry per customer or per distinct row with a count). */
export interface CustomerColumns {
  x: ArrayLike<number>;
  tx: ArrayLike<number>;
  T: ArrayLike<number>;
  /** mean repeat spend (0 when x = 0 or unknown) */
  m?: ArrayLike<number>;
  count?: ArrayLike<number>;
}

/**
 * The purchase model of a non-contractual baseline, with its fitted parameters and the
 * covariance of their logs (row-major in the order of PURCHASE_PARAM_KEYS[model]).
 */
export type PurchaseSpec =
  | { model: 'bgnbd'; params: BgNbdParams; logCov?: number[] }
  | { model: 'mbgnbd'; params: MbgNbdParams; logCov?: number[] }
  | { model: 'paretonbd'; params: ParetoNbdParams; logCov?: number[] };

/** The parameters of each purchase model in the order the engine reads them (and their logCov). */
export const PURCHASE_PARAM_KEYS: Record<PurchaseModelName, readonly string[]> = {
  bgnbd: ['r', 'alpha', 'a', 'b'],
  mbgnbd: ['r', 'alpha', 'a', 'b'],
  paretonbd: ['r', 'alpha', 's', 'beta']
};

/** The model core's functions of each purchase model (btyd/bgnbd.ts, mbgnbd.ts, paretonbd.ts). */
export const PURCHASE_MODEL_CORE: Record<PurchaseModelName, PurchaseModel<object>> = {
  bgnbd: bgnbd as PurchaseModel<object>,
  mbgnbd: mbgNbd as PurchaseModel<object>,
  paretonbd: paretoNbd as PurchaseModel<object>
};

export const PURCHASE_MODEL_LABELS: Record<PurchaseModelName, string> = {
  bgnbd: 'BG/NBD',
  paretonbd: 'Pareto/NBD',
  mbgnbd: 'MBG/NBD'
};

/** P(alive | x, t_x, T) under the baseline's purchase model (the model core's function). */
export function purchasePAlive(purchase: PurchaseSpec, x: number, tx: number, T: number): number {
  return PURCHASE_MODEL_CORE[purchase.model].pAlive(purchase.params, x, tx, T);
}

export interface NonContractualBaselineSpec {
  version: typeof BASELINE_VERSION;
  kind: 'noncontractual';
  /** where the parameters come from, shown to the user */
  source: string;
  purchase: PurchaseSpec;
  spend: { params: GammaGammaParams; logCov?: number[] };
  /** the existing base; `cohortSize` alone means customers just acquired (posterior = prior) */
  customers: CustomerColumns | { cohortSize: number };
  /** new customers per week without paid media */
  organicNewPerWeek: number;
}

export interface ContractualBaselineSpec {
  version: typeof BASELINE_VERSION;
  kind: 'contractual';
  source: string;
  params: SbgParams;
  logCov?: number[];
  /** length of one contract period, weeks (52 for annual contracts) */
  periodWeeks: number;
  /** price of one period, currency */
  pricePerPeriod: number;
  /** existing subscribers by completed renewals */
  tenure: { renewals: number[]; count: number[] };
  organicNewPerWeek: number;
}

export type BaselineSpec = NonContractualBaselineSpec | ContractualBaselineSpec;

/** Groups in struct-of-arrays form. */
export interface BaselineGroups {
  length: number;
  /** Gamma shape / rate of λ given alive (non-contractual; 0 for contractual) */
  shape: Float64Array;
  rate: Float64Array;
  /**
   * Beta(a, b) of the dropout probability p (BG/NBD, MBG/NBD) or churn probability θ (sBG)
   * given alive; Gamma(shape, rate) of the dropout rate μ for Pareto/NBD (`dropout: 'gamma'`)
   */
  betaA: Float64Array;
  betaB: Float64Array;
  /** customers in the group */
  count: Float64Array;
  /** expected customers alive now, Σ P(alive) */
  alive: Float64Array;
  /** Σ P(alive) E[spend per order] */
  aliveSpend: Float64Array;
  /** alive / count */
  pAlive: Float64Array;
  /** representative history (for redrawing the posterior under other parameters) */
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
}

export interface PreparedBaseline {
  version: typeof BASELINE_VERSION;
  kind: 'noncontractual' | 'contractual';
  source: string;
  spec: BaselineSpec;
  /** the purchase model (null for contractual baselines) */
  purchaseModel: PurchaseModelName | null;
  /** how the groups' betaA, betaB read: Beta of a dropout probability, or Gamma of a dropout rate (Pareto/NBD) */
  dropout: 'beta' | 'gamma';
  groups: BaselineGroups;
  /**
   * prior of a new customer, dropout as the groups' (the population's Beta(a, b) or Gamma(s, β));
   * under MBG/NBD a new customer is alive after the first purchase with probability b / (a + b)
   * of this Beta, then with Beta(a, b + 1) (project/cohorts.ts)
   */
  prior: { shape: number; rate: number; betaA: number; betaB: number };
  /** expected spend per order of a new customer (Gamma-Gamma mean p v / (q - 1), or the period price) */
  newCustomerSpend: number;
  /** contract period in weeks (contractual) */
  periodWeeks: number;
  organicNewPerWeek: number;
  customers: number;
  notes: string[];
}

/** BG/NBD P(alive | x, t_x, T) (FHL 2005; the model core's btyd/bgnbd.ts). */
export function bgnbdPAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  return btydBgnbdPAlive(p, x, tx, T);
}

/** Gamma-Gamma E[M | x, m] (FHL 2005 "RFM and CLV" eq. 5; the model core's btyd/gammagamma.ts). */
export function gammaGammaConditionalSpend(g: GammaGammaParams, x: number, m: number): number {
  return conditionalExpectedSpend(g, x, m);
}

function checkPositive(path: string, v: number): void {
  if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`${path}: ${v} (must be a finite number > 0)`);
}

export interface PrepareOptions {
  /** most groups to keep (default DEFAULT_MAX_GROUPS) */
  maxGroups?: number;
}

export function prepareBaseline(spec: BaselineSpec, options: PrepareOptions = {}): PreparedBaseline {
  const maxGroups = options.maxGroups ?? DEFAULT_MAX_GROUPS;
  if (spec.kind === 'contractual') return prepareContractual(spec);
  const purchase = spec.purchase;
  const model = purchase.model;
  if (!(model in PURCHASE_PARAM_KEYS))
    throw new RangeError(`baseline.purchase.model: '${String(model)}' (choose bgnbd, mbgnbd or paretonbd)`);
  const pp = purchase.params as unknown as Record<string, number>;
  for (const k of PURCHASE_PARAM_KEYS[model]) checkPositive(`baseline.purchase.params.${k}`, pp[k]);
  const bp = { r: pp.r, alpha: pp.alpha };
  const pareto = model === 'paretonbd';
  // the dropout prior: Beta(a, b) of p, or Gamma(s, β) of μ; MBG/NBD's alive posterior has b + x + 1
  const d0 = pareto ? pp.s : pp.a;
  const d1 = pareto ? pp.beta : pp.b;
  const bShift = model === 'mbgnbd' ? 1 : 0;
  const gp = spec.spend.params;
  for (const k of ['p', 'q', 'v'] as const) checkPositive(`baseline.spend.params.${k}`, gp[k]);
  if (!(gp.q > 1)) throw new RangeError(`baseline.spend.params.q: ${gp.q} (must be > 1 for a finite mean spend)`);
  const notes: string[] = [];
  const meanSpend = (gp.p * gp.v) / (gp.q - 1);

  let cols: CustomerColumns;
  if ('cohortSize' in spec.customers) {
    checkPositive('baseline.customers.cohortSize', spec.customers.cohortSize);
    cols = { x: [0], tx: [0], T: [0], m: [0], count: [spec.customers.cohortSize] };
    notes.push(
      `existing base: ${spec.customers.cohortSize} customers at acquisition (no purchase history: posterior = prior)`
    );
  } else {
    cols = spec.customers;
  }
  const n = cols.x.length;
  if (cols.tx.length !== n || cols.T.length !== n) {
    throw new RangeError(
      `baseline.customers: columns x (${n}), tx (${cols.tx.length}), T (${cols.T.length}) differ in length`
    );
  }
  // Per-customer P(alive) and conditional spend, then cells (x, T, decile) -> groups.
  const pa = new Float64Array(n);
  const sp = new Float64Array(n);
  let customers = 0;
  for (let i = 0; i < n; i++) {
    const x = cols.x[i];
    const tx = cols.tx[i];
    const T = cols.T[i];
    if (!(x >= 0) || !(tx >= 0) || !(T >= tx) || !Number.isFinite(T)) {
      throw new RangeError(`baseline.customers[${i}]: (x, tx, T) = (${x}, ${tx}, ${T}) (need x >= 0, 0 <= tx <= T)`);
    }
    pa[i] = purchasePAlive(purchase, x, tx, T);
    sp[i] = gammaGammaConditionalSpend(gp, x, cols.m ? cols.m[i] : 0);
    customers += cols.count ? cols.count[i] : 1;
  }
  // Coarsen step by step until the cells fit: T bins (weeks), then x above a cap in
  // half-octave bins, then fewer P(alive) bins.
  const stages: [tStep: number, xCap: number, pBins: number][] = [
    [0, Infinity, 10],
    [1, Infinity, 10],
    [4, Infinity, 10],
    [13, Infinity, 5],
    [26, Infinity, 5],
    [26, 20, 5],
    [52, 20, 3],
    [52, 12, 3],
    [104, 8, 3],
    [104, 6, 2],
    [104, 4, 2],
    [208, 2, 2],
    [1e9, 2, 2],
    [1e9, 2, 1],
    [1e9, 1, 1]
  ];
  // Each stage is coarser than the one before, so the cell count falls with the stage
  // (in practice: 4- and 13-week T bins are not nested partitions, so not by
  // construction; a miss only coarsens more than needed). Binary search for the
  // first stage that fits (the last one if none does): 4 groupings instead of up to 15.
  const tried = new Map<number, Map<string, number[]>>();
  const cellsAt = (k: number) => {
    let c = tried.get(k);
    if (!c) tried.set(k, (c = groupCells(cols, pa, ...stages[k])));
    return c;
  };
  let lo = 0;
  let hi = stages.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cellsAt(mid).size <= maxGroups) hi = mid;
    else lo = mid + 1;
  }
  const stage = stages[lo];
  const cells = cellsAt(lo);
  if (stage[0] > 0) {
    notes.push(
      `existing base binned into ${cells.size} groups (T bins of ${stage[0]} weeks${stage[1] < Infinity ? `, x > ${stage[1]} in half-octave bins` : ''}, ${stage[2]} P(alive) bins)`
    );
  }
  const G = cells.size;
  const g = allocGroups(G);
  let j = 0;
  for (const idx of cells.values()) {
    let cnt = 0,
      alive = 0,
      aliveSpend = 0,
      sx = 0,
      stx = 0,
      sT = 0,
      wsum = 0,
      m1 = 0,
      m2 = 0,
      u1 = 0,
      u2 = 0;
    let same = true;
    const x0 = cols.x[idx[0]],
      T0 = cols.T[idx[0]];
    for (const i of idx) {
      const c = cols.count ? cols.count[i] : 1;
      cnt += c;
      alive += c * pa[i];
      aliveSpend += c * pa[i] * sp[i];
      const w = c * Math.max(pa[i], 1e-12);
      const xi = cols.x[i],
        Ti = cols.T[i];
      sx += w * xi;
      stx += w * cols.tx[i];
      sT += w * Ti;
      wsum += w;
      // moments of λ | alive ~ Gamma(r + x, α + T): mean R/A, E[λ²] = R(R + 1)/A²
      const R = bp.r + xi,
        A = bp.alpha + Ti;
      m1 += (w * R) / A;
      m2 += (w * R * (R + 1)) / (A * A);
      if (pareto) {
        // moments of μ | alive ~ Gamma(s, β + T)
        const B = d1 + Ti;
        u1 += (w * d0) / B;
        u2 += (w * d0 * (d0 + 1)) / (B * B);
      }
      same &&= xi === x0 && Ti === T0;
    }
    const x = sx / wsum;
    const T = sT / wsum;
    g.x[j] = x;
    g.tx[j] = stx / wsum;
    g.T[j] = T;
    if (same) {
      g.shape[j] = bp.r + x0;
      g.rate[j] = bp.alpha + T0;
    } else {
      // a binned cell: the Gamma with the mixture's mean and variance of λ (the Gamma
      // at the mean (x, T) would miss the convexity of E[λ] = R/A in T)
      const mean = m1 / wsum;
      const variance = Math.max(m2 / wsum - mean * mean, ((mean * mean) / (bp.r + x)) * 1e-9);
      g.shape[j] = (mean * mean) / variance;
      g.rate[j] = mean / variance;
    }
    if (!pareto) {
      g.betaA[j] = d0;
      g.betaB[j] = d1 + x + bShift;
    } else if (same) {
      g.betaA[j] = d0;
      g.betaB[j] = d1 + T0;
    } else {
      const mean = u1 / wsum;
      const variance = Math.max(u2 / wsum - mean * mean, ((mean * mean) / d0) * 1e-9);
      g.betaA[j] = (mean * mean) / variance;
      g.betaB[j] = mean / variance;
    }
    g.count[j] = cnt;
    g.alive[j] = alive;
    g.aliveSpend[j] = aliveSpend;
    g.pAlive[j] = cnt > 0 ? alive / cnt : 0;
    j++;
  }
  if (!(spec.organicNewPerWeek >= 0))
    throw new RangeError(`baseline.organicNewPerWeek: ${spec.organicNewPerWeek} (must be >= 0)`);
  return {
    version: BASELINE_VERSION,
    kind: 'noncontractual',
    source: spec.source,
    spec,
    purchaseModel: model,
    dropout: pareto ? 'gamma' : 'beta',
    groups: g,
    prior: { shape: bp.r, rate: bp.alpha, betaA: d0, betaB: d1 },
    newCustomerSpend: meanSpend,
    periodWeeks: 1,
    organicNewPerWeek: spec.organicNewPerWeek,
    customers,
    notes
  };
}

function allocGroups(G: number): BaselineGroups {
  const f = () => new Float64Array(G);
  return {
    length: G,
    shape: f(),
    rate: f(),
    betaA: f(),
    betaB: f(),
    count: f(),
    alive: f(),
    aliveSpend: f(),
    pAlive: f(),
    x: f(),
    tx: f(),
    T: f()
  };
}

function groupCells(
  cols: CustomerColumns,
  pa: Float64Array,
  tStep: number,
  xCap: number,
  pBins: number
): Map<string, number[]> {
  const cells = new Map<string, number[]>();
  for (let i = 0; i < cols.x.length; i++) {
    const x = cols.x[i];
    const xKey = x <= xCap ? x : `L${Math.floor(Math.log2(x / xCap) * 2)}`;
    const tKey = tStep === 0 ? cols.T[i] : Math.floor(cols.T[i] / tStep);
    const pKey = Math.min(pBins - 1, Math.floor(pa[i] * pBins));
    const key = `${xKey}|${tKey}|${pKey}`;
    const list = cells.get(key);
    if (list) list.push(i);
    else cells.set(key, [i]);
  }
  return cells;
}

function prepareContractual(spec: ContractualBaselineSpec): PreparedBaseline {
  checkPositive('baseline.params.alpha', spec.params.alpha);
  checkPositive('baseline.params.beta', spec.params.beta);
  checkPositive('baseline.periodWeeks', spec.periodWeeks);
  checkPositive('baseline.pricePerPeriod', spec.pricePerPeriod);
  const { renewals, count } = spec.tenure;
  if (renewals.length !== count.length) {
    throw new RangeError(`baseline.tenure: renewals (${renewals.length}) and count (${count.length}) differ in length`);
  }
  const G = renewals.length;
  const g = allocGroups(G);
  let customers = 0;
  for (let j = 0; j < G; j++) {
    if (!(renewals[j] >= 0) || !(count[j] >= 0)) {
      throw new RangeError(`baseline.tenure[${j}]: renewals ${renewals[j]}, count ${count[j]} (both must be >= 0)`);
    }
    g.betaA[j] = spec.params.alpha;
    g.betaB[j] = spec.params.beta + renewals[j];
    g.count[j] = count[j];
    g.alive[j] = count[j];
    g.aliveSpend[j] = count[j] * spec.pricePerPeriod;
    g.pAlive[j] = 1;
    g.x[j] = renewals[j];
    customers += count[j];
  }
  return {
    version: BASELINE_VERSION,
    kind: 'contractual',
    source: spec.source,
    spec,
    purchaseModel: null,
    dropout: 'beta',
    groups: g,
    prior: { shape: 0, rate: 0, betaA: spec.params.alpha, betaB: spec.params.beta },
    newCustomerSpend: spec.pricePerPeriod,
    periodWeeks: spec.periodWeeks,
    organicNewPerWeek: spec.organicNewPerWeek,
    customers,
    notes: []
  };
}

/**
 * The default baseline when no data set is loaded: the published CDNOW fits,
 * stated as such. BG/NBD r = 0.243, α = 4.414, a = 0.793, b = 2.426 (Fader, Hardie &
 * Lee 2005, "Counting your customers the easy way", section 5); Gamma-Gamma
 * p = 6.25, q = 3.74, v = 15.44 (Fader, Hardie & Lee 2005 "RFM and CLV"; Hardie note 025).
 * The 23,570 customers of the CDNOW cohort are taken at acquisition (no history).
 */
export function cdnowDefaultBaseline(organicNewPerWeek = 0): NonContractualBaselineSpec {
  return {
    version: BASELINE_VERSION,
    kind: 'noncontractual',
    source: 'CDNOW published parameters (Fader, Hardie & Lee 2005), 23,570 customers at acquisition',
    purchase: { model: 'bgnbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } },
    spend: { params: { p: 6.25, q: 3.74, v: 15.44 } },
    customers: { cohortSize: 23570 },
    organicNewPerWeek
  };
}

/**
 * Default contractual baseline: sBG "regular" cohort of Fader & Hardie (2007),
 * α = 0.704, β = 1.182 (annual renewals), 1,000 subscribers at the start of year 1;
 * the price per year is illustrative.
 */
export function sbgDefaultBaseline(): ContractualBaselineSpec {
  return {
    version: BASELINE_VERSION,
    kind: 'contractual',
    source: 'sBG regular cohort (Fader & Hardie 2007), 1,000 new subscribers; price illustrative',
    params: { alpha: 0.704, beta: 1.182 },
    periodWeeks: 52,
    pricePerPeriod: 100,
    tenure: { renewals: [0], count: [1000] },
    organicNewPerWeek: 0
  };
}
