/**
 * Columnar encoding of a TransactionTable into IndexedDB chunks and back.
 *
 * Writing half a million row objects to IndexedDB costs seconds (one structured clone
 * and one B-tree insert per row); writing ten chunks of 50,000 rows as typed arrays
 * costs milliseconds. Customer ids and channels are dictionary-encoded per chunk
 * (first-appearance order), so a table sorted by customer stores each id once.
 */
import { encodeDistinct } from '../../model/core/distinct.ts';
import type { TransactionTable } from '../types.ts';
import type { TransactionChunk } from './records.ts';

export const DEFAULT_CHUNK_ROWS = 50_000;

function dictionaryEncode(values: string[], start: number, end: number): { dict: string[]; index: Int32Array } {
  const dict: string[] = [];
  const index = encodeDistinct(end - start, (i) => values[start + i], dict);
  return { dict, index };
}

/** Checks that every column of the table has `length` entries. */
export function assertTableShape(table: TransactionTable): void {
  const n = table.length;
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`invalid transaction table length: ${n} (must be an integer >= 0)`);
  const columns: [string, { length: number }][] = [
    ['customerId', table.customerId],
    ['day', table.day],
    ['amount', table.amount],
    ['quantity', table.quantity],
    ['channel', table.channel]
  ];
  for (const [name, column] of columns) {
    if (column.length !== n) {
      throw new RangeError(`invalid transaction table: column ${name} has ${column.length} entries, length says ${n}`);
    }
  }
}

/** Splits a table into chunks of at most `rowsPerChunk` rows. */
export function encodeChunks(
  datasetId: string,
  table: TransactionTable,
  rowsPerChunk = DEFAULT_CHUNK_ROWS
): TransactionChunk[] {
  if (!Number.isInteger(rowsPerChunk) || rowsPerChunk < 1) {
    throw new RangeError(`invalid rows per chunk: ${rowsPerChunk} (must be an integer >= 1)`);
  }
  assertTableShape(table);
  const chunks: TransactionChunk[] = [];
  for (let start = 0, chunk = 0; start < table.length; start += rowsPerChunk, chunk++) {
    const end = Math.min(table.length, start + rowsPerChunk);
    const customers = dictionaryEncode(table.customerId, start, end);
    const channels = dictionaryEncode(table.channel, start, end);
    if (channels.dict.length > 65535) {
      throw new RangeError(
        `invalid channel column: ${channels.dict.length} distinct channels in one chunk (at most 65,535)`
      );
    }
    chunks.push({
      datasetId,
      chunk,
      rows: end - start,
      customerIds: customers.dict,
      customerIndex: customers.index,
      day: table.day.slice(start, end),
      amount: table.amount.slice(start, end),
      quantity: table.quantity.slice(start, end),
      channels: channels.dict,
      channelIndex: Uint16Array.from(channels.index)
    });
  }
  return chunks;
}

/** Joins chunks (in chunk order) back into one table. */
export function decodeChunks(chunks: TransactionChunk[]): TransactionTable {
  const ordered = [...chunks].sort((p, q) => p.chunk - q.chunk);
  const length = ordered.reduce((sum, c) => sum + c.rows, 0);
  const table: TransactionTable = {
    customerId: new Array<string>(length),
    day: new Int32Array(length),
    amount: new Float64Array(length),
    quantity: new Float64Array(length),
    channel: new Array<string>(length),
    length
  };
  let offset = 0;
  for (const c of ordered) {
    table.day.set(c.day, offset);
    table.amount.set(c.amount, offset);
    table.quantity.set(c.quantity, offset);
    for (let i = 0; i < c.rows; i++) {
      table.customerId[offset + i] = c.customerIds[c.customerIndex[i]];
      table.channel[offset + i] = c.channels[c.channelIndex[i]];
    }
    offset += c.rows;
  }
  return table;
}
