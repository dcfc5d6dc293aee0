/**
 * The checks every transaction row goes through, whatever file it came from (CSV
 * text, an Excel sheet, a Parquet row group): customer id, date, quantity, amount or
 * unit price x quantity, and returns / cancellations (a negative quantity or amount,
 * or an invoice id starting with 'C' as in UCI Online Retail, Chen et al. 2012), which
 * are dropped (counted) or kept with a negative amount to be netted by the summariser.
 * Good rows go to the TransactionTableBuilder; each rejected row is counted and listed
 * with its position in the file.
 */
import type { ColumnMapping } from './columns.ts';
import { parseDay, type DateFormat } from './dates.ts';
import { parseAmount, type DecimalMark } from './amounts.ts';
import type { TransactionTableBuilder } from './table-builder.ts';

export type ReturnsPolicy = 'drop' | 'net';

export interface RejectedRow {
  /** 1-based line number in the file (the header is line 1 when present); the sheet row of a workbook, the row of a Parquet file */
  line: number;
  reason: string;
  /** the row as read, fields joined by the delimiter */
  text: string;
}

export interface ImportCounts {
  /** physical lines read, including header and empty lines */
  lines: number;
  /** data rows seen (non-empty, header excluded) */
  rows: number;
  kept: number;
  rejected: number;
  emptyLines: number;
  returnsDropped: number;
  returnsNetted: number;
}

/** Longest value quoted in a reject reason, and longest row text kept with a reject (characters). */
export const MAX_REJECT_VALUE = 60;
export const MAX_REJECT_TEXT = 500;

/** A value for a message: itself when short, else its start and its length (a 100 MB field must not be copied into every reject). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length.toLocaleString('en-US')} characters)`;
}

/** UCI-style customer ids are floats ('17850.0'): drop an all-zero fraction so ids match across files. */
export function normaliseCustomerId(raw: string): string {
  const id = raw.trim();
  if (id.length > 2 && id.charCodeAt(id.length - 1) === 48 /* 0 */ && /^\d+\.0+$/.test(id))
    return id.slice(0, id.indexOf('.'));
  return id;
}

export const DATE_FORMAT_NAME: Record<DateFormat, string> = {
  iso: 'YYYY-MM-DD',
  ymd8: 'YYYYMMDD',
  dmy: 'D/M/Y',
  mdy: 'M/D/Y'
};

export interface TransactionRowOptions {
  mapping: ColumnMapping;
  dateFormat: DateFormat;
  returns: ReturnsPolicy;
  /** how the file writes amounts, quantities and prices (amounts.ts) */
  decimal: DecimalMark;
  /** the header row, to name a rejected value's column (else "column N") */
  header?: readonly string[] | null;
  /** rejects are all counted, at most this many listed */
  maxListed: number;
  /** joins the fields of a rejected row for its `text` */
  joiner: string;
}

export class TransactionRows {
  readonly rejects: RejectedRow[] = [];
  readonly counts: ImportCounts = {
    lines: 0,
    rows: 0,
    kept: 0,
    rejected: 0,
    emptyLines: 0,
    returnsDropped: 0,
    returnsNetted: 0
  };
  /** columns a row needs (the highest mapped column + 1) */
  readonly needed: number;
  private readonly dateName: string;

  constructor(
    private readonly builder: TransactionTableBuilder,
    private readonly o: TransactionRowOptions
  ) {
    this.needed = Math.max(...Object.values(o.mapping)) + 1;
    this.dateName = DATE_FORMAT_NAME[o.dateFormat];
  }

  /** "column “Betrag”" or "column 4", and how numbers were read: the part of a number reject after its value */
  private numberAt(column: number): string {
    const name = this.o.header?.[column]?.trim();
    const mark = this.o.decimal === 'comma' ? 'decimal comma' : 'decimal point';
    return `in column ${name ? `“${clip(name, MAX_REJECT_VALUE)}”` : column + 1} (read with a ${mark})`;
  }

  /** The number in `column` (`what` names it in the reject), or null once the row is rejected for not holding one. */
  private numberIn(row: readonly string[], line: number, column: number, what: string): number | null {
    const value = parseAmount(row[column], this.o.decimal);
    if (Number.isFinite(value)) return value;
    this.reject(line, `invalid ${what} '${clip(row[column], MAX_REJECT_VALUE)}' ${this.numberAt(column)}`, row);
    return null;
  }

  private reject(line: number, reason: string, row: readonly string[]): void {
    this.counts.rejected++;
    if (this.rejects.length < this.o.maxListed)
      this.rejects.push({ line, reason, text: clip(row.join(this.o.joiner), MAX_REJECT_TEXT) });
  }

  /**
   * Checks one non-empty data row and keeps it or rejects it.
   * @param day the row's day number when the source holds a real date (Excel date cell, Parquet DATE / TIMESTAMP), else NaN
   */
  row(row: readonly string[], line: number, day = NaN): void {
    const counts = this.counts;
    const { mapping, returns } = this.o;
    const {
      customerId: cId,
      date: cDate,
      amount: cAmount,
      unitPrice: cPrice,
      quantity: cQty,
      channel: cChannel,
      invoice: cInvoice
    } = mapping;
    counts.rows++;
    if (row.length < this.needed) {
      this.reject(line, `expected at least ${this.needed} columns, found ${row.length}`, row);
      return;
    }
    const id = normaliseCustomerId(row[cId]);
    if (id === '') {
      this.reject(line, 'missing customer id', row);
      return;
    }
    if (Number.isNaN(day)) day = parseDay(row[cDate], this.o.dateFormat);
    if (Number.isNaN(day)) {
      this.reject(line, `invalid date '${clip(row[cDate], MAX_REJECT_VALUE)}' (expected ${this.dateName})`, row);
      return;
    }
    const quantity = cQty >= 0 ? this.numberIn(row, line, cQty, 'quantity') : NaN;
    if (quantity === null) return;
    let amount: number | null = NaN;
    if (cAmount >= 0) amount = this.numberIn(row, line, cAmount, 'amount');
    else if (cPrice >= 0 && cQty >= 0) {
      const price = this.numberIn(row, line, cPrice, 'unit price');
      amount = price === null ? null : price * quantity;
    }
    if (amount === null) return;
    const cancelled = cInvoice >= 0 && row[cInvoice].trim().charCodeAt(0) === 67; /* 'C' */
    if (cancelled || quantity < 0 || amount < 0) {
      if (returns === 'drop') {
        counts.returnsDropped++;
        return;
      }
      counts.returnsNetted++;
      if (amount > 0) amount = -amount; // a cancellation line recorded with a positive amount
    }
    this.builder.push(id, day, amount, quantity, cChannel >= 0 ? row[cChannel].trim() : '');
    counts.kept++;
  }
}
