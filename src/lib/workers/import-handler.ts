/**
 * The import worker's logic without the worker: sniff a file, or parse it,
 * summarise it and save it, posting progress and one answer per request id.
 * Cancellation aborts the request's AbortController. The storage write is
 * injected (`save`), so node tests run this with a fake and the worker with
 * the IndexedDB layer.
 */
import { importTransactions, type RejectedRow } from '../data/import/import-transactions.ts';
import { toCsv } from '../files/csv.ts';
import { guessColumns } from '../data/import/columns.ts';
import { sniffText } from '../data/import/sniff.ts';
import { summarize } from '../data/summarize.ts';
import { parseSummaryCsv } from '../data/import/summary-file.ts';
import type { CustomerSummary, DatasetMeta, TransactionTable } from '../data/types.ts';
import { toWorkerError, type ImportRequest, type ImportResponse } from './import-protocol.ts';

/** Rejected rows sent as objects for the on-screen list; all of them go in `rejectsCsv`. */
const REJECTS_SHOWN = 1000;

/** Every rejected row as CSV (line, reason, row), neutralised for spreadsheets: one string, cheap to send. */
export function rejectsCsv(rejects: readonly RejectedRow[]): string {
  return toCsv(
    ['line', 'reason', 'row'],
    rejects.map((r) => [r.line, r.reason, r.text])
  );
}

export type SaveDataset = (meta: DatasetMeta, table: TransactionTable, customers: CustomerSummary[]) => Promise<void>;

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

export function createImportHandler(deps: ImportHandlerDeps) {
  const running = new Map<number, AbortController>();
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? (() => globalThis.crypto.randomUUID());

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
        const file = request.file;
        const head = typeof file === 'string' ? file.slice(0, 1 << 16) : await file.slice(0, 1 << 16).text();
        const complete = typeof file === 'string' ? file.length <= 1 << 16 : file.size <= 1 << 16;
        const sniffed = sniffText(head, complete);
        deps.post({
          id,
          type: 'sniffed',
          result: { sniffed, guess: guessColumns(sniffed.header, sniffed.sampleRows) }
        });
        return;
      }
      const started = performance.now();
      const o = request.options;
      if (o.kind === 'summary') {
        const text = typeof request.file === 'string' ? request.file : await request.file.text();
        const parsed = parseSummaryCsv(text);
        if (parsed.customers.length === 0)
          throw new RangeError(`no valid customer rows in the summary file (${parsed.rejects.length} rejected)`);
        const dates = parsed.customers
          .map((c) => c.firstDate)
          .filter((d) => d !== '')
          .sort();
        const lasts = parsed.customers
          .map((c) => c.lastDate)
          .filter((d) => d !== '')
          .sort();
        const meta: DatasetMeta = {
          id: newId(),
          name: o.name,
          kind: 'summary',
          source: 'import',
          createdAt: now().toISOString(),
          customers: parsed.customers.length,
          transactions: parsed.customers.reduce((a, c) => a + c.x + 1, 0),
          firstDate: dates[0] ?? '',
          lastDate: lasts.at(-1) ?? '',
          calibrationEnd: o.calibrationEnd ?? '',
          unit: o.unit ?? 'week'
        };
        if (o.save !== false) await deps.save(meta, EMPTY_TABLE, parsed.customers);
        const rows = parsed.customers.length + parsed.rejects.length;
        deps.post({
          id,
          type: 'imported',
          result: {
            meta,
            counts: {
              lines: rows + 1,
              rows,
              kept: parsed.customers.length,
              rejected: parsed.rejects.length,
              emptyLines: 0,
              returnsDropped: 0,
              returnsNetted: 0
            },
            rejects: parsed.rejects.slice(0, REJECTS_SHOWN),
            rejectsCsv: rejectsCsv(parsed.rejects),
            excludedAfterCalibration: 0,
            customers: parsed.customers.slice(0, PREVIEW_CUSTOMERS),
            saved: o.save !== false,
            elapsedMs: performance.now() - started
          }
        });
        return;
      }
      const imported = await importTransactions(request.file, {
        delimiter: o.delimiter,
        hasHeader: o.hasHeader,
        mapping: o.mapping,
        dateFormat: o.dateFormat,
        returns: o.returns,
        signal: controller.signal,
        // every rejected row is kept for the download; only the first ones cross as objects
        maxRejectsListed: Infinity,
        onProgress: (p) => deps.post({ id, type: 'progress', progress: { ...p, stage: 'parse' } })
      });
      controller.signal.throwIfAborted();
      const summary = summarize(imported.table, { calibrationEnd: o.calibrationEnd, unit: o.unit ?? 'week' });
      const meta: DatasetMeta = {
        id: newId(),
        name: o.name,
        kind: 'transactions',
        source: 'import',
        createdAt: now().toISOString(),
        customers: summary.customers.length,
        transactions: imported.table.length,
        firstDate: summary.firstDate,
        lastDate: summary.lastDate,
        calibrationEnd: summary.calibrationEnd,
        unit: summary.unit
      };
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
          rejectsCsv: rejectsCsv(imported.rejects),
          excludedAfterCalibration: summary.excludedAfterCalibration,
          customers: summary.customers.slice(0, PREVIEW_CUSTOMERS),
          saved,
          elapsedMs: performance.now() - started
        }
      });
    } catch (error) {
      deps.post({ id, type: 'error', error: toWorkerError(error) });
    } finally {
      running.delete(id);
    }
  }

  return { handle, running: () => running.size };
}
