// The import worker on every format it reads, through the client as the wizard uses it:
// Parquet and Excel transactions (the sheet chosen), a lifetimes summary without dates (the
// stored dataset says hasDates: false and keeps its unit), the JSON export; and each bad
// input answered with its sentence and nothing saved.
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { ImportClient } from '$lib/workers/import-client';
import type { SaveDataset } from '$lib/workers/import-handler';
import { inProcessWorker } from './in-process-worker';
import { openDb } from '$lib/data/db/database';
import { getDataset, getSummaries, saveDataset } from '$lib/data/db/datasets';
import { datasetSummaryJson } from '$lib/data/export/dataset-summary';
import { duckdbParquet, rowsSheet, sampleRows, xlsxBytes } from '../data/import/format-files';

const file = (bytes: Uint8Array | string, name: string) =>
  new File([bytes as BlobPart], name, { lastModified: 1_700_000_000_000 });

function recording() {
  const saved: { meta: Parameters<SaveDataset>[0]; rows: number; customers: number }[] = [];
  const client = new ImportClient(
    inProcessWorker(
      async (meta, table, customers) => void saved.push({ meta, rows: table.length, customers: customers.length })
    )
  );
  return { client, saved };
}

const rows = sampleRows(120, 9);

describe('import worker: formats', () => {
  it('imports Parquet transactions', async () => {
    const { client, saved } = recording();
    const f = file((await duckdbParquet(rows, { codec: 'zstd' })).bytes, 'orders.parquet');
    const sniff = await client.sniff(f, { name: f.name });
    expect(sniff).toMatchObject({
      format: 'parquet',
      rowCount: rows.length,
      lineName: 'row',
      summary: null,
      problem: null
    });
    expect(sniff.guess.mapping).toMatchObject({ customerId: 0, date: 1, amount: 2, channel: 3 });
    const answer = await client.import(f, { name: 'orders' }).result;
    expect(answer).toMatchObject({ format: 'parquet', lineName: 'row', saved: true });
    expect(answer.counts.kept).toBe(rows.length);
    expect(saved[0]).toMatchObject({ rows: rows.length, meta: { kind: 'transactions', hasDates: true } });
  });

  it('lists the sheets of a workbook, opens the first with data, and imports the sheet chosen', async () => {
    const { client, saved } = recording();
    const bytes = await xlsxBytes([
      { sheet: 'Cover', data: [] },
      { sheet: 'Orders 2025', data: rowsSheet(rows.slice(0, 60)) },
      { sheet: 'Orders 2026', data: rowsSheet(rows.slice(60), 'dmy-text') }
    ]);
    const f = file(bytes, 'orders.xlsx');
    const first = await client.sniff(f, { name: f.name });
    expect(first).toMatchObject({
      format: 'xlsx',
      sheets: ['Cover', 'Orders 2025', 'Orders 2026'],
      sheet: 'Orders 2025'
    });
    const other = await client.sniff(f, { name: f.name, sheet: 'Orders 2026' });
    expect(other.sheet).toBe('Orders 2026');
    expect(other.guess.date.format).toBe('dmy');
    const answer = await client.import(f, { name: 'orders', sheet: 'Orders 2026', dateFormat: 'dmy' }).result;
    expect(answer.counts.kept).toBe(rows.length - 60);
    expect(saved[0].rows).toBe(rows.length - 60);
    const cover = await client.sniff(f, { name: f.name, sheet: 'Cover' });
    expect(cover).toMatchObject({ sheet: 'Cover', sheets: ['Cover', 'Orders 2025', 'Orders 2026'] });
    expect(cover.problem).toMatch(/^sheet 'Cover' is empty/);
    await expect(client.import(f, { name: 'x', sheet: 'Cover' }).result).rejects.toThrow("sheet 'Cover' is empty");
  });

  it('imports a lifetimes summary without dates: hasDates false, no dates stored, the unit confirmed', async () => {
    const db = await openDb(`formats-${Math.random()}`);
    const client = new ImportClient(inProcessWorker(async (m, t, c) => void (await saveDataset(db, m, t, c))));
    const text = 'customer_id,frequency,recency,T,monetary_value\nA,2,30,60,22.5\nB,0,0,45,0\n';
    const f = file(text, 'rfm.csv');
    const sniff = await client.sniff(f, { name: f.name });
    expect(sniff.summary).toMatchObject({
      layout: 'lifetimes',
      unit: null,
      unitFrom: null,
      hasDates: false,
      problems: []
    });
    const answer = await client.import(f, { name: 'rfm', kind: 'summary', unit: 'day' }).result;
    expect(answer.meta).toMatchObject({
      kind: 'summary',
      unit: 'day',
      hasDates: false,
      firstDate: '',
      lastDate: '',
      calibrationEnd: '',
      customers: 2
    });
    const stored = await getDataset(db, 'dataset-1');
    expect(stored).toMatchObject({ hasDates: false, unit: 'day' });
    expect(stored!.storageBytes).toBeGreaterThan(0); // not "0 bytes" on the Data page
    expect((await getSummaries(db, 'dataset-1')).map((c) => [c.id, c.x, c.tx, c.T, c.m, c.firstDate])).toEqual([
      ['A', 2, 30, 60, 22.5, ''],
      ['B', 0, 0, 45, 0, '']
    ]);
    db.close();
  });

  it('derives dates from the summary date when given, and reads the JSON export with its unit', async () => {
    const { client, saved } = recording();
    const text = 'customer_id,frequency,recency,T\nA,2,3,10\n';
    const a = await client.import(file(text, 'rfm.csv'), {
      name: 'rfm',
      kind: 'summary',
      unit: 'week',
      calibrationEnd: '2020-03-11'
    }).result;
    expect(a.meta).toMatchObject({ hasDates: true, firstDate: '2020-01-01', lastDate: '2020-01-22' });
    const json = datasetSummaryJson(saved[0].meta, a.customers, '2026-01-01T00:00:00Z');
    const f = file(json, 'rfm-summary.json');
    const sniff = await client.sniff(f, { name: f.name });
    expect(sniff).toMatchObject({ format: 'json', summary: { layout: 'lever-lab', unit: 'week', unitFrom: 'export' } });
    const b = await client.import(f, { name: 'again', kind: 'summary', unit: 'week' }).result;
    expect(b.customers).toEqual(a.customers);
  });
});

