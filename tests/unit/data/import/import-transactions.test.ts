import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { importTransactions, normaliseCustomerId, type ImportProgress } from '$lib/data/import/import-transactions';
import { NO_COLUMNS } from '$lib/data/import/columns';
import { daysFromCivil } from '$lib/data/import/dates';

const day = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return daysFromCivil(y, m, d);
};

describe('importTransactions: file layouts', () => {
  it('reads a UTF-8 BOM, CRLF line ends and a header', async () => {
    const r = await importTransactions('\ufeffcustomer_id,date,amount\r\nA,2011-01-02,3.5\r\nB,2011-01-03,4\r\n');
    expect(r.header).toEqual(['customer_id', 'date', 'amount']);
    expect(r.table.customerId).toEqual(['A', 'B']);
    expect(Array.from(r.table.day)).toEqual([day('2011-01-02'), day('2011-01-03')]);
    expect(Array.from(r.table.amount)).toEqual([3.5, 4]);
    expect(r.counts).toMatchObject({ lines: 3, rows: 2, kept: 2, rejected: 0 });
  });

  it('reads quoted fields holding the delimiter, quotes and line breaks, and keeps line numbers right', async () => {
    const text =
      'customer,date,amount,note\n"A, Ltd",2011-01-02,1.5,"say ""hi"""\nB,2011-01-03,2,"two\nlines"\nC,not-a-date,3,x\nD,2011-01-04,4,y\nE,2011-01-05,5,z\n';
    const r = await importTransactions(text);
    expect(r.table.customerId).toEqual(['A, Ltd', 'B', 'D', 'E']);
    // header line 1, A line 2, B lines 3-4 (a quoted line break), C line 5
    expect(r.rejects).toEqual([
      { line: 5, reason: "invalid date 'not-a-date' (expected YYYY-MM-DD)", text: 'C,not-a-date,3,x' }
    ]);
  });

  it('reads semicolon files with decimal commas', async () => {
    const r = await importTransactions('Kunde;Datum;Betrag\n1;02/01/2011;3,50\n2;25/01/2011;4,25\n');
    expect(r.delimiter).toBe(';');
    expect(r.dateFormat).toBe('dmy');
    expect(Array.from(r.table.amount)).toEqual([3.5, 4.25]);
    expect(Array.from(r.table.day)).toEqual([day('2011-01-02'), day('2011-01-25')]);
  });

  it('reads amounts with currencies and group separators under the decimal mark detected or given', async () => {
    // comma-separated with quoted European amounts: the amounts settle the decimal comma
    const de = await importTransactions(
      'customer,date,amount\nA,2011-01-02,"1.234,50 €"\nB,2011-01-03,"12,00 €"\nC,2011-01-04,"(3,10 €)"\n',
      { returns: 'net' }
    );
    expect(de.decimal).toBe('comma');
    expect(Array.from(de.table.amount)).toEqual([1234.5, 12, -3.1]);
    const us = await importTransactions(
      'customer,date,amount\nA,2011-01-02,"$1,234.50"\nB,2011-01-03,CHF 1\'234.50\nC,2011-01-04,1\u202f234.50\n'
    );
    expect(us.decimal).toBe('point');
    expect(Array.from(us.table.amount)).toEqual([1234.5, 1234.5, 1234.5]);
    // "1.234" is ambiguous: the given mark decides
    const text = 'customer,date,amount\nA,2011-01-02,1.234\nB,2011-01-03,2.500\n';
    expect(Array.from((await importTransactions(text)).table.amount)).toEqual([1.234, 2.5]);
    expect(Array.from((await importTransactions(text, { decimal: 'comma' })).table.amount)).toEqual([1234, 2500]);
  });

  it('rejects an amount the confirmed mark cannot read, naming line, column and mark (nothing dropped silently)', async () => {
    const r = await importTransactions('Kunde,Datum,Betrag\nA,2011-01-02,"1.234,50"\nB,2011-01-03,"$1,234.50"\n', {
      decimal: 'comma'
    });
    expect(r.counts).toMatchObject({ rows: 2, kept: 1, rejected: 1 });
    expect(r.rejects).toEqual([
      {
        line: 3,
        reason: "invalid amount '$1,234.50' in column “Betrag” (read with a decimal comma)",
        text: 'B,2011-01-03,$1,234.50'
      }
    ]);
  });

  it('reads whitespace-separated text without a header (CDNOW layout)', async () => {
    const text =
      ' 00004 0001 19970101  2   29.33\r\n 00004 0001 19970118  2   29.73\r\n 00021 0002 19970101  1   11.77\r\n';
    const r = await importTransactions(text);
    expect(r).toMatchObject({ delimiter: 'whitespace', hasHeader: false, dateFormat: 'ymd8' });
    expect(r.table.customerId).toEqual(['00004', '00004', '00021']);
    expect(Array.from(r.table.quantity)).toEqual([2, 2, 1]);
    expect(Array.from(r.table.amount)).toEqual([29.33, 29.73, 11.77]);
    expect(r.counts.lines).toBe(3);
  });

  it('refuses to guess an ambiguous D/M/Y vs M/D/Y column, and imports once told', async () => {
    const text = 'customer,date,amount\nA,01/02/2011,1\nB,03/04/2011,2\n';
    await expect(importTransactions(text)).rejects.toThrow(/ambiguous date format: .*dmy and mdy/);
    const r = await importTransactions(text, { dateFormat: 'mdy' });
    expect(Array.from(r.table.day)).toEqual([day('2011-01-02'), day('2011-03-04')]);
  });
});

