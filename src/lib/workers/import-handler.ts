/**
 * The import worker's logic without the worker: sniff a file, or parse it,
 * summarise it and save it, posting progress and one answer per request id.
 * Cancellation aborts the request's AbortController. The storage write is
 * injected (`save`), so node tests run this with a fake and the worker with
 * the IndexedDB layer.
 *
 * A file is recognised by its bytes (src/lib/data/import/open-file.ts): text (CSV,
 * TSV, whitespace), gzip-compressed text, the Data page's JSON export, Parquet and
 * Excel .xlsx; each can hold transactions or a per-customer summary (lifetimes /
 * PyMC-Marketing layout, or Lever Lab's own). Anything else is refused with what it is.
 */
import {
  importTransactions,
  type ImportProgress,
  type ImportResult,
  type RejectedRow
} from '../data/import/import-transactions.ts';
import { toCsv } from '../files/csv.ts';
import { guessColumns } from '../data/import/columns.ts';
import { checkedCurrency, type DecimalMark } from '../data/import/amounts.ts';
import { sniffText } from '../data/import/sniff.ts';
import { summarize } from '../data/summarize.ts';
import {
  SUMMARY_LAYOUT_LABEL,
  SummaryRowReader,
  datesFromSummaryDate,
  detectSummaryLayout,
  parseSummaryCsv,
  parseSummaryJson,
  summaryProblemsMessage,
  type SummaryFile
} from '../data/import/summary-file.ts';
import { openImportFile, type OpenedFile } from '../data/import/open-file.ts';
import {
  CompressedRowReader,
  compressedProblemsMessage,
  detectCompressedLayout,
  importTypedCompressed,
  parseCompressedCsv
} from '../data/import/compressed-file.ts';
import { plural } from '../text/plural.ts';
import { groupSummaries, spendGroupColumns } from '../data/compressed-summary.ts';
import type { SaveDatasetOptions } from '../data/db/datasets.ts';
import { blobAsyncBuffer, openParquet } from '../data/import/parquet.ts';
import { listSheets, openXlsxSheet } from '../data/import/xlsx.ts';
import { guessTypedColumns, importTypedSummary, importTypedTransactions } from '../data/import/import-typed.ts';
import type { TypedTable } from '../data/import/typed-table.ts';
import {
  contractsToSubscribers,
  describeSubscribers,
  detectContractsLayout,
  parseContractsCsv,
  subscriberPayments
} from '../data/import/contracts-file.ts';
import type { CustomerSummary, DatasetMeta, TransactionTable } from '../data/types.ts';
import {
  type ImportAnswer,
  type ImportRequest,
  type ImportResponse,
  type SniffAnswer,
  type SummarySniff,
  type CompressedSniff
} from './import-protocol.ts';
import { toWireError } from './rpc.ts';

/** Rejected rows sent as objects for the on-screen list; all of them go in `rejectsCsv`. */
const REJECTS_SHOWN = 1000;

/** Every rejected row as CSV (line, reason, row), neutralised for spreadsheets: one string, cheap to send. */
/** The dataset's currency field from the request: a checked ISO code, or nothing (the scenario's currency then). */
function currencyOption(code: string | undefined): Pick<DatasetMeta, 'currency'> {
  return code ? { currency: checkedCurrency(code) } : {};
}

export function rejectsCsv(rejects: readonly RejectedRow[], lineName = 'line'): string {
  return toCsv(
    [lineName, 'reason', 'row'],
    rejects.map((r) => [r.line, r.reason, r.text])
  );
}

export type SaveDataset = (
  meta: DatasetMeta,
  table: TransactionTable,
  customers: CustomerSummary[],
  /** a compressed summary's spend groups, saved with it */
  extra?: Pick<SaveDatasetOptions, 'spendGroups'>
) => Promise<void>;

export interface ImportHandlerDeps {
  post: (response: ImportResponse) => void;
  save: SaveDataset;
  now?: () => Date;
  newId?: () => string;
}

const PREVIEW_CUSTOMERS = 200;
const EMPTY_TABLE: TransactionTable = {
  customerId: [],
  day: new Int32Array(0),
  amount: new Float64Array(0),
  quantity: new Float64Array(0),
  channel: [],
  length: 0
};

