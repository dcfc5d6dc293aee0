/**
 * A seeded synthetic transaction table generated inside DuckDB with SQL only, for the
 * warehouse-scale proof (tests/validate/data/warehouse-scale.test.ts, the
 * `warehouse-summary-10m` benchmark) and the compressed query's unit test. Uniform draws are
 * hashes of (seed, customer, transaction, stream), so the table is the same for any number of
 * threads. Customers follow a Pareto/NBD with known parameters (Schmittlein, Morrison & Colombo
 * 1987), drawn through its marginals so the cost is one row per transaction:
 *  - first purchase uniform over the 365 days from 2023-01-01 (calibration end 2023-12-31,
 *    holdout to 2024-06-29, 182 days);
 *  - lifetime: mu ~ Gamma(s, beta) and lifetime ~ Exp(mu), i.e. the Lomax marginal
 *    beta (u^(-1/s) - 1), s = 2, beta = `betaDays`;
 *  - purchase rate lambda ~ Gamma(r = 1, alpha = `alphaDays`): given the alive span S (to the
 *    lifetime's end or the holdout end), the count of repeat purchases has the NBD marginal,
 *    which for r = 1 is geometric with P(n) = (1 - q) q^n, q = S / (alpha + S); given the count,
 *    the purchase days are uniform over the span (a Poisson process given its count);
 *  - amounts: 40 price points (5.00 to 102.50 in steps of 2.50) times one of 8 spend levels of
 *    the customer (0.5 to 2.25), a segment of 3 and an acquisition channel of 4.
 * In weeks the truth is r = 1, alpha = alphaDays / 7, s = 2, beta = betaDays / 7; with the defaults
 * about 3 transactions per customer.
 */
export interface SyntheticOptions {
  customers: number;
  seed: number;
  /** scale of the purchase rate's gamma, days (default 130) */
  alphaDays?: number;
  /** scale of the dropout rate's gamma, days (default 240) */
  betaDays?: number;
}

export const SYNTHETIC_CALIBRATION_END = '2023-12-31';
export const SYNTHETIC_HOLDOUT_END = '2024-06-29';

/** The Pareto/NBD the customers are drawn from (days); r = 1 and s = 2 are fixed by the draws. */
export const SYNTHETIC_TRUTH = { r: 1, alphaDays: 130, s: 2, betaDays: 240 } as const;

/** SQL that creates the table `transactions(customer_id, ts, amount, segment, channel)`. */
export function syntheticTransactionsSql(options: SyntheticOptions): string {
  const { customers, seed } = options;
  if (!(Number.isInteger(customers) && customers > 0)) throw new RangeError(`invalid customers: ${customers}`);
  if (!Number.isInteger(seed)) throw new RangeError(`invalid seed: ${seed}`);
  const alpha = options.alphaDays ?? SYNTHETIC_TRUTH.alphaDays;
  const beta = options.betaDays ?? SYNTHETIC_TRUTH.betaDays;
  // uniform on (0, 1) from 53 bits of a hash of (seed, customer, k, stream)
  const u = (k: string, stream: number) => `((hash(${seed}, i, ${k}, ${stream}) >> 11) + 0.5) / 9007199254740992.0`;
  return `CREATE OR REPLACE TABLE transactions AS
WITH customers AS (
  SELECT
    i,
    CAST(floor(${u('0', 1)} * 365) AS INTEGER) AS first_offset,
    ${beta} * (pow(${u('0', 3)}, -1.0 / ${SYNTHETIC_TRUTH.s}) - 1) AS lifetime,
    ${u('0', 4)} AS u_count,
    CAST(floor(${u('0', 2)} * 8) AS INTEGER) AS spend_level,
    CAST(floor(${u('0', 5)} * 3) AS INTEGER) AS segment_no,
    CAST(floor(${u('0', 6)} * 4) AS INTEGER) AS channel_no
  FROM range(${customers}) t(i)
),
spans AS (
  SELECT *, least(lifetime, 545 - first_offset) AS span
  FROM customers
),
counts AS (
  -- geometric: floor(ln u / ln q), q = S / (alpha + S)
  SELECT *, CAST(least(1000, floor(ln(u_count) / ln(span / (${alpha} + span)))) AS INTEGER) AS repeats
  FROM spans
),
purchases AS (
  SELECT i, first_offset, span, segment_no, channel_no, spend_level, unnest(range(0, repeats + 1)) AS k
  FROM counts
)
SELECT
  'C' || i AS customer_id,
  DATE '2023-01-01' + CAST(first_offset + CASE WHEN k = 0 THEN 0 ELSE floor(${u('k', 7)} * span) END AS INTEGER) AS ts,
  (0.5 + 0.25 * spend_level) * 2.5 * (2 + floor(${u('k', 8)} * 40)) AS amount,
  ['retail', 'trade', 'online'][segment_no + 1] AS segment,
  ['search', 'social', 'email', 'direct'][channel_no + 1] AS channel
FROM purchases`;
}
