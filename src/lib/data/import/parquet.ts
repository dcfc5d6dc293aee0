/**
 * Parquet files through hyparquet (a pure-JS reader) and hyparquet-compressors
 * (gzip, zstd, brotli, LZ4; snappy is hyparquet's own). The file is read through an
 * AsyncBuffer (a Blob's slices, or a Node file's ranges), never whole: the footer
 * first (schema and row groups), then one row group at a time, only the columns
 * asked for, so a 5-million-row file never sits in memory decoded at once.
 *
 * Types: DATE and TIMESTAMP columns (millis, micros, nanos, INT96) arrive as Date
 * and are kept as day numbers; DECIMAL as numbers; dictionary-encoded strings as
 * strings; INT64 as bigint, turned into text exactly.
 */
import { parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { cellText, type TypedBatch, type TypedTable } from './typed-table.ts';

/** An AsyncBuffer over a Blob or File (browser, worker, Node >= 20). */
export function blobAsyncBuffer(blob: Blob): AsyncBuffer {
  return {
    byteLength: blob.size,
    slice: (start: number, end?: number) => blob.slice(start, end).arrayBuffer()
  };
}

const SUPPORTED = new Set(['UNCOMPRESSED', 'SNAPPY', ...Object.keys(compressors)]);

/** Why hyparquet failed, in words a person can act on. */
export function parquetError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const codec = /unsupported compression codec: (\w+)/.exec(message);
  if (codec)
    return new RangeError(
      `this Parquet file is compressed with ${codec[1]}, which Lever Lab cannot read (it reads uncompressed, Snappy, gzip, zstd, Brotli and LZ4): write it again with another codec, e.g. DuckDB COPY ... (FORMAT PARQUET, COMPRESSION zstd)`
    );
  if (/encrypt/i.test(message))
    return new RangeError('this Parquet file is encrypted: Lever Lab cannot read encrypted Parquet');
  return new RangeError(`cannot read this Parquet file: ${message}`);
}

/** Opens a Parquet file: reads its footer and first rows; throws a RangeError naming what is wrong. */
export async function openParquet(file: AsyncBuffer, sampleSize = 50): Promise<TypedTable> {
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    throw parquetError(error);
  }
  const schema = parquetSchema(metadata);
  const header = schema.children.map((c) => c.element.name);
  for (const group of metadata.row_groups) {
    for (const column of group.columns) {
      const codec = column.meta_data?.codec;
      if (codec && !SUPPORTED.has(codec)) throw parquetError(new Error(`unsupported compression codec: ${codec}`));
    }
  }
  const rowCount = Number(metadata.num_rows);
  const groups: { start: number; end: number }[] = [];
  let start = 0;
  for (const group of metadata.row_groups) {
    const rows = Number(group.num_rows);
    groups.push({ start, end: start + rows });
    start += rows;
  }
  const read = async (rowStart: number, rowEnd: number, columns?: string[]): Promise<unknown[][]> => {
    try {
      return await new Promise<unknown[][]>((resolve, reject) => {
        parquetRead({ file, metadata, compressors, rowStart, rowEnd, columns, onComplete: resolve }).catch(reject);
      });
    } catch (error) {
      throw parquetError(error);
    }
  };
  const sample = rowCount > 0 ? await read(0, Math.min(rowCount, sampleSize)) : [];
  return {
    format: 'parquet',
    header,
    rowCount,
    lineName: 'row',
    sampleRows: sample.map((row) => row.map(cellText)),
    sampleCells: sample,
    async *batches(columns?: readonly number[]): AsyncIterable<TypedBatch> {
      const names = columns ? [...new Set(columns)].filter((c) => c >= 0).map((c) => header[c]) : undefined;
      for (const g of groups) {
        if (g.end === g.start) continue;
        const rows = await read(g.start, g.end, names);
        // parquetRead returns the asked columns in file order: put them back at their own index
        const spread = names
          ? rows.map((r) => {
              const full: unknown[] = new Array(header.length);
              names.forEach((n, k) => (full[header.indexOf(n)] = r[k]));
              return full;
            })
          : rows;
        yield { rows: spread, firstLine: g.start + 1 };
      }
    }
  };
}
