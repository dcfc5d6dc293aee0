// Files the format tests write themselves: a transaction set drawn by the sample generator
// from known parameters (music preset), as CSV text, Parquet (DuckDB, a real-world writer:
// DATE / TIMESTAMP / DECIMAL columns, dictionary-encoded strings, snappy / gzip / zstd; and
// hyparquet-writer for small row groups and odd codecs) and Excel (write-excel-file:
// date cells and text dates, several sheets).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import writeExcelFile from 'write-excel-file/node';
import { generateSample } from '$lib/data/sample';
import { toTransactionTable } from '$lib/data/sample/tables';
import { formatDay } from '$lib/data/import/dates';
import { toRfmData } from '$lib/data/rfm-data';
import { fitBgNbd } from '$lib/model/core/btyd/bgnbd';
import type { CustomerSummary } from '$lib/data/types';

export interface TransactionRow {
  customer_id: string;
  date: string;
  amount: number;
  channel: string;
}

/** Transactions of `customers` customers drawn from the music preset (BG/NBD r 0.243, alpha 4.414, a 0.793, b 2.426). */
export function sampleRows(customers = 300, seed = 11): TransactionRow[] {
  const { columns } = generateSample({ preset: 'music', customers, seed, createdAt: '2026-01-01T00:00:00Z' });
  const table = toTransactionTable(columns);
  const rows: TransactionRow[] = [];
  for (let i = 0; i < table.length; i++) {
    // amounts to the cent, as a DECIMAL(10, 2) column holds them
    rows.push({
      customer_id: table.customerId[i],
      date: formatDay(table.day[i]),
      amount: Math.round(table.amount[i] * 100) / 100,
      channel: table.channel[i]
    });
  }
  return rows;
}

export function rowsCsv(rows: readonly TransactionRow[]): string {
  return (
    ['customer_id,date,amount,channel', ...rows.map((r) => `${r.customer_id},${r.date},${r.amount},${r.channel}`)].join(
      '\n'
    ) + '\n'
  );
}

export const tempDir = () => mkdtempSync(path.join(tmpdir(), 'leverlab-formats-'));

/**
 * Writes rows to Parquet with DuckDB: customer_id VARCHAR, the date as DATE or TIMESTAMP (noon,
 * so the day is read from a time), amount DECIMAL(10, 2), channel VARCHAR (few distinct
 * values: DuckDB writes it dictionary-encoded).
 */
export async function duckdbParquet(
  rows: readonly TransactionRow[],
  options: {
    codec?: 'snappy' | 'gzip' | 'zstd' | 'uncompressed';
    date?: 'DATE' | 'TIMESTAMP';
    rowGroupSize?: number;
  } = {}
): Promise<{ path: string; bytes: Uint8Array }> {
  const dir = tempDir();
  const csvPath = path.join(dir, 'rows.csv');
  writeFileSync(csvPath, rowsCsv(rows));
  const out = path.join(dir, 'rows.parquet');
  const date = options.date === 'TIMESTAMP' ? 'CAST(date AS TIMESTAMP) + INTERVAL 12 HOUR' : 'CAST(date AS DATE)';
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  await connection.run(
    `COPY (SELECT CAST(customer_id AS VARCHAR) AS customer_id, ${date} AS date, CAST(amount AS DECIMAL(10, 2)) AS amount, channel
       FROM read_csv('${csvPath}', header = true,
         columns = {'customer_id': 'VARCHAR', 'date': 'VARCHAR', 'amount': 'DOUBLE', 'channel': 'VARCHAR'}))
     TO '${out}' (FORMAT PARQUET, COMPRESSION ${options.codec ?? 'snappy'}${options.rowGroupSize ? `, ROW_GROUP_SIZE ${options.rowGroupSize}` : ''})`
  );
  connection.closeSync();
  return { path: out, bytes: new Uint8Array(readFileSync(out)) };
}

/** Writes any query's result to Parquet with DuckDB (the `sql/` way of handing over a summary). */
export async function duckdbQueryParquet(query: string, setup?: string): Promise<{ path: string; bytes: Uint8Array }> {
  const out = path.join(tempDir(), 'out.parquet');
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  if (setup) await connection.run(setup);
  await connection.run(`COPY (${query}\n) TO '${out}' (FORMAT PARQUET)`);
  connection.closeSync();
  return { path: out, bytes: new Uint8Array(readFileSync(out)) };
}

type Cell = { value: unknown; type?: unknown; format?: string } | null;

/** An .xlsx workbook (write-excel-file) with the given sheets of cells. */
export async function xlsxBytes(sheets: { sheet: string; data: Cell[][] }[]): Promise<Uint8Array> {
  const buffer = await writeExcelFile(sheets as never).toBuffer();
  return new Uint8Array(buffer);
}

/** Transaction rows as a sheet: real date cells, or text dates in the given form. */
export function rowsSheet(rows: readonly TransactionRow[], dates: 'cells' | 'dmy-text' = 'cells'): Cell[][] {
  const header: Cell[] = [{ value: 'Customer' }, { value: 'Order date' }, { value: 'Amount' }];
  return [
    header,
    ...rows.map((r): Cell[] => {
      const [y, m, d] = r.date.split('-');
      const date: Cell =
        dates === 'cells'
          ? { value: new Date(`${r.date}T00:00:00Z`), type: Date, format: 'dd/mm/yyyy' }
          : { value: `${d}/${m}/${y}` };
      return [{ value: r.customer_id }, date, { value: r.amount, type: Number }];
    })
  ];
}

/** The BG/NBD fit of a set of customer summaries (the model core's MLE). */
export const bgnbdOf = (customers: readonly Pick<CustomerSummary, 'x' | 'tx' | 'T'>[]) =>
  fitBgNbd(toRfmData(customers)).params;

/** Writes bytes to a temporary file with the given name, for the CLI. */
export function tempFile(name: string, content: string | Uint8Array): string {
  const file = path.join(tempDir(), name);
  writeFileSync(file, content);
  return file;
}
