/**
 * Discounted expected residual transactions by quadrature, for models without a closed form
 * (BG/NBD, MBG/NBD): with continuous discounting at rate delta per period and
 * Y(t) = transactions in (T, T + t],
 *   DERT = int_0^inf e^(-delta t) dE[Y(t)] = delta int_0^inf e^(-delta t) E[Y(t)] dt
 * (integration by parts, E[Y(0)] = 0, E[Y(t)] grows at most linearly). The integral is taken
 * by exp-sinh quadrature (special/integrate.ts) to a relative tolerance of 1e-9; the range
 * delta t > 60 is dropped (its share is below e^-60 times a polynomial in t).
 */
import { integrateToInfinity } from '../special/integrate.ts';

export function dertByQuadrature(conditionalExpected: (t: number) => number, discount: number): number {
  if (!(discount > 0) || !Number.isFinite(discount)) {
    throw new RangeError(`invalid discount rate: ${discount} per period (must be a finite number > 0)`);
  }
  const { value } = integrateToInfinity(
    (t) => (discount * t > 60 ? 0 : discount * Math.exp(-discount * t) * conditionalExpected(t)),
    0,
    { tolerance: 1e-9 }
  );
  return value;
}

export function checkDiscount(discount: number): void {
  if (!(discount > 0) || !Number.isFinite(discount)) {
    throw new RangeError(`invalid discount rate: ${discount} per period (must be a finite number > 0)`);
  }
}

/** A model's DERT of one customer (x, t_x, T) at a discount rate per period, over a horizon (default: the lifetime). */
export type HorizonDert<P> = (p: P, x: number, tx: number, T: number, discount: number, horizon?: number) => number;

/** `dert` with its discount rate checked first and its horizon the lifetime unless given. */
export function checkedDert<P>(
  dert: (p: P, x: number, tx: number, T: number, discount: number, horizon: number) => number
): HorizonDert<P> {
  return (p, x, tx, T, discount, horizon = Infinity) => {
    checkDiscount(discount);
    return dert(p, x, tx, T, discount, horizon);
  };
}
