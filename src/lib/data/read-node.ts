/**
 * Node-only reader for the data files the CLI and the validation tests use
 * (gzip-aware): detects the format from the name and first bytes and returns a
 * discriminated union:
 *  - 'transactions': CDNOW sample / master (whitespace, Fader, Hardie & Lee 2005),
 *    UCI Online Retail (Chen et al. 2012; amount = Quantity x UnitPrice, blank
 *    CustomerID rejected, cancellations per `returns`), and any id/date(/amount) CSV;
 *  - 'cohorts': contract customers `customer_id,recency,T[,cohort]` (Fader & Hardie
 *    2007): per cohort, survivors at the end of each period and churn per period;
 *  - 'contracts': a subscription business's contracts (start date, end date or status,
 *    plan, price: src/lib/data/import/contracts-file.ts), for the sBG with staggered
 *    sign-ups;
 *  - 'rf-table': BG/BB `frequency,recency,periods,weights` (Fader, Hardie & Shang 2010);
 *  - 'summary': a per-customer summary: the lifetimes / PyMC-Marketing layout
 *    (frequency, recency, T, monetary_value), Lever Lab's own (sql/summary.*.sql, the
 *    Data page's CSV or JSON export); tried before cohorts, whose recency/T columns a
 *    lifetimes summary also has;
 *  - 'parquet', 'xlsx': a Parquet file or an Excel workbook (its first sheet with data,
 *    or `sheet`) holding transactions or a per-customer summary, told by its header;
 *  - 'table': anything else, as records (Telco, Hillstrom).
 * Binary files that are none of these (an image, a PDF, a ZIP, a legacy .xls, a
 * password-protected workbook) are refused with what they are. `describeDataFile`
 * says in words which reading was chosen.
 */
import { createReadStream, openAsBlob } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { createGunzip, gunzipSync, constants as zlibConstants } from 'node:zlib';
import Papa from 'papaparse';
import type { BgBbData, SurvivalData } from '../model/core/types.ts';
import type { ColumnMapping } from './import/columns.ts';
import { NO_COLUMNS } from './import/columns.ts';
import {
  importTransactions,
  type ImportOptions,
  type ImportResult,
  type NodeReadableLike
} from './import/import-transactions.ts';
import { sniffText } from './import/sniff.ts';
import {
  SUMMARY_LAYOUT_LABEL,
  detectSummaryLayout,
  parseSummaryCsv,
  parseSummaryJson,
  type SummaryFile
} from './import/summary-file.ts';
import {
  detectCompressedLayout,
  importTypedCompressed,
  parseCompressedCsv,
  type CompressedFile
} from './import/compressed-file.ts';
import { fileSignature, unreadableReason } from './import/magic.ts';
import { detectContractsLayout, parseContractsCsv, type ContractsFile } from './import/contracts-file.ts';
import { blobAsyncBuffer, openParquet } from './import/parquet.ts';
import { listSheets, openXlsxSheet } from './import/xlsx.ts';
import { importTypedSummary, importTypedTransactions } from './import/import-typed.ts';
import type { TypedTable } from './import/typed-table.ts';

export type FileFormat =
  | 'cdnow-sample'
  | 'cdnow-master'
  | 'uci-online-retail'
  | 'transactions'
  | 'cohorts'
  | 'contracts'
  | 'rf-table'
  | 'summary'
  | 'compressed'
  | 'parquet'
  | 'xlsx'
  | 'table';

export const FILE_FORMATS: readonly FileFormat[] = [
  'cdnow-sample',
  'cdnow-master',
  'uci-online-retail',
  'transactions',
  'cohorts',
  'contracts',
  'rf-table',
  'summary',
  'compressed',
  'parquet',
  'xlsx',
  'table'
];

export interface CohortSurvival {
  cohort: string;
  customers: number;
  survival: SurvivalData;
  /** churned[t - 1] = customers lost during period t (t = 1 .. periods) */
  churned: number[];
}

