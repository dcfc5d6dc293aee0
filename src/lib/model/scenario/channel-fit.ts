/**
 * Channel response fit: weekly new customers against weekly spend by channel (issue 16 item 3).
 *
 * Response of channel c in week t (the workbench's own channel model, levers/channels.ts):
 *   A_ct = s_ct + θ_c A_c,t-1, A_c,-1 = 0             geometric adstock, unnormalised
 *   r_ct = N_c A_ct^κ_c / (A_ct^κ_c + K_c^κ_c)        Hill saturation, N_c = maximum new customers/week
 * The same parametrisation as the anchors: Jin et al. (2017) eq. 1 and 3; Meridian's
 * `adstock_hill` (adstock_{t} = Σ_i media_{t-i} α^i, Hill(x; ec, slope) = 1 / (1 + (x/ec)^-slope),
 * developers.google.com/meridian/docs/basics/media-saturation-lagging); Robyn's
 * `adstock_geometric(x, theta)` ("theta ... means fixed decay rate", rdrr.io/cran/Robyn/man/adstocks.html)
 * and PyMC-Marketing's `geometric_adstock(x, alpha, l_max, normalize)` with the Hill saturation on
 * its output. Our adstock is unnormalised (normalize = False), so K is in adstocked currency: a
 * constant spend s reaches A* = s / (1 - θ).
 *
 * Organic baseline (customers no paid channel brought): log o_t = β0 + β1 t/52 (+ β2 sin(2πt/52)
 * + β3 cos(2πt/52) when the data span two years or more).
 *
 * Likelihood: y_t ~ Poisson(μ_t) week by week.
 * - attributed mode: y_ct = channel c's first purchases, μ_ct = r_ct; the organic series is a
 *   Poisson log-linear GLM of its own (IRLS, McCullagh & Nelder 1989 section 2.5);
 * - aggregate mode: y_t = all first purchases, μ_t = o_t + Σ_c r_ct, fitted jointly.
 *
 * Penalised likelihood: the log-likelihood plus weakly-informative log priors on the unconstrained
 * parameters, the same in both modes (they matter only where the data say little, which is the
 * aggregate mode's channels with little spend variation):
 *   logit θ          ~ N(0, 1.5²)          θ median 0.5, 95% in (0.05, 0.95) (Meridian: α ~ U(0, 1))
 *   log κ            ~ N(ln 1.5, 0.6²)     κ median 1.5, 95% in (0.46, 4.9) (Meridian: slope ~ LogNormal(0.7, 0.4))
 *   log(K / m_c)     ~ N(0, 1²)            m_c = mean spend of the channel's active weeks / (1 - 0.5),
 *                                          the adstock of a typical week (Meridian scales ec by median media)
 *   log(N_c / n_c)   ~ N(ln 2, 1.5²)       n_c = mean weekly customers of the channel (attributed) or
 *                                          mean total / number of channels (aggregate)
 *   organic trend and seasonal coefficients ~ N(0, 1²); organic level flat.
 * The maximum (MAP) is found from a grid of shapes (attributed) or a non-negative EM start
 * (aggregate), then BFGS; uncertainty is the Laplace approximation: the inverse Hessian of the
 * penalised negative log-likelihood on the unconstrained scale, mapped to the natural scale by
 * the delta method (se θ = θ(1 - θ) sd, se p = p sd for the log parameters).
 *
 * Identifiability: a channel is flagged when the Hessian is not positive definite or when the
 * data shrink the prior sd of any of its four parameters by less than 30% (posterior sd > 0.7 x
 * prior sd): typically spend that never nears saturation, so K and N trade off along the curve.
 */
import { bfgs, invertSpd, numericalGradient, numericalHessian } from '../core/fit/index.ts';
import { geometricAdstock, hillSaturation } from './levers/channels.ts';
import { liftLogLikelihood, type ChannelLiftObservation } from './lift-tests.ts';

export type ChannelFitMode = 'attributed' | 'aggregate';

