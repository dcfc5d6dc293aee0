/**
 * Generic maximum-likelihood fit on log-parameters, the recipe of MODEL.md section 1:
 * 1. maximise the weighted log-likelihood over theta = log(params) (all parameters > 0)
 *    with BFGS (numerical gradients) from the starting values until the gradient of the
 *    mean per-customer log-likelihood in theta is below 1e-8; when that fails (a poor start,
 *    a flat or non-finite region), Nelder-Mead brackets the optimum first and BFGS polishes
 *    it. On CDNOW (BG/NBD) BFGS alone needs ~190 likelihood evaluations against ~420 for
 *    Nelder-Mead + BFGS, to the same optimum;
 * 2. numerical Hessian of the total log-likelihood in theta at the optimum; covariance of
 *    theta = (-H)^-1 (observed information);
 * 3. delta-method standard errors on the natural scale: se(p_i) = p_i * sqrt(cov_ii)
 *    (d p / d theta = p).
 * When the model supplies exact derivatives (`LikelihoodProblem.derivatives`), step 1 is
 * Newton's method on theta (fit/newton.ts; ~6 iterations for BG/NBD on CDNOW) and step 2 uses
 * the exact Hessian; when Newton does not converge in 40 iterations, or gives up earlier on a
 * ridge (a likelihood rising along it to the boundary, e.g. nobody leaving: a -> 0,
 * b -> infinity; newton.ts's slow steps), the fit is the
 * route above from the start, its BFGS steps with the exact gradient (about two likelihood
 * evaluations a gradient instead of 2k: on ten million customers in 122,525 triples, BG/NBD
 * running to a = b = 0 took 8.1 s with central differences and takes 1.4 s); its standard
 * errors come from the numerical Hessian, as without derivatives.
 * Standard errors are NaN when the observed information is not positive definite (the
 * data do not identify the parameters at the optimum), and `converged` is then false.
 * With a log prior (`options.logPrior`) the same recipe maximises the log-posterior: the
 * MAP estimate, with the posterior curvature in place of the observed information (a
 * Laplace approximation); `logLik` is reported without the prior.
 */
import { bfgs } from './bfgs.ts';
import { numericalGradient, numericalHessian } from './gradient.ts';
import { invertSpd } from './linalg.ts';
import { nelderMead } from './nelderMead.ts';
import { newton } from './newton.ts';
import type { FitOptions, FitResult, ModelName } from '../types.ts';

export interface LikelihoodProblem<P extends object> {
  model: ModelName;
  /** parameter names, in the order used for `logCov` */
  paramNames: readonly (keyof P & string)[];
  /** total (weighted) log-likelihood; may return NaN / -Infinity outside the support */
  logLik: (params: P) => number;
  /** default starting values (natural scale, all > 0) */
  start: P;
  /** customers (sum of weights) */
  n: number;
  /**
   * Optional exact derivatives of `logLik` on the natural scale: its value, gradient
   * (length k, in `paramNames` order) and Hessian (row-major k x k), or null outside the
   * support. With them the fit is Newton's method on the log-parameters (fit/newton.ts)
   * and the standard errors come from the exact Hessian. `withHessian` false asks for the
   * value and gradient only (a model may then return an empty Hessian).
   */
  derivatives?: (params: P, withHessian?: boolean) => LogLikDerivatives | null;
}

export interface LogLikDerivatives {
  logLik: number;
  gradient: ArrayLike<number>;
  hessian: ArrayLike<number>;
}

/** log-parameters beyond +-50 (e^50 ~ 5e21) are treated as outside the parameter space. */
export const LOG_PARAMETER_BOUND = 50;
const LOG_BOUND = LOG_PARAMETER_BOUND;

