/**
 * What every section of the projection reads: the prepared baseline, the scenario's
 * assumption values and composed drivers, the horizon and the options.
 */
import type { Scenario } from '../../scenario-types.ts';
import type { AssumptionValues } from '../../assumptions.ts';
import type { PreparedBaseline } from '../baseline.ts';
import type { DriverState } from '../drivers.ts';

export interface ProjectOptions {
  /** Gauss nodes over the Beta of p (default 16) */
  nodes?: number;
  /**
   * Gauss nodes for existing groups with repeat purchases (default 10/16 of `nodes`, at least 6):
   * posteriors with history converge faster than the prior; relative error of E[Y(156) | x, t_x, T]
   * below 1e-5 at 10 nodes on CDNOW histories (tests/unit/engine/project.test.ts). Groups with
   * x = 0 use `nodes`.
   */
  existingNodes?: number;
  /**
   * for repeated evaluation (Monte Carlo, sensitivity, optimiser): skip the kernels of
   * channels without acquisitions (their cohort survival is then empty and their
   * clvByChannel the first purchase only); the new-customer mix survival
   * (cohortSurvival.newCustomer) stops at 52 weeks, and the per-source survival
   * series are the engine's cached arrays (read-only), zero beyond max(horizon, 52)
   */
  lean?: boolean;
  /**
   * block length of the kernels' CLV tail beyond max(horizon, 52) weeks (default 4;
   * Monte Carlo draws use 13: CLV within 1e-4 of weekly stepping, far inside a band)
   */
  tailBlockWeeks?: number;
  /**
   * Beta rules by reweighting cached rules at a 5% log-grid (snappedBetaQuadrature)
   * instead of a fresh eigen-decomposition per (a, b): for Monte Carlo draws, whose
   * parameters never repeat
   */
  snapQuadrature?: boolean;
  /**
   * block length of the new-customer kernels and of the existing base between week 52
   * and the horizon (default 1: weekly); Monte Carlo draws use 4 (their series are then
   * piecewise linear beyond a year), the control variate absorbs the difference
   */
  horizonBlockWeeks?: number;
}

export interface ProjectionContext {
  base: PreparedBaseline;
  a: AssumptionValues;
  economics: Scenario['economics'];
  options: ProjectOptions;
  d: DriverState;
  /** the drivers' multipliers */
  M: DriverState['multiplier'];
  /** weekly dropout factors */
  g: Float64Array;
  /** horizon, weeks */
  H: number;
  /** CLV window, weeks */
  clvWeeks: number;
  /** max(H, clvWeeks): the length of the new-customer kernels */
  L: number;
  /** Gauss nodes over the Beta of p */
  nodes: number;
  contractual: boolean;
  /** block length between week 52 and the horizon (1: weekly) */
  horizonBlock: number;
}
