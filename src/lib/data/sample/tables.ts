/**
 * Sample columns -> the shared data-layer shapes (TransactionTable, CustomerSummary[]),
 * ready for saveDataset. Runs on the receiving side of the worker: strings are built
 * once per customer and shared by every row of that customer.
 */
import type { CustomerSummary, TransactionTable } from '../types.ts';
import { formatDay } from '../import/dates.ts';
import type { SampleColumns } from './columns.ts';

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
    out[i] = {
      id: ids[i],
      x: columns.x[i],
      tx: columns.tx[i],
      T: columns.T[i],
      m: columns.m[i],
      firstSpend: columns.firstSpend[i],
      xHoldout: columns.xHoldout[i],
      holdoutSpend: columns.holdoutSpend[i],
      firstDate: formatDay(columns.firstDay[i]),
      lastDate: formatDay(columns.lastDay[i]),
      channel: columns.channels[columns.channelIndex[i]],
      segment: columns.segments[columns.segmentIndex[i]],
      region: columns.regions[columns.regionIndex[i]],
      treatment: columns.treatment[i]
    };
  }
  return out;
}
