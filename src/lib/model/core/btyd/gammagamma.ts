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
import { lbeta } from '../special/lbeta.ts';
import { digamma, trigamma } from '../special/digamma.ts';
import { maximumLikelihood, type LogLikDerivatives } from '../fit/maximumLikelihood.ts';
import type { FitOptions, FitResult, GammaGammaParams, SpendData } from '../types.ts';

const PARAM_NAMES = ['p', 'q', 'v'] as const;

/**
 * log f(m | p, q, v, x) for one customer with x >= 1 repeat transactions of mean m > 0, as
 * -log B(p x, q) - p x log v - (p x + q) log1p(m x / v) + (p x - 1) log m + p x log x: the same
 * as the textbook form, which subtracts terms of the size q log q and q log v from each other and
 * loses every digit where the spend is homogeneous across customers (q and v running to infinity
 * together: at q ~ 1e19 it returned log-likelihoods of +5e5 a customer).
 */
export function gammaGammaLogLikIndividual(params: GammaGammaParams, x: number, m: number): number {
  const { p, q, v } = params;
  const px = p * x;
  return (
    -lbeta(px, q) - px * Math.log(v) - (px + q) * Math.log1p((m * x) / v) + (px - 1) * Math.log(m) + px * Math.log(x)
  );
}

/** Weighted total log-likelihood over SpendData. */
export function gammaGammaLogLik(params: GammaGammaParams, data: SpendData): number {
  let total = 0;
  for (let i = 0; i < data.length; i++)
    total += data.count[i] * gammaGammaLogLikIndividual(params, data.x[i], data.m[i]);
  return total;
}

/**
 * SpendData grouped by distinct x: the log-gamma, digamma and trigamma terms depend on the
 * customer only through x, so a likelihood evaluation takes them once per distinct x (a few
 * dozen) and one logarithm per customer; the terms that do not depend on the parameters
 * (sums of count ln m and count x ln(m x) per group) are summed once.
 */
export interface GammaGammaPrepared {
  /** distinct x values and, per group, the sum of counts, of count x ln(m x) and of count ln m */
  xs: Float64Array;
  weight: Float64Array;
  sumXLogMx: Float64Array;
  sumLogM: Float64Array;
  /** per record: its group, and m x */
  group: Int32Array;
  mx: Float64Array;
  count: Float64Array;
}

export function prepareGammaGamma(data: SpendData): GammaGammaPrepared {
  const index = new Map<number, number>();
  const group = new Int32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    let g = index.get(data.x[i]);
    if (g === undefined) index.set(data.x[i], (g = index.size));
    group[i] = g;
  }
  const k = index.size;
  const xs = new Float64Array(k);
  for (const [x, g] of index) xs[g] = x;
  const weight = new Float64Array(k);
  const sumXLogMx = new Float64Array(k);
  const sumLogM = new Float64Array(k);
  const mx = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const g = group[i];
    const c = data.count[i];
    const x = data.x[i];
    mx[i] = data.m[i] * x;
    weight[g] += c;
    sumXLogMx[g] += c * x * Math.log(mx[i]);
    sumLogM[g] += c * Math.log(data.m[i]);
  }
  return { xs, weight, sumXLogMx, sumLogM, group, mx, count: data.count };
}

/**
 * The weighted log-likelihood with its exact gradient and Hessian in (p, q, v), from
 * d/dp l_i = x (psi(p x + q) - psi(p x) + ln(m x) - ln(v + m x)),
 * d/dq l_i = psi(p x + q) - psi(q) + ln v - ln(v + m x), d/dv l_i = q / v - (p x + q) / (v + m x),
 * and their derivatives (trigamma differences; -x / (v + m x), 1 / v - 1 / (v + m x),
 * -q / v^2 + (p x + q) / (v + m x)^2). Null where it is not finite.
 */
export function gammaGammaDerivatives(params: GammaGammaParams, d: GammaGammaPrepared): LogLikDerivatives | null {
  const { p, q, v } = params;
  const k = d.xs.length;
  const logV = Math.log(v);
  const psiQ = digamma(q);
  const psi1Q = trigamma(q);
  // per group: sum of counts of ln(1 + m x / v) (ln(v + m x) - ln v without the cancellation,
  // as in gammaGammaLogLikIndividual), of 1 / (v + m x) and of 1 / (v + m x)^2
  const sumL1p = new Float64Array(k);
  const sumU = new Float64Array(k);
  const sumU2 = new Float64Array(k);
  for (let i = 0; i < d.group.length; i++) {
    const c = d.count[i];
    if (c === 0) continue;
    const g = d.group[i];
    const u = 1 / (v + d.mx[i]);
    sumL1p[g] += c * Math.log1p(d.mx[i] / v);
    sumU[g] += c * u;
    sumU2[g] += c * u * u;
  }
  let value = 0;
  let gp = 0;
  let gq = 0;
  let gv = 0;
  let hpp = 0;
  let hpq = 0;
  let hpv = 0;
  let hqq = 0;
  let hqv = 0;
  let hvv = 0;
  for (let g = 0; g < k; g++) {
    const w = d.weight[g];
    if (w === 0) continue;
    const x = d.xs[g];
    const px = p * x;
    const s = px + q;
    const psiS = digamma(s);
    const psi1S = trigamma(s);
    const psiPx = digamma(px);
    const psi1Px = trigamma(px);
    // (p x - 1) ln m + p x ln x = p x ln(m x) - ln m
    value += -w * (lbeta(px, q) + px * logV) + p * d.sumXLogMx[g] - d.sumLogM[g] - s * sumL1p[g];
    gp += x * (w * (psiS - psiPx - logV) - sumL1p[g]) + d.sumXLogMx[g];
    gq += w * (psiS - psiQ) - sumL1p[g];
    gv += (w * q) / v - s * sumU[g];
    hpp += w * x * x * (psi1S - psi1Px);
    hpq += w * x * psi1S;
    hpv -= x * sumU[g];
    hqq += w * (psi1S - psi1Q);
    hqv += w / v - sumU[g];
    hvv += (-w * q) / (v * v) + s * sumU2[g];
  }
  if (!Number.isFinite(value)) return null;
  return {
    logLik: value,
    gradient: [gp, gq, gv],
    hessian: [hpp, hpq, hpv, hpq, hqq, hqv, hpv, hqv, hvv]
  };
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
  const prepared = prepareGammaGamma(data);
  return maximumLikelihood<GammaGammaParams>(
    {
      model: 'gammagamma',
      paramNames: PARAM_NAMES,
      start,
      n: data.customers,
      logLik: (g) => gammaGammaDerivatives(g, prepared)?.logLik ?? NaN,
      derivatives: (g) => gammaGammaDerivatives(g, prepared)
    },
    options
  );
}
