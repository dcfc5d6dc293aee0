// Import fuzzing (issue 10): 1,000 corrupted variants of four real layouts (CDNOW text,
// UCI Online Retail CSV, semicolon CSV with decimal commas, CLVTools apparel Id,Date,Price)
// go through importTransactions; the importer must never crash or hang, must account for
// every line, must give every reject a line and a reason, and must keep every valid row.
// The longer run (10,000+ files) is `npm run soak` (bench/soak.ts).
import { afterAll, describe, expect, it } from 'vitest';
import { clip, importTransactions, mixedLineEnd, MAX_REJECT_TEXT } from '$lib/data/import/import-transactions';
import { BASE_KINDS, LINE_MUTATIONS, cleanFile, mutatedFile, wellQuoted, type LineMutation } from './mutate';
import { addOutcome, baseLayouts, emptyTotals, runCase, runOptionsFor } from './fuzz-run';

const FILES = 1000;
const totals = emptyTotals();
let strictFiles = 0;
const mutationsSeen = new Map<LineMutation, number>();

afterAll(() => {
  console.log(
    `csv fuzz: ${totals.files} files tried (${strictFiles} strict), ${totals.imported} imported, ${totals.refused} refused with a message, ` +
      `${totals.rowsKept} rows kept, ${totals.rowsRejected} rows rejected, ${totals.rowsLost} rows lost, ` +
      `${totals.crashes} crashes, ${totals.hangs} hangs`
  );
});

describe('importing 1,000 corrupted files', () => {
  it('the four clean base files import with no reject (so every reject below comes from a mutation)', async () => {
    const layouts = await baseLayouts();
    expect([...layouts.keys()]).toEqual([...BASE_KINDS]);
    expect([...layouts.values()].map((l) => l.delimiter)).toEqual(['whitespace', ',', ';', ',']);
    for (const kind of BASE_KINDS) {
      const clean = await importTransactions(new TextDecoder().decode(cleanFile(kind, 7, 40)));
      expect(clean.counts.rejected, kind).toBe(0);
      expect(clean.counts.kept + clean.counts.returnsDropped, kind).toBe(40);
    }
  });

  it('never crashes or hangs, accounts for every line, and keeps every valid row', async () => {
    for (let seed = 1; seed <= FILES; seed++) {
      const file = mutatedFile(seed);
      if (file.strict) strictFiles++;
      for (const m of file.mutations) mutationsSeen.set(m, (mutationsSeen.get(m) ?? 0) + 1);
      addOutcome(totals, await runCase(file, { ...runOptionsFor(seed), timeoutMs: 10_000 }));
    }
    expect(totals.files).toBe(FILES);
    expect(totals.violations.slice(0, 5)).toEqual([]);
    expect(totals.crashes).toBe(0);
    expect(totals.hangs).toBe(0);
    expect(totals.rowsLost).toBe(0);
    // the check is not vacuous: most files are strict, rows were rejected, and files were refused with messages
    expect(strictFiles).toBeGreaterThan(FILES * 0.6);
    expect(totals.rowsRejected).toBeGreaterThan(FILES);
    expect(totals.imported).toBeGreaterThan(FILES * 0.9);
  }, 60_000);

  it('uses every kind of corruption on every base layout', () => {
    for (const m of LINE_MUTATIONS) expect(mutationsSeen.get(m) ?? 0, m).toBeGreaterThan(50);
    expect(new Set(Array.from({ length: 8 }, (_, i) => mutatedFile(i).base))).toEqual(new Set(BASE_KINDS));
  });
});

