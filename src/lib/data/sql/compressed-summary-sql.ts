/**
 * The one template of the compressed (warehouse-scale) summary query and its three
 * dialects: DuckDB, Spark SQL and BigQuery. `scripts/generate-sql.ts` writes
 * sql/compressed.{duckdb,spark,bigquery}.sql from it, and
 * tests/unit/data/sql/compressed-summary-sql.test.ts fails when a committed file differs
 * from what the template generates, so a change to one dialect cannot leave the others behind.
 *
 * The template is written once with placeholders; each dialect fills in its parameter
 * syntax, types and the few functions whose names differ (day differences, date
 * formatting, boolean OR aggregate). Everything else (the conventions of
 * sql/summary.duckdb.sql and src/lib/data/summarize.ts) is shared text.
 */

export type SqlDialect = 'duckdb' | 'spark' | 'bigquery';

export const SQL_DIALECTS: readonly SqlDialect[] = ['duckdb', 'spark', 'bigquery'];

interface DialectParts {
  /** engine and version line of the header */
  engine: string;
  /** how the parameters are passed, header lines */
  parameters: string[];
  calibrationEnd: string;
  /** a DATE expression, NULL for "the last purchase date in the table" */
  holdoutEnd: string;
  string: string;
  double: string;
  /** an amount as an exact decimal of 6 places */
  exactAmount: (a: string) => string;
  /** days from a to b (b - a), an integer */
  dayDiff: (a: string, b: string) => string;
  isoDate: (d: string) => string;
  boolOr: string;
  /** the T column's quoted name (T is a reserved word nowhere, but DuckDB folds case) */
  T: string;
}

const DIALECTS: Record<SqlDialect, DialectParts> = {
  duckdb: {
    engine: 'DuckDB 1.1 or later (tested in CI with DuckDB 1.5 through @duckdb/node-api)',
    parameters: [
      'Parameters (prepared statement):',
      '  $calibration_end  DATE or YYYY-MM-DD, inclusive',
      '  $holdout_end      DATE or YYYY-MM-DD, inclusive; NULL for the last purchase date in the table'
    ],
    calibrationEnd: 'CAST($calibration_end AS DATE)',
    holdoutEnd: 'CAST($holdout_end AS DATE)',
    string: 'VARCHAR',
    double: 'DOUBLE',
    exactAmount: (a) => `CAST(${a} AS DECIMAL(38, 6))`,
    dayDiff: (a, b) => `date_diff('day', ${a}, ${b})`,
    isoDate: (d) => `strftime(${d}, '%Y-%m-%d')`,
    boolOr: 'BOOL_OR',
    T: '"T"'
  },
  spark: {
    engine: 'Spark SQL 3.2 or later (3.x and 4.x, ANSI mode on or off); not run in CI (no Spark here)',
    parameters: [
      'Variables (spark-sql --hivevar, or spark.sql(sql, args) after substitution):',
      '  ${calibration_end}  YYYY-MM-DD, inclusive',
      "  ${holdout_end}      YYYY-MM-DD, inclusive; empty ('') for the last purchase date in the table"
    ],
    calibrationEnd: "to_date('${calibration_end}')",
    holdoutEnd: "to_date(NULLIF('${holdout_end}', ''))",
    string: 'STRING',
    double: 'DOUBLE',
    exactAmount: (a) => `CAST(${a} AS DECIMAL(38, 6))`,
    dayDiff: (a, b) => `DATEDIFF(${b}, ${a})`,
    isoDate: (d) => `DATE_FORMAT(${d}, 'yyyy-MM-dd')`,
    boolOr: 'BOOL_OR',
    T: '`T`'
  },
  bigquery: {
    engine: 'BigQuery GoogleSQL (standard SQL, 2024 and later); not run in CI (no BigQuery here)',
    parameters: [
      'Named query parameters (bq query --parameter, or the client libraries):',
      '  @calibration_end  DATE, inclusive',
      '  @holdout_end      DATE, inclusive; NULL for the last purchase date in the table'
    ],
    calibrationEnd: 'CAST(@calibration_end AS DATE)',
    holdoutEnd: 'CAST(@holdout_end AS DATE)',
    string: 'STRING',
    double: 'FLOAT64',
    exactAmount: (a) => `ROUND(CAST(${a} AS NUMERIC), 6)`,
    dayDiff: (a, b) => `DATE_DIFF(${b}, ${a}, DAY)`,
    isoDate: (d) => `FORMAT_DATE('%Y-%m-%d', ${d})`,
    boolOr: 'LOGICAL_OR',
    T: '`T`'
  }
};

