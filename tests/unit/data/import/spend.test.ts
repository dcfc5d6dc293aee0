import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeSpendFile, mapChannels, parseSpendFile, weeklySpend } from '$lib/data/import/spend.ts';
import { prepareChannelFitData } from '$lib/data/acquisitions.ts';
import { daysFromCivil } from '$lib/data/import/dates.ts';
import type { TransactionTable } from '$lib/data/types.ts';
import { CHANNEL_IDS } from '$lib/model/scenario/scenario-types.ts';

const WB = [...CHANNEL_IDS];
const MON = daysFromCivil(2025, 1, 6); // a Monday

function table(rows: [string, number, string][]): TransactionTable {
  return {
    customerId: rows.map((r) => r[0]),
    day: Int32Array.from(rows.map((r) => r[1])),
    amount: Float64Array.from(rows.map(() => 10)),
    quantity: Float64Array.from(rows.map(() => NaN)),
    channel: rows.map((r) => r[2]),
    length: rows.length
  };
}

/** weekly long-format spend for `weeks` weeks from MON, spend = f(channel, week) */
function longCsv(weeks: number, channels: string[], f: (c: string, k: number) => number): string {
  const lines = ['week,channel,spend'];
  for (let k = 0; k < weeks; k++) {
    const d = new Date((MON + 7 * k) * 86_400_000).toISOString().slice(0, 10);
    for (const c of channels) lines.push(`${d},${c},${f(c, k)}`);
  }
  return lines.join('\n');
}

describe('spend files', () => {
  it('reads the shipped long weekly example', () => {
    const f = parseSpendFile(readFileSync('examples/media-spend.csv', 'utf8'));
    expect(f.layout).toBe('long');
    expect(f.granularity).toBe('weekly');
    expect(f.channels).toEqual(['search', 'social', 'display', 'email']);
    expect(f.rows).toHaveLength(104);
    expect(describeSpendFile(f)).toMatch(/long weekly spend, 4 channels/);
    // weekly rows on the model's week boundaries are kept exactly
    const weeks = weeklySpend(f, mapChannels(f.channels, WB), f.firstDay, 26);
    expect(weeks.get('search')![0]).toBeCloseTo(2958.09, 6);
  });

  it('reads wide daily rows and sums them into weeks', () => {
    const lines = ['date,Search,E-mail,TV'];
    for (let d = 0; d < 14; d++) {
      const date = new Date((MON + d) * 86_400_000).toISOString().slice(0, 10);
      lines.push(`${date},"1,000",$20,5`);
    }
    const f = parseSpendFile(lines.join('\n'));
    expect(f.layout).toBe('wide');
    expect(f.granularity).toBe('daily');
    const mapping = mapChannels(f.channels, WB);
    expect(mapping.map).toEqual({ Search: 'search', 'E-mail': 'email', TV: '' });
    expect(mapping.unmapped).toEqual(['TV']);
    const w = weeklySpend(f, mapping, MON, 2);
    expect(Array.from(w.get('search')!)).toEqual([7000, 7000]);
    expect(Array.from(w.get('email')!)).toEqual([140, 140]);
    expect(w.has('')).toBe(false);
    // an override from the mapping step wins
    expect(mapChannels(f.channels, WB, { TV: 'display' }).map.TV).toBe('display');
  });

  it('spreads monthly rows over their days', () => {
    const f = parseSpendFile(
      'month,channel,cost\n2025-01-01,search,3100\n2025-02-01,search,2800\n2025-03-01,search,3100\n'
    );
    expect(f.granularity).toBe('monthly');
    // January: 100 a day; the week of Jan 6-12 gets 700, the week of Jan 27 - Feb 2 gets 5 x 100 + 2 x 100
    const w = weeklySpend(f, mapChannels(f.channels, WB), MON, 4).get('search')!;
    expect(w[0]).toBeCloseTo(700, 9);
    expect(w[3]).toBeCloseTo(700, 9);
  });

  it('says what is wrong with a bad file', () => {
    expect(() => parseSpendFile('week,channel,spend\n2025-01-06,search,-5\n')).toThrow(
      /line 2: negative spend -5 for search/
    );
    expect(() => parseSpendFile('week,channel,spend\n2025-01-06,search,lots\n')).toThrow(/not a number/);
    expect(() => parseSpendFile('channel,spend\nsearch,5\n')).toThrow(/no date column/);
    expect(() => parseSpendFile('week,channel,spend\n')).toThrow(/no rows/);
  });
});

