import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import {
  datasetSummaryCsv,
  datasetSummaryJson,
  exportDatasetSummary,
  outcomeSeriesCsv,
  kpiComparisonCsv,
  exportScenarioResults
} from '$lib/data/export';
import type { CustomerSummary, DatasetMeta } from '$lib/data/types';
import type { Outcome, Scenario } from '$lib/model/scenario/scenario-types';

const summary: CustomerSummary = {
  id: '=cmd',
  x: 2,
  tx: 10.5,
  T: 30,
  m: 12.25,
  firstSpend: 9.99,
  xHoldout: NaN,
  holdoutSpend: 0,
  firstDate: '1997-01-01',
  lastDate: '1997-03-15',
  channel: 'email',
  segment: 'premium, loyal',
  region: 'north',
  treatment: 1
};
const meta: DatasetMeta = {
  id: 'd',
  name: 'CDNOW sample',
  kind: 'transactions',
  source: 'sample',
  createdAt: '2026-01-01T00:00:00.000Z',
  customers: 1,
  transactions: 3,
  firstDate: '1997-01-01',
  lastDate: '1997-03-15',
  calibrationEnd: '1997-09-30',
  unit: 'week',
  groundTruth: { preset: 'music', seed: 1, bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } }
};

// a minimal outcome: only the parts the export reads
const outcome = {
  version: 1,
  series: {
    week: [1, 2],
    revenue: Float64Array.from([100, -20]),
    newCustomersByChannel: { email: [3, 4], search: [5, 6] }
  },
  kpis: { revenue: 80, cac: null },
  bands: { draws: 10, seed: 1, series: {}, kpis: { revenue: { p10: 70, p50: 80, p90: 95 } } }
} as unknown as Outcome;

describe('dataset summary export', () => {
  it('writes one CSV row per customer with text neutralised, numbers kept and NaN as empty', () => {
    const rows = Papa.parse<string[]>(datasetSummaryCsv([summary]), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual([
      'id',
      'x',
      'tx',
      'T',
      'm',
      'firstSpend',
      'xHoldout',
      'holdoutSpend',
      'firstDate',
      'lastDate',
      'channel',
      'segment',
      'region',
      'treatment'
    ]);
    expect(rows[1]).toEqual([
      "'=cmd",
      '2',
      '10.5',
      '30',
      '12.25',
      '9.99',
      '',
      '0',
      '1997-01-01',
      '1997-03-15',
      'email',
      'premium, loyal',
      'north',
      '1'
    ]);
  });

  it('keeps the ground truth in the JSON export', () => {
    const parsed = JSON.parse(datasetSummaryJson(meta, [summary], '2026-01-01T00:00:00.000Z'));
    expect(parsed.kind).toBe('dataset-summary');
    expect(parsed.data.dataset.groundTruth.bgnbd.r).toBe(0.243);
    expect(parsed.data.customers[0].xHoldout).toBeNull();
    expect(exportDatasetSummary(meta, [summary], 'csv').filename).toBe('cdnow-sample-summary.csv');
  });
});

describe('scenario results export', () => {
  it('writes weekly series with nested records flattened, week first', () => {
    const rows = Papa.parse<string[]>(outcomeSeriesCsv(outcome), { skipEmptyLines: true }).data;
    expect(rows).toEqual([
      ['week', 'revenue', 'newCustomersByChannel.email', 'newCustomersByChannel.search'],
      ['1', '100', '3', '5'],
      ['2', '-20', '4', '6']
    ]);
  });

  it('compares KPIs across scenarios with bands where computed and empty cells for undefined KPIs', () => {
    const plain = { ...outcome, bands: undefined, kpis: { revenue: 60, cac: 12 } } as unknown as Outcome;
    const rows = Papa.parse<string[]>(
      kpiComparisonCsv([
        { name: 'Base', outcome },
        { name: '-5% price', outcome: plain }
      ]),
      { skipEmptyLines: true }
    ).data;
    expect(rows).toEqual([
      ['kpi', 'Base', 'Base p10', 'Base p90', "'-5% price"],
      ['revenue', '80', '70', '95', '60'],
      ['cac', '', '', '', '12']
    ]);
  });

  it('exports scenario and outcome together as JSON', async () => {
    const scenario = { version: 1, name: 'Base case' } as unknown as Scenario;
    const file = exportScenarioResults(scenario, outcome, 'json', '2026-01-01T00:00:00.000Z');
    expect(file.filename).toBe('base-case-results.json');
    const parsed = JSON.parse(await file.blob.text());
    expect(parsed.data.scenario.name).toBe('Base case');
    expect(parsed.data.outcome.series.revenue).toEqual([100, -20]);
  });
});
