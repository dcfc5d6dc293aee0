-- Per-customer calibration / holdout summary of a transaction table, DuckDB dialect.
-- The same conventions and columns as the app's summariser (src/lib/data/summarize.ts)
-- and summary-file importer (src/lib/data/import/summary-file.ts), after
-- Fader, Hardie & Lee (2005) "Counting your customers the easy way", section 4:
--   * rows of one customer on one calendar day are one transaction day, spend summed;
--   * a day with only returns (amount < 0) is not a purchase; it nets into spend;
--   * x   = repeat purchase days in (first purchase, calibration end];
--   * t_x = (last calibration purchase - first purchase) / unit_days;
--   * T   = (calibration end - first purchase) / unit_days;
--   * m   = net repeat spend in calibration / x (0 when x = 0, floored at 0);
--   * holdout = (calibration end, holdout end]; NULL columns when there is no holdout;
--   * customers first seen after the calibration end are left out;
--   * spend is summed as an exact decimal (amounts to 6 places), independent of the order the
--     engine adds in (as sql/compressed.*.sql, so both give the same m to the last bit).
--
-- Input:  a table or view named `transactions(customer_id, ts, amount)`; ts a DATE or
--         TIMESTAMP (only the calendar day is used), amount NULL when unknown.
-- Parameters (prepared statement):
--   $calibration_end  DATE or 'YYYY-MM-DD', inclusive
--   $holdout_end      DATE, inclusive, or NULL for the last purchase date in the table
--   $unit_days        7 for weeks, 1 for days, 30.4375 for months
--
--   duckdb -c "CREATE VIEW transactions AS SELECT ...; PREPARE s AS <this file>;
--              EXECUTE s(calibration_end := '1997-09-30', holdout_end := NULL, unit_days := 7)"
WITH params AS (
  SELECT
    CAST($calibration_end AS DATE) AS calibration_end,
    CAST($unit_days AS DOUBLE) AS unit_days,
    CAST($holdout_end AS DATE) AS holdout_end_param
),
days AS (
  SELECT
    CAST(customer_id AS VARCHAR) AS customer_id,
    CAST(ts AS DATE) AS day,
    SUM(CAST(amount AS DECIMAL(38, 6))) AS spend,
    BOOL_OR(amount IS NULL OR amount >= 0) AS purchase
  FROM transactions
  GROUP BY 1, 2
),
bounds AS (
  SELECT
    p.calibration_end,
    p.unit_days,
    COALESCE(p.holdout_end_param, (SELECT MAX(day) FROM days WHERE purchase)) AS holdout_end
  FROM params p
),
births AS (
  SELECT customer_id, MIN(day) AS first_day
  FROM days
  WHERE purchase
  GROUP BY customer_id
),
cohort AS (
  SELECT d.customer_id, d.day, d.spend, d.purchase, b.first_day, k.calibration_end, k.holdout_end, k.unit_days
  FROM days d
  JOIN births b USING (customer_id)
  CROSS JOIN bounds k
  WHERE b.first_day <= k.calibration_end AND d.day >= b.first_day
),
per_customer AS (
  SELECT
    customer_id,
    first_day,
    ANY_VALUE(calibration_end) AS calibration_end,
    ANY_VALUE(holdout_end) AS holdout_end,
    ANY_VALUE(unit_days) AS unit_days,
    COUNT(*) FILTER (WHERE purchase AND day > first_day AND day <= calibration_end) AS x,
    MAX(day) FILTER (WHERE purchase AND day <= calibration_end) AS last_calibration_day,
    SUM(spend) FILTER (WHERE day > first_day AND day <= calibration_end) AS repeat_spend,
    SUM(spend) FILTER (WHERE day = first_day) AS first_spend,
    COUNT(*) FILTER (WHERE purchase AND day > calibration_end AND day <= holdout_end) AS x_holdout,
    COALESCE(SUM(spend) FILTER (WHERE day > calibration_end AND day <= holdout_end), 0) AS holdout_spend,
    MAX(day) FILTER (WHERE purchase AND day <= holdout_end) AS last_day
  FROM cohort
  GROUP BY customer_id, first_day
)
SELECT
  customer_id,
  x,
  (last_calibration_day - first_day) / unit_days AS t_x,
  (calibration_end - first_day) / unit_days AS "T",
  CASE WHEN x > 0 THEN GREATEST(0, CAST(COALESCE(repeat_spend, 0) AS DOUBLE) / x) ELSE 0 END AS m,
  CAST(first_spend AS DOUBLE) AS first_spend,
  CASE WHEN holdout_end > calibration_end THEN x_holdout END AS x_holdout,
  CASE WHEN holdout_end > calibration_end THEN CAST(holdout_spend AS DOUBLE) END AS holdout_spend,
  strftime(first_day, '%Y-%m-%d') AS first_date,
  strftime(last_day, '%Y-%m-%d') AS last_date
FROM per_customer
ORDER BY customer_id
