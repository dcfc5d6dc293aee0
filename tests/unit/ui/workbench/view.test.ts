import { describe, expect, it } from 'vitest';
import { comparisonTable } from '$lib/ui/workbench/view';

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
