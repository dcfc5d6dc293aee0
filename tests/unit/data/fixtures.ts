// A small transaction set whose summary is worked out by hand in summarize.test.ts.
import { tableFromRows } from '$lib/data/import/table-builder';
import { daysFromCivil } from '$lib/data/import/dates';

export const day = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return daysFromCivil(y, m, d);
};

/**
 * A: two rows on 2011-01-01 (10 + 5), repeats on 01-08 (20) and 01-15 (30, plus a return of -10
 *    the same day), holdout purchase 02-05 (40).
 * B: first purchase 02-02, after the calibration end 2011-01-31.
 * C: one purchase on the calibration end itself.
 * D: purchase 01-10 (8), a return-only day 01-20 (-8).
 */
export const rows = [
  { customerId: 'A', day: day('2011-01-01'), amount: 10, quantity: 1, channel: 'search' },
  { customerId: 'B', day: day('2011-02-02'), amount: 7, quantity: 1 },
  { customerId: 'A', day: day('2011-01-01'), amount: 5, quantity: 1, channel: 'email' },
  { customerId: 'A', day: day('2011-01-08'), amount: 20, quantity: 2 },
  { customerId: 'D', day: day('2011-01-10'), amount: 8, quantity: 1 },
  { customerId: 'A', day: day('2011-01-15'), amount: 30, quantity: 3 },
  { customerId: 'A', day: day('2011-01-15'), amount: -10, quantity: -1 },
  { customerId: 'D', day: day('2011-01-20'), amount: -8, quantity: -1 },
  { customerId: 'C', day: day('2011-01-31'), amount: 12, quantity: 1 },
  { customerId: 'A', day: day('2011-02-05'), amount: 40, quantity: 4 }
];

export const table = () => tableFromRows(rows);
