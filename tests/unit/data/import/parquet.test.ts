// Parquet import (hyparquet + hyparquet-compressors) on files the tests write: DuckDB's
// Parquet (DATE, TIMESTAMP, DECIMAL(10, 2), dictionary-encoded strings; snappy, gzip,
// zstd) gives the same transactions, summary and BG/NBD fit as the same rows read from
// CSV; row groups are read one at a time; an unsupported codec is refused by name.
import { describe, expect, it } from 'vitest';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { parquetMetadata, type AsyncBuffer } from 'hyparquet';
import { blobAsyncBuffer, openParquet } from '$lib/data/import/parquet';
import { importTypedSummary, importTypedTransactions } from '$lib/data/import/import-typed';
import { importTransactions } from '$lib/data/import/import-transactions';
import { summarize } from '$lib/data/summarize';
import { readFileSync } from 'node:fs';
import { formatDay } from '$lib/data/import/dates';
import { rows as fixtureRows, table as fixtureTable } from '../fixtures';
import { bgnbdOf, duckdbParquet, duckdbQueryParquet, rowsCsv, sampleRows } from './format-files';

const rows = sampleRows(300, 11);
const CAL = '1997-09-30';

const open = (bytes: Uint8Array) => openParquet(blobAsyncBuffer(new Blob([bytes as BlobPart])));

describe('Parquet transactions', () => {
  it.each(['snappy', 'gzip', 'zstd'] as const)(
    'a DuckDB file (%s; DATE, DECIMAL, dictionary strings) reads as the same rows, summary and BG/NBD fit as the CSV',
    async (codec) => {
      const { bytes } = await duckdbParquet(rows, { codec });
      const columns = parquetMetadata(bytes.slice().buffer).row_groups[0].columns.map((c) => c.meta_data!);
      expect(columns.map((c) => c.codec)).toEqual(Array(4).fill(codec.toUpperCase()));
      expect(columns[3].encodings.some((e) => e.endsWith('_DICTIONARY'))).toBe(true); // the channel column
      const table = await open(bytes);
      expect(table.header).toEqual(['customer_id', 'date', 'amount', 'channel']);
      expect(table.rowCount).toBe(rows.length);
      const fromParquet = await importTypedTransactions(table);
      const fromCsv = await importTransactions(rowsCsv(rows));
      expect(fromParquet.mapping).toEqual(fromCsv.mapping);
      expect(fromParquet.counts.kept).toBe(rows.length);
      expect(fromParquet.counts.rejected).toBe(0);
      expect([...fromParquet.table.day]).toEqual([...fromCsv.table.day]);
      expect(fromParquet.table.customerId).toEqual(fromCsv.table.customerId);
      expect([...fromParquet.table.amount]).toEqual([...fromCsv.table.amount]);
      expect(fromParquet.table.channel).toEqual(fromCsv.table.channel);
      const a = summarize(fromParquet.table, { calibrationEnd: CAL });
      const b = summarize(fromCsv.table, { calibrationEnd: CAL });
      expect(a.customers).toEqual(b.customers);
      const pa = bgnbdOf(a.customers);
      const pb = bgnbdOf(b.customers);
      for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(Math.abs(pa[k] - pb[k])).toBeLessThan(1e-9);
    }
  );

  it('reads TIMESTAMP columns as their calendar day (UTC)', async () => {
    const { bytes } = await duckdbParquet(rows.slice(0, 50), { date: 'TIMESTAMP' });
    const table = await open(bytes);
    expect(table.sampleRows[0][1]).toBe(`${rows[0].date} 12:00:00`);
    const imported = await importTypedTransactions(table);
    const csv = await importTransactions(rowsCsv(rows.slice(0, 50)));
    expect([...imported.table.day]).toEqual([...csv.table.day]);
  });

  it('reads one row group at a time, only the mapped columns, and names rejected rows by their row', async () => {
    const n = 2000;
    const customer = Array.from({ length: n }, (_, i) => `c${i % 40}`);
    const day = Array.from({ length: n }, (_, i) =>
      i === 1234 ? 'not a date' : `2020-01-${String(1 + (i % 28)).padStart(2, '0')}`
    );
    const amount = Array.from({ length: n }, (_, i) => i / 4);
    const note = Array.from({ length: n }, () => 'x'.repeat(200));
    const bytes = new Uint8Array(
      parquetWriteBuffer({
        columnData: [
          { name: 'customer', data: customer, type: 'STRING' },
          { name: 'day', data: day, type: 'STRING' },
          { name: 'amount', data: amount, type: 'DOUBLE' },
          { name: 'note', data: note, type: 'STRING' }
        ],
        rowGroupSize: 250,
        codec: 'UNCOMPRESSED'
      })
    );
    let largest = 0;
    const file: AsyncBuffer = {
      byteLength: bytes.byteLength,
      slice: async (start, end) => {
        largest = Math.max(largest, (end ?? bytes.byteLength) - start);
        return bytes.slice(start, end).buffer;
      }
    };
    const table = await openParquet(file);
    expect(table.rowCount).toBe(n);
    largest = 0;
    let batches = 0;
    for await (const batch of table.batches([0, 1, 2])) {
      batches++;
      expect(batch.rows.length).toBe(250);
    }
    expect(batches).toBe(8);
    // the 200-character note column (~400 kB) is never read, and no read spans more than a row group
    expect(largest).toBeLessThan(bytes.byteLength / 8);
    const imported = await importTypedTransactions(table);
    expect(imported.counts.kept).toBe(n - 1);
    expect(imported.rejects).toEqual([
      {
        line: 1235,
        reason: "invalid date 'not a date' (expected YYYY-MM-DD)",
        text: expect.stringContaining('c34,not a date')
      }
    ]);
    expect(imported.lineName).toBe('row');
  });

  it('refuses a codec it cannot decompress, naming it', async () => {
    const lzo = parquetWriteBuffer({
      columnData: [{ name: 'customer_id', data: ['a', 'b'], type: 'STRING' }],
      codec: 'LZO',
      compressors: { LZO: (x: Uint8Array) => x }
    });
    await expect(open(new Uint8Array(lzo))).rejects.toThrow(
      /this Parquet file is compressed with LZO, which Lever Lab cannot read \(it reads uncompressed, Snappy, gzip, zstd, Brotli and LZ4\)/
    );
  });

  it('names a damaged file', async () => {
    const { bytes } = await duckdbParquet(rows.slice(0, 20));
    const cut = new Uint8Array([...bytes.slice(0, 4), ...bytes.slice(bytes.length - 60)]);
    await expect(open(cut)).rejects.toThrow(/^cannot read this Parquet file: /);
  });
});