export interface ChannelFitInput {
  /** channel names, in the order of `spend` (and of `newCustomers` in attributed mode) */
  channels: readonly string[];
  /** weekly spend per channel, currency per week, every row the same length W */
  spend: readonly ArrayLike<number>[];
  /** attributed mode: weekly first purchases per channel (same order as `channels`) */
  newCustomers?: readonly ArrayLike<number>[];
  /** attributed mode: weekly first purchases of customers no paid channel brought */
  organic?: ArrayLike<number>;
  /** aggregate mode: weekly first purchases in total */
  total?: ArrayLike<number>;
  /**
   * channel lift tests (lift-tests.ts): each adds a normal term for the curve's steady-state lift
   * at the tested spend to the penalised likelihood, so a test narrows the curve where it measured
   */
  liftTests?: readonly ChannelLiftObservation[];
  /** progress in [0, 1] */
  onProgress?: (fraction: number) => void;
}

export interface ChannelParamsFit {
  adstockDecay: number;
  hillSlope: number;
  halfSaturation: number;
  maxNewCustomers: number;
}

export interface ChannelFit {
  channel: string;
  params: ChannelParamsFit;
  /** delta-method standard errors (NaN when the Hessian is not positive definite) */
  se: ChannelParamsFit;
  /** covariance of (logit θ, log κ, log K, log N) */
  cov: number[] | null;
  identified: boolean;
  /** why a channel is flagged, '' when identified */
  identificationNote: string;
  /** the observed range of weekly spend (active weeks) */
  spendRange: [number, number];
  /** weekly spend quartiles over the weeks with spend */
  spendQuartiles: [number, number, number];
  /** fitted weekly new customers of the channel */
  fitted: Float64Array;
  /** lift tests of this channel in the likelihood */
  liftTests: number;
}

export interface OrganicFit {
  /** coefficients of log o_t: level, trend per year, and sin/cos when seasonal */
  coefficients: number[];
  se: number[];
  seasonal: boolean;
  /** mean fitted organic new customers per week over the data */
  perWeek: number;
  fitted: Float64Array;
}

export interface ChannelFitResult {
  mode: ChannelFitMode;
  weeks: number;
  channels: ChannelFit[];
  organic: OrganicFit;
  converged: boolean;
  /** penalised log-likelihood (without the log(y!) constants) */
  logPosterior: number;
  warnings: string[];
}

const EPS = 1e-6;
const PRIOR = {
  logitTheta: { mean: 0, sd: 1.5 },
  logKappa: { mean: Math.log(1.5), sd: 0.6 },
  logK: { mean: 0, sd: 1 },
  logN: { mean: Math.log(2), sd: 1.5 },
  organicCoef: { mean: 0, sd: 1 }
} as const;
const PRIOR_SDS = [PRIOR.logitTheta.sd, PRIOR.logKappa.sd, PRIOR.logK.sd, PRIOR.logN.sd];

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));
const normalLogPdf = (x: number, mean: number, sd: number) => -0.5 * ((x - mean) / sd) ** 2;

/** a channel's scales for the priors */
interface Scales {
  spend: number;
  customers: number;
}

function channelScales(spend: ArrayLike<number>, customersPerWeek: number): Scales {
  let sum = 0;
  let active = 0;
  for (let t = 0; t < spend.length; t++) {
    if (spend[t] > 0) {
      sum += spend[t];
      active++;
    }
  }
  const mean = active > 0 ? sum / active : 1;
  return { spend: mean / 0.5, customers: Math.max(customersPerWeek, 0.1) };
}

function channelLogPrior(u: ArrayLike<number>, o: number, s: Scales): number {
  return (
    normalLogPdf(u[o], PRIOR.logitTheta.mean, PRIOR.logitTheta.sd) +
    normalLogPdf(u[o + 1], PRIOR.logKappa.mean, PRIOR.logKappa.sd) +
    normalLogPdf(u[o + 2] - Math.log(s.spend), PRIOR.logK.mean, PRIOR.logK.sd) +
    normalLogPdf(u[o + 3] - Math.log(s.customers), PRIOR.logN.mean, PRIOR.logN.sd)
  );
}

