/**
 * The scenario's KPIs from the weekly series and the cohort kernels: CLV per new
 * customer (acquisition mix), customer equity (discounted margin of the existing base
 * plus the CLV of each week's new customers minus discounted acquisition spend), CAC,
 * CLV/CAC, payback, 1-year retention and repeat rate of a new customer, AOV,
 * satisfaction and NPS, totals. A KPI that is not finite is reported as null with a
 * warning.
 */
import { CHANNEL_IDS, KPI_IDS, type KpiValues } from '../../scenario-types.ts';
import { value } from '../../assumptions.ts';
import { channelParams } from '../../levers/channels.ts';
import { sum } from './arrays.ts';
import { SOURCES, type Acquisition, type Source } from './acquisition.ts';
import { clvBySource, discountFactors, mixWeights } from './clv.ts';
import type { CohortKernels } from './cohorts.ts';
import type { ProjectionContext } from './context.ts';
import type { WeeklyMoney } from './money.ts';
import { PURCHASE_MODEL_CORE } from '../baseline.ts';
import type { PreparedBaseline } from '../baseline.ts';
import { scaleBetaMean } from './recurrences.ts';

/** The window of the repeat-rate KPI, weeks after acquisition. */
const REPEAT_WINDOW_WEEKS = 52;

/**
 * BG/NBD: share of new customers with at least one repeat purchase within t weeks.
 * Dropout can only follow a purchase (FHL 2005 section 3), so the customer is alive
 * until the first repeat and P(X(t) = 0 | λ) = e^(-λt); over λ ~ Gamma(r, α):
 * 1 - (α / (α + t))^r = -expm1(-r log1p(t / α)). Dropout multipliers do not enter.
 */
export function bgnbdRepeatWithin(shape: number, rate: number, t: number): number {
  return -Math.expm1(-shape * Math.log1p(t / rate));
}

/**
 * Share of new customers with a repeat purchase within t weeks under the baseline's purchase
 * model, at the drivers' rate and dropout multipliers: 1 - P(X(t) = 0) of the model core
 * (BG/NBD: bgnbdRepeatWithin, dropout does not enter; MBG/NBD and Pareto/NBD: their
 * probTransactions at the multiplied parameters, where dropout enters through the first
 * purchase (MBG/NBD) or the lifetime (Pareto/NBD)).
 */
export function repeatWithin(
  base: Pick<PreparedBaseline, 'purchaseModel' | 'prior'>,
  rateMultiplier: number,
  dropoutMultiplier: number,
  t: number
): number {
  const { shape, rate, betaA, betaB } = base.prior;
  const alpha = rate / rateMultiplier;
  if (base.purchaseModel === 'paretonbd')
    return (
      1 -
      PURCHASE_MODEL_CORE.paretonbd.probTransactions(
        { r: shape, alpha, s: betaA, beta: betaB / dropoutMultiplier },
        t,
        0
      )
    );
  if (base.purchaseModel === 'mbgnbd') {
    const beta = scaleBetaMean(betaA, betaB, dropoutMultiplier);
    return 1 - PURCHASE_MODEL_CORE.mbgnbd.probTransactions({ r: shape, alpha, a: beta.a, b: beta.b }, t, 0);
  }
  return bgnbdRepeatWithin(shape, alpha, t);
}

/**
 * sBG: share of new subscribers who renew at least once within `window` weeks: the
 * cohort kernel's survival just after the first renewal (age P, in the week whose end
 * age first reaches P), E[1 - θ g]; 0 when the first renewal falls after the window.
 */
export function firstRenewalShare(kernelAlive: ArrayLike<number>, periodWeeks: number, window: number): number {
  const week = Math.ceil(periodWeeks - 1e-9) - 1;
  return week < window && week < kernelAlive.length ? kernelAlive[week] : 0;
}

export interface KpiResult {
  kpis: KpiValues;
  /** CLV of one new customer by source */
  clv: Record<Source, number>;
  /** survival of a new customer of the acquisition mix, by week of age */
  aliveMixNew: Float64Array;
  /** new customers over the horizon by source */
  totals: Record<Source, number>;
  paidNew: number;
  allNew: number;
  /** expected new customers with a repeat purchase (renewal) within a year */
  repeatWithin1y: number;
}

