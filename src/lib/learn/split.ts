/**
 * Seeded train / test split. Rows are shuffled with a seeded Fisher-Yates permutation
 * (Durstenfeld 1964) drawn from the project generator, optionally within strata (e.g. the
 * label, or the treatment arm) so that both parts keep the stratum shares.
 */
import { createRng } from '../model/core/random/index.ts';

export interface TrainTestSplit {
  /** row indices of the training part, ascending */
  train: Uint32Array;
  /** row indices of the held-out part, ascending */
  test: Uint32Array;
}

/** A seeded permutation of 0..n-1 (Fisher-Yates). */
export function seededPermutation(n: number, seed: number): Uint32Array {
  const rng = createRng(seed);
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/**
 * Splits `n` rows into train and test with `testShare` of each stratum held out.
 * `strata` (optional) gives a stratum key per row.
 */
export function trainTestSplit(
  n: number,
  testShare: number,
  seed: number,
  strata?: ArrayLike<number | string>
): TrainTestSplit {
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`invalid row count: ${n} (must be an integer >= 2)`);
  if (!(testShare > 0 && testShare < 1)) throw new RangeError(`invalid test share: ${testShare} (must be in (0, 1))`);
  if (strata && strata.length !== n) {
    throw new RangeError(`strata has ${strata.length} entries for ${n} rows (must be equal)`);
  }
  const permutation = seededPermutation(n, seed);
  const groups = new Map<number | string, number[]>();
  for (let k = 0; k < n; k++) {
    const row = permutation[k];
    const key = strata ? strata[row] : 0;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(row);
  }
  const train: number[] = [];
  const test: number[] = [];
  for (const rows of groups.values()) {
    const nTest = Math.round(rows.length * testShare);
    for (let k = 0; k < rows.length; k++) (k < nTest ? test : train).push(rows[k]);
  }
  if (train.length === 0 || test.length === 0) {
    throw new RangeError(`split of ${n} rows with test share ${testShare} leaves an empty part`);
  }
  return { train: Uint32Array.from(train).sort(), test: Uint32Array.from(test).sort() };
}
