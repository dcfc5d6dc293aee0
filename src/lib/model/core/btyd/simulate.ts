/**
 * Seeded simulators that draw customers from known parameters, for parameter-recovery tests
 * and the sample-data generator. Hot loops use typed arrays and no per-transaction objects;
 * pass `onTransaction` to receive each transaction time (customer index, time since the
 * first purchase) when transaction-level data are needed.
 *
 * - BG/NBD (FHL 2005 section 2): lambda ~ Gamma(r, alpha), p ~ Beta(a, b); exponential gaps
 *   at rate lambda; after each repeat purchase the customer drops out with probability p.
 * - MBG/NBD (Batislam et al. 2007): as BG/NBD, and dropout is also possible right after the
 *   first purchase at time 0.
 * - Pareto/NBD: lambda ~ Gamma(r, alpha), lifetime ~ Exp(mu), mu ~ Gamma(s, beta).
 * - sBG (FH 2007): theta ~ Beta(alpha, beta); churn period ~ Geometric(theta) on 1, 2, ...
 * - BG/BB (FHS 2010): at each opportunity an alive customer first dies with probability theta,
 *   else transacts with probability p.
 * Transactions after T are counted in `xHoldout` up to T + holdout.
 */
import { createRng } from '../random/rng.ts';
import type { Rng } from '../random/rng.ts';
import type { BgBbParams, BgNbdParams, ParetoNbdParams, SbgParams } from '../types.ts';

export interface SimulatedRfm {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** repeat transactions in (T, T + holdout] */
  xHoldout: Float64Array;
  /** each customer's latent purchase rate per period */
  rate: Float64Array;
  /** 1 if the customer is alive at T */
  aliveAtT: Uint8Array;
}

export interface SimulateOptions {
  /** length of the calibration window per customer (one number for all, or one per customer) */
  T: number | ArrayLike<number>;
  customers: number;
  seed: number;
  /** holdout length after T (default 0) */
  holdout?: number;
  onTransaction?: (customer: number, time: number) => void;
  /** use this generator instead of one created from `seed` */
  rng?: Rng;
}

type Kind = 'bgnbd' | 'mbgnbd';

function simulateBgFamily(kind: Kind, params: BgNbdParams, options: SimulateOptions): SimulatedRfm {
  const { customers, holdout = 0, onTransaction } = options;
  const rng = options.rng ?? createRng(options.seed);
  const out = allocate(customers);
  // samplers set up once (checked parameters, constants per shape): the same draws as
  // rng.gamma / rng.beta / rng.exponential, at a fraction of the cost per customer
  const drawLambda = rng.gammaSampler(params.r, params.alpha);
  const drawP = rng.betaSampler(params.a, params.b);
  const uniform = rng.uniform;
  const sharedT = typeof options.T === 'number' ? options.T : null;
  for (let i = 0; i < customers; i++) {
    const T = sharedT ?? (options.T as ArrayLike<number>)[i];
    const end = T + holdout;
    const lambda = drawLambda();
    const p = drawP();
    out.T[i] = T;
    out.rate[i] = lambda;
    let alive = !(kind === 'mbgnbd' && uniform() < p);
    let t = 0;
    let x = 0;
    let tx = 0;
    let xh = 0;
    while (alive) {
      t += -Math.log1p(-uniform()) / lambda; // Exponential(lambda) by inversion, as rng.exponential
      if (t > end) break;
      if (t <= T) {
        x++;
        tx = t;
      } else xh++;
      if (onTransaction) onTransaction(i, t);
      if (uniform() < p) alive = false;
    }
    out.x[i] = x;
    out.tx[i] = tx;
    out.xHoldout[i] = xh;
    // alive at T: still alive and the process stopped because time ran past the window
    out.aliveAtT[i] = alive || t > T ? 1 : 0;
  }
  return out;
}

function allocate(n: number): SimulatedRfm {
  return {
    x: new Float64Array(n),
    tx: new Float64Array(n),
    T: new Float64Array(n),
    xHoldout: new Float64Array(n),
    rate: new Float64Array(n),
    aliveAtT: new Uint8Array(n)
  };
}

export function simulateBgNbd(params: BgNbdParams, options: SimulateOptions): SimulatedRfm {
  return simulateBgFamily('bgnbd', params, options);
}

export function simulateMbgNbd(params: BgNbdParams, options: SimulateOptions): SimulatedRfm {
  return simulateBgFamily('mbgnbd', params, options);
}

export function simulateParetoNbd(params: ParetoNbdParams, options: SimulateOptions): SimulatedRfm {
  const { customers, holdout = 0, onTransaction } = options;
  const rng = options.rng ?? createRng(options.seed);
  const out = allocate(customers);
  for (let i = 0; i < customers; i++) {
    const T = typeof options.T === 'number' ? options.T : options.T[i];
    const lambda = rng.gamma(params.r, params.alpha);
    const mu = rng.gamma(params.s, params.beta);
    const lifetime = rng.exponential(mu);
    const end = Math.min(T + holdout, lifetime);
    let t = 0;
    let x = 0;
    let tx = 0;
    let xh = 0;
    for (;;) {
      t += rng.exponential(lambda);
      if (t > end) break;
      if (t <= T) {
        x++;
        tx = t;
      } else xh++;
      if (onTransaction) onTransaction(i, t);
    }
    out.x[i] = x;
    out.tx[i] = tx;
    out.T[i] = T;
    out.xHoldout[i] = xh;
    out.rate[i] = lambda;
    out.aliveAtT[i] = lifetime > T ? 1 : 0;
  }
  return out;
}

/** Churn period (1, 2, ...) of each customer of an sBG cohort. */
export function simulateSbg(params: SbgParams, customers: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const out = new Float64Array(customers);
  for (let i = 0; i < customers; i++) out[i] = rng.geometric(rng.beta(params.alpha, params.beta));
  return out;
}

export interface SimulatedBgBb {
  x: Float64Array;
  tx: Float64Array;
  n: Float64Array;
}

/** BG/BB customers observed over `opportunities` transaction opportunities. */
export function simulateBgBb(
  params: BgBbParams,
  customers: number,
  opportunities: number,
  seed: number
): SimulatedBgBb {
  const rng = createRng(seed);
  const x = new Float64Array(customers);
  const tx = new Float64Array(customers);
  const n = new Float64Array(customers).fill(opportunities);
  for (let i = 0; i < customers; i++) {
    const p = rng.beta(params.alpha, params.beta);
    const theta = rng.beta(params.gamma, params.delta);
    for (let t = 1; t <= opportunities; t++) {
      if (rng.uniform() < theta) break;
      if (rng.uniform() < p) {
        x[i]++;
        tx[i] = t;
      }
    }
  }
  return { x, tx, n };
}

/** Compresses simulated BG/BB customers to the (x, t_x, n) table with counts. */
export function compressBgBb(sim: SimulatedBgBb): import('../types.ts').BgBbData {
  const index = new Map<string, number>();
  const ox: number[] = [];
  const otx: number[] = [];
  const on: number[] = [];
  const oc: number[] = [];
  for (let i = 0; i < sim.x.length; i++) {
    const key = `${sim.x[i]}|${sim.tx[i]}|${sim.n[i]}`;
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, ox.length);
      ox.push(sim.x[i]);
      otx.push(sim.tx[i]);
      on.push(sim.n[i]);
      oc.push(1);
    } else oc[at]++;
  }
  return {
    x: Float64Array.from(ox),
    tx: Float64Array.from(otx),
    n: Float64Array.from(on),
    count: Float64Array.from(oc),
    length: ox.length,
    customers: sim.x.length
  };
}
