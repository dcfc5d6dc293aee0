/**
 * Groups a TransactionTable by customer and merges same-day rows into one
 * "transaction day" with the day's spend summed: the convention of the BTYD
 * literature for CDNOW (Fader, Hardie & Lee 2005; /work/shared/data/README.md).
 *
 * A day whose rows are all returns (negative amount or quantity, kept by the
 * importer's `returns: 'net'`) is not a purchase: it nets into the spend totals
 * but does not count as a transaction.
 */
import { encodeDistinct } from '../model/core/distinct.ts';
import type { TransactionTable } from './types.ts';

export interface CustomerDays {
  /** distinct customer ids, in order of first appearance */
  ids: string[];
  /** days of customer c are day[start[c] .. start[c + 1]), ascending and distinct */
  start: Int32Array;
  day: Int32Array;
  /** net spend of the day (NaN when the table has no amounts) */
  spend: Float64Array;
  /** 1 when the day has at least one purchase row (not only returns) */
  purchase: Uint8Array;
  /** channel of each customer's first row */
  channel: string[];
  /** whether any row had an amount */
  hasSpend: boolean;
}

export function groupCustomerDays(table: TransactionTable): CustomerDays {
  const n = table.length;
  const ids: string[] = [];
  const cust = encodeDistinct(n, (i) => table.customerId[i], ids);
  const customers = ids.length;
  // counting sort of rows by customer (stable), then by day within each customer
  const rowStart = new Int32Array(customers + 1);
  for (let i = 0; i < n; i++) rowStart[cust[i] + 1]++;
  for (let c = 0; c < customers; c++) rowStart[c + 1] += rowStart[c];
  const fill = rowStart.slice(0, customers);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[cust[i]]++] = i;
  const dayOf = table.day;
  for (let c = 0; c < customers; c++) {
    // insertion sort: rows of one customer are usually already in date order
    for (let k = rowStart[c] + 1; k < rowStart[c + 1]; k++) {
      const row = order[k];
      const d = dayOf[row];
      let j = k - 1;
      while (j >= rowStart[c] && dayOf[order[j]] > d) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = row;
    }
  }
  let hasSpend = false;
  for (let i = 0; i < n && !hasSpend; i++) hasSpend = !Number.isNaN(table.amount[i]);
  const start = new Int32Array(customers + 1);
  const day = new Int32Array(n);
  const spend = new Float64Array(n);
  const purchase = new Uint8Array(n);
  const channel: string[] = new Array(customers);
  let m = 0;
  for (let c = 0; c < customers; c++) {
    start[c] = m;
    channel[c] = table.channel[order[rowStart[c]]] ?? '';
    for (let k = rowStart[c]; k < rowStart[c + 1]; k++) {
      const row = order[k];
      const d = dayOf[row];
      const amount = table.amount[row];
      const isReturn = amount < 0 || table.quantity[row] < 0;
      if (m === start[c] || day[m - 1] !== d) {
        day[m] = d;
        spend[m] = hasSpend ? 0 : NaN;
        purchase[m] = 0;
        m++;
      }
      if (hasSpend && !Number.isNaN(amount)) spend[m - 1] += amount;
      if (!isReturn) purchase[m - 1] = 1;
    }
  }
  start[customers] = m;
  return {
    ids,
    start,
    day: day.slice(0, m),
    spend: spend.slice(0, m),
    purchase: purchase.slice(0, m),
    channel,
    hasSpend
  };
}
