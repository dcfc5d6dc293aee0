/**
 * Parameter recovery for the classroom: draw a seeded sample from a stated truth, fit the model
 * to it, and put a 90% interval around each estimate; repeated over many seeds, the estimates
 * show the sampling distribution and the intervals' coverage (the share of intervals that
 * contain the truth, which should be near the nominal level when the normal approximation holds).
 *
 * Models and their draws (every draw from the model's own generative story):
 * - bgnbd: FHL (2005) customers over a calibration window of `periods` weeks (simulate.ts);
 * - gammagamma: the same BG/NBD customers; each repeat buyer's spend per transaction
 *   z ~ Gamma(p, ν), ν ~ Gamma(q, v) (FHL 2005 "RFM and CLV" section 3), so the mean of x
 *   transactions is m ~ Gamma(p x, ν x);
 * - sbg: a cohort whose churn probability θ ~ Beta(α, β) (FH 2007), observed for `periods` periods;
 * - channel: one channel's flighted weekly spend over `periods` weeks and the Poisson new
 *   customers it brings through geometric adstock and Hill saturation, plus an organic
 *   baseline (channel-simulate.ts), fitted in attributed mode (channel-fit.ts).
 *
 * Intervals: Wald intervals from the Hessian at the optimum (the observed information), built on
 * the scale the optimiser works on and mapped back: log θ for the positive parameters of the
 * BTYD models (FitResult.logCov), logit for the channel's adstock decay and log for its other
 * parameters (ChannelFit.cov). So each interval is estimate x/÷ exp(z sd), never below zero.
 * The channel fit is a penalised (MAP) fit with weak priors: its interval is the Laplace
 * approximation of the posterior, and the priors pull an estimate where the data say little.
 */
import { fitBgNbd } from '../core/btyd/bgnbd.ts';
import { fitGammaGamma } from '../core/btyd/gammagamma.ts';
import { fitSbg, survivalFromChurnPeriods } from '../core/btyd/sbg.ts';
import { simulateBgNbd, simulateSbg } from '../core/btyd/simulate.ts';
import { compressRfmArrays, compressSpend } from '../core/fit/compress.ts';
import { createRng } from '../core/random/rng.ts';
import { splitSeed } from '../core/random/splitmix32.ts';
import { normalQuantile } from '../core/special/normalQuantile.ts';
import { quantileSorted } from '../core/quantile.ts';
import type { FitResult } from '../core/types.ts';
import { fitChannelResponse } from '../scenario/channel-fit.ts';
import { simulateAcquisitions, type ChannelTruth } from '../scenario/channel-simulate.ts';

export const ESTIMATION_MODELS = ['bgnbd', 'gammagamma', 'sbg', 'channel'] as const;
export type EstimationModel = (typeof ESTIMATION_MODELS)[number];

/** What one estimation cell draws and fits; plain JSON, so it crosses a worker boundary. */
export interface EstimationSpec {
  model: EstimationModel;
  /** the true parameters, by name (PARAMS[model]) */
  truth: Record<string, number>;
  /** customers drawn (bgnbd, gammagamma, sbg); for channel the organic new customers per week */
  customers: number;
  /** weeks of the calibration window (bgnbd, gammagamma), periods observed (sbg), weeks of data (channel) */
  periods: number;
  seed: number;
  /** interval level, e.g. 0.9 */
  level: number;
}

/** Parameter names of each model, in the order shown. */
export const PARAMS: Record<EstimationModel, readonly string[]> = {
  bgnbd: ['r', 'alpha', 'a', 'b'],
  gammagamma: ['p', 'q', 'v'],
  sbg: ['alpha', 'beta'],
  channel: ['adstockDecay', 'hillSlope', 'halfSaturation', 'maxNewCustomers']
};

/**
 * Truths a cell can name with `preset=` (each from a published fit, so the sample looks like
 * real data): FHL (2005) CDNOW BG/NBD; FHL (2005, "RFM and CLV") CDNOW Gamma-Gamma; FH (2007)
 * sBG regular and high-end cohorts; the channel is the "social" truth of the channel-fit
 * recovery test (a plausible medium, not a published fit) at its typical spend of 4,000 a week.
 */
export const PRESETS: Record<
  string,
  { model: EstimationModel; truth: Record<string, number>; customers: number; periods: number; source: string }
