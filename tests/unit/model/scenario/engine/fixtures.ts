/** Shared test fixtures: FHL 2005 closed forms written independently of the engine. */
import { hyp2f1 } from '../../../../../src/lib/model/core/special/index.ts';
import type { BgNbdParams } from '../../../../../src/lib/model/core/types.ts';

/** CDNOW BG/NBD estimates, Fader, Hardie & Lee (2005) section 5. */
export const CDNOW: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/** E[X(t)], FHL 2005 eq. 9. */
export function expectedTransactions(p: BgNbdParams, t: number): number {
  const { r, alpha, a, b } = p;
  return ((a + b - 1) / (a - 1)) * (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b, a + b - 1, t / (alpha + t)));
}

/** E[Y(t) | x, t_x, T], FHL 2005 eq. 10. */
export function conditionalExpected(p: BgNbdParams, x: number, tx: number, T: number, t: number): number {
  const { r, alpha, a, b } = p;
  const num =
    ((a + b + x - 1) / (a - 1)) *
    (1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t)));
  const den = 1 + (x > 0 ? (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 0);
  return num / den;
}

export function cumulative(xs: ArrayLike<number>, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += xs[i];
  return s;
}
