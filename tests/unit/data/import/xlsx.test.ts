// Excel import (read-excel-file) on workbooks the tests write with write-excel-file: the
// sheets are listed before any is parsed, the chosen sheet is read, real date cells and
// text dates are both read, rejected rows name their sheet row, and an empty sheet, a
// header-only sheet and a password-protected workbook (fixtures/encrypted.xlsx) are named.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { listSheets, openXlsxSheet } from '$lib/data/import/xlsx';
import { guessTypedColumns, importTypedSummary, importTypedTransactions } from '$lib/data/import/import-typed';
import { importTransactions } from '$lib/data/import/import-transactions';
import { summarize } from '$lib/data/summarize';
import { bgnbdOf, rowsCsv, rowsSheet, sampleRows, xlsxBytes } from './format-files';

const rows = sampleRows(200, 5);

describe('Excel workbooks', () => {
  it('lists the sheets and reads the chosen one: date cells give the same rows and BG/NBD fit as the CSV', async () => {
    const bytes = await xlsxBytes([
      { sheet: 'Notes', data: [[{ value: 'exported 2026-01-01' }]] },
      { sheet: 'Orders', data: rowsSheet(rows) }
    ]);
    expect(listSheets(bytes)).toEqual(['Notes', 'Orders']);
    const table = await openXlsxSheet(bytes, 'Orders');
    expect(table.header).toEqual(['Customer', 'Order date', 'Amount']);
    const guess = guessTypedColumns(table);
    expect(guess.mapping).toMatchObject({ customerId: 0, date: 1, amount: 2 });
    expect(guess.date.format).toBe('iso');
    const fromSheet = await importTypedTransactions(table);
    const fromCsv = await importTransactions(rowsCsv(rows));
    expect(fromSheet.counts.kept).toBe(rows.length);
    expect([...fromSheet.table.day]).toEqual([...fromCsv.table.day]);
    expect([...fromSheet.table.amount]).toEqual([...fromCsv.table.amount]);
    const a = summarize(fromSheet.table).customers;
    const b = summarize(fromCsv.table).customers;
    const pa = bgnbdOf(a);
    const pb = bgnbdOf(b);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(Math.abs(pa[k] - pb[k])).toBeLessThan(1e-9);
  });

  it('reads text dates (31/01/2020) and date cells in one column, asking the format of the text ones only', async () => {
    const data = [
      [{ value: 'customer' }, { value: 'date' }, { value: 'amount' }],
      [{ value: 'A' }, { value: new Date('2020-01-05T00:00:00Z'), type: Date, format: 'yyyy-mm-dd' }, { value: 10 }],
      [{ value: 'B' }, { value: '31/01/2020' }, { value: 3 }],
      [{ value: 'C' }, { value: '15/02/2020' }, { value: 4 }],
      [{ value: 17850 }, { value: new Date('2020-02-05T00:00:00Z'), type: Date, format: 'dd/mm/yyyy' }, { value: 2 }]
    ];
    const table = await openXlsxSheet(await xlsxBytes([{ sheet: 'Sheet1', data }]));
    expect(guessTypedColumns(table).date.format).toBe('dmy');
    const imported = await importTypedTransactions(table);
    expect(imported.counts.kept).toBe(4);
    expect(imported.table.customerId).toEqual(['A', 'B', 'C', '17850']);
    expect([...imported.table.day].map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10))).toEqual([
      '2020-01-05',
      '2020-01-31',
      '2020-02-15',
      '2020-02-05'
    ]);
  });

  it('names rejected rows by their sheet row (blank rows keep the numbering)', async () => {
    const data = [
      [{ value: 'customer' }, { value: 'date' }, { value: 'amount' }],
      [{ value: 'A' }, { value: '2020-01-05' }, { value: 10 }],
      [null, null, null],
      [{ value: 'B' }, { value: '2020-13-45' }, { value: 3 }],
      [{ value: 'C' }, { value: '2020-01-07' }, { value: 'ten' }]
    ];
    const imported = await importTypedTransactions(await openXlsxSheet(await xlsxBytes([{ sheet: 'S', data }])));
    expect(imported.lineName).toBe('sheet row');
    expect(imported.rejects.map((r) => [r.line, r.reason])).toEqual([
      [4, "invalid date '2020-13-45' (expected YYYY-MM-DD)"],
      [5, "invalid amount 'ten' in column “amount” (read with a decimal point)"]
    ]);
  });

  it('reads a lifetimes summary from a sheet', async () => {
    const data = [
      ['customer_id', 'frequency', 'recency', 'T', 'monetary_value'].map((value) => ({ value })),
      [{ value: 'A' }, { value: 2 }, { value: 30.5 }, { value: 38.9 }, { value: 22.35 }],
      [{ value: 'B' }, { value: 1 }, { value: 40 }, { value: 38.9 }, { value: 5 }]
    ];
    const file = await importTypedSummary(await openXlsxSheet(await xlsxBytes([{ sheet: 'rfm', data }])));
    expect(file.layout).toBe('lifetimes');
    expect(file.customers.map((c) => [c.id, c.x, c.tx, c.T, c.m])).toEqual([['A', 2, 30.5, 38.9, 22.35]]);
    expect(file.rejects.map((r) => r.reason)).toEqual([
      "sheet row 3, column 'recency': 40 is greater than 'T' (38.9): the last purchase cannot come after the end of the observation"
    ]);
  });

  it('names an empty sheet (with the other sheets) and a sheet with a header and no rows', async () => {
    const bytes = await xlsxBytes([
      { sheet: 'Empty', data: [] },
      { sheet: 'Header only', data: [[{ value: 'customer' }, { value: 'date' }]] }
    ]);
    await expect(openXlsxSheet(bytes, 'Empty')).rejects.toThrow(
      "sheet 'Empty' is empty (the workbook's sheets: 'Empty', 'Header only'; choose the one with the data)"
    );
    await expect(openXlsxSheet(bytes, 'Header only')).rejects.toThrow("sheet 'Header only' has a header but no rows");
    await expect(openXlsxSheet(bytes, 'Nope')).rejects.toThrow("the workbook has no sheet 'Nope'");
  });

  it('refuses a password-protected workbook and a damaged one by name', async () => {
    const encrypted = new Uint8Array(readFileSync(path.join(__dirname, 'fixtures/encrypted.xlsx')));
    expect(() => listSheets(encrypted)).toThrow(
      /^this workbook is password-protected \(encrypted\): open it in Excel, remove the password/
    );
    const good = await xlsxBytes([{ sheet: 'S', data: rowsSheet(rows.slice(0, 5)) }]);
    expect(() => listSheets(good.slice(0, 200))).toThrow(/^the workbook is damaged or incomplete/);
  });
});