describe('importTransactions: rows', () => {
  const uci =
    'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n' +
    '536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n' +
    '536414,22139,,56,2010-12-01 11:52:00,0.0,,United Kingdom\n' +
    'C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527.0,United Kingdom\n' +
    '536380,22961,JAM,x,2010-12-01 09:41:00,1.45,14527.0,United Kingdom\n' +
    '536381,22139,LAMP,2,2010-12-02 10:00:00,1.25,14527.0,United Kingdom\n';

  it('computes amount = quantity x unit price and normalises float customer ids', async () => {
    const r = await importTransactions(uci);
    expect(r.table.customerId).toEqual(['17850', '14527']);
    expect(r.table.amount[0]).toBeCloseTo(6 * 2.55, 12);
    expect(r.table.amount[1]).toBeCloseTo(2.5, 12);
  });

  it('reports every rejected row with its 1-based line number and reason, keeping good rows', async () => {
    const r = await importTransactions(uci);
    expect(r.rejects.map((x) => [x.line, x.reason])).toEqual([
      [3, 'missing customer id'],
      [5, "invalid quantity 'x' in column “Quantity” (read with a decimal point)"]
    ]);
    expect(r.rejects[0].text).toBe('536414,22139,,56,2010-12-01 11:52:00,0.0,,United Kingdom');
    expect(r.counts).toMatchObject({ rows: 5, kept: 2, rejected: 2, returnsDropped: 1 });
  });

  it("drops cancellations (invoice 'C...') by default and nets them with returns: 'net'", async () => {
    const net = await importTransactions(uci, { returns: 'net' });
    expect(net.counts).toMatchObject({ kept: 3, returnsDropped: 0, returnsNetted: 1 });
    expect(net.table.amount[1]).toBeCloseTo(-27.5, 12);
    const text = 'customer,date,quantity,amount\nA,2011-01-02,2,10\nA,2011-01-02,-1,-5\n';
    expect((await importTransactions(text)).counts.returnsDropped).toBe(1);
    expect(Array.from((await importTransactions(text, { returns: 'net' })).table.amount)).toEqual([10, -5]);
  });

  it('rejects rows with too few columns and still counts physical lines after blank lines', async () => {
    const r = await importTransactions('customer,date,amount\nA,2011-01-02,1\n\nB\nC,2011-01-04,2\n');
    expect(r.rejects).toEqual([{ line: 4, reason: 'expected at least 3 columns, found 1', text: 'B' }]);
    expect(r.counts).toMatchObject({ lines: 5, emptyLines: 1, kept: 2 });
  });

  it('strips an all-zero fraction from numeric ids only', () => {
    expect(normaliseCustomerId('17850.0')).toBe('17850');
    expect(normaliseCustomerId('00004')).toBe('00004');
    expect(normaliseCustomerId('17850.5')).toBe('17850.5');
    expect(normaliseCustomerId('A.0')).toBe('A.0');
  });
});

