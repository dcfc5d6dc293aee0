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
import type { BgNbdParams, MbgNbdParams, ParetoNbdParams, PurchaseModel, PurchaseModelName } from '../types.ts';
import type { HorizonDert } from './dert.ts';
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
  const outlook = <P extends object>(m: PurchaseModel<P>, dert: HorizonDert<P>, p: P): CustomerOutlook => ({
    pAlive: m.pAlive(p, x, tx, T),
    expected: m.conditionalExpected(p, x, tx, T, horizon),
    dert: dert(p, x, tx, T, discount, clvHorizon)
  });
  if (model === 'paretonbd') return outlook(paretoNbd, paretonbdDertWithin, params as ParetoNbdParams);
  if (model === 'mbgnbd') return outlook(mbgNbd, mbgnbdDert, params as MbgNbdParams);
  if (model !== 'bgnbd') throw new RangeError(`unknown purchase model '${String(model)}'`);
  return outlook(bgnbd, bgnbdDert, params as BgNbdParams);
}