export type DataFile =
  | ({ kind: 'transactions'; path: string; format: FileFormat; sheet?: string } & ImportResult)
  | { kind: 'cohorts'; path: string; format: 'cohorts'; periods: number; cohorts: CohortSurvival[] }
  | ({ kind: 'contracts'; path: string; format: 'contracts' } & ContractsFile)
  | { kind: 'rf-table'; path: string; format: 'rf-table'; data: BgBbData }
  | ({ kind: 'summary'; path: string; format: 'summary' | 'parquet' | 'xlsx'; sheet?: string } & SummaryFile)
  | ({ kind: 'compressed'; path: string; format: 'compressed' | 'parquet'; sheet?: string } & CompressedFile)
  | { kind: 'table'; path: string; format: 'table'; columns: string[]; rows: Record<string, string | number | null>[] };

export interface ReadOptions extends Pick<
  ImportOptions,
  'returns' | 'onProgress' | 'signal' | 'dateFormat' | 'mapping' | 'decimal'
> {
  format?: FileFormat;
  /** the sheet of an Excel workbook (default: the first with data) */
  sheet?: string;
}

const isGzip = (path: string) => path.endsWith('.gz');

/** The first ~64 KiB of the (decompressed) file as text. */
async function readHead(path: string): Promise<{ head: string; complete: boolean }> {
  const size = (await stat(path)).size;
  const handle = await open(path, 'r');
  try {
    const length = Math.min(size, 1 << 16);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, 0);
    if (!isGzip(path)) return { head: buffer.toString('utf8'), complete: size <= length };
    const text = gunzipSync(buffer, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString('utf8');
    return { head: text, complete: false };
  } finally {
    await handle.close();
  }
}

function textStream(path: string): NodeReadableLike {
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  const stream = isGzip(path) ? raw.pipe(createGunzip()) : raw;
  stream.setEncoding('utf8'); // decode across chunk boundaries (multi-byte characters)
  return stream as unknown as NodeReadableLike;
}