describe('acquisitions lined up with the spend', () => {
  // 40 weeks: search and email varied; a customer per week through each, organic ones without a channel
  const rows: [string, number, string][] = [];
  for (let k = 0; k < 40; k++) {
    rows.push([`s${k}`, MON + 7 * k, 'Search'], [`s${k}`, MON + 7 * k + 20, 'email']);
    rows.push([`e${k}`, MON + 7 * k + 2, 'EMAIL']);
    rows.push([`o${k}`, MON + 7 * k + 3, '']);
  }
  const tx = table(rows);

  it('counts first purchases per channel of the first purchase, organic when none', () => {
    const spend = parseSpendFile(longCsv(40, ['search', 'email'], (c, k) => (c === 'search' ? 100 + k : 50 + (k % 3))));
    const data = prepareChannelFitData(tx, spend, WB);
    expect(data.mode).toBe('attributed');
    expect(data.weeks).toBe(40);
    expect(data.channels).toEqual(['search', 'email']);
    expect(Array.from(data.newCustomers![0]).every((v) => v === 1)).toBe(true);
    expect(Array.from(data.newCustomers![1]).every((v) => v === 1)).toBe(true);
    expect(Array.from(data.organic).every((v) => v === 1)).toBe(true);
    expect(data.acquisitionChannel.get('s3')).toBe('search');
    expect(data.acquisitionChannel.get('o3')).toBe('');
  });

  it('falls back to aggregate mode when no first purchase carries a paid channel', () => {
    const plain = table(rows.map(([id, d]) => [id, d, ''] as [string, number, string]));
    const spend = parseSpendFile(longCsv(40, ['search'], (_, k) => 100 + k));
    const data = prepareChannelFitData(plain, spend, WB);
    expect(data.mode).toBe('aggregate');
    expect(data.newCustomers).toBeUndefined();
    expect(data.total[0]).toBe(3);
  });

  it('reports constant spend, spend without customers and unmapped channels', () => {
    const spend = parseSpendFile(
      longCsv(40, ['search', 'email', 'display', 'radio'], (c, k) => (c === 'email' ? 50 : 100 + k))
    );
    const data = prepareChannelFitData(tx, spend, WB);
    expect(data.channels).toEqual(['search']);
    const text = data.messages.join(' ');
    expect(text).toMatch(/radio is not used/);
    expect(text).toMatch(/email is left out of the fit: its spend is the same every week/);
    expect(text).toMatch(/display is left out of the fit: it has spend but no customer/);
    // email's customers count as organic now
    expect(data.organic[0]).toBe(2);
  });

  it('leaves out a channel whose spend is zero throughout, and fails with every reason when none is left', () => {
    const spend = parseSpendFile(longCsv(40, ['search', 'email'], (c, k) => (c === 'email' ? 0 : 100 + k)));
    const data = prepareChannelFitData(tx, spend, WB);
    expect(data.channels).toEqual(['search']);
    expect(data.messages.join(' ')).toMatch(
      /email is left out of the fit: it has no spend in the 40 weeks the data share/
    );
    const flat = parseSpendFile(longCsv(40, ['search', 'email'], () => 75));
    expect(() => prepareChannelFitData(tx, flat, WB)).toThrow(
      /No channel has spend to fit: search is left out .* the same every week .* email is left out/
    );
  });

  it('refuses spend that does not overlap, or fewer than 26 common weeks', () => {
    const late = parseSpendFile(
      longCsv(40, ['search'], (_, k) => 100 + k)
        .replace(/2025-/g, '2031-')
        .replace(/2026-/g, '2032-')
    );
    expect(() => prepareChannelFitData(tx, late, WB)).toThrow(/does not overlap the transactions/);
    const short = parseSpendFile(longCsv(20, ['search'], (_, k) => 100 + k));
    expect(() => prepareChannelFitData(tx, short, WB)).toThrow(/share 20 full weeks .* at least 26/);
  });
});
