/**
 * Plain-data types shared by the model core, the data layer, the scenario engine,
 * the workers and the CLI. Everything here is JSON-able (or a typed array) so it
 * can cross a worker boundary or be stored in IndexedDB unchanged.
 *
 * Time is measured in model periods (`unit`); for the published CDNOW fits the
 * unit is the week (days / 7).
 */

export type TimeUnit = 'day' | 'week' | 'month';

/** Non-contractual purchase-process models (BTYD family). */
export type PurchaseModelName = 'bgnbd' | 'paretonbd' | 'mbgnbd';
export type ModelName = PurchaseModelName | 'gammagamma' | 'sbg' | 'bgbb';

/** One customer's recency / frequency / monetary summary, in model periods. */
export interface CustomerRfm {
  id: string;
  /** number of repeat transactions in the calibration period */
  x: number;
  /** time from first to last calibration transaction */
  tx: number;
  /** time from first transaction to the end of calibration */
  T: number;
  /** mean spend per repeat transaction (0 when x = 0 or spend unknown) */
  m: number;
}

/**
 * Customers compressed to distinct (x, t_x, T) triples with counts: a fit costs
 * O(distinct triples), not O(customers).
 */
export interface RfmData {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** number of customers sharing the triple (weights) */
  count: Float64Array;
  /** distinct triples */
  length: number;
  /** total customers = sum(count) */
  customers: number;
}

/** Frequency and mean repeat spend, for the Gamma-Gamma spend model (customers with x > 0). */
export interface SpendData {
  x: Float64Array;
  m: Float64Array;
  count: Float64Array;
  length: number;
  customers: number;
}

/** Discrete-time recency/frequency table for BG/BB (Fader, Hardie & Shang 2010). */
export interface BgBbData {
  x: Float64Array;
  tx: Float64Array;
  n: Float64Array;
  count: Float64Array;
  length: number;
  customers: number;
}

/** Contractual survival data: customers still active at the start of each period. */
export interface SurvivalData {
  /** active[t] = customers alive at the end of period t (t = 0 .. n), active[0] = cohort size */
  active: number[];
}

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}
export type MbgNbdParams = BgNbdParams;
export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}
export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}
export interface SbgParams {
  alpha: number;
  beta: number;
}
export interface BgBbParams {
  alpha: number;
  beta: number;
  gamma: number;
  delta: number;
}

export type ParamsOf<M extends ModelName> = M extends 'bgnbd' | 'mbgnbd'
  ? BgNbdParams
  : M extends 'paretonbd'
    ? ParetoNbdParams
    : M extends 'gammagamma'
      ? GammaGammaParams
      : M extends 'sbg'
        ? SbgParams
        : BgBbParams;

/** The result of a maximum-likelihood fit: plain data, versioned. */
export interface FitResult<P extends object = Record<string, number>> {
  version: 1;
  model: ModelName;
  params: P;
  /** total log-likelihood at the optimum */
  logLik: number;
  /** customers (sum of weights) the fit used */
  n: number;
  /** asymptotic standard errors of the parameters (delta method from the log-scale Hessian) */
  stdErr: { [K in keyof P]: number };
  /** covariance matrix of the log-parameters, row-major, in the key order of `params` */
  logCov: number[];
  converged: boolean;
  iterations: number;
  fitMs: number;
  /**
   * 'map': the posterior mode under the prior in `FitOptions.logPrior` (logLik is still the
   * log-likelihood at that point; stdErr and logCov come from the log-posterior's curvature).
   * Absent: the maximum-likelihood estimate.
   */
  estimate?: 'map';
}

/**
 * The common face of the BTYD purchase models (BG/NBD, Pareto/NBD, MBG/NBD), so the
 * scenario engine, the CLI and the validation page can use any of them.
 * Times are in model periods; `discount` is the discount rate per period (e.g. 0.0019 weekly ~ 10% a year).
 */
export interface PurchaseModel<P extends object = BgNbdParams | ParetoNbdParams> {
  name: PurchaseModelName;
  paramNames: readonly (keyof P & string)[];
  /** log-likelihood of one customer's (x, t_x, T) */
  logLikIndividual(p: P, x: number, tx: number, T: number): number;
  /** weighted total log-likelihood */
  logLik(p: P, data: RfmData): number;
  /** E[X(t)]: expected transactions in (0, t] for a customer acquired at 0 */
  expectedTransactions(p: P, t: number): number;
  /** E[Y(t) | x, t_x, T]: expected transactions in (T, T + t] */
  conditionalExpected(p: P, x: number, tx: number, T: number, t: number): number;
  /**
   * E[Y(t) | x, t_x, T] for many customers at one t: the same values as conditionalExpected, with
   * what depends on (x, T) alone (the alive customer's expectation) computed once per (x, T);
   * absent: conditionalExpected customer by customer
   */
  conditionalExpectedMany?(p: P, t: number): (x: number, tx: number, T: number) => number;
  /** P(alive at T | x, t_x, T) */
  pAlive(p: P, x: number, tx: number, T: number): number;
  /** P(X(t) = n) for a customer acquired at 0 */
  probTransactions(p: P, t: number, n: number): number;
  /** discounted expected residual transactions given (x, t_x, T), continuous discount rate per period */
  dert(p: P, x: number, tx: number, T: number, discount: number): number;
  fit(data: RfmData, options?: FitOptions): FitResult<P>;
}

export interface FitOptions {
  /** starting values on the natural scale; sensible defaults otherwise */
  start?: Record<string, number>;
  maxIterations?: number;
  /** relative tolerance on the log-likelihood */
  tolerance?: number;
  /**
   * Log prior density of the parameters (natural scale): the fit then maximises
   * log-likelihood + log prior (a MAP estimate) and may proceed on data that leave the
   * likelihood flat (no repeat purchases, no customers), where the prior alone decides.
   */
  logPrior?: (params: Record<string, number>) => number;
}