async function readText(path: string): Promise<string> {
  const buffer = await readFile(path);
  return (isGzip(path) ? gunzipSync(buffer) : buffer).toString('utf8');
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The first bytes of the file as stored (compressed or not). */
async function readBytes(path: string, length = 1 << 16): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Detects the format of a file from its name and first bytes. */
export async function detectFileFormat(path: string): Promise<FileFormat> {
  if ((await stat(path)).size === 0) throw new RangeError(`${path}: the file is empty (0 bytes)`);
  const signature = fileSignature(await readBytes(path));
  if (signature.kind === 'parquet') return 'parquet';
  if (signature.kind === 'xlsx') return 'xlsx';
  const reason = unreadableReason(signature);
  if (reason) throw new RangeError(`${path}: ${reason}`);
  if (signature.kind === 'gzip') {
    let inner;
    try {
      inner = fileSignature(gunzipSync(await readBytes(path), { finishFlush: zlibConstants.Z_SYNC_FLUSH }));
    } catch {
      throw new RangeError(`${path}: the .gz file is damaged or incomplete: it could not be unpacked`);
    }
    const innerReason = unreadableReason(inner);
    if (innerReason || inner.kind !== 'text')
      throw new RangeError(`${path}: the .gz file holds ${inner.what}${innerReason ? `: ${innerReason}` : ''}`);
  }
  const { head, complete } = await readHead(path);
  if (/^\ufeff?\s*\{/.test(head)) return 'summary';
  const sniffed = sniffText(head, complete);
  const header = (sniffed.header ?? []).map(norm);
  const has = (...names: string[]) => names.every((n) => header.includes(n));
  if (
    !sniffed.hasHeader &&
    sniffed.delimiter === 'whitespace' &&
    sniffed.sampleRows[0]?.length === 5 &&
    /^\d{8}$/.test(sniffed.sampleRows[0][2])
  ) {
    return 'cdnow-sample';
  }
  if (sniffed.delimiter === 'whitespace' && has('customerid', 'date', 'dollarvalue')) return 'cdnow-master';
  if (has('invoiceno', 'customerid', 'quantity', 'unitprice', 'invoicedate')) return 'uci-online-retail';
  // a compressed summary has x, t_x and T too: its part and customers columns tell it first
  if (sniffed.header && detectCompressedLayout(sniffed.header)) return 'compressed';
  // a lifetimes summary has recency and T like a cohort file: summaries are tried first
  if (sniffed.header && detectSummaryLayout(sniffed.header)) return 'summary';
  if (has('customerid', 'recency', 't')) return 'cohorts';
  if (sniffed.header && detectContractsLayout(sniffed.header)) return 'contracts';
  if (has('frequency', 'recency', 'periods')) return 'rf-table';
  const { guessColumns } = await import('./import/columns.ts');
  const guess = guessColumns(sniffed.header, sniffed.sampleRows);
  if (sniffed.hasHeader && guess.mapping.date >= 0 && guess.date.candidates.length > 0 && header.length <= 6)
    return 'transactions';
  return 'table';
}

const CDNOW_SAMPLE: ColumnMapping = { ...NO_COLUMNS, customerId: 0, date: 2, quantity: 3, amount: 4 };

/** Reads a data file; throws with the path and what was wrong when it cannot. */
export async function readDataFile(path: string, options: ReadOptions = {}): Promise<DataFile> {
  try {
    await stat(path);
  } catch {
    throw new RangeError(`cannot read '${path}': no such file`);
  }
  const format = options.format ?? (await detectFileFormat(path));
  const importOptions: ImportOptions = {
    returns: options.returns,
    onProgress: options.onProgress,
    signal: options.signal,
    decimal: options.decimal
  };
  switch (format) {
    case 'cdnow-sample': {
      const result = await importTransactions(textStream(path), {
        ...importOptions,
        delimiter: 'whitespace',
        hasHeader: false,
        mapping: CDNOW_SAMPLE,
        dateFormat: 'ymd8'
      });
      return { kind: 'transactions', path, format, ...result };
    }
    case 'cdnow-master':
    case 'uci-online-retail':
    case 'transactions': {
      const { head } = await readHead(path);
      const result = await importTransactions(textStream(path), {
        ...importOptions,
        head,
        mapping: options.mapping,
        dateFormat: options.dateFormat ?? (format === 'cdnow-master' ? 'ymd8' : undefined)
      });
      return { kind: 'transactions', path, format, ...result };
    }
    case 'cohorts':
      return { kind: 'cohorts', path, format, ...cohortsFromCsv(await readText(path), path) };
    case 'contracts':
      return { kind: 'contracts', path, format, ...parseContractsCsv(await readText(path), options) };
    case 'rf-table':
      return { kind: 'rf-table', path, format, data: rfTableFromCsv(await readText(path), path) };
    case 'summary': {
      const text = await readText(path);
      const file = /^\ufeff?\s*\{/.test(text)
        ? parseSummaryJson(text)
        : parseSummaryCsv(text, { decimal: options.decimal });
      return { kind: 'summary', path, format, ...file };
    }
    case 'compressed':
      return { kind: 'compressed', path, format, ...parseCompressedCsv(await readText(path)) };
    case 'parquet':
    case 'xlsx':
      return readTypedFile(path, format, options);
    case 'table':
      return { kind: 'table', path, format, ...tableFromCsv(await readText(path)) };
    default:
      throw new RangeError(`unknown format: '${String(format)}' (one of ${FILE_FORMATS.join(', ')})`);
  }
}

/** A Parquet file (read a row group at a time from disk) or a workbook's sheet, as transactions or a summary. */
async function readTypedFile(path: string, format: 'parquet' | 'xlsx', options: ReadOptions): Promise<DataFile> {
  let table: TypedTable;
  let sheet: string | undefined;
  if (format === 'parquet') {
    table = await openParquet(blobAsyncBuffer(await openAsBlob(path)));
  } else {
    const bytes = new Uint8Array(await readFile(path));
    const sheets = listSheets(bytes);
    const tried: string[] = [];
    let opened: (TypedTable & { sheet: string }) | null = null;
    for (const name of options.sheet !== undefined ? [options.sheet] : sheets) {
      try {
        opened = await openXlsxSheet(bytes, name);
        break;
      } catch (error) {
        if (options.sheet !== undefined || sheets.length === 1) throw error;
        tried.push(name);
      }
    }
    if (!opened)
      throw new RangeError(`every sheet of the workbook is empty (${tried.map((t) => `'${t}'`).join(', ')})`);
    table = opened;
    sheet = opened.sheet;
  }
  if (format === 'parquet' && detectCompressedLayout(table.header)) {
    return { kind: 'compressed', path, format, ...(await importTypedCompressed(table, options.signal)) };
  }
  if (detectSummaryLayout(table.header)) {
    return { kind: 'summary', path, format, sheet, ...(await importTypedSummary(table, options.signal)) };
  }
  const result = await importTypedTransactions(table, {
    mapping: options.mapping,
    dateFormat: options.dateFormat,
    returns: options.returns,
    decimal: options.decimal,
    signal: options.signal,
    onProgress: options.onProgress
  });
  return { kind: 'transactions', path, format, sheet, ...result };
}

/** Which reading of a file was chosen, in words (the CLI prints it). */
export function describeDataFile(file: DataFile): string {
  const where =
    file.kind !== 'rf-table' &&
    file.kind !== 'cohorts' &&
    file.kind !== 'contracts' &&
    file.kind !== 'table' &&
    file.sheet
      ? `, sheet '${file.sheet}'`
      : '';
  const container = file.format === 'parquet' ? 'Parquet file' : file.format === 'xlsx' ? 'Excel workbook' : 'file';
  switch (file.kind) {
    case 'summary':
      return `${file.path}: ${container}${where}, read as a ${SUMMARY_LAYOUT_LABEL[file.layout]}, ${file.customers.length.toLocaleString('en-US')} customers`;
    case 'compressed':
      return `${file.path}: ${container}${where}, read as a compressed summary (sql/compressed.*.sql): ${file.groups.length.toLocaleString('en-US')} groups of ${file.customers.toLocaleString('en-US')} customers, ${file.spend.length.toLocaleString('en-US')} spend groups`;
    case 'transactions':
      return `${file.path}: ${container}${where}, read as transactions (${file.format}), ${file.counts.kept.toLocaleString('en-US')} rows kept, ${file.counts.rejected.toLocaleString('en-US')} rejected${file.mapping.amount >= 0 || file.mapping.unitPrice >= 0 ? `, amounts read with a decimal ${file.decimal} (--decimal ${file.decimal === 'comma' ? 'point' : 'comma'} for the other)` : ''}`;
    case 'cohorts':
      return `${file.path}: read as contract cohorts (customer_id, recency, T[, cohort])`;
    case 'contracts':
      return `${file.path}: read as subscription contracts (start, end${file.columns.index.status >= 0 ? ', status' : ''}${file.columns.index.plan >= 0 ? ', plan' : ''}${file.columns.index.price >= 0 ? ', price' : ''}), ${file.rows.length.toLocaleString('en-US')} kept, ${file.rejects.length.toLocaleString('en-US')} rejected`;
    case 'rf-table':
      return `${file.path}: read as a BG/BB recency/frequency table`;
    default:
      return `${file.path}: read as a table`;
  }
}

function records(text: string): { columns: string[]; rows: Record<string, string>[] } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\ufeff/, ''), {
    header: true,
    skipEmptyLines: true
  });
  return { columns: parsed.meta.fields ?? [], rows: parsed.data };
}