/** r_t of one channel for unconstrained parameters u[o..o+3], added into `out` (or written when add = false). */
function addResponse(
  spend: ArrayLike<number>,
  u: ArrayLike<number>,
  o: number,
  out: Float64Array,
  add: boolean
): boolean {
  const theta = logistic(u[o]);
  const kappa = Math.exp(u[o + 1]);
  const logK = u[o + 2];
  const n = Math.exp(u[o + 3]);
  if (!(theta < 1) || !Number.isFinite(kappa) || !Number.isFinite(n) || !Number.isFinite(logK)) return false;
  let carry = 0;
  for (let t = 0; t < out.length; t++) {
    carry = spend[t] + theta * carry;
    const r = carry > 0 ? n / (1 + Math.exp(kappa * (logK - Math.log(carry)))) : 0;
    out[t] = add ? out[t] + r : r;
  }
  return true;
}

function poissonLogLik(y: ArrayLike<number>, mu: Float64Array): number {
  let ll = 0;
  for (let t = 0; t < mu.length; t++) {
    const m = mu[t] + EPS;
    ll += y[t] * Math.log(m) - m;
  }
  return ll;
}

/** the channel lift tests' log-likelihood for the channel at u[o..o+3] */
function liftTerm(u: ArrayLike<number>, o: number, tests: readonly ChannelLiftObservation[]): number {
  if (tests.length === 0) return 0;
  const p = toParams(u, o);
  let ll = 0;
  for (const t of tests) ll += liftLogLikelihood(p, t);
  return ll;
}

const toParams = (u: ArrayLike<number>, o: number): ChannelParamsFit => ({
  adstockDecay: logistic(u[o]),
  hillSlope: Math.exp(u[o + 1]),
  halfSaturation: Math.exp(u[o + 2]),
  maxNewCustomers: Math.exp(u[o + 3])
});

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function spendSummary(spend: ArrayLike<number>): { range: [number, number]; quartiles: [number, number, number] } {
  const active = Array.from(spend)
    .filter((v) => v > 0)
    .sort((a, b) => a - b);
  return {
    range: [active[0] ?? 0, active[active.length - 1] ?? 0],
    quartiles: [quantile(active, 0.25), quantile(active, 0.5), quantile(active, 0.75)]
  };
}

/** Steady-state weekly new customers of a fitted channel at a constant weekly spend. */
export function fittedSteadyState(p: ChannelParamsFit, spendPerWeek: number): number {
  return p.maxNewCustomers * hillSaturation(spendPerWeek / (1 - p.adstockDecay), p.halfSaturation, p.hillSlope);
}

/**
 * A function of a fitted channel's parameters with its delta-method standard error from the
 * fit's covariance on the unconstrained scale (NaN without one).
 */
export function fittedWithSe(fit: ChannelFit, f: (p: ChannelParamsFit) => number): { value: number; se: number } {
  const at = (u: number[]) => f(toParams(u, 0));
  const p = fit.params;
  const u = [logit(p.adstockDecay), Math.log(p.hillSlope), Math.log(p.halfSaturation), Math.log(p.maxNewCustomers)];
  const value = at(u);
  if (!fit.cov) return { value, se: NaN };
  const g = numericalGradient(at, u, 1e-6);
  let v = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) v += g[i] * fit.cov[i * 4 + j] * g[j];
  return { value, se: Math.sqrt(Math.max(v, 0)) };
}

/** The steady state with its delta-method standard error. */
export function fittedSteadyStateWithSe(fit: ChannelFit, spendPerWeek: number): { value: number; se: number } {
  return fittedWithSe(fit, (p) => fittedSteadyState(p, spendPerWeek));
}

/** Organic design matrix rows: [1, t/52, sin, cos] (seasonal when >= 104 weeks). */
function organicDesign(weeks: number): { columns: Float64Array[]; seasonal: boolean } {
  const seasonal = weeks >= 104;
  const columns: Float64Array[] = [new Float64Array(weeks).fill(1), new Float64Array(weeks)];
  for (let t = 0; t < weeks; t++) columns[1][t] = (t - (weeks - 1) / 2) / 52;
  if (seasonal) {
    const s = new Float64Array(weeks);
    const c = new Float64Array(weeks);
    for (let t = 0; t < weeks; t++) {
      s[t] = Math.sin((2 * Math.PI * t) / 52);
      c[t] = Math.cos((2 * Math.PI * t) / 52);
    }
    columns.push(s, c);
  }
  return { columns, seasonal };
}