describe('rows the importer must reject, with their line and reason', () => {
  it('rejects impossible and out-of-range dates (year 999 and 10000, month 13, 30 February) by line', async () => {
    const text = [
      'Id,Date,Price',
      '1,2005-02-28,10.00',
      '2,0999-12-31,10.00',
      '3,10000-01-01,10.00',
      '4,2005-13-01,10.00',
      '5,2005-02-29,10.00',
      '6,2004-02-29,10.00'
    ].join('\n');
    const r = await importTransactions(text, { dateFormat: 'iso' });
    // 2004 is a leap year, 2005 is not (Gregorian rule); years outside 1000..9999 are refused
    expect(r.table.customerId).toEqual(['1', '6']);
    expect(r.rejects.map((x) => [x.line, x.reason])).toEqual([
      [3, "invalid date '0999-12-31' (expected YYYY-MM-DD)"],
      [4, "invalid date '10000-01-01' (expected YYYY-MM-DD)"],
      [5, "invalid date '2005-13-01' (expected YYYY-MM-DD)"],
      [6, "invalid date '2005-02-29' (expected YYYY-MM-DD)"]
    ]);
  });

  it('rejects amounts that overflow to Infinity or are not numbers, so no Infinity reaches the table', async () => {
    const r = await importTransactions(
      'Id,Date,Price\n1,2005-01-01,1e400\n2,2005-01-01,NaN\n3,2005-01-01,Infinity\n4,2005-01-01,2.5\n',
      { dateFormat: 'iso' }
    );
    expect(r.table.customerId).toEqual(['4']);
    expect(r.rejects.map((x) => x.reason)).toEqual([
      "invalid amount '1e400' in column “Price” (read with a decimal point)",
      "invalid amount 'NaN' in column “Price” (read with a decimal point)",
      "invalid amount 'Infinity' in column “Price” (read with a decimal point)"
    ]);
  });

  it('keeps Unix rows of a file that starts with Windows line ends (mixed CRLF and LF), with the right line numbers', async () => {
    // papaparse alone guesses CRLF from the first line and glues all LF rows into one
    const text = 'Id,Date,Price\r\n1,2005-01-01,1.5\r\n2,2005-01-02,2.5\n3,bad,3.5\n4,2005-01-04,4.5\n';
    expect(mixedLineEnd(text)).toBe('\n');
    const r = await importTransactions(text, { dateFormat: 'iso' });
    expect(r.table.customerId).toEqual(['1', '2', '4']);
    expect(Array.from(r.table.amount)).toEqual([1.5, 2.5, 4.5]);
    expect(r.rejects.map((x) => x.line)).toEqual([4]);
  });

  it('leaves files with one kind of line end to the parser (CRLF with LF inside quoted fields is not mixed)', () => {
    expect(mixedLineEnd('a,b\r\nc,d\r\n')).toBeUndefined();
    expect(mixedLineEnd('a,"x\ny"\r\nc,d\r\n')).toBeUndefined();
    expect(mixedLineEnd('a,b\nc,d\n')).toBeUndefined();
  });

  it('clips a huge value in a reject reason and text instead of copying it', async () => {
    const huge = '9'.repeat(1_000_000) + 'x';
    const r = await importTransactions(`Id,Date,Price\n1,2005-01-01,${huge}\n2,2005-01-02,3\n`, { dateFormat: 'iso' });
    expect(r.rejects).toHaveLength(1);
    expect(r.rejects[0].reason).toBe(
      `invalid amount '${'9'.repeat(60)}… (1,000,001 characters)' in column “Price” (read with a decimal point)`
    );
    expect(r.rejects[0].text.length).toBeLessThan(MAX_REJECT_TEXT + 40);
    expect(clip('short', 10)).toBe('short');
  });

  it('judges quoting as RFC 4180 does (the fuzz strictness rule)', () => {
    expect(wellQuoted('a,"b, c",d', ',')).toBe(true);
    expect(wellQuoted('a,"say ""hi""",d', ',')).toBe(true);
    expect(wellQuoted('a,"b"x,d', ',')).toBe(false);
    expect(wellQuoted('a,"b,d', ',')).toBe(false);
    expect(wellQuoted('a,b"c,d', ',')).toBe(true);
  });
});

describe('a 100 MB single line', () => {
  it('streams through the Blob importer: the rows around it are kept and the line is kept or rejected by number', async () => {
    const size = 100 * 1024 * 1024;
    const filler = new Uint8Array(size).fill(0x78); // 'x'
    const blob = new Blob([
      'customer_id,date,amount,note\nA,2011-01-02,3.5,ok\nB,2011-01-03,4,',
      filler,
      '\nC,2011-01-04,5,ok\nD,2011-01-05,',
      filler.subarray(0, 1 << 20),
      '\nE,2011-01-06,6,ok\n'
    ]);
    const r = await importTransactions(blob);
    // line 3: a valid row with a 100 MB note; line 5: a 1 MiB amount, rejected with a clipped reason
    expect(r.table.customerId).toEqual(['A', 'B', 'C', 'E']);
    expect(r.table.customerId.every((id) => id.length === 1)).toBe(true);
    expect(r.rejects).toHaveLength(1);
    expect(r.rejects[0].line).toBe(5);
    expect(r.rejects[0].reason).toMatch(
      /^invalid amount 'x{60}… \(1,048,576 characters\)' in column “amount” \(read with a decimal point\)$/
    );
    expect(r.counts).toMatchObject({ lines: 6, rows: 5, kept: 4, rejected: 1 });
  }, 30_000);
});