describe('Parquet summaries', () => {
  it('reads a lifetimes-layout summary written by DuckDB, BIGINT frequency and DOUBLE times', async () => {
    const { bytes } = await duckdbQueryParquet(
      `SELECT * FROM (VALUES ('A', 2::BIGINT, 30.5, 38.9, 22.35), ('B', 0::BIGINT, 0.0, 12.0, 0.0)) t(customer_id, frequency, recency, "T", monetary_value)`
    );
    const file = await importTypedSummary(await open(bytes));
    expect(file.layout).toBe('lifetimes');
    expect(file.customers.map((c) => [c.id, c.x, c.tx, c.T, c.m])).toEqual([
      ['A', 2, 30.5, 38.9, 22.35],
      ['B', 0, 0, 12, 0]
    ]);
    expect(file.hasDates).toBe(false);
  });

  it('names the row and column of a summary row that cannot be a customer', async () => {
    const { bytes } = await duckdbQueryParquet(
      `SELECT * FROM (VALUES ('A', 2, 3.0, 10.0), ('B', 1, 12.0, 10.0)) t(customer_id, frequency, recency, "T")`
    );
    const file = await importTypedSummary(await open(bytes));
    expect(file.rejects.map((r) => r.reason)).toEqual([
      "row 2, column 'recency': 12 is greater than 'T' (10): the last purchase cannot come after the end of the observation"
    ]);
  });
});

describe('sql/summary.duckdb.sql written as Parquet (sql/README.md)', () => {
  it('COPY (<the query>) TO ... (FORMAT PARQUET) imports as the same customers as the TypeScript summariser', async () => {
    const sql = readFileSync(new URL('../../../../sql/summary.duckdb.sql', import.meta.url), 'utf8')
      .replace(/\$calibration_end/g, "DATE '2011-01-31'")
      .replace(/\$holdout_end/g, 'NULL')
      .replace(/\$unit_days/g, '7')
      .replace(/;\s*$/, '');
    const values = fixtureRows
      .map((r) => `('${r.customerId}', TIMESTAMP '${formatDay(r.day)} 10:30:00', ${r.amount})`)
      .join(', ');
    const { bytes } = await duckdbQueryParquet(
      sql,
      `CREATE TABLE transactions AS SELECT * FROM (VALUES ${values}) t(customer_id, ts, amount)`
    );
    const file = await importTypedSummary(await open(bytes));
    expect(file.layout).toBe('lever-lab');
    expect(file.rejects).toEqual([]);
    const ts = summarize(fixtureTable(), { calibrationEnd: '2011-01-31', unit: 'week' }).customers;
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(file.customers.sort(byId)).toEqual(ts.map((c) => ({ ...c, channel: '' })).sort(byId));
  });
});
