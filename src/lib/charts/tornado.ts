/**
 * Tornado ordering (one-at-a-time sensitivity, e.g. Clemen & Reilly, "Making Hard
 * Decisions", ch. 5): each row is the output at an input's low and high value around
 * the base output; rows are sorted by their range |high - low|, widest first, so the
 * inputs that matter most sit at the top. Rows with an undefined end keep their
 * defined side and sort by its distance from the base.
 */

export interface TornadoInputRow {
  id?: string;
  label: string;
  /** output with the input at its low value; null when undefined */
  low: number | null;
  /** output with the input at its high value */
  high: number | null;
  /** the low and high input values as text, e.g. "−10%" and "+10%" */
  lowInput?: string;
  highInput?: string;
}

export interface TornadoBar extends TornadoInputRow {
  /** |high - low|, or the defined side's distance from the base */
  range: number;
  /** the bar extent around the base: min and max of base, low and high */
  min: number;
  max: number;
}

export function tornadoBars(rows: TornadoInputRow[], base: number): TornadoBar[] {
  if (!Number.isFinite(base)) throw new RangeError(`invalid tornado base value: ${base} (must be a finite number)`);
  const out: TornadoBar[] = rows.map((row, i) => {
    for (const side of ['low', 'high'] as const) {
      const v = row[side];
      if (v !== null && !Number.isFinite(v))
        throw new RangeError(
          `invalid tornado ${side} value in row ${i} (${JSON.stringify(row.label)}): ${v} (must be finite or null)`
        );
    }
    const ends = [row.low, row.high].filter((v): v is number => v !== null);
    const range =
      row.low !== null && row.high !== null ? Math.abs(row.high - row.low) : ends.length ? Math.abs(ends[0] - base) : 0;
    return { ...row, range, min: Math.min(base, ...ends), max: Math.max(base, ...ends) };
  });
  // stable: ties keep input order
  return out
    .map((bar, index) => ({ bar, index }))
    .sort((a, b) => b.bar.range - a.bar.range || a.index - b.index)
    .map(({ bar }) => bar);
}
