/**
 * sBG fit for subscribers observed for different lengths (staggered sign-ups): the
 * likelihood of Fader & Hardie (2007, "How to project customer retention", J. Interactive
 * Marketing 21(1), eqs. 1-2 and the likelihood of section 3) with each customer's own
 * censoring point instead of one cohort-wide horizon:
 *   churned after paying k periods          -> P(T = k) = B(α + 1, β + k - 1) / B(α, β)
 *   still subscribed after k - 1 renewals   -> S(k - 1) = B(α, β + k - 1) / B(α, β)
 * Customers are compressed to distinct (periods paid, still subscribed) pairs.
 */
import { maximumLikelihood } from '../fit/maximumLikelihood.ts';
import type { FitOptions, FitResult, SbgParams } from '../types.ts';
import { SBG_PARAMS, sbgChurnProbability, sbgSurvival } from './sbg.ts';

/**
 * @param periodsPaid per customer, the periods paid so far (>= 1)
 * @param subscribed per customer, true when still within a paid period (censored)
 */
export function fitSbgCensored(
  periodsPaid: ArrayLike<number>,
  subscribed: ArrayLike<boolean>,
  options: FitOptions = {}
): FitResult<SbgParams> {
  if (periodsPaid.length !== subscribed.length) {
    throw new RangeError(
      `cannot fit sbg: ${periodsPaid.length} period counts but ${subscribed.length} subscription flags`
    );
  }
  const cells = new Map<number, number>(); // key: k * 2 + (subscribed ? 1 : 0)
  let churned = 0;
  for (let i = 0; i < periodsPaid.length; i++) {
    const k = periodsPaid[i];
    if (!Number.isInteger(k) || k < 1)
      throw new RangeError(`cannot fit sbg: customer ${i} paid ${k} periods (must be an integer >= 1)`);
    const key = k * 2 + (subscribed[i] ? 1 : 0);
    cells.set(key, (cells.get(key) ?? 0) + 1);
    if (!subscribed[i]) churned++;
  }
  if (periodsPaid.length === 0) throw new RangeError('cannot fit sbg: no subscribers');
  if (churned === 0) throw new RangeError('cannot fit sbg: nobody churned, so the churn rate is not identified');
  const entries = [...cells.entries()].map(([key, count]) => ({ k: key >> 1, censored: (key & 1) === 1, count }));
  return maximumLikelihood<SbgParams>(
    {
      model: 'sbg',
      paramNames: SBG_PARAMS,
      start: { alpha: 1, beta: 1 },
      n: periodsPaid.length,
      logLik: (p) => {
        let total = 0;
        for (const e of entries)
          total += e.count * Math.log(e.censored ? sbgSurvival(p, e.k - 1) : sbgChurnProbability(p, e.k));
        return total;
      }
    },
    options
  );
}
