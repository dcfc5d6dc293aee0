import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { toCsv, formatCsvField, neutraliseText, toJson, csvFile, jsonFile, safeFilename } from '$lib/data/export';

describe('formula injection (OWASP CSV Injection)', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['+1+cmd|/C calc!A0', "'+1+cmd|/C calc!A0"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['\uFF1D1+1', "'\uFF1D1+1"]
  ])('prefixes the text cell %j with a single quote', (input, expected) => {
    expect(formatCsvField(input)).toBe(expected);
  });

  it('leaves numbers as numbers, negative ones included, and neutralises the same text', () => {
    expect(formatCsvField(-5)).toBe('-5');
    expect(formatCsvField(-0.25)).toBe('-0.25');
    expect(formatCsvField('-5')).toBe("'-5"); // a string is text: decided by type, not by look
  });

  it('leaves ordinary text, inner formula characters and empty cells alone', () => {
    expect(neutraliseText('a=b')).toBe('a=b');
    expect(neutraliseText('e-mail')).toBe('e-mail');
    expect(neutraliseText('')).toBe('');
  });
});

describe('RFC 4180 quoting', () => {
  it('quotes fields with the delimiter, quotes, line breaks or edge spaces and doubles inner quotes', () => {
    expect(formatCsvField('a,b')).toBe('"a,b"');
    expect(formatCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(formatCsvField('two\nlines')).toBe('"two\nlines"');
    expect(formatCsvField(' padded')).toBe('" padded"');
    expect(formatCsvField('a;b', ';')).toBe('"a;b"');
    expect(formatCsvField('plain')).toBe('plain');
  });

  it('writes empty cells for null, undefined and non-finite numbers, ISO text for dates', () => {
    expect(formatCsvField(null)).toBe('');
    expect(formatCsvField(undefined)).toBe('');
    expect(formatCsvField(NaN)).toBe('');
    expect(formatCsvField(Infinity)).toBe('');
    expect(formatCsvField(true)).toBe('true');
    expect(formatCsvField(new Date(Date.UTC(2026, 0, 2)))).toBe('2026-01-02T00:00:00.000Z');
  });

  it('ends every record with CRLF and refuses rows of the wrong width, naming the row', () => {
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('a,b\r\n1,x\r\n');
    expect(() => toCsv(['a', 'b'], [[1, 2], [3]])).toThrow(/invalid CSV row 2: 1 fields for 2 columns/);
    expect(() => toCsv(['a'], [], { delimiter: '"' })).toThrow(/invalid CSV delimiter/);
  });

  it('round-trips awkward text and numbers through an independent parser (papaparse)', () => {
    const rows = [
      ['Zoë, "the" customer', 12.5, 'line1\r\nline2'],
      ['@risk', -3, ' spaced '],
      ['', 1e-12, 'ok']
    ];
    const csv = toCsv(['name', 'value', 'note'], rows);
    const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual(['name', 'value', 'note']);
    expect(parsed.slice(1)).toEqual([
      ['Zoë, "the" customer', '12.5', 'line1\r\nline2'],
      ["'@risk", '-3', ' spaced '], // the only change: the neutralising quote
      ['', '1e-12', 'ok']
    ]);
    expect(parsed.slice(1).map((r) => Number(r[1]))).toEqual([12.5, -3, 1e-12]);
  });
});

describe('JSON export and files', () => {
  it('wraps data in a versioned envelope, with typed arrays as arrays and non-finite numbers as null', () => {
    const text = toJson(
      'test',
      { a: Float64Array.from([1, NaN, -2]), b: Infinity, c: 'x' },
      '2026-01-01T00:00:00.000Z'
    );
    expect(JSON.parse(text)).toEqual({
      format: 'lever-lab-export',
      version: 1,
      kind: 'test',
      exportedAt: '2026-01-01T00:00:00.000Z',
      data: { a: [1, null, -2], b: null, c: 'x' }
    });
  });

  it('makes safe file names and blobs of the right type, CSV with a UTF-8 byte-order mark', async () => {
    expect(safeFilename('Fashion: Q3 plan — Zoë!')).toBe('fashion-q3-plan-zoe');
    expect(safeFilename('!!!')).toBe('lever-lab-export');
    const file = csvFile('My data', 'a\r\n1\r\n');
    expect(file.filename).toBe('my-data.csv');
    expect(file.blob.type).toBe('text/csv;charset=utf-8');
    const bytes = new Uint8Array(await file.blob.arrayBuffer());
    expect(Array.from(bytes.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    expect(jsonFile('x', '{}').filename).toBe('x.json');
  });
});
