// A small hand-written dataset for the storage tests (values are arbitrary but fixed).
import type { CustomerSummary, DatasetMeta, TransactionTable } from '$lib/data/types';

let counter = 0;
/** A fresh database name per test, so tests never see each other's rows. */
export function freshName(prefix = 'db-test'): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.floor(Math.random() * 1e9)}`;
}

export function meta(id: string, createdAt = '2026-01-01T00:00:00.000Z'): DatasetMeta {
  return {
    id,
    name: `Dataset ${id}`,
    kind: 'transactions',
    source: 'import',
    createdAt,
    customers: 3,
    transactions: 5,
    firstDate: '1997-01-01',
    lastDate: '1997-03-01',
    calibrationEnd: '1997-02-15',
    unit: 'week'
  };
}

export function table(): TransactionTable {
  return {
    customerId: ['a', 'a', 'b', 'c', 'c'],
    day: Int32Array.from([9862, 9870, 9863, 9864, 9900]),
    amount: Float64Array.from([10.5, -2, 30, NaN, 7.25]),
    quantity: Float64Array.from([1, 1, 3, NaN, 2]),
    channel: ['search', 'search', 'email', '', 'stores'],
    length: 5
  };
}

export function summary(id: string, x: number): CustomerSummary {
  return {
    id,
    x,
    tx: x > 0 ? 1.5 : 0,
    T: 8,
    m: x > 0 ? 12.5 : 0,
    firstSpend: 10,
    xHoldout: 1,
    holdoutSpend: 4,
    firstDate: '1997-01-01',
    lastDate: '1997-01-09',
    channel: 'search',
    segment: 'regular',
    region: 'north',
    treatment: -1
  };
}

export function summaries(): CustomerSummary[] {
  return [summary('a', 1), summary('b', 0), summary('c', 1)];
}
