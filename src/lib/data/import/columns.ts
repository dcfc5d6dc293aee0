/**
 * Column mapping for transaction files: which column holds the customer id, the
 * date, the amount (or unit price x quantity), the quantity, the channel and the
 * invoice id. `guessColumns` proposes a mapping from the header names and a few
 * sample rows; the user corrects it in the import dialog.
 */
import { detectDateFormat, type DateDetection } from './dates.ts';
import { detectDecimalMark, parseAmount, type DecimalDetection, type DecimalMark } from './amounts.ts';

/** Column indices (0-based); -1 when the file has no such column. */
export interface ColumnMapping {
  customerId: number;
  date: number;
  /** spend of the row */
  amount: number;
  /** unit price; amount = unitPrice x quantity when `amount` is -1 */
  unitPrice: number;
  quantity: number;
  channel: number;
  /** invoice / order id (cancellations start with 'C' in UCI Online Retail) */
  invoice: number;
}

export interface ColumnGuess {
  mapping: ColumnMapping;
  /** date format detected on the sample rows of the guessed date column */
  date: DateDetection;
  /** how the amount of a row is obtained */
  amountFrom: 'amount' | 'unitPriceTimesQuantity' | 'none';
  /** the decimal mark detected on the sample values of the amount (or unit price) column */
  decimal: DecimalDetection;
}

export const NO_COLUMNS: ColumnMapping = {
  customerId: -1,
  date: -1,
  amount: -1,
  unitPrice: -1,
  quantity: -1,
  channel: -1,
  invoice: -1
};

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Header names (normalised) per role, most specific first. */
const NAMES: Record<keyof ColumnMapping, string[]> = {
  customerId: [
    'customerid',
    'customer',
    'custid',
    'cust',
    'clientid',
    'client',
    'userid',
    'user',
    'memberid',
    'masterid',
    'accountid',
    'buyerid',
    'kunde',
    'kundennr',
    'cliente',
    'id'
  ],
  date: [
    'invoicedate',
    'orderdate',
    'purchasedate',
    'transactiondate',
    'date',
    'day',
    'timestamp',
    'datetime',
    'ts',
    'time',
    'createdat',
    'datum',
    'fecha'
  ],
  amount: [
    'amount',
    'spend',
    'sales',
    'revenue',
    'dollarvalue',
    'value',
    'ordervalue',
    'total',
    'totalprice',
    'price',
    'net',
    'gmv',
    'betrag',
    'umsatz',
    'montant',
    'importe'
  ],
  unitPrice: ['unitprice', 'priceeach', 'itemprice', 'priceperunit'],
  quantity: ['quantity', 'qty', 'numberofcds', 'units', 'count', 'items'],
  channel: ['channel', 'acquisitionchannel', 'source', 'medium', 'utmsource'],
  invoice: ['invoiceno', 'invoice', 'invoiceid', 'orderid', 'orderno', 'order', 'transactionid', 'receipt']
};

function byName(header: readonly string[], role: keyof ColumnMapping, taken: Set<number>): number {
  const names = header.map(normalise);
  for (const candidate of NAMES[role]) {
    const i = names.indexOf(candidate);
    if (i >= 0 && !taken.has(i)) return i;
  }
  return -1;
}

/** an amount, with a decimal point or a decimal comma, group separators and a currency (amounts.ts) */
const isNumber = (s: string) => Number.isFinite(parseAmount(s, 'point')) || Number.isFinite(parseAmount(s, 'comma'));
const isInteger = (s: string) => /^\s*-?\d+\s*$/.test(s);

/**
 * Guesses the column mapping. With a header, by name; columns still unknown (and
 * every column of a headerless file) are guessed from the sample values: the date
 * column is the first whose values all parse as dates, the customer id the first
 * remaining column, the amount the last decimal column, the quantity an integer
 * column between them.
 */
export function guessColumns(
  header: readonly string[] | null,
  sampleRows: readonly (readonly string[])[],
  decimalFallback: DecimalMark = 'point'
): ColumnGuess {
  const width = Math.max(header?.length ?? 0, ...sampleRows.map((r) => r.length));
  const mapping: ColumnMapping = { ...NO_COLUMNS };
  const taken = new Set<number>();
  const take = (role: keyof ColumnMapping, i: number) => {
    if (i >= 0) {
      mapping[role] = i;
      taken.add(i);
    }
  };
  if (header) {
    // unit price first, so that a 'UnitPrice' column is not read as the amount
    for (const role of ['unitPrice', 'invoice', 'customerId', 'date', 'quantity', 'amount', 'channel'] as const) {
      take(role, byName(header, role, taken));
    }
  }
  const column = (i: number) => sampleRows.map((r) => r[i] ?? '');
  if (mapping.date < 0) {
    for (let i = 0; i < width; i++) {
      if (taken.has(i)) continue;
      const values = column(i).filter((v) => v.trim() !== '');
      if (values.length > 0 && detectDateFormat(values).candidates.length > 0) {
        take('date', i);
        break;
      }
    }
  }
  if (mapping.customerId < 0) {
    for (let i = 0; i < width; i++) {
      if (!taken.has(i)) {
        take('customerId', i);
        break;
      }
    }
  }
  if (mapping.amount < 0 && mapping.unitPrice < 0) {
    for (let i = width - 1; i >= 0; i--) {
      if (taken.has(i)) continue;
      const values = column(i).filter((v) => v.trim() !== '');
      if (values.length > 0 && values.every(isNumber) && values.some((v) => v.includes('.') || v.includes(','))) {
        take('amount', i);
        break;
      }
    }
  }
  if (mapping.quantity < 0 && !header) {
    const last = mapping.amount >= 0 ? mapping.amount : width;
    for (let i = last - 1; i > Math.max(mapping.customerId, mapping.date); i--) {
      const values = column(i).filter((v) => v.trim() !== '');
      if (!taken.has(i) && values.length > 0 && values.every(isInteger)) {
        take('quantity', i);
        break;
      }
    }
  }
  const date =
    mapping.date >= 0 ? detectDateFormat(column(mapping.date)) : { format: null, ambiguous: false, candidates: [] };
  const amountFrom =
    mapping.amount >= 0
      ? 'amount'
      : mapping.unitPrice >= 0 && mapping.quantity >= 0
        ? 'unitPriceTimesQuantity'
        : 'none';
  return { mapping, date, amountFrom, decimal: guessDecimal(mapping, sampleRows, decimalFallback) };
}

/**
 * The decimal mark of the mapped money column (the amount, else the unit price) on the
 * sample rows; `fallback` when they do not settle it (the comma for semicolon files).
 */
export function guessDecimal(
  mapping: ColumnMapping,
  sampleRows: readonly (readonly string[])[],
  fallback: DecimalMark = 'point'
): DecimalDetection {
  const c = mapping.amount >= 0 ? mapping.amount : mapping.unitPrice;
  return detectDecimalMark(c >= 0 ? sampleRows.map((r) => r[c] ?? '') : [], fallback);
}

/** Checks a (possibly user-edited) mapping against the file width; throws naming the bad column. */
export function validateMapping(mapping: ColumnMapping, width: number): void {
  for (const [role, index] of Object.entries(mapping)) {
    if (!Number.isInteger(index) || index < -1 || index >= width) {
      throw new RangeError(
        `invalid column for ${role}: ${index} (the file has ${width} columns, 0..${width - 1}, or -1 for none)`
      );
    }
  }
  if (mapping.customerId < 0) throw new RangeError('invalid column mapping: no customer id column (customerId = -1)');
  if (mapping.date < 0) throw new RangeError('invalid column mapping: no date column (date = -1)');
}