function organicPenalty(beta: ArrayLike<number>, p: number, offset = 0): number {
  let lp = 0;
  for (let j = 1; j < p; j++) lp += normalLogPdf(beta[offset + j], PRIOR.organicCoef.mean, PRIOR.organicCoef.sd);
  return lp;
}

/**
 * Poisson log-linear regression by penalised IRLS (Newton on the log-posterior with the
 * N(0, 1) priors on every coefficient but the level).
 */
export function fitOrganicBaseline(y: ArrayLike<number>): OrganicFit {
  const weeks = y.length;
  const { columns, seasonal } = organicDesign(weeks);
  const p = columns.length;
  let total = 0;
  for (let t = 0; t < weeks; t++) total += y[t];
  const beta = new Array<number>(p).fill(0);
  beta[0] = Math.log(Math.max(total / Math.max(weeks, 1), 1e-3));
  let info: number[] = [];
  for (let iteration = 0; iteration < 60; iteration++) {
    const score = new Array<number>(p).fill(0);
    info = new Array<number>(p * p).fill(0);
    for (let t = 0; t < weeks; t++) {
      let eta = 0;
      for (let j = 0; j < p; j++) eta += beta[j] * columns[j][t];
      const mu = Math.exp(eta);
      for (let j = 0; j < p; j++) {
        score[j] += (y[t] - mu) * columns[j][t];
        for (let k = 0; k <= j; k++) info[j * p + k] += mu * columns[j][t] * columns[k][t];
      }
    }
    for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) info[k * p + j] = info[j * p + k];
    for (let j = 1; j < p; j++) {
      score[j] -= (beta[j] - PRIOR.organicCoef.mean) / PRIOR.organicCoef.sd ** 2;
      info[j * p + j] += 1 / PRIOR.organicCoef.sd ** 2;
    }
    const inv = invertSpd(info, p);
    if (!inv) break;
    let largest = 0;
    const step = new Array<number>(p).fill(0);
    for (let j = 0; j < p; j++) {
      for (let k = 0; k < p; k++) step[j] += inv[j * p + k] * score[k];
      largest = Math.max(largest, Math.abs(step[j]));
    }
    const damp = Math.min(1, 2 / Math.max(largest, 1e-300));
    for (let j = 0; j < p; j++) beta[j] += damp * step[j];
    if (largest < 1e-10) break;
  }
  const inv = invertSpd(info, p);
  const fitted = new Float64Array(weeks);
  let sum = 0;
  for (let t = 0; t < weeks; t++) {
    let eta = 0;
    for (let j = 0; j < p; j++) eta += beta[j] * columns[j][t];
    fitted[t] = Math.exp(eta);
    sum += fitted[t];
  }
  return {
    coefficients: beta,
    se: beta.map((_, j) => (inv ? Math.sqrt(inv[j * p + j]) : NaN)),
    seasonal,
    perWeek: weeks > 0 ? sum / weeks : 0,
    fitted
  };
}