> = {
  'cdnow-bgnbd': {
    model: 'bgnbd',
    truth: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
    customers: 2000,
    periods: 39,
    source: 'Fader, Hardie & Lee (2005), CDNOW BG/NBD estimates'
  },
  'cdnow-gammagamma': {
    model: 'gammagamma',
    truth: { p: 6.25, q: 3.74, v: 15.44 },
    customers: 5000,
    periods: 39,
    source: 'Fader, Hardie & Lee (2005, "RFM and CLV"), CDNOW Gamma-Gamma estimates'
  },
  'sbg-regular': {
    model: 'sbg',
    truth: { alpha: 0.704, beta: 1.182 },
    customers: 1000,
    periods: 7,
    source: 'Fader & Hardie (2007), regular cohort'
  },
  'sbg-highend': {
    model: 'sbg',
    truth: { alpha: 0.668, beta: 3.806 },
    customers: 1000,
    periods: 7,
    source: 'Fader & Hardie (2007), high-end cohort'
  },
  'channel-social': {
    model: 'channel',
    truth: { adstockDecay: 0.5, hillSlope: 2, halfSaturation: 9000, maxNewCustomers: 80, spendPerWeek: 4000 },
    customers: 40,
    periods: 104,
    source: 'a synthetic channel (the "social" truth of the channel-fit recovery test)'
  }
};

/** The CDNOW BG/NBD truth that draws the purchase counts of the Gamma-Gamma sample. */
const GG_PURCHASES = PRESETS['cdnow-bgnbd'].truth as { r: number; alpha: number; a: number; b: number };

export interface ParamEstimate {
  name: string;
  truth: number;
  estimate: number;
  /** delta-method standard error on the natural scale */
  se: number;
  low: number;
  high: number;
  /** low <= truth <= high */
  covers: boolean;
}

/** One draw and fit. `ok: false` carries why the fit gave no interval (it still counts as not covering). */
export interface Replicate {
  index: number;
  seed: number;
  ok: boolean;
  error: string | null;
  /** the data the fit saw, in words' worth of numbers: customers (or weeks) and repeat buyers etc. */
  sampleSize: number;
  params: ParamEstimate[];
}

/** z of a two-sided interval of the given level (1.6449 for 90%). */
export function zOfLevel(level: number): number {
  if (!(level > 0 && level < 1)) throw new RangeError(`interval level ${level} (must be in (0, 1))`);
  return normalQuantile(0.5 + level / 2);
}

/** Interval of a positive parameter from the sd of its log: estimate x/÷ exp(z sd). */
export function logScaleInterval(estimate: number, sdLog: number, z: number): [number, number] {
  if (!(sdLog >= 0) || !Number.isFinite(sdLog)) return [NaN, NaN];
  return [estimate * Math.exp(-z * sdLog), estimate * Math.exp(z * sdLog)];
}

/** Interval of a parameter in (0, 1) from the sd of its logit. */
export function logitScaleInterval(estimate: number, sdLogit: number, z: number): [number, number] {
  if (!(sdLogit >= 0) || !Number.isFinite(sdLogit)) return [NaN, NaN];
  const l = Math.log(estimate / (1 - estimate));
  const inv = (v: number) => 1 / (1 + Math.exp(-v));
  return [inv(l - z * sdLogit), inv(l + z * sdLogit)];
}

function estimates(
  names: readonly string[],
  truth: Record<string, number>,
  value: (name: string, i: number) => { estimate: number; se: number; low: number; high: number }
): ParamEstimate[] {
  return names.map((name, i) => {
    const v = value(name, i);
    return { name, truth: truth[name], ...v, covers: v.low <= truth[name] && truth[name] <= v.high };
  });
}

function fromFit(
  fit: FitResult<object>,
  names: readonly string[],
  truth: Record<string, number>,
  z: number
): ParamEstimate[] {
  const k = names.length;
  const p = fit.params as Record<string, number>;
  const se = fit.stdErr as Record<string, number>;
  return estimates(names, truth, (name, i) => {
    const [low, high] = logScaleInterval(p[name], Math.sqrt(fit.logCov[i * k + i]), z);
    return { estimate: p[name], se: se[name], low, high };
  });
}

