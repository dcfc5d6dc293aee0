/**
 * Customer lifetime value from the fitted pieces (Fader, Hardie & Lee 2005, "RFM and CLV",
 * eq. 1): CLV = margin x E[spend per transaction | m, x] x DERT(delta | x, t_x, T), the
 * expected residual value of an existing customer; for contractual customers
 * CLV = margin x payment x DERL (Fader & Hardie 2010). Totals sum over customers (customer equity
 * of the existing base).
 */
import { conditionalExpectedSpend } from './btyd/gammagamma.ts';
import type { BgNbdParams, GammaGammaParams, ParetoNbdParams, PurchaseModel } from './types.ts';

export interface ClvInput {
  x: number;
  tx: number;
  T: number;
  /** mean repeat spend (0 when x = 0) */
  m: number;
}

export interface ClvOptions {
  /** gross margin as a share of spend, in [0, 1] */
  margin: number;
  /** continuous discount rate per model period (e.g. 0.0019 per week ~ 10% a year) */
  discountPerPeriod: number;
}

function checkOptions({ margin, discountPerPeriod }: ClvOptions): void {
  if (!(margin >= 0 && margin <= 1)) throw new RangeError(`invalid margin: ${margin} (must be a share in [0, 1])`);
  if (!(discountPerPeriod > 0) || !Number.isFinite(discountPerPeriod)) {
    throw new RangeError(`invalid discount rate: ${discountPerPeriod} per period (must be > 0)`);
  }
}

/** Residual CLV of one customer: margin x E[M | m, x] x DERT. */
export function customerClv<P extends BgNbdParams | ParetoNbdParams>(
  model: PurchaseModel<P>,
  purchaseParams: P,
  spendParams: GammaGammaParams,
  customer: ClvInput,
  options: ClvOptions
): number {
  checkOptions(options);
  const spend = conditionalExpectedSpend(spendParams, customer.x, customer.m);
  const dert = model.dert(purchaseParams, customer.x, customer.tx, customer.T, options.discountPerPeriod);
  return options.margin * spend * dert;
}

/** Per-customer CLVs and their total (customer equity of the existing base). */
export function clvTable<P extends BgNbdParams | ParetoNbdParams>(
  model: PurchaseModel<P>,
  purchaseParams: P,
  spendParams: GammaGammaParams,
  customers: readonly ClvInput[],
  options: ClvOptions
): { clv: Float64Array; total: number } {
  checkOptions(options);
  const clv = new Float64Array(customers.length);
  // DERT depends only on (x, t_x, T): cache across identical triples
  const cache = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < customers.length; i++) {
    const c = customers[i];
    const key = `${c.x}|${c.tx}|${c.T}`;
    let dert = cache.get(key);
    if (dert === undefined) {
      dert = model.dert(purchaseParams, c.x, c.tx, c.T, options.discountPerPeriod);
      cache.set(key, dert);
    }
    clv[i] = options.margin * conditionalExpectedSpend(spendParams, c.x, c.m) * dert;
    total += clv[i];
  }
  return { clv, total };
}

/** Contractual CLV of a customer who has renewed n times: margin x payment x DERL. */
export function contractualClv(marginPerPayment: number, derl: number): number {
  return marginPerPayment * derl;
}