export function maximumLikelihood<P extends object>(
  problem: LikelihoodProblem<P>,
  options: FitOptions = {}
): FitResult<P> {
  const started = performance.now();
  const { paramNames, model } = problem;
  const k = paramNames.length;
  const start = paramNames.map((name) => {
    const v = options.start?.[name] ?? (problem.start as Record<string, number>)[name];
    if (!(v > 0) || !Number.isFinite(v)) {
      throw new RangeError(`cannot fit ${model}: starting value ${name} = ${v} (must be a finite number > 0)`);
    }
    return Math.log(v);
  });
  const toParams = (theta: readonly number[]): P => {
    const p: Record<string, number> = {};
    for (let i = 0; i < k; i++) p[paramNames[i]] = Math.exp(theta[i]);
    return p as P;
  };
  // the objective's scale; a MAP fit may have no customers at all (the prior alone)
  const n = Math.max(problem.n, 1);
  const logPrior = options.logPrior;
  const pureLogLik = (theta: readonly number[]): number => {
    for (let i = 0; i < k; i++) if (!(Math.abs(theta[i]) <= LOG_BOUND)) return -Infinity;
    const v = problem.logLik(toParams(theta));
    return Number.isFinite(v) ? v : -Infinity;
  };
  const totalLogLik = logPrior
    ? (theta: number[]): number => {
        const v = pureLogLik(theta);
        if (v === -Infinity) return v;
        const prior = logPrior(toParams(theta) as Record<string, number>);
        return Number.isFinite(prior) ? v + prior : -Infinity;
      }
    : pureLogLik;
  // minimise the negative mean log-likelihood per customer: O(1) scale for the tolerances
  const objective = (theta: number[]): number => -totalLogLik(theta) / n;
  const startValue = objective(start);
  if (!Number.isFinite(startValue)) {
    throw new RangeError(`cannot fit ${model}: the log-likelihood is not finite at the starting values`);
  }
  const maxIterations = options.maxIterations ?? 2000;
  const tolerance = options.tolerance ?? 1e-10;
  const bfgsOptions = { maxIterations: 200, gradientTolerance: 1e-8, fTolerance: tolerance * 1e-3 };
  // log-likelihood (+ log prior) with its gradient and Hessian in theta, when the model has them
  const exact = problem.derivatives ? thetaDerivatives(problem.derivatives, toParams, k, logPrior) : null;
  // Newton first when the model has exact derivatives; it converges in a handful of steps or
  // not at all (a ridge running to the boundary, where no interior optimum exists), and then
  // the fit is the route below, BFGS with the exact gradient; the standard errors then come from
  // the numerical Hessian, which, on a ridge, says the parameters are not identified where the
  // exact one at the point BFGS stopped would give finite standard errors
  const viaNewton = exact
    ? newton(
        (theta) => {
          const d = exact(theta);
          return (
            d && { f: -d.value / n, gradient: d.gradient.map((v) => -v / n), hessian: d.hessian.map((v) => -v / n) }
          );
        },
        (theta) => objective(theta.slice()),
        start,
        { gradientTolerance: 1e-8, maxIterations: 40, slowStepsAllowed: 6 }
      )
    : null;
  const newtonConverged = viaNewton?.converged === true;
  // the objective's exact gradient for BFGS when the model has derivatives
  const objectiveGradient = exact
    ? (theta: readonly number[]) => exact(theta, false)?.gradient.map((v) => -v / n) ?? null
    : undefined;
  let best = newtonConverged ? viaNewton : bfgs(objective, start, bfgsOptions, objectiveGradient);
  let iterations = best.iterations + (newtonConverged ? 0 : (viaNewton?.iterations ?? 0));
  let converged = best.converged;
  if (!converged) {
    const simplex = nelderMead(objective, start, { maxIterations, fTolerance: 1e-7, xTolerance: 1e-3 });
    const polished = bfgs(objective, simplex.x, bfgsOptions, objectiveGradient);
    iterations += simplex.iterations + polished.iterations;
    // the simplex alone stops at a 1e-3 diameter: it counts as converged only through the polish
    if (polished.f <= best.f) {
      best = polished;
      converged = polished.converged;
    } else if (simplex.f < best.f) {
      best = simplex;
      converged = false;
    }
  }
  const theta = best.x;
  const logLik = pureLogLik(theta);

  const hessian = (newtonConverged && exact?.(theta)?.hessian) || numericalHessian(totalLogLik, theta);
  const information = hessian.map((v) => -v);
  const cov = invertSpd(information, k);
  const params = toParams(theta);
  const stdErr: Record<string, number> = {};
  for (let i = 0; i < k; i++) {
    stdErr[paramNames[i]] = cov ? Math.exp(theta[i]) * Math.sqrt(cov[i * k + i]) : NaN;
  }
  return {
    version: 1,
    model,
    params,
    logLik,
    n: problem.n,
    stdErr: stdErr as FitResult<P>['stdErr'],
    logCov: cov ?? new Array<number>(k * k).fill(NaN),
    converged: converged && cov !== null,
    iterations,
    fitMs: performance.now() - started,
    ...(logPrior ? { estimate: 'map' as const } : {})
  };
}

/**
 * The log-likelihood (+ log prior) and its gradient and Hessian in theta = log(params), from
 * the natural-scale derivatives (chain rule with d p_i / d theta_i = p_i):
 * g_theta_i = p_i g_i, H_theta_ij = p_i p_j H_ij + [i = j] p_i g_i. The prior, a plain
 * function of the parameters, is differentiated numerically in theta (a few closed-form
 * evaluations). Outside the parameter space (|theta_i| > LOG_PARAMETER_BOUND) or where
 * anything is not finite: null.
 */
function thetaDerivatives<P extends object>(
  derivatives: NonNullable<LikelihoodProblem<P>['derivatives']>,
  toParams: (theta: readonly number[]) => P,
  k: number,
  logPrior: FitOptions['logPrior']
): (
  theta: readonly number[],
  withHessian?: boolean
) => { value: number; gradient: number[]; hessian: number[] } | null {
  return (theta, withHessian = true) => {
    for (let i = 0; i < k; i++) if (!(Math.abs(theta[i]) <= LOG_BOUND)) return null;
    const d = derivatives(toParams(theta), withHessian);
    if (!d || !Number.isFinite(d.logLik)) return null;
    const p = theta.map(Math.exp);
    const gradient = new Array<number>(k);
    const hessian = new Array<number>(withHessian ? k * k : 0);
    for (let i = 0; i < k; i++) {
      gradient[i] = p[i] * d.gradient[i];
      if (!withHessian) continue;
      for (let j = 0; j < k; j++) hessian[i * k + j] = p[i] * p[j] * d.hessian[i * k + j];
      hessian[i * k + i] += gradient[i];
    }
    let value = d.logLik;
    if (logPrior) {
      const prior = (t: readonly number[]): number => logPrior(toParams(t) as Record<string, number>);
      const p0 = prior(theta);
      if (!Number.isFinite(p0)) return null;
      value += p0;
      const pg = numericalGradient(prior, theta);
      for (let i = 0; i < k; i++) gradient[i] += pg[i];
      if (withHessian) {
        const ph = numericalHessian(prior, theta);
        for (let i = 0; i < k * k; i++) hessian[i] += ph[i];
      }
    }
    if (!gradient.every(Number.isFinite) || !hessian.every(Number.isFinite)) return null;
    return { value, gradient, hessian };
  };
}
