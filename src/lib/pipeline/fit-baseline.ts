/**
 * From a stored dataset to the scenario engine's baseline: read the per-customer
 * summaries, fit the purchase and spend models (non-contractual: BG/NBD + Gamma-Gamma,
 * Fader, Hardie & Lee 2005a/b) or the sBG (subscriptions: Fader & Hardie 2007), save
 * the fits with the dataset, and build the engine's BaselineSpec.
 *
 * The same code runs in the fit worker (browser) and in node tests (fake-indexeddb).
 */
import type { LeverLabDb } from '../data/db/database.ts';
import { getDataset, getSummaries } from '../data/db/datasets.ts';
import { saveFit } from '../data/db/fits.ts';
import type { CustomerSummary, DatasetMeta } from '../data/types.ts';
import { compressSpend } from '../model/core/fit/compress.ts';
import { toRfmData } from '../data/rfm-data.ts';
import { bgnbd } from '../model/core/btyd/bgnbd.ts';
import { fitGammaGamma } from '../model/core/btyd/gammagamma.ts';
import { fitSbgCensored } from '../model/core/btyd/sbg-censored.ts';
import { baselineFromFits, baselineFromSbg } from '../model/scenario/engine/baseline-from-fit.ts';
import type { BaselineSpec } from '../model/scenario/engine/baseline.ts';
import type { BgNbdParams, FitResult, GammaGammaParams } from '../model/core/types.ts';
import {
  contractualClv,
  DEFAULT_CLV_ANNUAL_DISCOUNT,
  DEFAULT_CLV_MARGIN_SHARE,
  nonContractualClv,
  summariseClv,
  type ClvOptions,
  type ClvSummary
} from './clv-summary.ts';

/** CLV of the existing base at the engine's default economics (the workbench rescales the margin). */
const CLV_OPTIONS: ClvOptions = {
  marginShare: DEFAULT_CLV_MARGIN_SHARE,
  annualDiscountRate: DEFAULT_CLV_ANNUAL_DISCOUNT
};

/** What fitting a dataset's baseline gives: the engine's spec, the fits and the CLV of the base. */
export interface FitAnswer {
  spec: BaselineSpec;
  fits: FitResult<object>[];
  /** a sentence naming the data and the models, shown under the KPIs */
  source: string;
  customers: number;
  /** residual CLV of the existing customers at the baseline: histogram, quantiles, by segment and channel */
  clv: ClvSummary;
  elapsedMs: number;
}

const WEEKS_PER_UNIT = { day: 1 / 7, week: 1, month: 365.25 / 12 / 7 } as const;

/**
 * New customers per week without paid media: the dataset's current run-rate, i.e.
 * customers whose first purchase fell in the last 13 weeks of calibration, per week
 * (or per week since the first purchase when the data are shorter). A single-cohort
 * dataset such as CDNOW, whose customers all joined in its first quarter, gets 0:
 * its baseline is the cohort itself.
 */
export function organicNewPerWeek(meta: DatasetMeta, rows: readonly CustomerSummary[]): number {
  const end = Date.parse(meta.calibrationEnd);
  const windowDays = Math.min(91, Math.max(1, (end - Date.parse(meta.firstDate)) / 86_400_000 + 1));
  const from = end - (windowDays - 1) * 86_400_000;
  let recent = 0;
  for (const r of rows) if (Date.parse(r.firstDate) >= from) recent++;
  return recent / (windowDays / 7);
}

export async function fitDatasetBaseline(
  db: LeverLabDb,
  datasetId: string,
  onStage?: (stage: string) => void
): Promise<FitAnswer> {
  const t0 = performance.now();
  const meta = await getDataset(db, datasetId);
  if (!meta) throw new Error(`no dataset with id ${datasetId}`);
  onStage?.('Reading customers');
  const rows = await getSummaries(db, datasetId);
  if (rows.length === 0) throw new Error(`dataset “${meta.name}” has no customers in its calibration period`);
  onStage?.('Fitting the customer model');
  const { spec, fits, clv } = meta.kind === 'subscription' ? fitContractual(meta, rows) : fitNonContractual(meta, rows);
  for (const fit of fits) await saveFit(db, datasetId, fit as FitResult);
  return { spec, fits, clv, source: spec.source, customers: rows.length, elapsedMs: performance.now() - t0 };
}

