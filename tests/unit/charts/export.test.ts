// CSV rules: RFC 4180 (quoting, CRLF) and OWASP "CSV Injection" (leading = + - @ tab CR); the writer is
// src/lib/data/export/csv.ts, these tests pin what the chart table export gets from it.
import { describe, expect, it } from 'vitest';
import { csvCell, safeFilename, toCsv } from '$lib/charts/export';

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
