import { describe, expect, it } from 'vitest';
import { cellText } from '$lib/charts/table';
import type { ChannelResponse } from '$lib/model/scenario/response-curves';
import { comparisonTable, responseCurveChannels, responseCurveTable } from '$lib/ui/workbench/view';

describe('comparisonTable', () => {
  it('heads the key column with its label, then Baseline and the scenario’s name, one row per entry', () => {
    const rows = [
      { channel: 'search', baseline: 10, scenario: 12 },
      { channel: 'social', baseline: 4, scenario: 3 }
    ];
    const table = comparisonTable('channel', 'Channel', rows, 'Plan B');
    expect(table.columns).toEqual([
      { key: 'channel', label: 'Channel' },
      { key: 'baseline', label: 'Baseline' },
      { key: 'scenario', label: 'Plan B' }
    ]);
    expect(table.rows).toEqual(rows);
    // copies: the table does not hold the chart's own rows
    expect(table.rows[0]).not.toBe(rows[0]);
  });
});

describe('response curves', () => {
  const curves: ChannelResponse[] = [
    {
      channel: 'search',
      points: [
        { spend: 0, customers: 0 },
        { spend: 3000, customers: 40 }
      ],
      current: { spend: 1500, customers: 25 },
      marginalCustomers: 0.012,
      marginalReturn: null
    }
  ];

  it('draws each channel’s customers against spend with the scenario’s spend and marginal customers marked', () => {
    expect(responseCurveChannels(curves)).toEqual([
      {
        channel: 'search',
        curve: [
          { spend: 0, response: 0 },
          { spend: 3000, response: 40 }
        ],
        currentSpend: 1500,
        currentResponse: 25,
        marginalReturn: 0.012
      }
    ]);
  });

  it('tabulates each channel at the scenario’s spend, the extra customers per 1,000 and the return per unit', () => {
    const table = responseCurveTable(curves, 'USD');
    expect(table.columns.map((c) => c.label)).toEqual([
      'Channel',
      'Spend per week',
      'New customers per week',
      'Extra customers per 1,000',
      'Lifetime margin per extra 1 spent'
    ]);
    const row = table.rows[0];
    // 0.012 customers per unit of spend, per 1,000
    expect(row.marginal).toBeCloseTo(12, 12);
    const text = table.columns.map((c) => cellText(c, row));
    // money in whole units below a million (formatCurrency); an undefined return is an empty cell
    expect(text[0]).toBe('search');
    expect(text[1]).toBe('$1,500');
    expect(text[4]).toBe('');
  });
});