/** Checks a spec before any draw; every message says what to change. */
export function checkSpec(spec: EstimationSpec): void {
  if (!(ESTIMATION_MODELS as readonly string[]).includes(spec.model))
    throw new RangeError(`model=${spec.model} (one of ${ESTIMATION_MODELS.join(', ')})`);
  for (const name of PARAMS[spec.model]) {
    const v = spec.truth[name];
    if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`${name}=${v} (the true ${name} must be a number > 0)`);
  }
  if (spec.model === 'channel') {
    if (!(spec.truth.adstockDecay < 1))
      throw new RangeError(`adstockDecay=${spec.truth.adstockDecay} (must be below 1)`);
    if (!(spec.truth.spendPerWeek > 0)) throw new RangeError(`spendPerWeek=${spec.truth.spendPerWeek} (must be > 0)`);
    if (!Number.isInteger(spec.periods) || spec.periods < 26 || spec.periods > 520)
      throw new RangeError(`weeks=${spec.periods} (a whole number of weeks from 26 to 520)`);
    if (!(spec.customers >= 0)) throw new RangeError(`organic=${spec.customers} (organic new customers a week, >= 0)`);
  } else {
    if (!Number.isInteger(spec.customers) || spec.customers < 50 || spec.customers > 1_000_000)
      throw new RangeError(`customers=${spec.customers} (a whole number from 50 to 1,000,000)`);
    if (!(spec.periods > 0) || (spec.model === 'sbg' && (!Number.isInteger(spec.periods) || spec.periods > 200)))
      throw new RangeError(
        `periods=${spec.periods} (${spec.model === 'sbg' ? 'a whole number of periods from 1 to 200' : 'weeks > 0'})`
      );
  }
  zOfLevel(spec.level);
}

/** The seed of replicate `index` (0 is the sample the cell shows first). */
export function replicateSeed(seed: number, index: number): number {
  return splitSeed(seed, index);
}

/** Draws replicate `index` of the spec and fits it. Never throws for a failed fit: `ok` is false. */
export function drawAndFit(spec: EstimationSpec, index: number): Replicate {
  const seed = replicateSeed(spec.seed, index);
  const z = zOfLevel(spec.level);
  const names = PARAMS[spec.model];
  const failed = (sampleSize: number, e: unknown): Replicate => ({
    index,
    seed,
    ok: false,
    error: e instanceof Error ? e.message : String(e),
    sampleSize,
    params: estimates(names, spec.truth, () => ({ estimate: NaN, se: NaN, low: NaN, high: NaN }))
  });
  const done = (sampleSize: number, params: ParamEstimate[]): Replicate => {
    const ok = params.every((p) => Number.isFinite(p.low) && Number.isFinite(p.high));
    return {
      index,
      seed,
      ok,
      error: ok ? null : 'the Hessian is not positive definite at the optimum (no interval)',
      sampleSize,
      params
    };
  };
  switch (spec.model) {
    case 'bgnbd': {
      const t = spec.truth;
      const sim = simulateBgNbd(
        { r: t.r, alpha: t.alpha, a: t.a, b: t.b },
        { customers: spec.customers, T: spec.periods, seed }
      );
      try {
        return done(spec.customers, fromFit(fitBgNbd(compressRfmArrays(sim.x, sim.tx, sim.T)), names, t, z));
      } catch (e) {
        return failed(spec.customers, e);
      }
    }
    case 'gammagamma': {
      const t = spec.truth;
      const sim = simulateBgNbd(GG_PURCHASES, { customers: spec.customers, T: spec.periods, seed });
      const rng = createRng(splitSeed(seed, 1));
      const drawNu = rng.gammaSampler(t.q, t.v);
      const m = new Float64Array(spec.customers);
      let buyers = 0;
      for (let i = 0; i < spec.customers; i++) {
        const x = sim.x[i];
        if (x === 0) continue;
        buyers++;
        m[i] = rng.gamma(t.p * x, drawNu() * x);
      }
      try {
        return done(buyers, fromFit(fitGammaGamma(compressSpend(sim.x, m)), names, t, z));
      } catch (e) {
        return failed(buyers, e);
      }
    }
    case 'sbg': {
      const t = spec.truth;
      const churn = simulateSbg({ alpha: t.alpha, beta: t.beta }, spec.customers, seed);
      try {
        return done(spec.customers, fromFit(fitSbg(survivalFromChurnPeriods(churn, spec.periods)), names, t, z));
      } catch (e) {
        return failed(spec.customers, e);
      }
    }
    case 'channel': {
      const t = spec.truth;
      const truth: ChannelTruth = {
        channel: 'channel',
        adstockDecay: t.adstockDecay,
        hillSlope: t.hillSlope,
        halfSaturation: t.halfSaturation,
        maxNewCustomers: t.maxNewCustomers,
        spendPerWeek: t.spendPerWeek
      };
      const sim = simulateAcquisitions(createRng(seed), [truth], spec.periods, spec.customers);
      try {
        const fit = fitChannelResponse({
          channels: ['channel'],
          spend: sim.spend,
          newCustomers: sim.newCustomers,
          organic: sim.organic
        }).channels[0];
        const cov = fit.cov;
        const sd = (i: number) => (cov ? Math.sqrt(cov[i * 4 + i]) : NaN);
        const p = fit.params as unknown as Record<string, number>;
        const se = fit.se as unknown as Record<string, number>;
        return done(
          spec.periods,
          estimates(names, t, (name, i) => {
            const [low, high] = i === 0 ? logitScaleInterval(p[name], sd(0), z) : logScaleInterval(p[name], sd(i), z);
            return { estimate: p[name], se: se[name], low, high };
          })
        );
      } catch (e) {
        return failed(spec.periods, e);
      }
    }
  }
}