/** BG/NBD + Gamma-Gamma on the summaries, in weeks, and the residual CLV of each customer. */
export function fitNonContractual(
  meta: DatasetMeta,
  rows: readonly CustomerSummary[],
  clvOptions: ClvOptions = CLV_OPTIONS
): { spec: BaselineSpec; fits: FitResult<object>[]; clv: ClvSummary } {
  const toWeeks = WEEKS_PER_UNIT[meta.unit];
  const n = rows.length;
  const weekly = rows.map((r) => ({ x: r.x, tx: r.tx * toWeeks, T: r.T * toWeeks, m: r.m }));
  // toRfmData leaves out customers first seen on the calibration end itself (T = 0: their
  // BG/NBD likelihood is 1, FHL 2005 eq. 6); they stay, as new customers, in the baseline
  // and the CLV below
  const rfm = toRfmData(weekly);
  if (rfm.customers === 0)
    throw new RangeError(
      `dataset “${meta.name}” has no customer seen before its calibration end (${meta.calibrationEnd}): nothing to fit`
    );
  const purchase = bgnbd.fit(rfm) as FitResult<BgNbdParams>;
  let spend: FitResult<GammaGammaParams> | null = null;
  const withSpend = rows.filter((r) => r.x > 0 && r.m > 0);
  if (withSpend.length >= 10) {
    spend = fitGammaGamma(
      compressSpend(
        withSpend.map((r) => r.x),
        withSpend.map((r) => r.m)
      )
    );
  }
  const firstSpend = mean(rows.map((r) => r.firstSpend).filter((v) => v > 0));
  const source =
    `BG/NBD${spend ? ' + Gamma-Gamma' : ''} fitted to “${meta.name}” (${n.toLocaleString('en')} customers, ` +
    `calibration to ${meta.calibrationEnd})`;
  const spec = baselineFromFits(weekly, purchase, spend, {
    source,
    organicNewPerWeek: organicNewPerWeek(meta, rows),
    meanSpendFallback: firstSpend > 0 ? firstSpend : undefined
  });
  // the spend model the engine uses: the Gamma-Gamma fit, or its tight stand-in at the mean first spend
  const clv = nonContractualClv(
    weekly.map((w) => ({ x: w.x, txWeeks: w.tx, TWeeks: w.T, m: w.m })),
    purchase.params,
    spec.spend.params,
    clvOptions
  );
  return {
    spec,
    fits: spend ? [purchase, spend] : [purchase],
    clv: summariseClv(clv, rows, 'bgnbd-gammagamma', clvOptions)
  };
}

/**
 * sBG on subscribers: a customer with x renewals in calibration has paid x + 1
 * periods; one still within a paid period at the calibration end is censored there,
 * otherwise the subscription ended after those x + 1 periods.
 */
export function fitContractual(
  meta: DatasetMeta,
  rows: readonly CustomerSummary[],
  clvOptions: ClvOptions = CLV_OPTIONS
): { spec: BaselineSpec; fits: FitResult<object>[]; clv: ClvSummary } {
  const periods: number[] = [];
  const alive: boolean[] = [];
  const renewalCounts = new Map<number, number>();
  let price = 0;
  for (const r of rows) {
    const stillPaid = r.T - r.tx < 1;
    periods.push(r.x + 1);
    alive.push(stillPaid);
    if (stillPaid) renewalCounts.set(r.x, (renewalCounts.get(r.x) ?? 0) + 1);
    price += r.firstSpend;
  }
  const fit = fitSbgCensored(periods, alive);
  const renewals = [...renewalCounts.keys()].sort((a, b) => a - b);
  const spec = baselineFromSbg(
    fit,
    { renewals, count: renewals.map((k) => renewalCounts.get(k) ?? 0) },
    {
      source: `sBG fitted to “${meta.name}” (${rows.length.toLocaleString('en')} subscribers, calibration to ${meta.calibrationEnd})`,
      periodWeeks: WEEKS_PER_UNIT[meta.unit],
      pricePerPeriod: price / rows.length,
      organicNewPerWeek: organicNewPerWeek(meta, rows)
    }
  );
  // each subscriber at their own price (the mean where none was recorded), 0 once stopped
  const meanPrice = price / rows.length;
  const clv = contractualClv(
    rows.map((r, i) => ({
      renewals: r.x,
      active: alive[i],
      pricePerPeriod: r.firstSpend > 0 ? r.firstSpend : meanPrice
    })),
    fit.params,
    WEEKS_PER_UNIT[meta.unit],
    clvOptions
  );
  return { spec, fits: [fit], clv: summariseClv(clv, rows, 'sbg', clvOptions) };
}

function mean(values: readonly number[]): number {
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0;
}