/** Generic table: numeric cells become numbers, blank cells null. */
export function tableFromCsv(text: string): { columns: string[]; rows: Record<string, string | number | null>[] } {
  const { columns, rows } = records(text);
  const out = rows.map((row) => {
    const record: Record<string, string | number | null> = {};
    for (const c of columns) {
      const v = (row[c] ?? '').trim();
      record[c] = v === '' ? null : /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v) ? Number(v) : v;
    }
    return record;
  });
  return { columns, rows: out };
}

function intCell(row: Record<string, string>, column: string, line: number, path: string): number {
  const v = Number(row[column]);
  if (!Number.isInteger(v) || v < 0)
    throw new RangeError(`${path}, line ${line}: invalid ${column} '${row[column]}' (a non-negative integer)`);
  return v;
}

/**
 * Contract cohorts: `recency` = the period in which the customer churned (1 .. T-1),
 * `recency = T` = still active at the end of the observation (Fader & Hardie 2007 data
 * as shipped by pymc-marketing). Survivors at the end of period t = customers with recency > t.
 */
export function cohortsFromCsv(text: string, path = 'input'): { periods: number; cohorts: CohortSurvival[] } {
  const { columns, rows } = records(text);
  const col = (name: string) => columns.find((c) => norm(c) === name);
  const cRecency = col('recency');
  const cT = col('t');
  const cCohort = col('cohort');
  if (!cRecency || !cT)
    throw new RangeError(`${path}: a cohort file needs columns recency and T (found ${columns.join(', ')})`);
  const byCohort = new Map<string, number[]>();
  let periods = 0;
  rows.forEach((row, i) => {
    const recency = intCell(row, cRecency, i + 2, path);
    const T = intCell(row, cT, i + 2, path);
    if (recency < 1 || recency > T)
      throw new RangeError(`${path}, line ${i + 2}: invalid recency ${recency} (must be 1..T = ${T})`);
    periods = Math.max(periods, T - 1);
    const name = cCohort ? row[cCohort] : ''; // '' = a file without a cohort column
    let list = byCohort.get(name);
    if (!list) byCohort.set(name, (list = []));
    list.push(recency);
  });
  const cohorts = [...byCohort].map(([cohort, recencies]) => {
    const active: number[] = [];
    for (let t = 0; t <= periods; t++) active.push(recencies.filter((r) => r > t).length);
    const churned = active.slice(1).map((a, t) => active[t] - a);
    return { cohort, customers: recencies.length, survival: { active }, churned };
  });
  return { periods, cohorts };
}

