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

/** Average glyph width of the chart font, in em (a little wide on purpose: a label that fits here fits on screen). */
export const GLYPH_EM = 0.62;

export interface TornadoLayout {
  /** row labels, wrapped onto at most 3 lines ("\n"), by label */
  rowLabels: Map<string, string>;
  /** bar-end labels, split after "input:" onto two lines where one is too wide, by text */
  endLabels: Map<string, string>;
  /** width of the row-label column, px */
  labelColumnPx: number;
  /** room for the bar-end labels on each side of the bars, px */
  endRoomPx: number;
  /** the height one row needs, px */
  rowPx: number;
}

/** Words in lines of at most `maxChars` characters; a longer word is cut with a hyphen. At most `maxLines`, the last ending in "…" when cut short. */
export function wrapWords(text: string, maxChars: number, maxLines = 3): string[] {
  const n = Math.max(4, Math.floor(maxChars));
  const lines: string[] = [];
  let line = '';
  const words = text.split(/\s+/).filter(Boolean);
  for (let word of words) {
    while (word.length > n) {
      if (line) lines.push(line);
      lines.push(word.slice(0, n - 1) + '-');
      word = word.slice(n - 1);
      line = '';
    }
    const next = line ? `${line} ${word}` : word;
    if (next.length > n && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1];
  kept[maxLines - 1] = (last.length >= n ? last.slice(0, n - 1) : last) + '…';
  return kept;
}

/**
 * Room for a tornado's labels at a given width so none is clipped: the row labels get
 * at most 30% of the width (25% from 600 px), wrapped; the bar-end labels ("−10%: $1.2M")
 * get the room of the widest, at most 18% of the width on each side, split onto two lines
 * where one line is too wide (and down to the output alone where the input does not fit
 * on a line of its own; the table and the summary keep it). What remains (at least 34% of the width) is the bars'.
 */
export function tornadoLayout(labels: string[], endTexts: string[], widthPx: number, fontPx: number): TornadoLayout {
  const glyph = fontPx * GLYPH_EM;
  const columnMax = widthPx * (widthPx < 600 ? 0.3 : 0.25);
  const rowLabels = new Map<string, string>();
  let labelColumnPx = glyph * 4;
  let maxLines = 1;
  for (const label of labels) {
    const lines = wrapWords(label, (columnMax - 8) / glyph);
    rowLabels.set(label, lines.join('\n'));
    maxLines = Math.max(maxLines, lines.length);
    labelColumnPx = Math.max(labelColumnPx, Math.max(...lines.map((l) => l.length)) * glyph + 8);
  }
  const roomMax = widthPx * 0.18;
  const endLabels = new Map<string, string>();
  let endRoomPx = glyph * 3;
  let endLines = 1;
  for (const text of endTexts) {
    const fits = (ls: string[]) => ls.every((l) => l.length * glyph + 6 <= roomMax);
    let lines = [text];
    const cut = text.indexOf(': ');
    if (!fits(lines) && cut > 0) {
      lines = [text.slice(0, cut + 1), text.slice(cut + 2)];
      // an input too wide even on its own line is left to the table and the summary: the output stays
      if (!fits(lines)) lines = [text.slice(cut + 2)];
    }
    endLabels.set(text, lines.join('\n'));
    endLines = Math.max(endLines, lines.length);
    endRoomPx = Math.max(endRoomPx, Math.max(...lines.map((l) => l.length)) * glyph + 6);
  }
  endRoomPx = Math.min(endRoomPx, roomMax);
  const rowPx = fontPx * Math.max(2.6, Math.max(maxLines, endLines) * 1.25 + 0.9);
  return { rowLabels, endLabels, labelColumnPx, endRoomPx, rowPx };
}
