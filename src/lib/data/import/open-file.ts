/**
 * What kind of file a dropped or named file is, from its bytes (magic.ts), with a
 * gzip-compressed file unpacked first (DecompressionStream: browsers, workers and
 * Node >= 18). A damaged .gz says so, instead of the stream's "Failed to fetch",
 * which reads like a network error in an app that never uses the network.
 */
import { fileSignature, unreadableReason, type FileSignature } from './magic.ts';

export type OpenedKind = 'text' | 'json' | 'parquet' | 'xlsx';

export interface OpenedFile {
  kind: OpenedKind;
  /** the file's bytes, unpacked when it was gzip-compressed */
  blob: Blob;
  signature: FileSignature;
  /** said when the file is not what its name says (an Excel workbook named .csv), else '' */
  note: string;
  gzip: boolean;
}

/** Unpacks a gzip-compressed blob; throws "the .gz file is damaged or incomplete" when it cannot. */
export async function gunzipBlob(blob: Blob): Promise<Blob> {
  const reader = blob.stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const parts: Uint8Array[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      parts.push(value);
    }
  } catch (error) {
    const detail =
      error instanceof Error && error.message && !/fetch/i.test(error.message) ? ` (${error.message})` : '';
    throw new RangeError(
      `the .gz file is damaged or incomplete${detail}: it could not be unpacked. Download or copy it again, or import the unpacked file`
    );
  }
  return new Blob(parts as BlobPart[]);
}

const EXTENSION: Record<OpenedKind, RegExp> = {
  text: /\.(csv|tsv|txt|tab|dat)$/i,
  json: /\.json$/i,
  parquet: /\.(parquet|parq|pq)$/i,
  xlsx: /\.(xlsx|xlsm)$/i
};

function describeMismatch(name: string, kind: OpenedKind, signature: FileSignature): string {
  const stem = name.replace(/\.gz$/i, '');
  const named = (Object.keys(EXTENSION) as OpenedKind[]).find((k) => EXTENSION[k].test(stem));
  if (!named || named === kind || (named === 'text' && kind === 'json')) return '';
  return `“${name}” is named like a ${named === 'text' ? 'text' : named === 'xlsx' ? 'Excel' : named === 'json' ? 'JSON' : 'Parquet'} file but is ${signature.what}: it is read as one`;
}

/** Classifies a file by its bytes; throws a RangeError naming what it is when it cannot be imported. */
export async function openImportFile(file: Blob, name = ''): Promise<OpenedFile> {
  if (file.size === 0) throw new RangeError('the file is empty (0 bytes)');
  const head = new Uint8Array(await file.slice(0, 1 << 16).arrayBuffer());
  let signature = fileSignature(head);
  let blob = file;
  let gzip = false;
  if (signature.kind === 'gzip') {
    blob = await gunzipBlob(file);
    gzip = true;
    if (blob.size === 0) throw new RangeError('the .gz file unpacks to an empty file');
    signature = fileSignature(new Uint8Array(await blob.slice(0, 1 << 16).arrayBuffer()));
    if (signature.kind === 'gzip') throw new RangeError('the .gz file holds another .gz file: unpack it first');
  }
  if (signature.kind === 'parquet') {
    const tail = new Uint8Array(await blob.slice(Math.max(0, blob.size - 4)).arrayBuffer());
    signature = fileSignature(new Uint8Array(await blob.slice(0, 4).arrayBuffer()), tail);
    if (signature.kind !== 'parquet')
      throw new RangeError('the Parquet file is incomplete: it does not end with the Parquet footer (PAR1)');
  }
  const reason = unreadableReason(signature);
  if (reason) throw new RangeError(reason);
  let kind: OpenedKind = signature.kind === 'parquet' ? 'parquet' : signature.kind === 'xlsx' ? 'xlsx' : 'text';
  if (kind === 'text') {
    const start = new TextDecoder()
      .decode(await blob.slice(0, 256).arrayBuffer())
      .replace(/^\ufeff/, '')
      .trimStart();
    if (start.startsWith('{')) kind = 'json';
  }
  return { kind, blob, signature, note: describeMismatch(name, kind, signature), gzip };
}