function summarise(
  channel: string,
  spend: ArrayLike<number>,
  u: readonly number[],
  o: number,
  cov: number[] | null,
  covOffset: number,
  covSize: number,
  weeks: number,
  liftTests: number
): ChannelFit {
  const params = toParams(u, o);
  const block: number[] | null = cov ? new Array<number>(16) : null;
  if (cov && block) {
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) block[i * 4 + j] = cov[(covOffset + i) * covSize + covOffset + j];
    }
  }
  const sd = block ? [0, 1, 2, 3].map((i) => Math.sqrt(block[i * 4 + i])) : [NaN, NaN, NaN, NaN];
  const se: ChannelParamsFit = {
    adstockDecay: params.adstockDecay * (1 - params.adstockDecay) * sd[0],
    hillSlope: params.hillSlope * sd[1],
    halfSaturation: params.halfSaturation * sd[2],
    maxNewCustomers: params.maxNewCustomers * sd[3]
  };
  const names = ['adstock decay', 'Hill slope', 'half-saturation', 'maximum new customers'];
  const notes: string[] = [];
  if (!block || !sd.every(Number.isFinite)) {
    notes.push('the curvature of the likelihood is not positive definite at the estimate');
  } else {
    const weak = sd.map((s, i) => (s > 0.7 * PRIOR_SDS[i] ? names[i] : '')).filter(Boolean);
    if (weak.length > 0) {
      notes.push(
        `the data pin down ${weak.join(', ')} little more than the prior does (posterior sd over 0.7 of the prior sd)`
      );
    }
  }
  let maxAdstock = 0;
  for (const a of geometricAdstock(spend, params.adstockDecay)) maxAdstock = Math.max(maxAdstock, a);
  if (maxAdstock < params.halfSaturation) {
    notes.push(
      'the observed spend never reaches the fitted half-saturation, so the half-saturation and maximum new customers are extrapolated beyond the data'
    );
  }
  const identificationNote = notes.join('; ');
  const summary = spendSummary(spend);
  const fitted = new Float64Array(weeks);
  addResponse(spend, u, o, fitted, false);
  return {
    channel,
    params,
    se,
    cov: block,
    identified: identificationNote === '',
    identificationNote,
    spendRange: summary.range,
    spendQuartiles: summary.quartiles,
    fitted,
    liftTests
  };
}

/** Attributed mode for one channel: MAP of 4 parameters from a grid of shapes, then BFGS. */
function fitAttributedChannel(
  channel: string,
  spend: ArrayLike<number>,
  y: ArrayLike<number>,
  tests: readonly ChannelLiftObservation[]
): { fit: ChannelFit; converged: boolean; logPosterior: number } {
  const weeks = spend.length;
  let total = 0;
  for (let t = 0; t < weeks; t++) total += y[t];
  const scales = channelScales(spend, total / Math.max(weeks, 1));
  const mu = new Float64Array(weeks);
  const negLogPost = (u: number[]): number => {
    if (!addResponse(spend, u, 0, mu, false)) return Infinity;
    return -(poissonLogLik(y, mu) + channelLogPrior(u, 0, scales) + liftTerm(u, 0, tests));
  };
  // grid of shapes; the scale N given the shape is the Poisson MLE Σ y / Σ hill
  let best: number[] = [0, Math.log(1.5), Math.log(scales.spend), Math.log(scales.customers * 2)];
  let bestValue = negLogPost(best);
  const buffer = new Float64Array(weeks);
  for (const theta of [0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9]) {
    const adstock = geometricAdstock(spend, theta, buffer);
    for (const kappa of [0.7, 1.2, 2, 3.5]) {
      for (const kMult of [0.25, 0.5, 1, 2, 4]) {
        const K = scales.spend * kMult;
        let hillSum = 0;
        for (let t = 0; t < weeks; t++) hillSum += hillSaturation(adstock[t], K, kappa);
        if (!(hillSum > 0)) continue;
        const u = [logit(theta), Math.log(kappa), Math.log(K), Math.log(Math.max(total / hillSum, 1e-3))];
        const v = negLogPost(u);
        if (v < bestValue) {
          bestValue = v;
          best = u;
        }
      }
    }
  }
  const result = bfgs(negLogPost, best, { maxIterations: 400, gradientTolerance: 1e-5 });
  const H = numericalHessian(negLogPost, result.x, 1e-4);
  const cov = invertSpd(H, 4);
  const fit = summarise(channel, spend, result.x, 0, cov, 0, 4, weeks, tests.length);
  const converged = result.converged || Math.max(...numericalGradient(negLogPost, result.x).map(Math.abs)) < 1e-3;
  return { fit, converged: converged && cov !== null, logPosterior: -result.f };
}

/**
 * Aggregate mode: the organic baseline and every channel's four parameters jointly. Start: every
 * channel's shape at θ = 0.4, κ = 1.5, K = m_c, and the channel scales and organic level from
 * the EM iteration of a non-negative linear Poisson model (Dempster, Laird & Rubin 1977; the
 * multiplicative update w_j <- w_j Σ_t y_t x_jt / μ_t / Σ_t x_jt), then one sweep of a per-channel
 * shape grid with the others held, then BFGS on all parameters.
 */
