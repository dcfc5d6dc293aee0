/**
 * Feature encoding fitted on the training rows only: numeric columns standardised to
 * z = (x - mean) / sd (missing values imputed with the training mean, i.e. z = 0);
 * categorical columns one-hot encoded over the levels seen in training (an unseen level
 * encodes as all zeros). Means and variances by Welford's (1962) one-pass update.
 * The fitted encoder is plain JSON with a version, stored beside the model weights.
 */
import type { FeatureTable } from './table.ts';

export interface EncoderSpec {
  numeric: string[];
  categorical: string[];
}

export interface NumericEncoding {
  name: string;
  mean: number;
  /** standard deviation on the training rows (1 when the column is constant) */
  sd: number;
}

export interface CategoricalEncoding {
  name: string;
  /** levels in training, sorted; one output column each */
  levels: string[];
}

export interface FittedEncoder {
  version: 1;
  numeric: NumericEncoding[];
  categorical: CategoricalEncoding[];
  /** output column names: numeric names, then `column=level` */
  featureNames: string[];
  /** for each output column, the source column it came from (for grouped importance) */
  sourceColumns: string[];
}

/** A dense row-major float32 design matrix, the layout tfjs tensors take. */
export interface DesignMatrix {
  values: Float32Array;
  rows: number;
  columns: number;
  featureNames: string[];
}

export function fitEncoder(table: FeatureTable, spec: EncoderSpec): FittedEncoder {
  const numeric: NumericEncoding[] = spec.numeric.map((name) => {
    const column = table.numeric[name];
    if (!column) throw new RangeError(`encoder: numeric column "${name}" is not in the table`);
    let count = 0;
    let mean = 0;
    let m2 = 0;
    for (let i = 0; i < column.length; i++) {
      const x = column[i];
      if (Number.isNaN(x)) continue;
      if (!Number.isFinite(x))
        throw new RangeError(`encoder: column "${name}" row ${i} is ${x} (must be finite or NaN)`);
      count++;
      const delta = x - mean;
      mean += delta / count;
      m2 += delta * (x - mean);
    }
    if (count === 0) throw new RangeError(`encoder: numeric column "${name}" has no values`);
    const sd = count > 1 ? Math.sqrt(m2 / (count - 1)) : 0;
    return { name, mean, sd: sd > 0 ? sd : 1 };
  });
  const categorical: CategoricalEncoding[] = spec.categorical.map((name) => {
    const column = table.categorical[name];
    if (!column) throw new RangeError(`encoder: categorical column "${name}" is not in the table`);
    const levels = [...new Set(column)].sort();
    return { name, levels };
  });
  const featureNames = [
    ...numeric.map((e) => e.name),
    ...categorical.flatMap((e) => e.levels.map((level) => `${e.name}=${level}`))
  ];
  const sourceColumns = [...numeric.map((e) => e.name), ...categorical.flatMap((e) => e.levels.map(() => e.name))];
  return { version: 1, numeric, categorical, featureNames, sourceColumns };
}

export function encode(encoder: FittedEncoder, table: FeatureTable): DesignMatrix {
  const rows = table.length;
  const columns = encoder.featureNames.length;
  const values = new Float32Array(rows * columns);
  let c = 0;
  for (const { name, mean, sd } of encoder.numeric) {
    const column = table.numeric[name];
    if (!column) throw new RangeError(`encode: numeric column "${name}" is not in the table`);
    for (let i = 0; i < rows; i++) {
      const x = column[i];
      values[i * columns + c] = Number.isNaN(x) ? 0 : (x - mean) / sd;
    }
    c++;
  }
  for (const { name, levels } of encoder.categorical) {
    const column = table.categorical[name];
    if (!column) throw new RangeError(`encode: categorical column "${name}" is not in the table`);
    const index = new Map(levels.map((level, k) => [level, k]));
    for (let i = 0; i < rows; i++) {
      const k = index.get(column[i]);
      if (k !== undefined) values[i * columns + c + k] = 1;
    }
    c += levels.length;
  }
  return { values, rows, columns, featureNames: encoder.featureNames };
}
