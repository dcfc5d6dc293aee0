/**
 * BG/NBD DERT for a whole customer base, fast enough for 100,000 customers in a worker.
 *
 * DERT(delta, H | x, t_x, T) = P(alive | x, t_x, T) D(r + x, alpha + T, a, b + x), with D the
 * discounted expected transactions of an alive customer over the horizon H
 * (src/lib/model/core/btyd/aliveDert.ts; FHL 2005 "RFM and CLV" eq. 1 over a horizon). In the
 * BG/NBD posterior t_x enters only P(alive) (FHL 2005a, eq. 10 and the P(alive) note), so one
 * integral serves every customer with the same (x, T), and the table caches it.
 */
import { aliveDiscountedTransactions, noDropoutDiscountedTransactions } from '../model/core/btyd/aliveDert.ts';
import { bgnbdPAlive } from '../model/core/btyd/bgnbd.ts';
import { mbgnbdPAlive } from '../model/core/btyd/mbgnbd.ts';
import { paretonbdDertWithin, paretonbdPAlive } from '../model/core/btyd/paretonbd.ts';
import type { BgNbdParams, ParetoNbdParams, PurchaseModelName } from '../model/core/types.ts';

/** below this bound on DERT, P(alive) (r + x) (1 - e^(-delta H)) / ((alpha + T) delta), the answer is 0 (as bgnbdDert) */
const NEGLIGIBLE_DERT = 1e-12;

/**
 * A DERT function for one set of BG/NBD parameters, a discount rate delta per period and a
 * horizon in periods (Infinity: the lifetime), caching one integral per distinct (x, T).
 */
export function bgnbdDertTable(
  p: BgNbdParams,
  delta: number,
  horizon = Infinity
): (x: number, tx: number, T: number) => number {
  checkDiscounting(delta, horizon);
  return bgFamilyDertTable(p, bgnbdPAlive, 0, delta, horizon);
}

function checkDiscounting(delta: number, horizon: number): void {
  if (!(delta > 0) || !Number.isFinite(delta))
    throw new RangeError(`invalid discount rate: ${delta} per period (must be a finite number > 0)`);
  if (!(horizon > 0)) throw new RangeError(`invalid CLV horizon: ${horizon} periods (must be > 0)`);
}

/**
 * The DERT table of a BG/NBD-family model: its P(alive) times the alive part with
 * p ~ Beta(a, b + x + `extraB`) (0 for BG/NBD, 1 for MBG/NBD), cached per (x, T).
 */
function bgFamilyDertTable(
  p: BgNbdParams,
  pAliveOf: (p: BgNbdParams, x: number, tx: number, T: number) => number,
  extraB: 0 | 1,
  delta: number,
  horizon: number
): (x: number, tx: number, T: number) => number {
  const alive = new Map<string, number>();
  return (x, tx, T) => {
    const pAlive = pAliveOf(p, x, tx, T);
    if (pAlive * noDropoutDiscountedTransactions(p.r + x, p.alpha + T, delta, horizon) < NEGLIGIBLE_DERT) return 0;
    const key = `${x}|${T}`;
    let d = alive.get(key);
    if (d === undefined) {
      d = aliveDiscountedTransactions(p.r + x, p.alpha + T, p.a, p.b + x + extraB, delta, horizon);
      alive.set(key, d);
    }
    return pAlive * d;
  };
}

/**
 * A DERT function for any purchase model: BG/NBD by bgnbdDertTable; MBG/NBD as BG/NBD with the
 * alive posterior p ~ Beta(a, b + x + 1) (Batislam et al. 2007; btyd/mbgnbd.ts), one integral per
 * (x, T); Pareto/NBD by its alive posterior λ ~ Gamma(r + x, α + T), μ ~ Gamma(s, β + T)
 * (btyd/paretonbd.ts, paretonbdDertWithin), whose integral also depends on (x, T) only, so
 * DERT = P(alive | x, t_x, T) x the cached alive part.
 */
export function purchaseDertTable(
  model: PurchaseModelName,
  params: BgNbdParams | ParetoNbdParams,
  delta: number,
  horizon = Infinity
): (x: number, tx: number, T: number) => number {
  if (model === 'bgnbd') return bgnbdDertTable(params as BgNbdParams, delta, horizon);
  checkDiscounting(delta, horizon);
  if (model === 'mbgnbd') return bgFamilyDertTable(params as BgNbdParams, mbgnbdPAlive, 1, delta, horizon);
  if (model !== 'paretonbd') throw new RangeError(`unknown purchase model '${String(model)}'`);
  const p = params as ParetoNbdParams;
  const alive = new Map<string, number>();
  return (x, tx, T) => {
    const pAlive = paretonbdPAlive(p, x, tx, T);
    if (!(pAlive > 0)) return 0;
    const key = `${x}|${T}`;
    let d = alive.get(key);
    if (d === undefined) {
      // the alive part: DERT at (x, t_x = T, T), where P(alive) = 1
      d = paretonbdDertWithin(p, x, T, T, delta, horizon) / paretonbdPAlive(p, x, T, T);
      alive.set(key, d);
    }
    return pAlive * d;
  };
}
