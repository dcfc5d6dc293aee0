import { describe, expect, it } from 'vitest';
import { guessColumns, validateMapping, NO_COLUMNS } from '$lib/data/import/columns';
import { sniffText } from '$lib/data/import/sniff';

describe('guessColumns', () => {
  it('maps the UCI Online Retail header to invoice, quantity, date, unit price and customer', () => {
    const header = [
      'InvoiceNo',
      'StockCode',
      'Description',
      'Quantity',
      'InvoiceDate',
      'UnitPrice',
      'CustomerID',
      'Country'
    ];
    const rows = [
      ['536365', '85123A', 'WHITE HANGING HEART', '6', '2010-12-01 08:26:00', '2.55', '17850.0', 'United Kingdom']
    ];
    const guess = guessColumns(header, rows);
    expect(guess.mapping).toEqual({ ...NO_COLUMNS, invoice: 0, quantity: 3, date: 4, unitPrice: 5, customerId: 6 });
    expect(guess.amountFrom).toBe('unitPriceTimesQuantity');
    expect(guess.date.format).toBe('iso');
  });

  it('reads a lone Price column as the amount (CLVTools apparel: Id,Date,Price)', () => {
    const guess = guessColumns(['Id', 'Date', 'Price'], [['1', '2005-01-02', '230.3']]);
    expect(guess.mapping).toMatchObject({ customerId: 0, date: 1, amount: 2, unitPrice: -1 });
    expect(guess.amountFrom).toBe('amount');
  });

  it('guesses a headerless CDNOW-like file from its values', () => {
    const rows = [
      ['00004', '0001', '19970101', '2', '29.33'],
      ['00004', '0001', '19970118', '2', '29.73']
    ];
    const guess = guessColumns(null, rows);
    expect(guess.mapping).toMatchObject({ customerId: 0, date: 2, quantity: 3, amount: 4 });
    expect(guess.date.format).toBe('ymd8');
  });

  it('passes an ambiguous date column on to the caller with both candidates', () => {
    const guess = guessColumns(['customer', 'date', 'amount'], [['a', '01/02/2011', '3.5']]);
    expect(guess.date).toEqual({ format: null, ambiguous: true, candidates: ['dmy', 'mdy'] });
  });

  it('validateMapping names the bad column and the file width', () => {
    expect(() => validateMapping({ ...NO_COLUMNS, customerId: 0, date: 7 }, 3)).toThrow(
      /date: 7 \(the file has 3 columns/
    );
    expect(() => validateMapping({ ...NO_COLUMNS, date: 1 }, 3)).toThrow(/no customer id/);
  });
});

describe('sniffText', () => {
  it('detects semicolons, a header and strips a BOM', () => {
    const s = sniffText('\ufeffKunde;Datum;Betrag\r\n1;2011-01-02;3,50\r\n2;2011-01-03;4,00\r\n', true);
    expect(s).toMatchObject({ delimiter: ';', hasHeader: true, header: ['Kunde', 'Datum', 'Betrag'] });
    expect(s.sampleRows).toEqual([
      ['1', '2011-01-02', '3,50'],
      ['2', '2011-01-03', '4,00']
    ]);
  });

  it('detects whitespace-separated text without a header and ignores a cut last line', () => {
    const s = sniffText(' 00004 0001 19970101  2   29.33\r\n 00004 0001 19970118  2   29.73\r\n 00005 00', false);
    expect(s).toMatchObject({ delimiter: 'whitespace', hasHeader: false, header: null });
    expect(s.sampleRows).toHaveLength(2);
  });

  it('detects tabs', () => {
    expect(sniffText('id\tdate\n1\t2011-01-02\n', true).delimiter).toBe('\t');
  });
});