export function kpiValues(
  c: ProjectionContext,
  ac: Acquisition,
  k: CohortKernels,
  money: WeeklyMoney,
  /** the existing base's revenue at the scenario's spend multiplier */
  exRevenue: Float64Array,
  marginPerOrder: number,
  marginShare: number,
  warnings: string[]
): KpiResult {
  const { base, a, d, M, H, L, clvWeeks, options, contractual, economics: econ } = c;
  const { acq, paidBudgetTotal, acquisitionCost } = ac;
  const { kTx, kAlive, skipped } = k;
  const { transactions, revenue, margin, active, costs, contribution } = money;
  // discount factors e^(-δ t) at whole and half weeks, t = 0 .. L
  const { whole: discWhole, half: discHalf } = discountFactors(econ.discountRatePerYear, L);
  const clv = clvBySource(SOURCES, kTx, skipped, clvWeeks, discHalf, marginPerOrder);
  const totals = {} as Record<Source, number>;
  for (const src of SOURCES) totals[src] = sum(acq[src]);
  const paidNew = CHANNEL_IDS.reduce((s, ch) => s + totals[ch], 0);
  const allNew = paidNew + totals.organic;
  const allW = mixWeights(totals, SOURCES);
  const paidW = mixWeights(totals, CHANNEL_IDS);
  const clvPerNewCustomer = allW.reduce((s, [x, w]) => s + w * clv[x], 0);
  const clvPaid = paidW.reduce((s, [x, w]) => s + w * clv[x], 0);
  const cac = paidNew > 1e-9 ? paidBudgetTotal / paidNew : null;
  // lean: the mix survival only as far as the 1-year KPIs need it
  const mixWeeks = options.lean ? Math.min(L, 52) : L;
  const aliveMixNew = new Float64Array(mixWeeks);
  for (const [x, w] of allW) {
    const ka = kAlive[x];
    for (let t = 0; t < mixWeeks; t++) aliveMixNew[t] += w * ka[t];
  }
  let payback: number | null = null;
  if (cac !== null) {
    let cum = marginPerOrder;
    if (cum >= cac) payback = 0;
    for (let age = 0; age < clvWeeks && payback === null; age++) {
      for (const [x, w] of paidW) cum += marginPerOrder * w * kTx[x][age];
      if (cum >= cac) payback = age + 1;
    }
  }
  const retention1y = aliveMixNew[Math.min(L, 52) - 1];
  const repeat = {} as Record<Source, number>;
  for (const src of SOURCES) {
    const q = src === 'organic' ? { qualityRate: 1, qualityDropout: 1 } : channelParams(a, src);
    repeat[src] = contractual
      ? firstRenewalShare(kAlive[src], base.periodWeeks, REPEAT_WINDOW_WEEKS)
      : repeatWithin(base, M.purchaseRate * q.qualityRate, M.dropout * q.qualityDropout, REPEAT_WINDOW_WEEKS);
  }
  const repeatRate1y = allW.reduce((s, [x, w]) => s + w * repeat[x], 0);
  let repeatWithin1y = 0;
  for (const src of SOURCES) repeatWithin1y += totals[src] * repeat[src];
  let existingDiscMargin = 0;
  let newDiscValue = 0;
  let acqDisc = 0;
  let discountedContribution = 0;
  for (let w = 0; w < H; w++) {
    existingDiscMargin += exRevenue[w] * marginShare * discHalf[w];
    acqDisc += acquisitionCost[w] * discWhole[w];
    discountedContribution += contribution[w] * discHalf[w];
  }
  for (const src of SOURCES) {
    if (totals[src] === 0) continue;
    const n = acq[src];
    let v = 0;
    for (let w = 0; w < H; w++) v += n[w] * discWhole[w];
    newDiscValue += v * clv[src];
  }
  const totalTx = sum(transactions);
  const totalRevenue = sum(revenue);
  const satMean = sum(d.satisfaction, H) / H;
  const kpis = {} as KpiValues;
  for (const k of KPI_IDS) kpis[k] = null;
  Object.assign(kpis, {
    clvPerNewCustomer,
    customerEquity: existingDiscMargin + newDiscValue - acqDisc,
    cac,
    clvToCac: cac !== null && cac > 0 ? clvPaid / cac : null,
    paybackWeeks: payback,
    retention1y,
    churn1y: 1 - retention1y,
    repeatRate1y,
    aov: totalTx > 0 ? totalRevenue / totalTx : null,
    satisfaction: satMean,
    nps: value(a, 'satisfaction.baselineNps') + value(a, 'satisfaction.npsPerIndex') * (satMean - 1),
    roiVsBaseline: null,
    newCustomers: allNew,
    activeCustomersEnd: active[H - 1],
    revenue: totalRevenue,
    margin: sum(margin),
    costs: sum(costs),
    contribution: sum(contribution),
    discountedContribution
  } satisfies Partial<KpiValues>);
  for (const k of KPI_IDS) {
    const v = kpis[k];
    if (v !== null && !Number.isFinite(v)) {
      warnings.push(`KPI ${k} was ${v}; reported as null`);
      kpis[k] = null;
    }
  }

  return { kpis, clv, aliveMixNew, totals, paidNew, allNew, repeatWithin1y };
}
