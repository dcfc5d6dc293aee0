/**
 * A randomised experiment in the generator, with a known true uplift, and the power of the test.
 *
 * Outcome: a new customer "comes back" when she makes a repeat purchase within `weeks` of her
 * first. Under BG/NBD (FHL 2005) a customer cannot drop out before her first repeat, so
 * P(come back) = 1 - P(X(t) = 0), eq. 8 at t = weeks.
 * Treatment (a welcome offer): each customer is assigned by a fair coin; a treated customer's
 * purchase rate is multiplied by (1 + k). As λ ~ Gamma(r, α), λ(1 + k) ~ Gamma(r, α / (1 + k)), so
 * the treated return rate is eq. 8 with α / (1 + k); k is solved (bisection) so that the true
 * uplift, treated minus control return rate, is exactly the stated number of points.
 *
 * Estimate: the difference of the two observed proportions with the Wald (normal approximation)
 * interval, p̂1 - p̂0 ± z sqrt(p̂1 q̂1 / n1 + p̂0 q̂0 / n0).
 *
 * Sample size to detect an uplift δ with a two-sided test at level α and power 1 - β, equal arms
 * (Fleiss, Levin & Paik 2003, "Statistical Methods for Rates and Proportions", 3rd ed., section 4.2,
 * without the continuity correction; the formula R's power.prop.test solves):
 *   n per arm = ( z_{1-α/2} sqrt(2 p̄ q̄) + z_{1-β} sqrt(p0 q0 + p1 q1) )² / δ²,  p̄ = (p0 + p1) / 2.
 */
import { bgnbdProbTransactions } from '../core/btyd/bgnbd.ts';
import { createRng } from '../core/random/rng.ts';
import { normalQuantile } from '../core/special/normalQuantile.ts';
import type { BgNbdParams } from '../core/types.ts';
import { zOfLevel } from './estimation.ts';

export interface ExperimentSpec {
  /** the purchase process of the customers (BG/NBD truth) */
  truth: BgNbdParams;
  /** the window in which a repeat purchase counts as coming back */
  weeks: number;
  /** true uplift of the return rate, in proportion points (0.02 = +2 points) */
  uplift: number;
  /** customers randomised (both arms together) */
  customers: number;
  seed: number;
  level: number;
}

/** P(a repeat purchase within `weeks`) of a new customer under BG/NBD (FHL 2005 eq. 8). */
export function returnRate(truth: BgNbdParams, weeks: number): number {
  return 1 - bgnbdProbTransactions(truth, weeks, 0);
}

export interface TrueEffect {
  control: number;
  treated: number;
  /** the purchase-rate multiplier of the treatment minus 1 */
  rateLift: number;
}

/** The treatment's rate lift k for which treated - control return rate = uplift. */
export function trueEffect(truth: BgNbdParams, weeks: number, uplift: number): TrueEffect {
  const control = returnRate(truth, weeks);
  if (!(uplift > 0) || control + uplift >= 1)
    throw new RangeError(
      `uplift=${uplift}: the control return rate is ${control.toFixed(4)}, so the uplift must be above 0 and below ${(1 - control).toFixed(4)}`
    );
  const at = (k: number) => returnRate({ ...truth, alpha: truth.alpha / (1 + k) }, weeks) - control;
  let lo = 0;
  let hi = 1;
  while (at(hi) < uplift) {
    hi *= 2;
    if (hi > 1e6) throw new RangeError(`uplift=${uplift} is out of reach of a faster purchase rate`);
  }
  for (let i = 0; i < 100 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (at(mid) < uplift) lo = mid;
    else hi = mid;
  }
  const rateLift = (lo + hi) / 2;
  return { control, treated: control + at(rateLift), rateLift };
}

export interface ExperimentResult {
  effect: TrueEffect;
  n0: number;
  n1: number;
  /** customers who came back, per arm */
  y0: number;
  y1: number;
  estimate: number;
  se: number;
  low: number;
  high: number;
  covers: boolean;
}

/** Wald interval of a difference of two proportions. */
export function differenceOfProportions(
  y0: number,
  n0: number,
  y1: number,
  n1: number,
  level: number
): { estimate: number; se: number; low: number; high: number } {
  if (!(n0 > 0 && n1 > 0)) throw new RangeError('each arm needs at least one customer');
  const p0 = y0 / n0;
  const p1 = y1 / n1;
  const se = Math.sqrt((p0 * (1 - p0)) / n0 + (p1 * (1 - p1)) / n1);
  const z = zOfLevel(level);
  const estimate = p1 - p0;
  return { estimate, se, low: estimate - z * se, high: estimate + z * se };
}

/**
 * Runs the experiment. Customer i's coin, purchase rate and first repeat time come from one
 * stream in order, so a larger sample of the same seed contains the smaller one (the interval
 * shrinks around the same customers as the sample grows).
 */
export function runExperiment(spec: ExperimentSpec): ExperimentResult {
  if (!Number.isInteger(spec.customers) || spec.customers < 20)
    throw new RangeError(`customers=${spec.customers} (a whole number, at least 20)`);
  if (!(spec.weeks > 0)) throw new RangeError(`weeks=${spec.weeks} (must be > 0)`);
  const effect = trueEffect(spec.truth, spec.weeks, spec.uplift);
  const rng = createRng(spec.seed);
  const drawLambda = rng.gammaSampler(spec.truth.r, spec.truth.alpha);
  const n = [0, 0];
  const y = [0, 0];
  for (let i = 0; i < spec.customers; i++) {
    const arm = rng.uniform() < 0.5 ? 1 : 0;
    const lambda = drawLambda() * (arm ? 1 + effect.rateLift : 1);
    const firstRepeat = -Math.log1p(-rng.uniform()) / lambda;
    n[arm]++;
    if (firstRepeat <= spec.weeks) y[arm]++;
  }
  const d = differenceOfProportions(y[0], n[0], y[1], n[1], spec.level);
  return {
    effect,
    n0: n[0],
    n1: n[1],
    y0: y[0],
    y1: y[1],
    ...d,
    covers: d.low <= spec.uplift && spec.uplift <= d.high
  };
}

/** Customers per arm to detect `uplift` over `control` (two-sided test at `alpha`, `power`). */
export function sampleSizePerArm(control: number, uplift: number, alpha: number, power: number): number {
  const p1 = control + uplift;
  if (!(control > 0 && control < 1 && p1 > 0 && p1 < 1 && uplift !== 0))
    throw new RangeError(`control ${control} and uplift ${uplift} must give two rates in (0, 1) that differ`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha=${alpha} (must be in (0, 1))`);
  if (!(power > 0.5 && power < 1)) throw new RangeError(`power=${power} (must be in (0.5, 1))`);
  const pBar = (control + p1) / 2;
  const a = normalQuantile(1 - alpha / 2) * Math.sqrt(2 * pBar * (1 - pBar));
  const b = normalQuantile(power) * Math.sqrt(control * (1 - control) + p1 * (1 - p1));
  return ((a + b) / uplift) ** 2;
}