function fitAggregate(
  channels: readonly string[],
  spend: readonly ArrayLike<number>[],
  y: ArrayLike<number>,
  tests: readonly (readonly ChannelLiftObservation[])[],
  onProgress?: (f: number) => void
): { fits: ChannelFit[]; organic: OrganicFit; converged: boolean; logPosterior: number } {
  const weeks = y.length;
  const C = channels.length;
  const { columns, seasonal } = organicDesign(weeks);
  const p = columns.length;
  let total = 0;
  for (let t = 0; t < weeks; t++) total += y[t];
  const meanY = total / Math.max(weeks, 1);
  const scales = spend.map((s) => channelScales(s, meanY / Math.max(C, 1)));
  const k = 4 * C + p;
  const mu = new Float64Array(weeks);
  const organicAt = (u: ArrayLike<number>, out: Float64Array) => {
    for (let t = 0; t < weeks; t++) {
      let eta = 0;
      for (let j = 0; j < p; j++) eta += u[4 * C + j] * columns[j][t];
      out[t] = Math.exp(eta);
    }
  };
  const negLogPost = (u: number[]): number => {
    organicAt(u, mu);
    let lp = organicPenalty(u, p, 4 * C);
    for (let c = 0; c < C; c++) {
      if (!addResponse(spend[c], u, 4 * c, mu, true)) return Infinity;
      lp += channelLogPrior(u, 4 * c, scales[c]) + liftTerm(u, 4 * c, tests[c]);
    }
    return -(poissonLogLik(y, mu) + lp);
  };
  // EM start for the scales
  const u = new Array<number>(k).fill(0);
  const hills = spend.map((s, c) => {
    const a = geometricAdstock(s, 0.4);
    return Float64Array.from(a, (v) => hillSaturation(v, scales[c].spend, 1.5));
  });
  const w = new Array<number>(C + 1).fill(meanY / (C + 1));
  const xs = [...hills, new Float64Array(weeks).fill(1)];
  const colSums = xs.map((x) => x.reduce((s, v) => s + v, 0));
  for (let iteration = 0; iteration < 200; iteration++) {
    const m = new Float64Array(weeks);
    for (let j = 0; j <= C; j++) for (let t = 0; t < weeks; t++) m[t] += w[j] * xs[j][t];
    for (let j = 0; j <= C; j++) {
      if (!(colSums[j] > 0)) continue;
      let num = 0;
      for (let t = 0; t < weeks; t++) num += (y[t] * xs[j][t]) / Math.max(m[t], 1e-12);
      w[j] *= num / colSums[j];
    }
  }
  for (let c = 0; c < C; c++) {
    u[4 * c] = logit(0.4);
    u[4 * c + 1] = Math.log(1.5);
    u[4 * c + 2] = Math.log(scales[c].spend);
    u[4 * c + 3] = Math.log(Math.max(w[c], meanY * 1e-3));
  }
  u[4 * C] = Math.log(Math.max(w[C], meanY * 1e-3));
  // one sweep of a shape grid per channel, N rescaled to keep the channel's total response
  let current = negLogPost(u);
  for (let c = 0; c < C; c++) {
    const o = 4 * c;
    const base = u.slice(o, o + 4);
    const response = new Float64Array(weeks);
    addResponse(spend[c], base, 0, response, false);
    const target = response.reduce((s, v) => s + v, 0);
    for (const theta of [0.1, 0.3, 0.5, 0.7, 0.85]) {
      for (const kappa of [0.8, 1.5, 2.5]) {
        for (const kMult of [0.5, 1, 2]) {
          const trial = u.slice();
          trial[o] = logit(theta);
          trial[o + 1] = Math.log(kappa);
          trial[o + 2] = Math.log(scales[c].spend * kMult);
          trial[o + 3] = 0;
          addResponse(spend[c], trial, o, response, false);
          const sum = response.reduce((s, v) => s + v, 0);
          if (!(sum > 0) || !(target > 0)) continue;
          trial[o + 3] = Math.log(target / sum);
          const v = negLogPost(trial);
          if (v < current) {
            current = v;
            for (let i = 0; i < 4; i++) u[o + i] = trial[o + i];
          }
        }
      }
    }
    onProgress?.((0.3 * (c + 1)) / C);
  }
  const result = bfgs(negLogPost, u, { maxIterations: 1500, gradientTolerance: 1e-4 });
  onProgress?.(0.85);
  const H = numericalHessian(negLogPost, result.x, 1e-4);
  const cov = invertSpd(H, k);
  const fits = channels.map((ch, c) => summarise(ch, spend[c], result.x, 4 * c, cov, 4 * c, k, weeks, tests[c].length));
  const fitted = new Float64Array(weeks);
  organicAt(result.x, fitted);
  const organic: OrganicFit = {
    coefficients: result.x.slice(4 * C),
    se: Array.from({ length: p }, (_, j) => (cov ? Math.sqrt(cov[(4 * C + j) * k + 4 * C + j]) : NaN)),
    seasonal,
    perWeek: fitted.reduce((s, v) => s + v, 0) / Math.max(weeks, 1),
    fitted
  };
  const gradient = numericalGradient(negLogPost, result.x);
  const converged = (result.converged || Math.max(...gradient.map(Math.abs)) < 1e-2) && cov !== null;
  return { fits, organic, converged, logPosterior: -result.f };
}

