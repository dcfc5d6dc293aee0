/**
 * A seeded synthetic transaction table generated inside DuckDB with SQL only, for the
 * warehouse-scale proof (tests/validate/data/warehouse-scale.test.ts, the
 * `warehouse-summary-10m` benchmark) and the compressed query's unit test. Uniform draws are
 * hashes of (seed, customer, transaction, stream), so the table is the same for any number
 * of threads. Per customer:
 *  - first purchase uniform over the 365 days from 2023-01-01 (calibration end 2023-12-31,
 *    holdout to 2024-06-29);
 *  - purchase rate lambda ~ Exponential (a Gamma with shape 1), mean `1 / meanGapDays` a day;
 *    lifetime ~ Exponential with mean `meanLifetimeDays` (a Pareto/NBD-like customer);
 *  - repeat purchases: a count with mean lambda x (alive span up to the holdout end), placed
 *    uniformly over the span (a Poisson process given its count is uniform);
 *  - amounts on 40 price points, 5.00 to 102.50 in steps of 2.50; a segment of 3 and an
 *    acquisition channel of 4.
 * About 3 transactions per customer with the defaults.
 */
export interface SyntheticOptions {
  customers: number;
  seed: number;
  meanGapDays?: number;
  meanLifetimeDays?: number;
}

export const SYNTHETIC_CALIBRATION_END = '2023-12-31';
export const SYNTHETIC_HOLDOUT_END = '2024-06-29';

/** SQL that creates the table `transactions(customer_id, ts, amount, segment, channel)`. */
export function syntheticTransactionsSql(options: SyntheticOptions): string {
  const { customers, seed } = options;
  if (!(Number.isInteger(customers) && customers > 0)) throw new RangeError(`invalid customers: ${customers}`);
  if (!Number.isInteger(seed)) throw new RangeError(`invalid seed: ${seed}`);
  const gap = options.meanGapDays ?? 130;
  const life = options.meanLifetimeDays ?? 240;
  // uniform on (0, 1) from 53 bits of a hash of (seed, customer, k, stream)
  const u = (k: string, stream: number) => `((hash(${seed}, i, ${k}, ${stream}) >> 11) + 0.5) / 9007199254740992.0`;
  return `CREATE OR REPLACE TABLE transactions AS
WITH customers AS (
  SELECT
    i,
    CAST(floor(${u('0', 1)} * 365) AS INTEGER) AS first_offset,
    -ln(${u('0', 2)}) / ${gap} AS rate,
    -ln(${u('0', 3)}) * ${life} AS lifetime,
    ${u('0', 4)} AS u_count,
    CAST(floor(${u('0', 5)} * 3) AS INTEGER) AS segment_no,
    CAST(floor(${u('0', 6)} * 4) AS INTEGER) AS channel_no
  FROM range(${customers}) t(i)
),
spans AS (
  SELECT *, least(lifetime, 545 - first_offset) AS span
  FROM customers
),
counts AS (
  SELECT *, CAST(least(200, floor(rate * span + u_count)) AS INTEGER) AS repeats
  FROM spans
),
purchases AS (
  SELECT i, first_offset, span, segment_no, channel_no, unnest(range(0, repeats + 1)) AS k
  FROM counts
)
SELECT
  'C' || i AS customer_id,
  DATE '2023-01-01' + CAST(first_offset + CASE WHEN k = 0 THEN 0 ELSE floor(${u('k', 7)} * span) END AS INTEGER) AS ts,
  2.5 * (2 + floor(${u('k', 8)} * ${u('k', 8)} * 40)) AS amount,
  ['retail', 'trade', 'online'][segment_no + 1] AS segment,
  ['search', 'social', 'email', 'direct'][channel_no + 1] AS channel
FROM purchases`;
}
