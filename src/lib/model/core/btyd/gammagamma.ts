/**
 * Gamma-Gamma spend model: Fader, Hardie & Lee (2005), "RFM and CLV: using iso-value curves
 * for customer base analysis", Journal of Marketing Research 42(4), 415-430, section 3 and
 * the derivation in Fader & Hardie note 025 ("The Gamma-Gamma model of monetary value").
 *
 * Each transaction value z ~ Gamma(p, nu) with nu ~ Gamma(q, v) across customers. For a
 * customer with x repeat transactions of mean m, the likelihood of the mean (note 025 eq. 1,
 * FHL eq. 3):
 *   f(m | p, q, v, x) = Gamma(p x + q) / (Gamma(p x) Gamma(q)) v^q m^(p x - 1) x^(p x) / (v + m x)^(p x + q),
 * E[M | x, m] = (p (v + x m)) / (p x + q - 1)   (FHL eq. 5; a weighted mean of the population
 * mean p v / (q - 1) and the customer's own mean m), and E[Z] = p v / (q - 1) (q > 1).
 */
import { lgamma } from '../special/lgamma.ts';
import { maximumLikelihood } from '../fit/maximumLikelihood.ts';
import type { FitOptions, FitResult, GammaGammaParams, SpendData } from '../types.ts';

const PARAM_NAMES = ['p', 'q', 'v'] as const;

/** log f(m | p, q, v, x) for one customer with x >= 1 repeat transactions of mean m > 0. */
export function gammaGammaLogLikIndividual(params: GammaGammaParams, x: number, m: number): number {
  const { p, q, v } = params;
  const px = p * x;
  return (
    lgamma(px + q) -
    lgamma(px) -
    lgamma(q) +
    q * Math.log(v) +
    (px - 1) * Math.log(m) +
    px * Math.log(x) -
    (px + q) * Math.log(v + m * x)
  );
}

/** Weighted total log-likelihood over SpendData. */
export function gammaGammaLogLik(params: GammaGammaParams, data: SpendData): number {
  let total = 0;
  for (let i = 0; i < data.length; i++)
    total += data.count[i] * gammaGammaLogLikIndividual(params, data.x[i], data.m[i]);
  return total;
}

/** Population mean spend per transaction E[Z] = p v / (q - 1); Infinity when q <= 1. */
export function meanSpend(params: GammaGammaParams): number {
  return params.q > 1 ? (params.p * params.v) / (params.q - 1) : Infinity;
}

/**
 * E[M | x, m]: expected spend per transaction of a customer with x repeat transactions of
 * mean m (FHL 2005 "RFM and CLV" eq. 5). With x = 0 (or no spend observed) it is the
 * population mean p v / (q - 1).
 */
export function conditionalExpectedSpend(params: GammaGammaParams, x: number, m: number): number {
  if (!(x > 0) || !(m > 0)) return meanSpend(params);
  return (params.p * (params.v + x * m)) / (params.p * x + params.q - 1);
}

export function fitGammaGamma(data: SpendData, options?: FitOptions): FitResult<GammaGammaParams> {
  if (data.length === 0 || !(data.customers > 0)) {
    throw new RangeError('cannot fit gammagamma: no customer with repeat purchases (x > 0) and positive mean spend');
  }
  let sumM = 0;
  let sumM2 = 0;
  let w = 0;
  for (let i = 0; i < data.length; i++) {
    const x = data.x[i];
    const m = data.m[i];
    const c = data.count[i];
    if (!(x > 0) || !(m > 0) || !Number.isFinite(x) || !Number.isFinite(m) || !(c >= 0)) {
      throw new RangeError(
        `invalid spend record ${i}: (x, m, count) = (${x}, ${m}, ${c}) (need x > 0, m > 0, count >= 0)`
      );
    }
    sumM += c * m;
    sumM2 += c * m * m;
    w += c;
  }
  const mean = sumM / w;
  if (!(sumM2 / w - mean * mean > 1e-12 * mean * mean)) {
    throw new RangeError(
      `cannot fit gammagamma: every customer has the same mean spend (${mean}), the spread of spend is not identified`
    );
  }
  // start: q = 3, p = 5 and v matching the observed mean spend, p v / (q - 1) = mean
  const start: GammaGammaParams = { p: 5, q: 3, v: (2 * mean) / 5 };
  return maximumLikelihood<GammaGammaParams>(
    {
      model: 'gammagamma',
      paramNames: PARAM_NAMES,
      start,
      n: data.customers,
      logLik: (g) => gammaGammaLogLik(g, data)
    },
    options
  );
}
