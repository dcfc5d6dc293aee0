/**
 * A weakly-informative prior for the BG/NBD (for a MAP fit, fit/maximumLikelihood.ts), in
 * PyMC-Marketing's parametrisation of BetaGeoModel (pymc_marketing/clv/models/beta_geo.py,
 * `default_model_config`): the purchase rate lambda ~ Gamma(r, alpha) and the dropout
 * p ~ Beta(a, b) written as its mean phi = a / (a + b) and concentration kappa = a + b.
 *
 *   r     ~ Weibull(shape 2, scale 1)         PyMC-Marketing's default
 *   alpha ~ Weibull(shape 2, scale 10 weeks)  PyMC-Marketing's default, alpha in weeks
 *   phi   ~ Beta(1.5, 5)                      PyMC-Marketing: Uniform(0, 1)
 *   kappa ~ Gamma(shape 2, rate 0.25)         PyMC-Marketing: Pareto(alpha 1, m 1)
 *
 * The two changes are why the prior is here at all. When the data show almost no customer
 * leaving (UCI Online Retail calibrated to 2011-08-31: MLE a = 5e-5, b = 3,028, SE(b) =
 * 145,062), PyMC-Marketing's Uniform phi gives no pull away from phi = 0 and its Pareto kappa
 * has its mode at its lower bound kappa = 1, so the MAP runs to a = 1e-12, kappa = 1 (computed
 * on that data). Beta(1.5, 5) on the mean dropout per purchase (mean 0.23, 95% between 0.02
 * and 0.60; CDNOW's MLE is 0.25) vanishes at 0 like phi^0.5, and Gamma(2, 0.25) on kappa (mean
 * 8, mode 4) is smooth on (0, inf). On data that identify the dropout (CDNOW, apparel,
 * grocery) the MAP is within a fraction of a standard error of the MLE.
 *
 * Densities are of (r, alpha, phi, kappa); the MAP is the mode of their product with the
 * likelihood, at the same point whatever variables the optimiser moves.
 */
import { lgamma } from '../special/lgamma.ts';
import type { BgNbdParams } from '../types.ts';

export interface PriorTerm {
  /** the quantity, as named in the docs and the UI */
  parameter: 'r' | 'alpha' | 'phi' | 'kappa';
  meaning: string;
  distribution: 'Weibull' | 'Beta' | 'Gamma';
  /** distribution parameters by name */
  args: Record<string, number>;
  /** the distribution as written in the UI, e.g. "Weibull(2, 10 weeks)" */
  label: string;
  /** PyMC-Marketing's default for the same quantity */
  pymcMarketing: string;
}

export const BGNBD_WEAK_PRIOR: readonly PriorTerm[] = [
  {
    parameter: 'r',
    meaning: 'shape of the purchase-rate distribution',
    distribution: 'Weibull',
    args: { shape: 2, scale: 1 },
    label: 'Weibull(2, 1)',
    pymcMarketing: 'Weibull(2, 1)'
  },
  {
    parameter: 'alpha',
    meaning: 'scale of the purchase-rate distribution, weeks',
    distribution: 'Weibull',
    args: { shape: 2, scale: 10 },
    label: 'Weibull(2, 10 weeks)',
    pymcMarketing: 'Weibull(2, 10)'
  },
  {
    parameter: 'phi',
    meaning: 'mean dropout probability after a purchase, a / (a + b)',
    distribution: 'Beta',
    args: { a: 1.5, b: 5 },
    label: 'Beta(1.5, 5)',
    pymcMarketing: 'Uniform(0, 1)'
  },
  {
    parameter: 'kappa',
    meaning: 'concentration of the dropout distribution, a + b',
    distribution: 'Gamma',
    args: { shape: 2, rate: 0.25 },
    label: 'Gamma(2, rate 0.25)',
    pymcMarketing: 'Pareto(1, 1)'
  }
];

const logWeibull = (x: number, k: number, scale: number) =>
  Math.log(k / scale) + (k - 1) * Math.log(x / scale) - Math.pow(x / scale, k);
/** log Beta(x; a, b) density from log x and log(1 - x) */
const logBetaDensity = (logX: number, log1mX: number, a: number, b: number) =>
  (a - 1) * logX + (b - 1) * log1mX - (lgamma(a) + lgamma(b) - lgamma(a + b));
const logGammaDensity = (x: number, k: number, rate: number) =>
  k * Math.log(rate) - lgamma(k) + (k - 1) * Math.log(x) - rate * x;

const term = (name: PriorTerm['parameter']) => BGNBD_WEAK_PRIOR.find((t) => t.parameter === name)!.args;
const R = term('r');
const ALPHA = term('alpha');
const PHI = term('phi');
const KAPPA = term('kappa');

/** log prior density of BG/NBD parameters, alpha in weeks (BGNBD_WEAK_PRIOR). */
export function bgnbdLogPrior(p: Record<string, number>): number {
  const { r, alpha, a, b } = p as unknown as BgNbdParams;
  const kappa = a + b;
  // log phi and log(1 - phi) as log(a / kappa), log(b / kappa): exact when a or b is tiny
  return (
    logWeibull(r, R.shape, R.scale) +
    logWeibull(alpha, ALPHA.shape, ALPHA.scale) +
    logBetaDensity(Math.log(a / kappa), Math.log(b / kappa), PHI.a, PHI.b) +
    logGammaDensity(kappa, KAPPA.shape, KAPPA.rate)
  );
}