/** BG/BB recency/frequency table: frequency x, recency t_x, periods n, weights (customers in the cell). */
export function rfTableFromCsv(text: string, path = 'input'): BgBbData {
  const { columns, rows } = records(text);
  const col = (name: string) => columns.find((c) => norm(c) === name);
  const cx = col('frequency');
  const ctx = col('recency');
  const cn = col('periods');
  const cw = col('weights') ?? col('count');
  if (!cx || !ctx || !cn)
    throw new RangeError(
      `${path}: an rf-table needs columns frequency, recency, periods (found ${columns.join(', ')})`
    );
  const x = new Float64Array(rows.length);
  const tx = new Float64Array(rows.length);
  const n = new Float64Array(rows.length);
  const count = new Float64Array(rows.length);
  rows.forEach((row, i) => {
    x[i] = intCell(row, cx, i + 2, path);
    tx[i] = intCell(row, ctx, i + 2, path);
    n[i] = intCell(row, cn, i + 2, path);
    count[i] = cw ? intCell(row, cw, i + 2, path) : 1;
    if (x[i] > tx[i] || tx[i] > n[i])
      throw new RangeError(
        `${path}, line ${i + 2}: need frequency <= recency <= periods, got ${x[i]}, ${tx[i]}, ${n[i]}`
      );
  });
  let customers = 0;
  for (const c of count) customers += c;
  return { x, tx, n, count, length: rows.length, customers };
}
