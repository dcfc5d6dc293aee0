/**
 * One customer's forward-looking numbers under any of the BTYD purchase models (BG/NBD,
 * Pareto/NBD, MBG/NBD), the same expressions for every model:
 *  - P(alive | x, t_x, T);
 *  - expected transactions in the next `horizon` periods, E[Y(horizon) | x, t_x, T];
 *  - DERT over the CLV horizon at a continuous discount rate per period: BG/NBD and MBG/NBD by
 *    the beta-geometric integral (aliveDert.ts; FHL 2005 "RFM and CLV" eq. 1 over a horizon),
 *    Pareto/NBD by its alive posterior (paretonbd.ts, paretonbdDertWithin; eq. 2 for the lifetime).
 * Residual CLV = margin x E[M | x, m] (Gamma-Gamma) x DERT is the caller's product.
 */
import type { BgNbdParams, MbgNbdParams, ParetoNbdParams, PurchaseModelName } from '../types.ts';
import { bgnbd, bgnbdDert } from './bgnbd.ts';
import { mbgNbd, mbgnbdDert } from './mbgnbd.ts';
import { paretoNbd, paretonbdDertWithin } from './paretonbd.ts';

export type PurchaseParamsOf<M extends PurchaseModelName> = M extends 'paretonbd' ? ParetoNbdParams : BgNbdParams;

export interface CustomerOutlook {
  pAlive: number;
  /** expected transactions in the next `horizon` periods */
  expected: number;
  /** discounted expected residual transactions within the CLV horizon */
  dert: number;
}

/** P(alive), E[Y(horizon)] and DERT(discount, clvHorizon) of one customer. */
export function customerOutlook(
  model: PurchaseModelName,
  params: BgNbdParams | ParetoNbdParams,
  x: number,
  tx: number,
  T: number,
  horizon: number,
  discount: number,
  clvHorizon = Infinity
): CustomerOutlook {
  if (model === 'paretonbd') {
    const p = params as ParetoNbdParams;
    return {
      pAlive: paretoNbd.pAlive(p, x, tx, T),
      expected: paretoNbd.conditionalExpected(p, x, tx, T, horizon),
      dert: paretonbdDertWithin(p, x, tx, T, discount, clvHorizon)
    };
  }
  if (model === 'mbgnbd') {
    const p = params as MbgNbdParams;
    return {
      pAlive: mbgNbd.pAlive(p, x, tx, T),
      expected: mbgNbd.conditionalExpected(p, x, tx, T, horizon),
      dert: mbgnbdDert(p, x, tx, T, discount, clvHorizon)
    };
  }
  if (model !== 'bgnbd') throw new RangeError(`unknown purchase model '${String(model)}'`);
  const p = params as BgNbdParams;
  return {
    pAlive: bgnbd.pAlive(p, x, tx, T),
    expected: bgnbd.conditionalExpected(p, x, tx, T, horizon),
    dert: bgnbdDert(p, x, tx, T, discount, clvHorizon)
  };
}