describe('import worker: bad input says why and saves nothing', () => {
  const refused = async (content: Uint8Array | string, name: string, options = {}) => {
    const { client, saved } = recording();
    const f = file(content, name);
    const sniff = client.sniff(f, { name });
    const job = client.import(f, { name: 'x', ...options }).result;
    const [a, b] = await Promise.allSettled([sniff, job]);
    expect(saved).toEqual([]);
    return { sniff: a, import: b };
  };
  const message = (r: PromiseSettledResult<unknown>) =>
    r.status === 'rejected' ? (r.reason as Error).message : 'resolved';

  it.each([
    [
      'a PNG',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1]),
      'orders.csv',
      'this is a PNG image, not a text file'
    ],
    ['a PDF', new TextEncoder().encode('%PDF-1.4\n'), 'orders.csv', 'this is a PDF document, not a text file'],
    [
      'a broken .gz',
      gzipSync('a,b\n'.repeat(5000)).slice(0, 40),
      'orders.csv.gz',
      'the .gz file is damaged or incomplete'
    ],
    [
      'an encrypted workbook',
      new Uint8Array(readFileSync(path.join(__dirname, '../data/import/fixtures/encrypted.xlsx'))),
      'orders.xlsx',
      'this workbook is password-protected (encrypted)'
    ]
  ])('%s', async (_what, bytes, name, expected) => {
    const r = await refused(bytes, name);
    expect(message(r.sniff)).toContain(expected);
    expect(message(r.import)).toContain(expected);
  });

  it('a Parquet file with a codec it cannot read', async () => {
    const lzo = parquetWriteBuffer({
      columnData: [{ name: 'customer_id', data: ['a'], type: 'STRING' }],
      codec: 'LZO',
      compressors: { LZO: (x: Uint8Array) => x }
    });
    const r = await refused(new Uint8Array(lzo), 'x.parquet');
    expect(message(r.import)).toContain('this Parquet file is compressed with LZO, which Lever Lab cannot read');
  });

  it('a header-only file: the sniff names the problem, the import refuses', async () => {
    const { client } = recording();
    const sniff = await client.sniff(file('customer,date,amount\n', 'empty.csv'), { name: 'empty.csv' });
    expect(sniff.problem).toBe('the file has a header but no rows');
  });

  it('a summary with negative recency and one with recency > T: the row and column, nothing saved', async () => {
    const text = 'customer_id,frequency,recency,T\nA,1,2,5\nB,1,-3,5\nC,1,8,5\n';
    const { client } = recording();
    const sniff = await client.sniff(file(text, 'rfm.csv'), { name: 'rfm.csv' });
    expect(sniff.summary?.problems).toEqual([
      "line 3, column 'recency': -3 is negative (ages are measured from the first purchase)",
      "line 4, column 'recency': 8 is greater than 'T' (5): the last purchase cannot come after the end of the observation"
    ]);
    const r = await refused(text, 'rfm.csv', { kind: 'summary', unit: 'week' });
    expect(message(r.import)).toMatch(
      /^2 rows of the summary cannot be customers, so nothing was imported: line 3, column 'recency'/
    );
  });
});
