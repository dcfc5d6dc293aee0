-- Compressed calibration / holdout summary of a transaction table, BigQuery dialect.
-- GENERATED from src/lib/data/sql/compressed-summary-sql.ts by `npx tsx scripts/generate-sql.ts`:
-- edit the template, not this file (a unit test fails when they differ).
-- Targets: BigQuery GoogleSQL (standard SQL, 2024 and later); not run in CI (no BigQuery here).
--
-- One row per group instead of one per customer (layout and exactness: sql/README.md):
--   part = 'rfm':   one row per distinct (segment, channel, x, t_x, T, x_holdout), t_x and T
--                   in whole days, with customers (count) and the sums over the group of m,
--                   m^2, first-purchase spend and holdout spend;
--   part = 'spend': one row per distinct (segment, channel, x, m) of customers with x > 0 and
--                   m > 0, with customers: what the Gamma-Gamma likelihood needs exactly.
-- The first purchase day of a group is calibration_end - T days, so first-purchase week counts
-- for acquisition are the customers summed by that week.
-- Conventions (Fader, Hardie & Lee 2005; as sql/summary.duckdb.sql and src/lib/data/summarize.ts):
-- same-day rows are one transaction day (spend summed); a day with only returns is not a
-- purchase but nets into spend; x = repeat purchase days in (first purchase, calibration end];
-- m = net repeat spend / x (0 when x = 0, floored at 0); customers first seen after the
-- calibration end are left out; segment = the smallest segment value of the customer, channel
-- the smallest channel value on the first purchase day (NULL columns give one group).
-- Spend is summed as an exact decimal (amounts to 6 places), so the sums, and the (x, m) groups,
-- do not depend on the order the engine adds in (a floating-point sum does, in its last bits).
--
-- Input: a table or view `transactions(customer_id, ts, amount, segment, channel)`; ts a DATE
-- or TIMESTAMP (only the calendar day is used); amount NULL when unknown; segment and channel
-- may be NULL (CREATE VIEW ... NULL AS segment, NULL AS channel when the table has none).
-- Named query parameters (bq query --parameter, or the client libraries):
--   @calibration_end  DATE, inclusive
--   @holdout_end      DATE, inclusive; NULL for the last purchase date in the table
--
--   bq query --use_legacy_sql=false --parameter=calibration_end:DATE:2024-06-30 \
--            --parameter=holdout_end:DATE:2024-12-31 < sql/compressed.bigquery.sql
--   (the table name `transactions` may need its dataset: `shop.transactions`)
WITH days AS (
  SELECT
    CAST(customer_id AS STRING) AS customer_id,
    CAST(ts AS DATE) AS day,
    SUM(ROUND(CAST(amount AS NUMERIC), 6)) AS spend,
    LOGICAL_OR(amount IS NULL OR amount >= 0) AS purchase,
    MIN(CAST(segment AS STRING)) AS segment,
    MIN(CAST(channel AS STRING)) AS channel
  FROM transactions
  GROUP BY CAST(customer_id AS STRING), CAST(ts AS DATE)
),
bounds AS (
  SELECT
    CAST(@calibration_end AS DATE) AS calibration_end,
    COALESCE(CAST(@holdout_end AS DATE), (SELECT MAX(day) FROM days WHERE purchase)) AS holdout_end
),
births AS (
  SELECT customer_id, MIN(day) AS first_day
  FROM days
  WHERE purchase
  GROUP BY customer_id
),
per_customer AS (
  SELECT
    d.customer_id,
    b.first_day,
    MIN(d.segment) AS segment,
    MIN(CASE WHEN d.day = b.first_day THEN d.channel END) AS channel,
    SUM(CASE WHEN d.purchase AND d.day > b.first_day AND d.day <= k.calibration_end THEN 1 ELSE 0 END) AS x,
    MAX(CASE WHEN d.purchase AND d.day <= k.calibration_end THEN d.day END) AS last_calibration_day,
    SUM(CASE WHEN d.day > b.first_day AND d.day <= k.calibration_end THEN d.spend END) AS repeat_spend,
    SUM(CASE WHEN d.day = b.first_day THEN d.spend END) AS first_spend,
    SUM(CASE WHEN d.purchase AND d.day > k.calibration_end AND d.day <= k.holdout_end THEN 1 ELSE 0 END) AS x_holdout,
    COALESCE(SUM(CASE WHEN d.day > k.calibration_end AND d.day <= k.holdout_end THEN d.spend END), 0) AS holdout_spend
  FROM days d
  JOIN births b ON d.customer_id = b.customer_id
  CROSS JOIN bounds k
  WHERE b.first_day <= k.calibration_end AND d.day >= b.first_day
  GROUP BY d.customer_id, b.first_day
),
customer_rows AS (
  SELECT
    c.segment,
    c.channel,
    c.x,
    DATE_DIFF(c.last_calibration_day, c.first_day, DAY) AS t_x,
    DATE_DIFF(k.calibration_end, c.first_day, DAY) AS `T`,
    CASE WHEN k.holdout_end > k.calibration_end THEN c.x_holdout END AS x_holdout,
    CASE WHEN c.x > 0 THEN GREATEST(0, CAST(COALESCE(c.repeat_spend, 0) AS FLOAT64) / c.x) ELSE 0 END AS m,
    CAST(c.first_spend AS FLOAT64) AS first_spend,
    CASE WHEN k.holdout_end > k.calibration_end THEN CAST(c.holdout_spend AS FLOAT64) END AS holdout_spend,
    k.calibration_end,
    k.holdout_end
  FROM per_customer c
  CROSS JOIN bounds k
)
SELECT
  'rfm' AS part,
  segment,
  channel,
  x,
  t_x,
  `T`,
  x_holdout,
  CAST(NULL AS FLOAT64) AS m,
  COUNT(*) AS customers,
  SUM(m) AS m_sum,
  SUM(m * m) AS m_sumsq,
  SUM(first_spend) AS first_spend_sum,
  SUM(holdout_spend) AS holdout_spend_sum,
  FORMAT_DATE('%Y-%m-%d', MIN(calibration_end)) AS calibration_end,
  FORMAT_DATE('%Y-%m-%d', MIN(holdout_end)) AS holdout_end
FROM customer_rows
GROUP BY segment, channel, x, t_x, `T`, x_holdout
UNION ALL
SELECT
  'spend' AS part,
  segment,
  channel,
  x,
  NULL AS t_x,
  NULL AS `T`,
  NULL AS x_holdout,
  m,
  COUNT(*) AS customers,
  NULL AS m_sum,
  NULL AS m_sumsq,
  NULL AS first_spend_sum,
  NULL AS holdout_spend_sum,
  FORMAT_DATE('%Y-%m-%d', MIN(calibration_end)) AS calibration_end,
  FORMAT_DATE('%Y-%m-%d', MIN(holdout_end)) AS holdout_end
FROM customer_rows
WHERE x > 0 AND m > 0
GROUP BY segment, channel, x, m
ORDER BY part, segment, channel, x, t_x, `T`, x_holdout, m
