// CSV rules: RFC 4180 (quoting, CRLF) and OWASP "CSV Injection" (leading = + - @ tab CR); the writer is
// src/lib/data/export/csv.ts, these tests pin what the chart table export gets from it.
import { describe, expect, it } from 'vitest';
import { approximateMeasure, csvCell, layoutLegend, safeFilename, toCsv, wrapText } from '$lib/charts/export';
import { formatCurrency, formatPercent, shownValue } from '$lib/charts/format';
import { sourceLine } from '$lib/charts/source';

describe('chart CSV export', () => {
  it('writes a header of column labels and one CRLF line per row', () => {
    const csv = toCsv({
      columns: [
        { key: 'week', label: 'Week' },
        { key: 'revenue', label: 'Revenue ($)' }
      ],
      rows: [
        { week: 1, revenue: 1234.5 },
        { week: 2, revenue: null }
      ]
    });
    expect(csv).toBe('Week,Revenue ($)\r\n1,1234.5\r\n2,\r\n');
  });

  it('quotes cells with commas, quotes or line breaks and doubles inner quotes (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('neutralises text that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
  });

  it('keeps numbers as numbers, negative ones included, at full precision', () => {
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(new Date(Date.UTC(2026, 0, 2)))).toBe('2026-01-02T00:00:00.000Z');
  });

  it('makes a file name safe on every OS', () => {
    expect(safeFilename('Revenue / week: Scénario A')).toBe('revenue-week-scenario-a');
    expect(safeFilename('../..')).toBe('chart');
  });
});

describe('CSV at the shown precision (default) or full precision', () => {
  // the shown texts are format.ts's: formatCurrency, formatPercent, formatCount, formatDelta
  it('reads a formatted cell back as the number it shows, in the locale it was written in', () => {
    expect(shownValue(1_234.4, '$1,234')).toBe(1234);
    expect(shownValue(-3_412_000, '\u2212$3.41M')).toBe(-3_410_000);
    expect(shownValue(0.1234, '12.3%')).toBe(0.123);
    expect(shownValue(0.00812, '+0.81 pp')).toBe(0.0081);
    expect(shownValue(61.2049, '$61.20')).toBe(61.2);
    expect(shownValue(1.52e-7, '1.5E-7')).toBe(1.5e-7);
    // de-DE: "1.234 €" is 1234, "1,23 Mio. €" 1.23 million; fr-FR groups with U+202F; ja-JP's 万 is 10^4
    expect(shownValue(1234.4, '1.234\u00a0€', { locale: 'de-DE' })).toBe(1234);
    expect(shownValue(1_234_567, '1,23\u00a0Mio.\u00a0€', { locale: 'de-DE' })).toBe(1_230_000);
    expect(shownValue(1234.4, '1\u202f234\u00a0€', { locale: 'fr-FR' })).toBe(1234);
    expect(shownValue(1_234_567, '￥123万', { locale: 'ja-JP' })).toBe(1_230_000);
    // text without a number, or one that shows another quantity, keeps the value
    expect(shownValue(3, 'Week')).toBe(3);
    expect(shownValue(42, '\u2014')).toBe(42);
    expect(shownValue(20_260_102, '2026-01-02')).toBe(20_260_102);
  });

  const table = {
    columns: [
      { key: 'month', label: 'Month' },
      { key: 'equity', label: 'Equity', format: (v: unknown) => formatCurrency(v as number) },
      { key: 'retention', label: 'Retention', format: (v: unknown) => formatPercent(v as number) },
      { key: 'raw', label: 'Raw' },
      { key: 'weeks', label: 'Weeks', format: (v: unknown) => `${v as number} weeks` }
    ],
    rows: [{ month: 'Jan', equity: 1_912_345.678, retention: 0.612349, raw: 0.1 + 0.2, weeks: 12.5 }]
  };

  it('rounds each number to what the table shows, with no thousands separators; other text keeps the value', () => {
    // $1.91M, 61.2%, 0.3 (6 significant digits of the plain table cell), "12.5 weeks" shows 12.5
    expect(toCsv(table)).toBe('Month,Equity,Retention,Raw,Weeks\r\nJan,1910000,0.612,0.3,12.5\r\n');
  });

  it('writes full precision on request', () => {
    expect(toCsv(table, 'full')).toBe(
      'Month,Equity,Retention,Raw,Weeks\r\nJan,1912345.678,0.612349,0.30000000000000004,12.5\r\n'
    );
  });
});

describe('the decoration of exported images', () => {
  it('wraps a title into lines no wider than the width (0.6 em a character)', () => {
    const lines = wrapText('Customer equity by acquisition channel and month', 200, 16, approximateMeasure);
    // 9.6 px a character at 16 px: at most 20 characters a line
    expect(lines).toEqual(['Customer equity by', 'acquisition channel', 'and month']);
    for (const l of lines) expect(approximateMeasure(l, 16)).toBeLessThanOrEqual(200);
  });

  it('lays the legend out in rows that stay inside the width', () => {
    const items = [
      { label: 'Baseline', mark: 'swatch' as const, colour: '#6b7785' },
      { label: 'Scenario', mark: 'swatch' as const, colour: '#0072b2' },
      { label: 'log scale', mark: 'none' as const }
    ];
    const wide = layoutLegend(items, 600, approximateMeasure);
    expect(wide.rows).toBe(1);
    expect(wide.items.map((i) => i.x)).toEqual([0, 16 + 5 + 8 * 7.2 + 16, 2 * (16 + 5 + 8 * 7.2 + 16)]);
    const narrow = layoutLegend(items, 120, approximateMeasure);
    expect(narrow.rows).toBe(3);
    for (const i of narrow.items) expect(i.x).toBe(0);
  });

  it('writes the source line with the app, the page source and the date', () => {
    const d = new Date(Date.UTC(2026, 11, 2, 12));
    expect(sourceLine('dataset Music sample · scenario Baseline', d)).toBe(
      'Source: Lever Lab · dataset Music sample · scenario Baseline · 2026-12-02'
    );
    expect(sourceLine(undefined, d)).toBe('Source: Lever Lab · 2026-12-02');
  });
});