function checkSeries(name: string, values: ArrayLike<number>, weeks: number, counts: boolean): void {
  if (values.length !== weeks) {
    throw new RangeError(`${name} has ${values.length} weeks where the spend has ${weeks}`);
  }
  for (let t = 0; t < weeks; t++) {
    const v = values[t];
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`${name} week ${t + 1}: ${v} (must be a number >= 0)`);
    if (counts && Math.round(v) !== v) throw new RangeError(`${name} week ${t + 1}: ${v} is not a whole count`);
  }
}

/** Fits the channel response model; the mode follows the input (per-channel series -> attributed). */
export function fitChannelResponse(input: ChannelFitInput): ChannelFitResult {
  const { channels, spend } = input;
  if (channels.length === 0 || channels.length !== spend.length) {
    throw new RangeError(
      `channel fit needs one spend series per channel (${channels.length} names, ${spend.length} series)`
    );
  }
  const weeks = spend[0].length;
  spend.forEach((s, c) => checkSeries(`spend of ${channels[c]}`, s, weeks, false));
  const warnings: string[] = [];
  const tests = channels.map(() => [] as ChannelLiftObservation[]);
  for (const t of input.liftTests ?? []) {
    const c = channels.indexOf(t.channel);
    if (c < 0) {
      warnings.push(`the lift test of ${t.channel} is not used: ${t.channel} is not among the channels fitted`);
      continue;
    }
    if (
      !(t.sePerWeek > 0) ||
      !Number.isFinite(t.incrementalPerWeek) ||
      !(t.spendPerWeek >= 0) ||
      !Number.isFinite(t.spendChangePerWeek) ||
      t.spendChangePerWeek === 0 ||
      t.spendPerWeek + t.spendChangePerWeek < 0
    ) {
      throw new RangeError(
        `lift test of ${t.channel}: spend ${t.spendPerWeek}, change ${t.spendChangePerWeek}, incremental ${t.incrementalPerWeek} ± ${t.sePerWeek} a week (need spend >= 0, a non-zero change that keeps spend >= 0, a finite incremental and se > 0)`
      );
    }
    tests[c].push(t);
  }
  if (input.newCustomers) {
    if (input.newCustomers.length !== channels.length) {
      throw new RangeError(`attributed fit needs one new-customer series per channel`);
    }
    input.newCustomers.forEach((s, c) => checkSeries(`new customers of ${channels[c]}`, s, weeks, true));
    const organicSeries = input.organic ?? new Float64Array(weeks);
    checkSeries('organic new customers', organicSeries, weeks, true);
    const fits: ChannelFit[] = [];
    let converged = true;
    let logPosterior = 0;
    for (let c = 0; c < channels.length; c++) {
      const r = fitAttributedChannel(channels[c], spend[c], input.newCustomers[c], tests[c]);
      fits.push(r.fit);
      if (!r.converged) {
        converged = false;
        warnings.push(`${channels[c]}: the fit did not converge`);
      }
      logPosterior += r.logPosterior;
      input.onProgress?.((c + 1) / (channels.length + 1));
    }
    const organic = fitOrganicBaseline(organicSeries);
    input.onProgress?.(1);
    return { mode: 'attributed', weeks, channels: fits, organic, converged, logPosterior, warnings };
  }
  if (!input.total) throw new RangeError('channel fit needs per-channel new customers or the total');
  checkSeries('new customers', input.total, weeks, true);
  const r = fitAggregate(channels, spend, input.total, tests, input.onProgress);
  if (!r.converged) warnings.push('the joint fit did not converge');
  input.onProgress?.(1);
  return {
    mode: 'aggregate',
    weeks,
    channels: r.fits,
    organic: r.organic,
    converged: r.converged,
    logPosterior: r.logPosterior,
    warnings
  };
}

