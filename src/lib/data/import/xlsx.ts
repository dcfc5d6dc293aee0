/**
 * Excel workbooks (.xlsx) through read-excel-file (its universal build: no Worker of
 * its own, so it runs inside the import worker and in Node). The sheet names come from
 * xl/workbook.xml alone (fflate unzips just that entry), so the person can pick a sheet
 * before any sheet is parsed. Cells keep their types: a date-formatted cell is a Date
 * (its day number is used whatever the date format of text cells), text dates stay
 * text and go through the same date detection as a CSV. Positions are the sheet's own
 * row numbers (the header row is row 1), as Excel shows them.
 */
import { unzipSync } from 'fflate';
import { readSheet } from 'read-excel-file/universal';
import { cellText, type TypedBatch, type TypedTable } from './typed-table.ts';
import { fileSignature, unreadableReason } from './magic.ts';

const BATCH_ROWS = 20_000;

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');

function checkSignature(bytes: Uint8Array): void {
  const signature = fileSignature(bytes.subarray(0, 1 << 16));
  if (signature.kind === 'xlsx') return;
  throw new RangeError(unreadableReason(signature) ?? `this is ${signature.what}, not an Excel workbook (.xlsx)`);
}

/** The sheet names of a workbook, in workbook order (hidden sheets included). */
export function listSheets(bytes: Uint8Array): string[] {
  checkSignature(bytes);
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (f) => f.name === 'xl/workbook.xml' });
  } catch (error) {
    throw new RangeError(
      `the workbook is damaged or incomplete (${error instanceof Error ? error.message : String(error)}): open it in Excel and save it again`
    );
  }
  const xml = entries['xl/workbook.xml'];
  if (!xml) throw new RangeError('not an Excel workbook: the archive has no xl/workbook.xml');
  const text = new TextDecoder().decode(xml);
  const names = [...text.matchAll(/<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => unescapeXml(m[1]));
  if (names.length === 0) throw new RangeError('the workbook has no sheets');
  return names;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
    ? bytes.buffer
    : (bytes.slice().buffer as ArrayBuffer);
}

/**
 * Reads one sheet (by name; the first when omitted). The first non-empty row is the
 * header; throws when the sheet is empty or holds only a header.
 */
export async function openXlsxSheet(bytes: Uint8Array, sheet?: string): Promise<TypedTable & { sheet: string }> {
  const sheets = listSheets(bytes);
  const name = sheet ?? sheets[0];
  if (!sheets.includes(name))
    throw new RangeError(`the workbook has no sheet '${name}' (its sheets: ${sheets.map((s) => `'${s}'`).join(', ')})`);
  let data: unknown[][];
  try {
    data = (await readSheet(toArrayBuffer(bytes), name, { trim: true })) as unknown[][];
  } catch (error) {
    throw new RangeError(`cannot read sheet '${name}': ${error instanceof Error ? error.message : String(error)}`);
  }
  const blank = (row: readonly unknown[] | undefined) =>
    !row || row.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));
  const headerIndex = data.findIndex((row) => !blank(row));
  if (headerIndex < 0)
    throw new RangeError(
      `sheet '${name}' is empty${sheets.length > 1 ? ` (the workbook's sheets: ${sheets.map((s) => `'${s}'`).join(', ')}; choose the one with the data)` : ''}`
    );
  const width = Math.max(...data.map((r) => r?.length ?? 0));
  const header = Array.from({ length: width }, (_, c) => cellText(data[headerIndex][c]).trim());
  const body: { row: unknown[]; line: number }[] = [];
  for (let r = headerIndex + 1; r < data.length; r++) if (!blank(data[r])) body.push({ row: data[r], line: r + 1 });
  if (body.length === 0) throw new RangeError(`sheet '${name}' has a header but no rows`);
  return {
    format: 'xlsx',
    sheet: name,
    header,
    rowCount: body.length,
    lineName: 'sheet row',
    sampleRows: body.slice(0, 50).map(({ row }) => Array.from({ length: width }, (_, c) => cellText(row[c]).trim())),
    sampleCells: body.slice(0, 50).map(({ row }) => row),
    async *batches(): AsyncIterable<TypedBatch> {
      for (let i = 0; i < body.length; i += BATCH_ROWS) {
        const slice = body.slice(i, i + BATCH_ROWS);
        yield { rows: slice.map((b) => b.row), firstLine: slice[0].line, lines: slice.map((b) => b.line) };
      }
    }
  };
}
