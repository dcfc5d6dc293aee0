/**
 * Builds a columnar TransactionTable row by row with growable typed arrays
 * (capacity doubles), so an import of half a million rows allocates O(log n) times
 * and never holds an array of row objects. Customer ids and channels are interned:
 * the rows of one customer share one string (UCI Online Retail: 397,924 rows, 4,339 ids).
 */
import type { TransactionTable } from '../types.ts';

export class TransactionTableBuilder {
  private customerId: string[] = [];
  private channel: string[] = [];
  private day: Int32Array;
  private amount: Float64Array;
  private quantity: Float64Array;
  private readonly interned = new Map<string, string>();
  length = 0;

  constructor(initialCapacity = 4096) {
    const capacity = Math.max(16, initialCapacity | 0);
    this.day = new Int32Array(capacity);
    this.amount = new Float64Array(capacity);
    this.quantity = new Float64Array(capacity);
  }

  private grow(): void {
    const capacity = this.day.length * 2;
    const day = new Int32Array(capacity);
    day.set(this.day);
    const amount = new Float64Array(capacity);
    amount.set(this.amount);
    const quantity = new Float64Array(capacity);
    quantity.set(this.quantity);
    this.day = day;
    this.amount = amount;
    this.quantity = quantity;
  }

  /** Appends one transaction row; `day` in days since 1970-01-01, NaN for unknown amount/quantity. */
  push(customerId: string, day: number, amount: number, quantity: number, channel: string): void {
    if (this.length === this.day.length) this.grow();
    const i = this.length++;
    this.customerId.push(this.intern(customerId));
    this.channel.push(channel === '' ? '' : this.intern(channel));
    this.day[i] = day;
    this.amount[i] = amount;
    this.quantity[i] = quantity;
  }

  /** The one copy of `value` this table keeps (the parser's field strings are dropped with their rows). */
  private intern(value: string): string {
    const known = this.interned.get(value);
    if (known !== undefined) return known;
    // V8 cuts substrings of 13 or more characters as views into the parsed chunk (about
    // 1 MiB of text): a fresh copy keeps the id without keeping its chunk alive
    const own = value.length < 13 ? value : (JSON.parse(JSON.stringify(value)) as string);
    this.interned.set(own, own);
    return own;
  }

  /** The table, with typed arrays trimmed to length (copies, so the builder can be dropped). */
  finish(): TransactionTable {
    return {
      customerId: this.customerId,
      day: this.day.slice(0, this.length),
      amount: this.amount.slice(0, this.length),
      quantity: this.quantity.slice(0, this.length),
      channel: this.channel,
      length: this.length
    };
  }
}

/** A table from plain rows (tests, sample data). Dates as days since 1970-01-01. */
export function tableFromRows(
  rows: readonly { customerId: string; day: number; amount?: number; quantity?: number; channel?: string }[]
): TransactionTable {
  const builder = new TransactionTableBuilder(rows.length);
  for (const r of rows) builder.push(r.customerId, r.day, r.amount ?? NaN, r.quantity ?? NaN, r.channel ?? '');
  return builder.finish();
}