export interface ResponseBandPoint {
  spendPerWeek: number;
  /** steady-state new customers per week */
  value: number;
  /** 95% band from the fit's covariance (delta method on the unconstrained scale) */
  low: number;
  high: number;
  /** spend above the highest weekly spend the channel saw: the curve is extrapolated there */
  extrapolated: boolean;
}

/**
 * A fitted channel's steady-state response over spend, 0 .. 1.5 x the highest observed weekly
 * spend, with its 95% band (value ± 1.96 se, floored at 0).
 */
export function responseBand(fit: ChannelFit, points = 41): ResponseBandPoint[] {
  const top = 1.5 * Math.max(fit.spendRange[1], 1e-9);
  const out: ResponseBandPoint[] = [];
  for (let i = 0; i < points; i++) {
    const s = (top * i) / (points - 1);
    const { value, se } = fittedWithSe(fit, (p) => fittedSteadyState(p, s));
    const half = Number.isFinite(se) ? 1.959964 * se : 0;
    out.push({
      spendPerWeek: s,
      value,
      low: Math.max(0, value - half),
      high: value + half,
      extrapolated: s > fit.spendRange[1]
    });
  }
  return out;
}

export interface ChannelCac {
  channel: string;
  spendPerWeek: number;
  newCustomersPerWeek: number;
  /** spend / new customers at steady state */
  cac: number;
  /** 1 / (d new customers / d spend): the cost of the next customer */
  marginalCac: number;
  /** their delta-method standard errors */
  cacSe: number;
  marginalCacSe: number;
}

/** CAC and marginal CAC of a fitted channel at a steady weekly spend. */
export function channelCac(fit: ChannelFit, spendPerWeek: number): ChannelCac {
  const step = Math.max(1e-3, 1e-4 * spendPerWeek);
  const slope = (p: ChannelParamsFit) =>
    (fittedSteadyState(p, spendPerWeek + step) - fittedSteadyState(p, Math.max(0, spendPerWeek - step))) /
    (spendPerWeek + step - Math.max(0, spendPerWeek - step));
  const n = fittedWithSe(fit, (p) => fittedSteadyState(p, spendPerWeek));
  const cac = fittedWithSe(fit, (p) => spendPerWeek / fittedSteadyState(p, spendPerWeek));
  const marginal = fittedWithSe(fit, (p) => 1 / slope(p));
  return {
    channel: fit.channel,
    spendPerWeek,
    newCustomersPerWeek: n.value,
    cac: cac.value,
    marginalCac: marginal.value,
    cacSe: cac.se,
    marginalCacSe: marginal.se
  };
}

/** "Current" weekly spend of a channel: the mean of its last `weeks` weeks (13 = a quarter). */
export function recentSpendPerWeek(spend: ArrayLike<number>, weeks = 13): number {
  const from = Math.max(0, spend.length - weeks);
  let sum = 0;
  for (let t = from; t < spend.length; t++) sum += spend[t];
  return spend.length > from ? sum / (spend.length - from) : 0;
}