/** The typed table of a Parquet file or of a workbook's sheet (the first sheet with data when none is named). */
async function openTyped(opened: OpenedFile, sheet?: string): Promise<{ table: TypedTable; sheets?: string[] }> {
  if (opened.kind === 'parquet') return { table: await openParquet(blobAsyncBuffer(opened.blob)) };
  const bytes = new Uint8Array(await opened.blob.arrayBuffer());
  const sheets = listSheets(bytes);
  if (sheet !== undefined) return { table: await openXlsxSheet(bytes, sheet), sheets };
  let firstError: unknown = null;
  for (const name of sheets) {
    try {
      return { table: await openXlsxSheet(bytes, name), sheets };
    } catch (error) {
      firstError ??= error;
    }
  }
  if (sheets.length > 1)
    throw new RangeError(`every sheet of the workbook is empty (${sheets.map((s) => `'${s}'`).join(', ')})`);
  throw firstError;
}

/** What the first rows of a summary say: its layout, unit (when the file tells) and any bad row. */
function summarySniff(file: SummaryFile, unitFrom?: 'export'): SummarySniff {
  return {
    layout: file.layout,
    label: SUMMARY_LAYOUT_LABEL[file.layout],
    unit: file.unit,
    unitFrom: file.unit ? (unitFrom ?? 'dates') : null,
    hasDates: file.hasDates,
    problems: file.rejects.slice(0, 3).map((r) => r.reason)
  };
}

/** The first rows of a compressed summary, checked as the import checks every row; null when the header is not one. */
function sampleCompressed(
  header: string[],
  rows: string[][],
  lines: number[],
  where: (n: number) => string
): CompressedSniff | null {
  const at = detectCompressedLayout(header);
  if (!at) return null;
  const reader = new CompressedRowReader(header, at, where);
  rows.forEach((row, i) => reader.row(row, lines[i]));
  const file = reader.finish();
  return {
    groups: file.groups.length,
    spendRows: file.spend.length,
    customers: file.customers,
    calibrationEnd: file.calibrationEnd,
    holdoutEnd: file.holdoutEnd,
    problems: file.rejects.slice(0, 3).map((r) => r.reason)
  };
}

function sampleSummary(header: string[], rows: string[][], lines: number[], where: (n: number) => string) {
  // a compressed summary has x, t_x and T too, but one row per group of customers
  if (detectCompressedLayout(header)) return null;
  const columns = detectSummaryLayout(header);
  if (!columns) return null;
  const reader = new SummaryRowReader(columns, where);
  rows.forEach((row, i) => reader.row(row, lines[i]));
  return summarySniff(reader.finish());
}

/** The answer to an import read whole, every row kept (a summary or contracts: any bad row refuses the file). */
function wholeFileAnswer(
  meta: DatasetMeta,
  rows: number,
  customers: readonly CustomerSummary[],
  extra: Pick<ImportAnswer, 'saved' | 'elapsedMs' | 'lineName' | 'format' | 'layout' | 'note'>
): ImportAnswer {
  return {
    meta,
    counts: { lines: rows + 1, rows, kept: rows, rejected: 0, emptyLines: 0, returnsDropped: 0, returnsNetted: 0 },
    rejects: [],
    rejectsCsv: rejectsCsv([]),
    excludedAfterCalibration: 0,
    customers: customers.slice(0, PREVIEW_CUSTOMERS),
    ...extra
  };
}

