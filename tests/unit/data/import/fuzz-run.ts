/**
 * Imports one mutated file (mutate.ts) and checks the importer's contract on it:
 *  - it resolves, or rejects with an Error that has a message, within a time bound (no hang);
 *  - counts add up: data rows = kept + rejected + returns dropped; the table has `kept` rows;
 *    header + data rows + empty lines fit in the lines read;
 *  - every listed reject has a line number in [1, lines read], ascending, and a non-empty reason;
 *  - when the mutations cannot re-split other lines (strict files): no reject points at an
 *    untouched valid line, and every untouched valid row is in the table, in file order
 *    (rows lost = untouched valid rows missing from the table, must be 0).
 * Shared by tests/unit/reliability/csv-fuzz.test.ts and bench/soak.ts.
 */
import {
  importTransactions,
  resolveLayout,
  type ImportResult,
  type ResolvedLayout
} from '../../../../src/lib/data/import/import-transactions.ts';
import { BASE_KINDS, cleanFile, type BaseKind, type FuzzFile } from './mutate.ts';

export interface CaseOutcome {
  seed: number;
  /** 'imported': resolved; 'refused': rejected with a clear error; 'crashed': anything else */
  status: 'imported' | 'refused' | 'crashed' | 'hung';
  rowsRejected: number;
  rowsKept: number;
  /** untouched valid rows missing from the table (strict files only) */
  rowsLost: number;
  /** broken invariants, in words (empty when the case passed) */
  violations: string[];
  error?: string;
}

const layouts = new Map<BaseKind, ResolvedLayout>();

/** The layout each base kind sniffs to when clean (the truth the explicit mode passes on). */
export async function baseLayouts(): Promise<Map<BaseKind, ResolvedLayout>> {
  if (layouts.size === 0) {
    for (const kind of BASE_KINDS) layouts.set(kind, await resolveLayout(new TextDecoder().decode(cleanFile(kind))));
  }
  return layouts;
}

