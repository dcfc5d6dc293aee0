import { describe, expect, it } from 'vitest';
import {
  contractsToSubscribers,
  describeSubscribers,
  detectContractsLayout,
  parseContractsCsv
} from '$lib/data/import/contracts-file';
import { formatDay, parseDay } from '$lib/data/import/dates';
import { createRng } from '$lib/model/core/random';
import { fitSbgCensored } from '$lib/model/core/btyd/sbg-censored';

const MONTH = 365.25 / 12;

describe('contracts file layout', () => {
  it('recognises billing-system headers and refuses files without a start and an end or status', () => {
    const c = detectContractsLayout(['Customer ID', 'Start Date', 'Cancelled At', 'Plan', 'MRR']);
    expect(c?.index).toMatchObject({ id: 0, start: 1, end: 2, plan: 3, price: 4, status: -1 });
    expect(detectContractsLayout(['subscriber_id', 'signup', 'status'])?.index.status).toBe(2);
    expect(detectContractsLayout(['customer_id', 'date', 'amount'])).toBeNull(); // transactions
    expect(detectContractsLayout(['customer_id', 'start_date', 'plan'])).toBeNull(); // nothing says who left
  });
});

describe('contracts to sBG subscribers', () => {
  // observation end 2024-01-31; monthly billing (365.25 / 12 days, the summariser's month)
  const csv = [
    'customer_id,start_date,end_date,plan,price',
    'A,2023-01-31,2023-04-15,basic,10', // ended 74 days in: paid ceil(74 / 30.44) = 3 months
    'B,2023-07-31,,pro,20', // active 184 days: in its floor(184 / 30.44) + 1 = 7th paid month
    'C,2024-01-20,2024-01-25,basic,10', // ended within its first month: paid 1
    'D,2023-12-05,2024-03-01,pro,20' // ends after the observation end: active on 2024-01-31, 57 days in: 2nd month
  ].join('\n');

  it('counts the periods paid and marks who is still subscribed (worked by hand above)', () => {
    const file = parseContractsCsv(csv);
    expect(file.rejects).toEqual([]);
    expect(file.dateFormat).toBe('iso');
    const s = contractsToSubscribers(file, 'month', '2024-01-31');
    expect(s.periodsPaid).toEqual([3, 7, 1, 2]);
    expect(s.subscribed).toEqual([false, true, false, true]);
    // x = t_x = renewals; the fit step's "still paid" rule T - t_x < 1 agrees with `subscribed`
    s.customers.forEach((c, i) => {
      expect(c.x).toBe(s.periodsPaid[i] - 1);
      expect(c.tx).toBe(c.x);
      expect(c.T - c.tx < 1).toBe(s.subscribed[i]);
    });
    // C churned 5 days into a month that runs past the observation end: known churn, not censored
    expect(s.customers[2].T).toBe(1);
    expect(s.customers[1].T).toBeCloseTo(184 / MONTH, 12);
    expect(s.customers.map((c) => c.segment)).toEqual(['basic', 'pro', 'basic', 'pro']);
    expect(s.customers[1]).toMatchObject({ firstSpend: 20, m: 20, firstDate: '2023-07-31' });
    expect(describeSubscribers(s, 'month')).toBe(
      '4 subscriptions (2 active on 2024-01-31), billed every month, 2 plans'
    );
  });

  it('names each bad row with its line and column, and a start after the observation end', () => {
    const bad = parseContractsCsv(
      [
        'customer_id,start_date,end_date,price',
        'A,2023-01-01,2022-12-01,10',
        'B,,2023-02-01,10',
        'C,2023-01-01,,-5',
        'C,2023-01-01,,5',
        'D,2023-01-01,,5',
        'D,2023-03-01,,5',
        'E,2023-01-01,someday,5'
      ].join('\n')
    );
    expect(bad.rejects.map((r) => r.reason)).toEqual([
      "line 2, column 'end_date': ends (2022-12-01) before it starts (2023-01-01)",
      "line 3, column 'start_date': empty (the start date is needed)",
      "line 4, column 'price': '-5' is not a price >= 0",
      "line 7, column 'customer_id': subscription 'D' appears twice (first on line 6)",
      "line 8, column 'end_date': 'someday' is not a date"
    ]);
    const late = contractsToSubscribers(bad, 'month', '2023-02-15');
    expect(late.rejects.map((r) => r.reason)).toEqual([]);
    expect(contractsToSubscribers(bad, 'month', '2022-12-31').rejects[0].reason).toBe(
      'line 5: starts on 2023-01-01, after the observation end 2022-12-31'
    );
  });

  it('reads prices as the file writes them (decimal comma with a currency sign, thousands separators)', () => {
    const eu = parseContractsCsv(
      'customer_id;start_date;end_date;price\nA;2023-01-31;2023-04-15;9,99 €\nB;2023-07-31;;1.299,00 €\n'
    );
    expect(eu.rejects).toEqual([]);
    expect(eu.rows.map((r) => r.price)).toEqual([9.99, 1299]);
    const us = parseContractsCsv(
      'customer_id,start_date,end_date,price\nA,2023-01-31,,"$1,299.00"\nB,2023-02-28,,£12.50\n'
    );
    expect(us.rows.map((r) => r.price)).toEqual([1299, 12.5]);
    expect(
      parseContractsCsv('customer_id,start_date,end_date,price\nA,2023-01-31,,"9,99"\n', { decimal: 'comma' }).rows[0]
        .price
    ).toBe(9.99);
  });

  it('reads a status column and refuses statuses that contradict the dates', () => {
    const file = parseContractsCsv(
      [
        'id,signup,cancel_date,status',
        'A,2023-01-01,,active',
        'B,2023-01-01,2023-03-01,cancelled',
        'C,2023-01-01,,cancelled',
        'D,2023-01-01,2023-03-01,active',
        'E,2023-01-01,,maybe'
      ].join('\n')
    );
    expect(file.rows.map((r) => r.id)).toEqual(['A', 'B']);
    expect(file.rejects.map((r) => r.reason)).toEqual([
      "line 4, column 'cancel_date': the subscription is 'cancelled' but has no end date",
      "line 5, column 'status': says 'active' but the subscription has an end date (2023-03-01)",
      "line 6, column 'status': 'maybe' is not a status read here"
    ]);
  });

  it('asks for the date order when D/M/Y and M/D/Y both read every date', () => {
    expect(() => parseContractsCsv('id,start,end\nA,01/02/2023,03/04/2023\n')).toThrow(/dmy or mdy/);
    const dmy = parseContractsCsv('id,start,end\nA,01/02/2023,03/04/2023\n', { dateFormat: 'dmy' });
    expect(formatDay(dmy.rows[0].start)).toBe('2023-02-01');
  });

  it('recovers the sBG parameters it was drawn from (staggered sign-ups, cancellations mid-period)', () => {
    // truth: theta ~ Beta(1.2, 3.5) per subscriber (Fader & Hardie 2007's "regular" segment
    // is alpha = 0.704, beta = 1.182; these are of the same kind, with a lower mean churn)
    const alpha = 1.2;
    const beta = 3.5;
    const rng = createRng(20261202);
    const first = parseDay('2021-01-01', 'iso');
    const end = first + 3 * 365;
    const rows = ['customer_id,start_date,end_date,plan,price'];
    for (let i = 0; i < 6000; i++) {
      const start = first + rng.int(2 * 365);
      const theta = rng.beta(alpha, beta);
      let k = 1; // periods paid: churn is decided at each renewal
      while (rng.uniform() >= theta) k++;
      // cancelled at a random moment of the last paid period
      const cancel = start + Math.floor((k - 1) * MONTH + (0.05 + 0.9 * rng.uniform()) * MONTH);
      rows.push(`S${i},${formatDay(start)},${cancel <= end ? formatDay(cancel) : ''},p${i % 3},9.5`);
    }
    const file = parseContractsCsv(rows.join('\n'));
    expect(file.rejects).toEqual([]);
    const s = contractsToSubscribers(file, 'month', formatDay(end));
    const fit = fitSbgCensored(s.periodsPaid, s.subscribed);
    expect(fit.converged).toBe(true);
    // within three standard errors of the truth
    expect(Math.abs(fit.params.alpha - alpha)).toBeLessThan(3 * fit.stdErr.alpha);
    expect(Math.abs(fit.params.beta - beta)).toBeLessThan(3 * fit.stdErr.beta);
    // and the mean churn per period, alpha / (alpha + beta), within 0.01
    expect(fit.params.alpha / (fit.params.alpha + fit.params.beta)).toBeCloseTo(alpha / (alpha + beta), 2);
  });
});