export function createImportHandler(deps: ImportHandlerDeps) {
  const running = new Map<number, AbortController>();
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? (() => globalThis.crypto.randomUUID());
  // the last file opened (a .gz is unpacked once for the sniff and the import that follows)
  let lastOpened: { key: string; opened: Promise<OpenedFile> } | null = null;

  const open = (file: Blob, name: string): Promise<OpenedFile> => {
    const f = file as Blob & { lastModified?: number; name?: string };
    const key = `${f.name ?? name}\u0000${file.size}\u0000${f.lastModified ?? ''}\u0000${file.type}`;
    if (lastOpened?.key === key && f.lastModified !== undefined) return lastOpened.opened;
    const opened = openImportFile(file, f.name ?? name);
    lastOpened = { key, opened };
    opened.catch(() => (lastOpened = lastOpened?.opened === opened ? null : lastOpened));
    return opened;
  };

  async function sniff(file: Blob | string, name: string, sheet?: string): Promise<SniffAnswer> {
    const blob = typeof file === 'string' ? new Blob([file]) : file;
    const opened = await open(blob, name);
    const note = opened.note || undefined;
    if (opened.kind === 'json') {
      const parsed = parseSummaryJson(await opened.blob.text());
      const header = ['id', 'x', 'tx', 'T', 'm', 'firstDate', 'lastDate'];
      const sampleRows = parsed.customers
        .slice(0, 50)
        .map((c) => [c.id, c.x, c.tx, c.T, c.m, c.firstDate, c.lastDate].map(String));
      const sniffed = { delimiter: ',' as const, hasHeader: true, header, sampleRows };
      return {
        sniffed,
        guess: guessColumns(header, sampleRows),
        format: 'json',
        note,
        rowCount: parsed.customers.length + parsed.rejects.length,
        lineName: 'customer',
        summary: summarySniff(parsed, parsed.unit ? 'export' : undefined),
        problem: parsed.customers.length + parsed.rejects.length === 0 ? 'the export holds no customers' : null
      };
    }
    if (opened.kind === 'xlsx' && sheet !== undefined) {
      // a sheet the person picked that cannot be read (empty, header only) is a problem to show
      // beside the sheet list, so another sheet can be picked without choosing the file again
      const sheets = listSheets(new Uint8Array(await opened.blob.arrayBuffer()));
      try {
        await openTyped(opened, sheet);
      } catch (error) {
        if (!(error instanceof RangeError) || !sheets.includes(sheet)) throw error;
        const sniffed = { delimiter: ',' as const, hasHeader: true, header: [], sampleRows: [] };
        return {
          sniffed,
          guess: guessColumns([], []),
          format: 'xlsx',
          note,
          sheets,
          sheet,
          rowCount: 0,
          lineName: 'sheet row',
          summary: null,
          problem: error.message
        };
      }
    }
    if (opened.kind === 'parquet' || opened.kind === 'xlsx') {
      const { table, sheets } = await openTyped(opened, sheet);
      const sniffed = { delimiter: ',' as const, hasHeader: true, header: table.header, sampleRows: table.sampleRows };
      const where = (n: number) => `${table.lineName} ${n}`;
      const lines = table.sampleRows.map((_, i) => i + (table.format === 'xlsx' ? 2 : 1));
      return {
        sniffed,
        guess: guessTypedColumns(table),
        format: opened.kind,
        note,
        sheets,
        sheet: 'sheet' in table ? String(table.sheet) : undefined,
        rowCount: table.rowCount,
        lineName: table.lineName,
        summary: sampleSummary(table.header, table.sampleRows, lines, where),
        compressed: sampleCompressed(table.header, table.sampleRows, lines, where),
        problem: table.rowCount === 0 ? 'the file has a header but no rows' : null
      };
    }
    const text = opened.blob.slice(0, 1 << 16);
    const head = await text.text();
    const sniffed = sniffText(head, opened.blob.size <= 1 << 16);
    const lines = sniffed.sampleLines ?? sniffed.sampleRows.map((_, i) => i + (sniffed.hasHeader ? 2 : 1));
    return {
      sniffed,
      guess: guessColumns(sniffed.header, sniffed.sampleRows, sniffed.delimiter === ';' ? 'comma' : 'point'),
      format: 'text',
      note,
      lineName: 'line',
      summary: sniffed.header ? sampleSummary(sniffed.header, sniffed.sampleRows, lines, (n) => `line ${n}`) : null,
      compressed: sniffed.header
        ? sampleCompressed(sniffed.header, sniffed.sampleRows, lines, (n) => `line ${n}`)
        : null,
      contracts: sniffed.header !== null && detectContractsLayout(sniffed.header) !== null,
      problem: sniffed.sampleRows.length === 0 ? 'the file has a header but no rows' : null
    };
  }

  async function readSummary(
    opened: OpenedFile,
    sheet: string | undefined,
    signal: AbortSignal,
    decimal?: DecimalMark
  ) {
    if (opened.kind === 'json') return parseSummaryJson(await opened.blob.text());
    if (opened.kind === 'text') return parseSummaryCsv(await opened.blob.text(), { decimal });
    return importTypedSummary((await openTyped(opened, sheet)).table, signal);
  }

  async function handle(request: ImportRequest): Promise<void> {
    if (request.type === 'cancel') {
      running.get(request.target)?.abort(new DOMException('import cancelled', 'AbortError'));
      return;
    }
    const { id } = request;
    const controller = new AbortController();
    running.set(id, controller);
    try {
      if (request.type === 'sniff') {
        deps.post({ id, type: 'sniffed', result: await sniff(request.file, request.name ?? '', request.sheet) });
        return;
      }
      const started = performance.now();
      const o = request.options;
      const blob = typeof request.file === 'string' ? new Blob([request.file]) : request.file;
      const opened = await open(blob, o.name);
      /** the stored description of this import: a fresh id, its name and kind, the currency chosen */
      const metaOf = (
        kind: DatasetMeta['kind'],
        fields: Omit<DatasetMeta, 'id' | 'name' | 'kind' | 'source' | 'createdAt' | 'currency'>
      ): DatasetMeta => ({
        id: newId(),
        name: o.name,
        kind,
        source: 'import',
        createdAt: now().toISOString(),
        ...fields,
        ...currencyOption(o.currency)
      });
      /** a file read whole: saved unless the import only previews, then answered with every row kept */
      const answerWhole = async (
        meta: DatasetMeta,
        table: TransactionTable,
        customers: CustomerSummary[],
        rows: number,
        extra: Pick<ImportAnswer, 'lineName' | 'format' | 'layout' | 'note'>,
        saveExtra?: Parameters<SaveDataset>[3]
      ): Promise<void> => {
        controller.signal.throwIfAborted();
        if (o.save !== false)
          await (saveExtra ? deps.save(meta, table, customers, saveExtra) : deps.save(meta, table, customers));
        deps.post({
          id,
          type: 'imported',
          result: wholeFileAnswer(meta, rows, customers, {
            saved: o.save !== false,
            elapsedMs: performance.now() - started,
            ...extra
          })
        });
      };
      if (o.kind === 'contracts') {
        if (opened.kind !== 'text')
          throw new RangeError('contracts are read from a CSV or TSV text file; save the sheet or table as CSV first');
        const file = parseContractsCsv(await opened.blob.text(), { dateFormat: o.dateFormat, decimal: o.decimal });
        if (file.rejects.length > 0) throw new RangeError(summaryProblemsMessage(file));
        if (file.rows.length === 0) throw new RangeError('the file has a header but no rows');
        const period = o.unit === 'week' ? 'week' : 'month';
        const subscribers = contractsToSubscribers(file, period, o.calibrationEnd || file.lastDate);
        if (subscribers.rejects.length > 0) throw new RangeError(summaryProblemsMessage(subscribers));
        const table = subscriberPayments(subscribers, period);
        const meta = metaOf('subscription', {
          customers: subscribers.customers.length,
          transactions: table.length,
          firstDate: file.firstDate,
          lastDate: subscribers.observationEnd,
          calibrationEnd: subscribers.observationEnd,
          unit: period,
          hasDates: true
        });
        await answerWhole(meta, table, subscribers.customers, file.rows.length, {
          lineName: 'line',
          format: opened.kind,
          note: describeSubscribers(subscribers, period)
        });
        return;
      }
      if (o.kind === 'compressed') {
        if (opened.kind !== 'text' && opened.kind !== 'parquet')
          throw new RangeError('a compressed summary is read from CSV or Parquet (as sql/compressed.*.sql writes it)');
        const file =
          opened.kind === 'text'
            ? parseCompressedCsv(await opened.blob.text())
            : await importTypedCompressed((await openTyped(opened, o.sheet)).table, controller.signal);
        if (file.problems > 0) throw new RangeError(compressedProblemsMessage(file));
        // one stored row a group with its count, never one a customer; times in weeks, as the
        // per-customer summary of the same transactions (days / 7)
        const unit = 'week';
        const rows = groupSummaries(file, unit);
        let first = '';
        let last = '';
        for (const r of rows) {
          if (first === '' || r.firstDate < first) first = r.firstDate;
          if (r.lastDate > last) last = r.lastDate;
        }
        const meta = metaOf('summary', {
          customers: file.customers,
          transactions: rows.reduce((a, r) => a + (r.x + 1) * (r.count ?? 1), 0),
          firstDate: first,
          lastDate: last,
          calibrationEnd: file.calibrationEnd,
          unit,
          hasDates: true,
          grouped: { groups: file.groups.length, spendGroups: file.spend.length, holdoutEnd: file.holdoutEnd }
        });
        await answerWhole(
          meta,
          EMPTY_TABLE,
          rows,
          file.groups.length + file.spend.length,
          {
            lineName: opened.kind === 'text' ? 'line' : undefined,
            format: opened.kind,
            note:
              `a compressed summary: ${plural(file.customers, 'customer')} in ${plural(file.groups.length, 'group')} ` +
              `and ${plural(file.spend.length, 'spend group')} (calibration to ${file.calibrationEnd}` +
              `${file.holdoutEnd ? `, holdout to ${file.holdoutEnd}` : ''}), stored as groups`
          },
          { spendGroups: { name: o.name, ...spendGroupColumns(file) } }
        );
        return;
      }
      if (o.kind === 'summary') {
        const parsed = await readSummary(opened, o.sheet, controller.signal, o.decimal);
        if (parsed.rejects.length > 0) throw new RangeError(summaryProblemsMessage(parsed));
        if (parsed.customers.length === 0) throw new RangeError('the file has a header but no rows');
        const unit = o.unit ?? parsed.unit ?? 'week';
        if (!parsed.hasDates && o.calibrationEnd) datesFromSummaryDate(parsed.customers, o.calibrationEnd, unit);
        const hasDates = parsed.customers.every((c) => c.firstDate !== '');
        let first = '';
        let last = '';
        for (const c of parsed.customers) {
          if (c.firstDate && (first === '' || c.firstDate < first)) first = c.firstDate;
          if (c.lastDate && c.lastDate > last) last = c.lastDate;
        }
        const meta = metaOf('summary', {
          customers: parsed.customers.length,
          transactions: parsed.customers.reduce((a, c) => a + c.x + 1, 0),
          firstDate: hasDates ? first : '',
          lastDate: hasDates ? last : '',
          calibrationEnd: o.calibrationEnd ?? '',
          unit,
          hasDates
        });
        await answerWhole(meta, EMPTY_TABLE, parsed.customers, parsed.customers.length, {
          lineName: opened.kind === 'json' ? 'customer' : opened.kind === 'text' ? 'line' : undefined,
          format: opened.kind,
          layout: parsed.layout
        });
        return;
      }
      const onProgress = (p: ImportProgress) => deps.post({ id, type: 'progress', progress: { ...p, stage: 'parse' } });
      // every rejected row is kept for the download; only the first ones cross as objects
      const rowOptions = {
        mapping: o.mapping,
        dateFormat: o.dateFormat,
        returns: o.returns,
        decimal: o.decimal,
        signal: controller.signal,
        maxRejectsListed: Infinity,
        onProgress
      };
      let imported: ImportResult;
      let lineName: ImportAnswer['lineName'] = 'line';
      if (opened.kind === 'parquet' || opened.kind === 'xlsx') {
        const { table } = await openTyped(opened, o.sheet);
        const typed = await importTypedTransactions(table, rowOptions);
        imported = typed;
        lineName = typed.lineName;
      } else if (opened.kind === 'json') {
        throw new RangeError('a JSON file is read as a customer summary (the Data page export), not as transactions');
      } else {
        // a string is parsed as one (it yields between chunks, so a cancel lands); a file as a stream
        const source = typeof request.file === 'string' && !opened.gzip ? request.file : opened.blob;
        imported = await importTransactions(source, { ...rowOptions, delimiter: o.delimiter, hasHeader: o.hasHeader });
      }
      controller.signal.throwIfAborted();
      if (imported.counts.kept === 0) {
        const first = imported.rejects[0];
        throw new RangeError(
          `no row could be read: all ${imported.counts.rejected.toLocaleString('en-US')} were rejected` +
            (first ? `; the first, ${lineName} ${first.line}: ${first.reason}` : '')
        );
      }
      const summary = summarize(imported.table, { calibrationEnd: o.calibrationEnd, unit: o.unit ?? 'week' });
      const meta = metaOf('transactions', {
        customers: summary.customers.length,
        transactions: imported.table.length,
        firstDate: summary.firstDate,
        lastDate: summary.lastDate,
        calibrationEnd: summary.calibrationEnd,
        unit: summary.unit,
        hasDates: true
      });
      controller.signal.throwIfAborted();
      let saved = false;
      if (o.save !== false) {
        deps.post({
          id,
          type: 'progress',
          progress: { rows: imported.counts.rows, bytes: NaN, totalBytes: NaN, rowsPerSecond: 0, stage: 'save' }
        });
        await deps.save(meta, imported.table, summary.customers);
        saved = true;
      }
      deps.post({
        id,
        type: 'imported',
        result: {
          meta,
          counts: imported.counts,
          rejects: imported.rejects.slice(0, REJECTS_SHOWN),
          rejectsCsv: rejectsCsv(imported.rejects, lineName),
          excludedAfterCalibration: summary.excludedAfterCalibration,
          customers: summary.customers.slice(0, PREVIEW_CUSTOMERS),
          saved,
          elapsedMs: performance.now() - started,
          lineName,
          format: opened.kind
        }
      });
    } catch (error) {
      deps.post({ id, type: 'error', error: toWireError(error) });
    } finally {
      running.delete(id);
    }
  }

  return { handle, running: () => running.size };
}