describe('importTransactions: streaming, progress and cancellation', () => {
  const many = (n: number) => {
    const lines = ['customer,date,amount'];
    for (let i = 0; i < n; i++)
      lines.push(`c${i % 97},2011-01-${String(1 + (i % 28)).padStart(2, '0')},${(i % 13) + 0.5}`);
    return lines.join('\n') + '\n';
  };

  it('reads a Node stream split mid-line with a sniffed head and reports progress', async () => {
    const text = many(5000);
    const parts = [text.slice(0, 1001), text.slice(1001, 50_003), text.slice(50_003)];
    const progress: ImportProgress[] = [];
    const r = await importTransactions(Readable.from(parts), {
      head: text.slice(0, 4096),
      chunkSize: 16_384,
      onProgress: (p) => progress.push(p)
    });
    expect(r.counts.kept).toBe(5000);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)!.rows).toBe(5000);
    expect(progress.every((p, i) => i === 0 || p.rows >= progress[i - 1].rows)).toBe(true);
  });

  it('needs a head or an explicit layout to read a stream', async () => {
    await expect(importTransactions(Readable.from(['a,b\n']))).rejects.toThrow(/pass `head`/);
  });

  it('stops with an AbortError when the signal fires mid-import', async () => {
    const controller = new AbortController();
    const run = importTransactions(many(20_000), {
      chunkSize: 8192,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.rows > 1000) controller.abort();
      }
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses a mapping that points past the columns of the file', async () => {
    await expect(
      importTransactions('a,b\n1,2011-01-02\n', { mapping: { ...NO_COLUMNS, customerId: 0, date: 1, amount: 5 } })
    ).rejects.toThrow(/invalid column for amount: 5 \(the file has 2 columns/);
  });

  it('accepts an explicit mapping, skipping detection', async () => {
    const r = await importTransactions('x|1|2011-01-02|7\n'.replace(/\|/g, ','), {
      delimiter: ',',
      hasHeader: false,
      dateFormat: 'iso',
      mapping: { ...NO_COLUMNS, customerId: 1, date: 2, amount: 3 }
    });
    expect(r.table.customerId).toEqual(['1']);
    expect(r.table.amount[0]).toBe(7);
  });
});

describe('importTransactions: Blob / File input', () => {
  /** A Blob whose stream delivers 7-byte pieces, so multi-byte characters are cut between reads. */
  class SevenByteBlob extends Blob {
    override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
      const bytes = new TextEncoder().encode(this.text_);
      let at = 0;
      return new ReadableStream({
        pull(controller) {
          if (at >= bytes.length) controller.close();
          else controller.enqueue(bytes.slice(at, (at += 7)));
        }
      });
    }
    constructor(private readonly text_: string) {
      super([text_]);
    }
  }

  it('decodes UTF-8 characters split across reads and strips the BOM', async () => {
    const lines = ['\ufeffcustomer,date,amount'];
    for (let i = 0; i < 300; i++) lines.push(`Zoë-${i}-€,2011-01-02,${i}`);
    const r = await importTransactions(new SevenByteBlob(lines.join('\r\n') + '\r\n'), { chunkSize: 100 });
    expect(r.counts.kept).toBe(300);
    expect(r.table.customerId.every((id, i) => id === `Zoë-${i}-€`)).toBe(true);
    expect(r.header).toEqual(['customer', 'date', 'amount']);
  });

  it('reads an ordinary Blob', async () => {
    const r = await importTransactions(new Blob(['customer,date\nA,2011-01-02\n']));
    expect(r.table.customerId).toEqual(['A']);
  });
});
