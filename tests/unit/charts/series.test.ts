import { describe, expect, it } from 'vitest';
import { seriesStyles, seriesSummary, valuesAtText } from '$lib/charts/series';
import { bandAt } from '$lib/charts/band';
import { palette, SERIES_COLOURS } from '$lib/charts/palette';

const series = [
  {
    name: 'Baseline',
    role: 'baseline' as const,
    points: [
      { x: 0, y: 1000 },
      { x: 1, y: 1100 }
    ]
  },
  {
    name: 'Scenario',
    points: [
      { x: 0, y: 1000, lo: 900, hi: 1100 },
      { x: 1, y: 1500, lo: 1200, hi: 1800 }
    ]
  },
  { name: 'Scenario B', points: [{ x: 1, y: 1300 }] }
];

describe('time-series styles and text', () => {
  it('draws baselines grey and dashed and gives scenarios the Okabe–Ito colours in order', () => {
    expect(seriesStyles(series)).toEqual([
      { colour: palette.baseline, dashed: true },
      { colour: SERIES_COLOURS[0], dashed: false },
      { colour: SERIES_COLOURS[1], dashed: false }
    ]);
  });
  it('reads the values of every series at a highlighted x, with the 80% band', () => {
    expect(valuesAtText(series, 1, false, 'currency', {}, 'Week')).toBe(
      'Week 1: Baseline $1,100; Scenario $1,500 (80% range $1,200\u2013$1,800); Scenario B $1,300'
    );
  });
  it('summarises each series from its first to its last value', () => {
    expect(seriesSummary(series, false, 'currency', {}, 'Week')).toBe(
      'Line chart over week 0 to week 1. Baseline goes from $1,000 to $1,100; Scenario goes from $1,000 to $1,500; Scenario B goes from $1,300 to $1,300.'
    );
  });
});

describe('band scale hit test', () => {
  // a band scale with step 100 px, bandwidth 80 px, starting at 10 px: bands [10, 90), [110, 190), [210, 290)
  const scale = {
    domain: ['a', 'b', 'c'],
    apply: (v: unknown) => 10 + 100 * ['a', 'b', 'c'].indexOf(v as string),
    bandwidth: 80,
    step: 100
  };
  it('finds the category under the pointer, gaps going to the nearer bar', () => {
    expect(bandAt(scale, 50)).toBe('a');
    expect(bandAt(scale, 95)).toBe('a'); // gap 90–110: first half to a
    expect(bandAt(scale, 105)).toBe('b');
    expect(bandAt(scale, 289)).toBe('c');
    expect(bandAt(scale, 400)).toBeNull();
  });
});