const USAGE: Record<SqlDialect, string[]> = {
  duckdb: [
    '  duckdb shop.db <<SQL',
    '  PREPARE s AS <this file>;',
    '  .mode csv',
    '  .output compressed.csv',
    "  EXECUTE s(calibration_end := '2024-06-30', holdout_end := NULL);",
    '  SQL',
    '  (Parquet: paste the query into COPY (...) TO ... (FORMAT PARQUET) with the parameters written in)'
  ],
  spark: [
    '  spark-sql --hivevar calibration_end=2024-06-30 --hivevar holdout_end=2024-12-31 \\',
    '            -f sql/compressed.spark.sql'
  ],
  bigquery: [
    '  bq query --use_legacy_sql=false --parameter=calibration_end:DATE:2024-06-30 \\',
    '           --parameter=holdout_end:DATE:2024-12-31 < sql/compressed.bigquery.sql',
    '  (the table name `transactions` may need its dataset: `shop.transactions`)'
  ]
};

/** The compressed summary query in one dialect, exactly as committed in sql/. */
export function compressedSummarySql(dialect: SqlDialect): string {
  const d = DIALECTS[dialect];
  const header = [
    `Compressed calibration / holdout summary of a transaction table, ${dialect === 'duckdb' ? 'DuckDB' : dialect === 'spark' ? 'Spark SQL' : 'BigQuery'} dialect.`,
    'GENERATED from src/lib/data/sql/compressed-summary-sql.ts by `npx tsx scripts/generate-sql.ts`:',
    'edit the template, not this file (a unit test fails when they differ).',
    `Targets: ${d.engine}.`,
    '',
    'One row per group instead of one per customer (layout and exactness: sql/README.md):',
    "  part = 'rfm':   one row per distinct (segment, channel, x, t_x, T, x_holdout), t_x and T",
    '                  in whole days, with customers (count) and the sums over the group of m,',
    '                  m^2, first-purchase spend and holdout spend;',
    "  part = 'spend': one row per distinct (segment, channel, x, m) of customers with x > 0 and",
    '                  m > 0, with customers: what the Gamma-Gamma likelihood needs exactly.',
    'The first purchase day of a group is calibration_end - T days, so first-purchase week counts',
    'for acquisition are the customers summed by that week.',
    'Conventions (Fader, Hardie & Lee 2005; as sql/summary.duckdb.sql and src/lib/data/summarize.ts):',
    'same-day rows are one transaction day (spend summed); a day with only returns is not a',
    'purchase but nets into spend; x = repeat purchase days in (first purchase, calibration end];',
    'm = net repeat spend / x (0 when x = 0, floored at 0); customers first seen after the',
    'calibration end are left out; segment = the smallest segment value of the customer, channel',
    'the smallest channel value on the first purchase day (NULL columns give one group).',
    'Spend is summed as an exact decimal (amounts to 6 places), so the sums, and the (x, m) groups,',
    'do not depend on the order the engine adds in (a floating-point sum does, in its last bits).',
    '',
    'Input: a table or view `transactions(customer_id, ts, amount, segment, channel)`; ts a DATE',
    'or TIMESTAMP (only the calendar day is used); amount NULL when unknown; segment and channel',
    'may be NULL (CREATE VIEW ... NULL AS segment, NULL AS channel when the table has none).',
    ...d.parameters,
    '',
    ...USAGE[dialect]
  ];
  const cal = 'calibration_end';
  const hold = 'holdout_end';
  const body = `WITH days AS (
  SELECT
    CAST(customer_id AS ${d.string}) AS customer_id,
    CAST(ts AS DATE) AS day,
    SUM(${d.exactAmount('amount')}) AS spend,
    ${d.boolOr}(amount IS NULL OR amount >= 0) AS purchase,
    MIN(CAST(segment AS ${d.string})) AS segment,
    MIN(CAST(channel AS ${d.string})) AS channel
  FROM transactions
  GROUP BY CAST(customer_id AS ${d.string}), CAST(ts AS DATE)
),
bounds AS (
  SELECT
    ${d.calibrationEnd} AS ${cal},
    COALESCE(${d.holdoutEnd}, (SELECT MAX(day) FROM days WHERE purchase)) AS ${hold}
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
    SUM(CASE WHEN d.purchase AND d.day > b.first_day AND d.day <= k.${cal} THEN 1 ELSE 0 END) AS x,
    MAX(CASE WHEN d.purchase AND d.day <= k.${cal} THEN d.day END) AS last_calibration_day,
    SUM(CASE WHEN d.day > b.first_day AND d.day <= k.${cal} THEN d.spend END) AS repeat_spend,
    SUM(CASE WHEN d.day = b.first_day THEN d.spend END) AS first_spend,
    SUM(CASE WHEN d.purchase AND d.day > k.${cal} AND d.day <= k.${hold} THEN 1 ELSE 0 END) AS x_holdout,
    COALESCE(SUM(CASE WHEN d.day > k.${cal} AND d.day <= k.${hold} THEN d.spend END), 0) AS holdout_spend
  FROM days d
  JOIN births b ON d.customer_id = b.customer_id
  CROSS JOIN bounds k
  WHERE b.first_day <= k.${cal} AND d.day >= b.first_day
  GROUP BY d.customer_id, b.first_day
),
customer_rows AS (
  SELECT
    c.segment,
    c.channel,
    c.x,
    ${d.dayDiff('c.first_day', 'c.last_calibration_day')} AS t_x,
    ${d.dayDiff('c.first_day', `k.${cal}`)} AS ${d.T},
    CASE WHEN k.${hold} > k.${cal} THEN c.x_holdout END AS x_holdout,
    CASE WHEN c.x > 0 THEN GREATEST(0, CAST(COALESCE(c.repeat_spend, 0) AS ${d.double}) / c.x) ELSE 0 END AS m,
    CAST(c.first_spend AS ${d.double}) AS first_spend,
    CASE WHEN k.${hold} > k.${cal} THEN CAST(c.holdout_spend AS ${d.double}) END AS holdout_spend,
    k.${cal},
    k.${hold}
  FROM per_customer c
  CROSS JOIN bounds k
)
SELECT
  'rfm' AS part,
  segment,
  channel,
  x,
  t_x,
  ${d.T},
  x_holdout,
  CAST(NULL AS ${d.double}) AS m,
  COUNT(*) AS customers,
  SUM(m) AS m_sum,
  SUM(m * m) AS m_sumsq,
  SUM(first_spend) AS first_spend_sum,
  SUM(holdout_spend) AS holdout_spend_sum,
  ${d.isoDate(`MIN(${cal})`)} AS ${cal},
  ${d.isoDate(`MIN(${hold})`)} AS ${hold}
FROM customer_rows
GROUP BY segment, channel, x, t_x, ${d.T}, x_holdout
UNION ALL
SELECT
  'spend' AS part,
  segment,
  channel,
  x,
  NULL AS t_x,
  NULL AS ${d.T},
  NULL AS x_holdout,
  m,
  COUNT(*) AS customers,
  NULL AS m_sum,
  NULL AS m_sumsq,
  NULL AS first_spend_sum,
  NULL AS holdout_spend_sum,
  ${d.isoDate(`MIN(${cal})`)} AS ${cal},
  ${d.isoDate(`MIN(${hold})`)} AS ${hold}
FROM customer_rows
WHERE x > 0 AND m > 0
GROUP BY segment, channel, x, m
ORDER BY part, segment, channel, x, t_x, ${d.T}, x_holdout, m
`;
  return header.map((l) => (l ? `-- ${l}` : '--')).join('\n') + '\n' + body;
}

/** The file in sql/ of each dialect. */
export const COMPRESSED_SQL_FILES: Record<SqlDialect, string> = {
  duckdb: 'sql/compressed.duckdb.sql',
  spark: 'sql/compressed.spark.sql',
  bigquery: 'sql/compressed.bigquery.sql'
};