function sameLayout(r: ImportResult, l: ResolvedLayout): boolean {
  return (
    r.delimiter === l.delimiter &&
    r.hasHeader === l.hasHeader &&
    r.dateFormat === l.dateFormat &&
    JSON.stringify(r.mapping) === JSON.stringify(l.mapping)
  );
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout>;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface RunOptions {
  /** per-file time bound in ms (default 10 s) */
  timeoutMs?: number;
  /** pass the clean file's layout (true) or let the importer sniff (false) */
  explicitLayout: boolean;
  /** hand the importer a string instead of a Blob */
  asString: boolean;
  /** papaparse / Blob chunk size in characters (small values test chunk boundaries) */
  chunkSize: number;
}

export async function runCase(file: FuzzFile, options: RunOptions): Promise<CaseOutcome> {
  const layout = (await baseLayouts()).get(file.base)!;
  const source = options.asString ? new TextDecoder().decode(file.bytes) : new Blob([file.bytes as BlobPart]);
  const outcome: CaseOutcome = {
    seed: file.seed,
    status: 'imported',
    rowsRejected: 0,
    rowsKept: 0,
    rowsLost: 0,
    violations: []
  };
  const fail = (what: string) => outcome.violations.push(what);
  let result: ImportResult | 'timeout';
  try {
    result = await withTimeout(
      importTransactions(source, {
        ...(options.explicitLayout
          ? {
              delimiter: layout.delimiter,
              hasHeader: layout.hasHeader,
              mapping: layout.mapping,
              dateFormat: layout.dateFormat
            }
          : {}),
        chunkSize: options.chunkSize
      }),
      options.timeoutMs ?? 10_000
    );
  } catch (error) {
    const clear = error instanceof Error && error.message.length > 0;
    outcome.status = clear ? 'refused' : 'crashed';
    outcome.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (!clear) fail(`threw something that is not an Error with a message: ${outcome.error}`);
    // a refusal is fine for a file whose valid lines may all be gone, not for a strict one with valid rows
    if (file.strict && options.explicitLayout && file.validRows.length > 0)
      fail(`refused a file with ${file.validRows.length} valid rows: ${outcome.error}`);
    return outcome;
  }
  if (result === 'timeout') {
    outcome.status = 'hung';
    fail(`no answer within ${options.timeoutMs ?? 10_000} ms`);
    return outcome;
  }
  const { counts, rejects, table } = result;
  outcome.rowsRejected = counts.rejected;
  outcome.rowsKept = counts.kept;
  if (counts.rows !== counts.kept + counts.rejected + counts.returnsDropped)
    fail(`rows ${counts.rows} != kept ${counts.kept} + rejected ${counts.rejected} + dropped ${counts.returnsDropped}`);
  if (table.length !== counts.kept) fail(`table has ${table.length} rows, counts.kept is ${counts.kept}`);
  if ((result.hasHeader ? 1 : 0) + counts.rows + counts.emptyLines > counts.lines)
    fail(`header + ${counts.rows} rows + ${counts.emptyLines} empty lines exceed the ${counts.lines} lines read`);
  if (rejects.length !== Math.min(counts.rejected, 10_000))
    fail(`${rejects.length} rejects listed for ${counts.rejected} rejected`);
  let previous = 0;
  for (const r of rejects) {
    if (!Number.isInteger(r.line) || r.line < 1 || r.line > counts.lines)
      fail(`reject line ${r.line} outside 1..${counts.lines}`);
    if (r.line <= previous) fail(`reject lines not ascending: ${previous} then ${r.line}`);
    previous = r.line;
    if (typeof r.reason !== 'string' || r.reason.trim() === '') fail(`reject at line ${r.line} has no reason`);
  }
  for (let i = 0; i < table.length; i++) {
    if (!Number.isFinite(table.day[i])) fail(`row ${i} has a non-finite day`);
    if (table.customerId[i].trim() === '') fail(`row ${i} has an empty customer id`);
    if (!Number.isFinite(table.amount[i]) && !Number.isNaN(table.amount[i])) fail(`row ${i} has an infinite amount`);
  }
  const strict = file.strict && (options.explicitLayout || sameLayout(result, layout));
  if (strict) {
    const validLines = new Set(file.validLines);
    for (const r of rejects)
      if (validLines.has(r.line))
        fail(`rejected the untouched valid line ${r.line} (${r.reason}): ${r.text.slice(0, 80)}`);
    // every untouched valid row, in order, must be a subsequence of the table
    let matched = 0;
    for (let i = 0; i < table.length && matched < file.validRows.length; i++) {
      const want = file.validRows[matched];
      if (
        table.customerId[i] === want.customerId &&
        table.day[i] === want.day &&
        Math.abs(table.amount[i] - want.amount) <= 1e-9 * Math.max(1, Math.abs(want.amount))
      )
        matched++;
    }
    outcome.rowsLost = file.validRows.length - matched;
    if (outcome.rowsLost > 0)
      fail(
        `lost ${outcome.rowsLost} of ${file.validRows.length} valid rows (first missing: ${JSON.stringify(file.validRows[matched])})`
      );
  }
  return outcome;
}

export interface FuzzTotals {
  files: number;
  imported: number;
  refused: number;
  rowsKept: number;
  rowsRejected: number;
  rowsLost: number;
  crashes: number;
  hangs: number;
  violations: { seed: number; what: string }[];
}

export const emptyTotals = (): FuzzTotals => ({
  files: 0,
  imported: 0,
  refused: 0,
  rowsKept: 0,
  rowsRejected: 0,
  rowsLost: 0,
  crashes: 0,
  hangs: 0,
  violations: []
});

export function addOutcome(t: FuzzTotals, o: CaseOutcome): void {
  t.files++;
  if (o.status === 'imported') t.imported++;
  if (o.status === 'refused') t.refused++;
  if (o.status === 'crashed') t.crashes++;
  if (o.status === 'hung') t.hangs++;
  t.rowsKept += o.rowsKept;
  t.rowsRejected += o.rowsRejected;
  t.rowsLost += o.rowsLost;
  for (const what of o.violations) t.violations.push({ seed: o.seed, what });
}

/** Run options derived from the seed, so every file is replayable from its seed alone. */
export function runOptionsFor(seed: number): RunOptions {
  return {
    explicitLayout: seed % 3 !== 0,
    asString: seed % 5 === 0,
    chunkSize: [257, 4096, 65_536, 1 << 20][(seed >>> 2) % 4]
  };
}
