import { describe, expect, it } from 'vitest';
import { GLYPH_EM, tornadoBars, tornadoLayout, wrapWords } from '$lib/charts/tornado';

describe('tornadoBars', () => {
  it('sorts rows by their range |high − low|, widest first', () => {
    const bars = tornadoBars(
      [
        { label: 'small', low: 95, high: 104 }, // range 9
        { label: 'large', low: 70, high: 140 }, // range 70
        { label: 'reversed', low: 130, high: 80 } // range 50: raising the input lowers the output
      ],
      100
    );
    expect(bars.map((b) => [b.label, b.range])).toEqual([
      ['large', 70],
      ['reversed', 50],
      ['small', 9]
    ]);
  });

  it('spans the base value as well as both ends', () => {
    // both ends above the base: the bar still starts at the base
    const [bar] = tornadoBars([{ label: 'x', low: 105, high: 120 }], 100);
    expect([bar.min, bar.max]).toEqual([100, 120]);
  });

  it('keeps input order for ties and sorts a one-sided row by its distance from the base', () => {
    const bars = tornadoBars(
      [
        { label: 'first', low: 90, high: 110 }, // 20
        { label: 'one-sided', low: null, high: 130 }, // |130 − 100| = 30
        { label: 'second', low: 110, high: 90 }, // 20
        { label: 'undefined', low: null, high: null } // 0
      ],
      100
    );
    expect(bars.map((b) => b.label)).toEqual(['one-sided', 'first', 'second', 'undefined']);
  });

  it('rejects a non-finite end or base value, naming the row', () => {
    expect(() => tornadoBars([{ label: 'churn', low: Infinity, high: 1 }], 0)).toThrow(
      /low value in row 0 \("churn"\): Infinity/
    );
    expect(() => tornadoBars([], Number.NaN)).toThrow(/base value: NaN/);
  });
});

describe('tornadoLayout: every label fits at 1024 px and at 390 px', () => {
  // labels as the workbench's sensitivity chart gives them (lever labels, "input: value" bar ends)
  const labels = [
    'Personalisation model AUC (holdout)',
    'Search budget per week',
    'Loyalty programme points per order',
    'List price change'
  ];
  const ends = ['−10%: $1.23M', '+10%: $1.31M', '$1,500/week: $1.27M', 'Supercalifragilistic: $1.2k'];
  const glyph = (fontPx: number) => fontPx * GLYPH_EM;
  for (const [width, fontPx] of [
    [1024, 12],
    [390, 12],
    [390, 18]
  ] as const) {
    it(`at ${width} px, ${fontPx} px type`, () => {
      const l = tornadoLayout(labels, ends, width, fontPx);
      for (const label of labels) {
        const lines = l.rowLabels.get(label)!.split('\n');
        expect(lines.length).toBeLessThanOrEqual(3);
        for (const line of lines) expect(line.length * glyph(fontPx)).toBeLessThanOrEqual(l.labelColumnPx);
        // nothing is lost but an ellipsis where a label needs more than three lines
        if (!lines[lines.length - 1].endsWith('…')) expect(lines.join(' ').replace(/- /g, '')).toBe(label);
      }
      for (const text of ends) {
        const shown = l.endLabels.get(text)!;
        // the output is always there: the text after "input: "
        expect(shown.endsWith(text.slice(text.indexOf(': ') + 2))).toBe(true);
        for (const line of shown.split('\n'))
          expect(line.length * glyph(fontPx) + 4).toBeLessThanOrEqual(l.endRoomPx + 2);
      }
      // the bars keep at least a third of the width
      expect(width - l.labelColumnPx - 2 * l.endRoomPx).toBeGreaterThanOrEqual(width * 0.34 - 1e-9);
      // a row is tall enough for its lines
      const most = Math.max(...[...l.rowLabels.values(), ...l.endLabels.values()].map((t) => t.split('\n').length));
      expect(l.rowPx).toBeGreaterThanOrEqual(most * fontPx * 1.2);
    });
  }

  it('wraps words, cuts a word longer than a line with a hyphen, and ends a cut-short label with …', () => {
    expect(wrapWords('Search budget per week', 10)).toEqual(['Search', 'budget per', 'week']);
    expect(wrapWords('Supercalifragilistic', 8)).toEqual(['Superca-', 'lifragi-', 'listic']);
    expect(wrapWords('one two three four five six seven', 5, 3)).toEqual(['one', 'two', 'thre…']);
  });
});
