/**
 * Plain-data shapes of the data layer: transactions, per-customer summaries and
 * datasets as stored in IndexedDB and passed to workers. Columnar where large.
 */
import type { PurchaseModelName, TimeUnit } from '$lib/model/core/types';
import type { ChannelTruth } from '$lib/model/scenario/channel-simulate';

/** Transactions in columnar form (one entry per row kept by the importer). */
export interface TransactionTable {
  customerId: string[];
  /** days since 1970-01-01 (UTC), integer; same-day purchases are merged by the summariser, not here */
  day: Int32Array;
  /** spend of the row; NaN when the source has no amount */
  amount: Float64Array;
  /** quantity when known, else NaN */
  quantity: Float64Array;
  /** acquisition / purchase channel when known, else '' */
  channel: string[];
  length: number;
}

/** One customer's summary row, in the dataset's model unit. */
export interface CustomerSummary {
  id: string;
  /** repeat transaction days in calibration */
  x: number;
  tx: number;
  T: number;
  /** mean spend per repeat transaction day (first purchase excluded), 0 if none */
  m: number;
  /** spend of the first purchase day */
  firstSpend: number;
  /** transaction days in the holdout period (NaN when no holdout) */
  xHoldout: number;
  /** spend in the holdout period */
  holdoutSpend: number;
  /** YYYY-MM-DD */
  firstDate: string;
  lastDate: string;
  channel: string;
  segment: string;
  region: string;
  /** randomised campaign arm (sample data), -1 when unknown */
  treatment: number;
  /**
   * customers the row stands for (a group of a compressed summary, all sharing x, t_x, T and
   * x_holdout; m, firstSpend and holdoutSpend are then the group's means); absent: 1
   */
  count?: number;
}

export interface SummaryOptions {
  /** inclusive calibration end, YYYY-MM-DD; default: the last transaction date */
  calibrationEnd?: string;
  unit?: TimeUnit;
}

/** A dataset's metadata as listed on /data. */
export interface DatasetMeta {
  id: string;
  name: string;
  kind: 'transactions' | 'subscription' | 'summary';
  source: 'sample' | 'import';
  createdAt: string;
  customers: number;
  transactions: number;
  firstDate: string;
  lastDate: string;
  calibrationEnd: string;
  unit: TimeUnit;
  /**
   * false when the file had no purchase dates (a lifetimes / PyMC-Marketing summary without
   * a summary date): firstDate, lastDate and calibrationEnd are '' here and in every
   * customer's summary, and only (x, t_x, T, m) in `unit` are known; consumers must not
   * parse the dates (nor measure acquisition from first purchases). Absent (older records)
   * or true: the dates are known.
   */
  hasDates?: boolean;
  /**
   * the ISO 4217 code of the dataset's money (amounts, spend, CLV), chosen on import or on
   * /data; absent (records from before it, sample data): the working scenario's currency
   */
  currency?: string;
  /**
   * a compressed summary (sql/compressed.*.sql): each stored row is a group of customers with its
   * count (CustomerSummary.count; `customers` is their sum), and the Gamma-Gamma spend groups are
   * stored beside them (evidence kind 'spend-groups'); absent: one row per customer
   */
  grouped?: { groups: number; spendGroups: number; holdoutEnd: string };
  /** for sample data: the parameters customers were drawn from */
  groundTruth?: GroundTruth;
  /** the purchase model the person chose on the Model page, with the holdout evidence; absent: none chosen */
  modelChoice?: ModelChoice;
}

/** The purchase model chosen for a dataset and the holdout comparison it was chosen on. */
export interface ModelChoice {
  model: PurchaseModelName;
  /** the model the comparison proposed (lowest holdout RMSE), and why */
  proposed: PurchaseModelName | null;
  reason: string;
  calibrationEnd: string;
  holdoutEnd: string;
  /** per-customer holdout RMSE of each model that fitted, transactions */
  rmse: Partial<Record<PurchaseModelName, number>>;
  /** ISO time of the choice */
  chosenAt: string;
}

export interface GroundTruth {
  preset: string;
  seed: number;
  bgnbd?: { r: number; alpha: number; a: number; b: number };
  gammagamma?: { p: number; q: number; v: number };
  sbg?: { alpha: number; beta: number };
  /** true campaign uplift: multiplier on the purchase rate of treated customers */
  campaignUplift?: {
    rateMultiplier: number;
    treatedShare: number;
    /** multiplier on treated customers' churn probability per renewal (contractual presets) */
    churnMultiplier?: number;
    /** first day the campaign acts (YYYY-MM-DD); customers are randomised before it */
    startDate?: string;
  };
  channels?: string[];
  /** per acquisition channel: share of new customers and multipliers on rate, dropout and spend (MODEL.md section 2) */
  channelQuality?: {
    id: string;
    share: number;
    rateMultiplier: number;
    dropoutMultiplier: number;
    spendMultiplier: number;
  }[];
  /** per segment: share and spend multiplier (price per period for subscriptions) */
  segments?: { id: string; share: number; spendMultiplier: number; pricePerPeriod?: number }[];
  /** holdout end (YYYY-MM-DD, inclusive) of the simulation */
  holdoutEnd?: string;
  /** the channel response the sample's spend history and acquisitions were drawn from (spend-history.ts) */
  channelResponse?: {
    startDate: string;
    weeks: number;
    organicPerWeek: number;
    channels: ChannelTruth[];
  };
}
