/**
 * Sample columns -> the shared data-layer shapes (TransactionTable, CustomerSummary[]),
 * ready for saveDataset. Runs on the receiving side of the worker: strings are built
 * once per customer and shared by every row of that customer.
 */
import type { CustomerSummary, TransactionTable } from '../types.ts';
import { formatDay } from '../import/dates.ts';
import type { SampleColumns } from './columns.ts';
import { summaryAt } from '../summary-columns.ts';

export function customerIds(columns: SampleColumns): string[] {
  const ids = new Array<string>(columns.customers);
  for (let i = 0; i < columns.customers; i++) ids[i] = columns.idPrefix + String(i + 1).padStart(columns.idWidth, '0');
  return ids;
}

export function toTransactionTable(columns: SampleColumns, ids: string[] = customerIds(columns)): TransactionTable {
  const n = columns.transactions;
  const customerId = new Array<string>(n);
  const channel = new Array<string>(n);
  for (let k = 0; k < n; k++) {
    customerId[k] = ids[columns.txCustomer[k]];
    channel[k] = columns.channels[columns.txChannel[k]];
  }
  return {
    customerId,
    day: columns.txDay,
    amount: columns.txAmount,
    quantity: columns.txQuantity,
    channel,
    length: n
  };
}

export function toCustomerSummaries(columns: SampleColumns, ids: string[] = customerIds(columns)): CustomerSummary[] {
  const out = new Array<CustomerSummary>(columns.customers);
  for (let i = 0; i < columns.customers; i++) {
    out[i] = summaryAt(
      columns,
      i,
      ids[i],
      formatDay(columns.firstDay[i]),
      formatDay(columns.lastDay[i]),
      columns.channels[columns.channelIndex[i]],
      columns.segments[columns.segmentIndex[i]],
      columns.regions[columns.regionIndex[i]]
    );
  }
  return out;
}
