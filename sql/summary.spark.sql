-- Per-customer calibration / holdout summary of a transaction table, Spark SQL dialect
-- (Spark 3.x). The same columns and conventions as sql/summary.duckdb.sql and the app's
-- summariser (src/lib/data/summarize.ts), after Fader, Hardie & Lee (2005) section 4:
-- same-day rows merged (spend summed), return-only days net into spend but are not
-- purchases, x = repeat purchase days in calibration, t_x and T in units of unit_days,
-- m = net repeat spend / x, holdout = (calibration end, holdout end]; spend summed as an exact
-- decimal (amounts to 6 places), independent of the order the engine adds in.
--
-- Input:  a table or view `transactions(customer_id, ts, amount)`.
-- Variables (spark-sql --hivevar, or spark.sql with variable substitution):
--   ${calibration_end}  'YYYY-MM-DD', inclusive
--   ${holdout_end}      'YYYY-MM-DD', inclusive (use the last transaction date for "all")
--   ${unit_days}        7 for weeks, 1 for days, 30.4375 for months
--
--   spark-sql --hivevar calibration_end=1997-09-30 --hivevar holdout_end=1998-06-30 \
--             --hivevar unit_days=7 -f sql/summary.spark.sql
WITH days AS (
  SELECT
    CAST(customer_id AS STRING) AS customer_id,
    CAST(ts AS DATE) AS day,
    SUM(CAST(amount AS DECIMAL(38, 6))) AS spend,
    BOOL_OR(amount IS NULL OR amount >= 0) AS purchase
  FROM transactions
  GROUP BY CAST(customer_id AS STRING), CAST(ts AS DATE)
),
births AS (
  SELECT customer_id, MIN(day) AS first_day
  FROM days
  WHERE purchase
  GROUP BY customer_id
),
cohort AS (
  SELECT d.customer_id, d.day, d.spend, d.purchase, b.first_day
  FROM days d
  JOIN births b ON d.customer_id = b.customer_id
  WHERE b.first_day <= DATE '${calibration_end}' AND d.day >= b.first_day
),
per_customer AS (
  SELECT
    customer_id,
    first_day,
    COUNT(CASE WHEN purchase AND day > first_day AND day <= DATE '${calibration_end}' THEN 1 END) AS x,
    MAX(CASE WHEN purchase AND day <= DATE '${calibration_end}' THEN day END) AS last_calibration_day,
    SUM(CASE WHEN day > first_day AND day <= DATE '${calibration_end}' THEN spend END) AS repeat_spend,
    SUM(CASE WHEN day = first_day THEN spend END) AS first_spend,
    COUNT(CASE WHEN purchase AND day > DATE '${calibration_end}' AND day <= DATE '${holdout_end}' THEN 1 END) AS x_holdout,
    COALESCE(SUM(CASE WHEN day > DATE '${calibration_end}' AND day <= DATE '${holdout_end}' THEN spend END), 0) AS holdout_spend,
    MAX(CASE WHEN purchase AND day <= DATE '${holdout_end}' THEN day END) AS last_day
  FROM cohort
  GROUP BY customer_id, first_day
)
SELECT
  customer_id,
  x,
  DATEDIFF(last_calibration_day, first_day) / CAST(${unit_days} AS DOUBLE) AS t_x,
  DATEDIFF(DATE '${calibration_end}', first_day) / CAST(${unit_days} AS DOUBLE) AS T,
  CASE WHEN x > 0 THEN GREATEST(0, CAST(COALESCE(repeat_spend, 0) AS DOUBLE) / x) ELSE 0 END AS m,
  CAST(first_spend AS DOUBLE) AS first_spend,
  CASE WHEN DATE '${holdout_end}' > DATE '${calibration_end}' THEN x_holdout END AS x_holdout,
  CASE WHEN DATE '${holdout_end}' > DATE '${calibration_end}' THEN CAST(holdout_spend AS DOUBLE) END AS holdout_spend,
  DATE_FORMAT(first_day, 'yyyy-MM-dd') AS first_date,
  DATE_FORMAT(last_day, 'yyyy-MM-dd') AS last_date
FROM per_customer
ORDER BY customer_id
