// A compressed summary (sql/compressed.*.sql) through the import worker as the Data page uses it:
// told apart from a per-customer summary (it has x, t_x and T too, but one row per group of
// customers with a count), checked row by row, and refused with the bad row named; a valid one
// is stored as groups with their counts (and its spend groups) and fitted by the fit step.
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { ImportClient } from '$lib/workers/import-client';
import type { SaveDataset } from '$lib/workers/import-handler';
import { inProcessWorker } from './in-process-worker';
import { COMPRESSED_COLUMNS } from '$lib/data/import/compressed-file';
import { getDataset, getSpendGroups, getSummaries, openDb, saveDataset } from '$lib/data/db';
import { fitDatasetBaseline } from '$lib/pipeline/fit-baseline';

function recording() {
  let saves = 0;
  const save: SaveDataset = async () => void saves++;
  return { client: new ImportClient(inProcessWorker(save)), saves: () => saves };
}

const SPLIT = '2024-06-30,2024-12-29';
function csv(rows: string[]): string {
  return [COMPRESSED_COLUMNS.join(','), ...rows].join('\n') + '\n';
}
const GOOD = [
  `rfm,,,0,0,120,0,,400,0,0,,,${SPLIT}`,
  `rfm,,,2,30,200,1,,40,800,17000,,,${SPLIT}`,
  `rfm,,,1,10,90,0,,25,500,10400,,,${SPLIT}`,
  `spend,,,2,,,,20,40,,,,,${SPLIT}`,
  `spend,,,1,,,,20,25,,,,,${SPLIT}`
];

describe('import worker: compressed summary', () => {
  it('is sniffed as a compressed summary, not as a per-customer one', async () => {
    const { client } = recording();
    const sniff = await client.sniff(csv(GOOD), { name: 'compressed.csv' });
    expect(sniff.summary).toBeNull();
    expect(sniff.compressed).toEqual({
      groups: 3,
      spendRows: 2,
      customers: 465,
      calibrationEnd: '2024-06-30',
      holdoutEnd: '2024-12-29',
      problems: []
    });
  });

  it('is read from gzip too', async () => {
    const { client } = recording();
    const gz = new Blob([gzipSync(Buffer.from(csv(GOOD)))]);
    const sniff = await client.sniff(gz, { name: 'compressed.csv.gz' });
    expect(sniff.compressed?.customers).toBe(465);
  });

  it.each([
    ['a count that is not a whole number', `rfm,,,2,30,200,1,,2.5,80,1700,,,${SPLIT}`, /line 7, column 'customers'/],
    ['a negative triple', `rfm,,,1,-3,200,1,,2,80,1700,,,${SPLIT}`, /line 7, column 't_x'/],
    ['t_x after T', `rfm,,,1,210,200,1,,2,80,1700,,,${SPLIT}`, /line 7, column 't_x': 210 is greater than 'T' \(200\)/]
  ])('with %s is refused, the row named, and nothing saved', async (_, bad, named) => {
    const { client, saves } = recording();
    const text = csv([...GOOD, bad]);
    const sniff = await client.sniff(text, { name: 'compressed.csv' });
    // the sample shows the problem before the import starts
    expect(sniff.compressed?.problems.join(' ')).toMatch(named);
    await expect(client.import(text, { name: 'Warehouse', kind: 'compressed' }).result).rejects.toThrow(named);
    expect(saves()).toBe(0);
  });

  it('valid, is stored as its groups with their counts and its spend groups, and fitted on them', async () => {
    const db = await openDb(`compressed-${Math.random().toString(36).slice(2)}`);
    try {
      const save: SaveDataset = (meta, table, customers, extra) =>
        saveDataset(db, meta, table, customers, extra).then(() => undefined);
      const client = new ImportClient(inProcessWorker(save));
      const answer = await client.import(csv(GOOD), { name: 'Warehouse', kind: 'compressed' }).result;
      expect(answer.saved).toBe(true);
      expect(answer.note).toMatch(/465 customers in 3 groups and 2 spend groups/);
      const meta = (await getDataset(db, 'dataset-1'))!;
      // 400 + 40 + 25 customers in the three rfm rows of GOOD
      expect(meta.customers).toBe(465);
      expect(meta.kind).toBe('summary');
      expect(meta.calibrationEnd).toBe('2024-06-30');
      expect(meta.grouped).toEqual({ groups: 3, spendGroups: 2, holdoutEnd: '2024-12-29' });
      const rows = await getSummaries(db, 'dataset-1');
      expect(rows.map((r) => r.count)).toEqual([400, 40, 25]);
      // the second group: x 2, t_x 30 days, T 200 days, m_sum 800 over 40 customers; first purchase 200 days before the end
      expect(rows[1]).toMatchObject({ x: 2, tx: 30 / 7, T: 200 / 7, m: 20, xHoldout: 1, firstDate: '2023-12-13' });
      const spend = (await getSpendGroups(db, 'dataset-1'))!;
      expect(Array.from(spend.x)).toEqual([2, 1]);
      expect(Array.from(spend.customers)).toEqual([40, 25]);
      const fitted = await fitDatasetBaseline(db, 'dataset-1');
      expect(fitted.customers).toBe(465);
      expect(fitted.clv.customers).toBe(465);
      expect(Number.isFinite(fitted.clv.totalClv)).toBe(true);
      expect(fitted.source).toContain('465 customers in 3 groups');
    } finally {
      db.close();
      await db.delete();
    }
  });
});
