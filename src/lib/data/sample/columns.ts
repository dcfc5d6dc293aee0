/**
 * The columnar output of the sample generator: per-customer summaries and true
 * parameters, and the transactions, all as typed arrays so a worker can transfer them
 * without copying. tables.ts turns them into the shared TransactionTable and
 * CustomerSummary[] shapes.
 */
import type { SampleSpend } from './spend-history.ts';
import type { DatasetMeta } from '../types.ts';

export interface SampleColumns {
  version: 1;
  customers: number;
  /** customer i's id is idPrefix + (i + 1) zero-padded to idWidth digits */
  idPrefix: string;
  idWidth: number;
  channels: string[];
  segments: string[];
  regions: string[];
  unitDays: number;

  // per customer: attributes
  channelIndex: Uint8Array;
  segmentIndex: Uint8Array;
  regionIndex: Uint8Array;
  /** 1 = randomised into the campaign, 0 = control */
  treatment: Uint8Array;

  // per customer: summary (same conventions as summarize.ts; times in model periods)
  x: Int32Array;
  tx: Float64Array;
  T: Float64Array;
  m: Float64Array;
  firstSpend: Float64Array;
  xHoldout: Int32Array;
  holdoutSpend: Float64Array;
  /** days since 1970-01-01 */
  firstDay: Int32Array;
  lastDay: Int32Array;

  // per customer: the truth behind the data (for teaching; never shown to a fit)
  /** lambda, purchases per model period before the campaign (1 per period for subscriptions) */
  purchaseRate: Float64Array;
  /** BG/NBD p (dropout after each repeat purchase) or sBG theta (churn per renewal) */
  dropoutProbability: Float64Array;
  /** expected spend per transaction, p / nu (Gamma-Gamma) or the plan price */
  meanSpend: Float64Array;
  /** 1 when the customer had not dropped out / churned by the end of calibration */
  aliveAtCalibrationEnd: Uint8Array;

  // transactions (sorted by customer, then day; one row per customer-day)
  transactions: number;
  txCustomer: Int32Array;
  txDay: Int32Array;
  txAmount: Float64Array;
  txQuantity: Float64Array;
  txChannel: Uint8Array;
}

export interface SampleResult {
  meta: DatasetMeta;
  columns: SampleColumns;
  /** the sample's media spend history, stored with it as an imported spend file is (SampleOptions.spendHistory) */
  spend?: SampleSpend;
}

/** Every typed-array buffer of the columns, for a worker's transfer list. */
export function transferables(columns: SampleColumns): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const value of Object.values(columns)) {
    if (ArrayBuffer.isView(value) && value.buffer instanceof ArrayBuffer) out.add(value.buffer);
  }
  return [...out];
}