export interface Coverage {
  name: string;
  truth: number;
  /** intervals that contain the truth */
  covered: number;
  /** replicates run (failed fits count as not covering) */
  total: number;
  failed: number;
  /** mean and sd of the estimates of the fits that worked */
  mean: number;
  sd: number;
}

/** Coverage and the spread of the estimates, per parameter, over a set of replicates. */
export function coverage(replicates: readonly Replicate[], names: readonly string[]): Coverage[] {
  return names.map((name, k) => {
    let covered = 0;
    let failed = 0;
    let n = 0;
    let mean = 0;
    let m2 = 0;
    let truth = NaN;
    for (const r of replicates) {
      const p = r.params[k];
      truth = p.truth;
      if (!r.ok) failed++;
      if (r.ok && p.covers) covered++;
      if (Number.isFinite(p.estimate)) {
        n++;
        const d = p.estimate - mean;
        mean += d / n;
        m2 += d * (p.estimate - mean);
      }
    }
    return {
      name,
      truth,
      covered,
      total: replicates.length,
      failed,
      mean: n ? mean : NaN,
      sd: n > 1 ? Math.sqrt(m2 / (n - 1)) : NaN
    };
  });
}

export interface HistogramBin {
  x0: number;
  x1: number;
  count: number;
}

export interface Histogram {
  bins: HistogramBin[];
  /** finite values left off the axis below its start and above its end */
  below: number;
  above: number;
}

/**
 * Equal-width bins over the central 96% of the finite values (2% and 98% quantiles, type 7),
 * widened to take in the truth, so a few runaway estimates (a flat likelihood ridge) do not
 * squash the rest into one bar; the values beyond the axis are counted in `below` and `above`.
 */
export function histogram(values: readonly number[], truth: number, bins = 20): Histogram {
  const v = values.filter(Number.isFinite).sort((x, y) => x - y);
  if (v.length === 0) return { bins: [], below: 0, above: 0 };
  let lo = Math.min(truth, v.length >= 50 ? quantileSorted(v, 0.02) : v[0]);
  let hi = Math.max(truth, v.length >= 50 ? quantileSorted(v, 0.98) : v[v.length - 1]);
  if (hi === lo) {
    lo -= 0.5 * Math.abs(lo || 1);
    hi += 0.5 * Math.abs(hi || 1);
  }
  const width = (hi - lo) / bins;
  const out = Array.from({ length: bins }, (_, i) => ({ x0: lo + i * width, x1: lo + (i + 1) * width, count: 0 }));
  let below = 0;
  let above = 0;
  for (const x of v) {
    if (x < lo) below++;
    else if (x > hi) above++;
    else out[Math.min(bins - 1, Math.floor((x - lo) / width))].count++;
  }
  return { bins: out, below, above };
}
