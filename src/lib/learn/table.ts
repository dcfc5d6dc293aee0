/**
 * A column-oriented table of customer features as the loaders produce it: numeric columns
 * as Float64Array (NaN = missing) and categorical columns as string arrays. Plain data, so
 * it crosses a worker boundary by structured clone.
 */
export interface FeatureTable {
  /** number of rows (customers) */
  length: number;
  numeric: Record<string, Float64Array>;
  categorical: Record<string, string[]>;
}

/** The rows `rows` of a table, in that order. */
export function takeRows(table: FeatureTable, rows: ArrayLike<number>): FeatureTable {
  const numeric: Record<string, Float64Array> = {};
  const categorical: Record<string, string[]> = {};
  for (const [name, column] of Object.entries(table.numeric)) {
    const out = new Float64Array(rows.length);
    for (let k = 0; k < rows.length; k++) out[k] = column[rows[k]];
    numeric[name] = out;
  }
  for (const [name, column] of Object.entries(table.categorical)) {
    const out = new Array<string>(rows.length);
    for (let k = 0; k < rows.length; k++) out[k] = column[rows[k]];
    categorical[name] = out;
  }
  return { length: rows.length, numeric, categorical };
}

/** Gathers entries `rows` of a numeric array. */
export function takeValues(values: ArrayLike<number>, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k]];
  return out;
}
