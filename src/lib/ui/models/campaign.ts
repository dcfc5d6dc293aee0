/**
 * Learning data from the dataset in use (per-customer summaries, src/lib/data/types.ts):
 *
 * - the randomised campaign of sample data: customers with a known arm (treatment 0/1) and
 *   a holdout period; outcome = bought in the holdout (boughtInHoldout of the learn layer), features = RFM
 *   (rfmFeatureTable). The campaign starts the day after calibration, so the holdout
 *   purchases are the campaign's outcome (src/lib/data/sample/generate.ts).
 * - propensity: every customer with a holdout; label = bought again in the holdout.
 */
import type { CustomerSummary } from '$lib/data/types';
import { customerCount } from '$lib/data/rfm-data';
import { plural } from '$lib/text/plural';
import { boughtInHoldout, rfmFeatureTable } from '$lib/learn/rfm-features';
import type { UpliftData } from '$lib/learn/uplift';
import type { FeatureTable } from '$lib/learn/table';

export const CAMPAIGN_ARM = 'campaign';
export const CONTROL_ARM = 'control';

export interface CampaignData {
  data: UpliftData;
  treated: number;
  control: number;
  /** customers left out: unknown arm or no holdout */
  excluded: number;
}

/** the most customers a compressed summary's groups are spread into for training */
export const MAX_TRAINING_CUSTOMERS = 250_000;

/**
 * One row a customer: a group of a compressed summary (customers with the same x, t_x, T and
 * holdout count, so the same RFM features and label) becomes `count` equal rows, so a model
 * learns from its customers, not from one row a group. Refused beyond MAX_TRAINING_CUSTOMERS.
 */
export function oneRowPerCustomer(customers: readonly CustomerSummary[]): readonly CustomerSummary[] {
  if (!customers.some((c) => c.count !== undefined)) return customers;
  const total = customerCount(customers);
  if (total > MAX_TRAINING_CUSTOMERS)
    throw new RangeError(
      `the dataset is a compressed summary of ${plural(total, 'customer')} in ${plural(customers.length, 'group')}: ` +
        `a model learns from one row a customer, at most ${MAX_TRAINING_CUSTOMERS.toLocaleString('en')} in the page; ` +
        'import a per-customer summary of a sample (sql/summary.*.sql) to train on'
    );
  return customers.flatMap((c) => Array.from({ length: c.count ?? 1 }, () => c));
}

function withHoldout(customers: readonly CustomerSummary[]): CustomerSummary[] {
  return oneRowPerCustomer(customers).filter((c) => Number.isFinite(c.xHoldout));
}

/** The randomised campaign of a dataset as uplift data; throws, saying why, when there is none. */
export function campaignFromSummaries(customers: readonly CustomerSummary[]): CampaignData {
  if (customers.length === 0) throw new RangeError('the dataset has no customers');
  const held = withHoldout(customers);
  if (held.length === 0) {
    throw new RangeError(
      'the dataset has no holdout period (xHoldout is missing): choose a calibration end when importing'
    );
  }
  const rows = held.filter((c) => c.treatment === 0 || c.treatment === 1);
  if (rows.length === 0) {
    throw new RangeError('the dataset has no randomised campaign (no customer has a treatment arm of 0 or 1)');
  }
  const treated = rows.reduce((n, c) => n + (c.treatment === 1 ? 1 : 0), 0);
  if (treated === 0 || treated === rows.length) {
    throw new RangeError(`the campaign needs treated and control customers (treated ${treated} of ${rows.length})`);
  }
  return {
    data: {
      features: rfmFeatureTable(rows),
      arm: rows.map((c) => (c.treatment === 1 ? CAMPAIGN_ARM : CONTROL_ARM)),
      outcome: boughtInHoldout(rows)
    },
    treated,
    control: rows.length - treated,
    excluded: customerCount(customers) - rows.length
  };
}

/** RFM features and "bought in the holdout" labels of every customer with a holdout. */
export function propensityFromSummaries(customers: readonly CustomerSummary[]): {
  features: FeatureTable;
  label: Float64Array;
  excluded: number;
} {
  const rows = withHoldout(customers);
  if (rows.length === 0) {
    throw new RangeError(
      'the dataset has no holdout period (xHoldout is missing): choose a calibration end when importing'
    );
  }
  return {
    features: rfmFeatureTable(rows),
    label: boughtInHoldout(rows),
    excluded: customerCount(customers) - rows.length
  };
}
