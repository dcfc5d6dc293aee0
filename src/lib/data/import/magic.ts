/**
 * What a file is, from its first bytes (its "magic number"), whatever its name says:
 * the import reads text, gzip-compressed text, Parquet ('PAR1') and Excel .xlsx (a ZIP
 * holding xl/workbook.xml), and names anything else it recognises instead of parsing
 * it as CSV (a PNG read as text shows up as a column called "�PNG").
 *
 * Signatures: PNG 89 50 4E 47 0D 0A 1A 0A; JPEG FF D8 FF; GIF "GIF8"; PDF "%PDF-";
 * ZIP "PK\x03\x04" (also "PK\x05\x06" empty archive); GZIP 1F 8B; Parquet "PAR1" at
 * both ends (Apache Parquet format spec, "File format"); OLE2 compound file
 * D0 CF 11 E0 A1 B1 1A E1 (legacy .xls, and Office files encrypted with a password,
 * which keep an "EncryptionInfo" stream: MS-OFFCRYPTO 2.3.4); 7z, RAR, bzip2, xz,
 * WebP, BMP, TIFF, SQLite; UTF-16 byte-order marks.
 */

export type FileKind = 'text' | 'gzip' | 'parquet' | 'xlsx' | 'zip' | 'encrypted-office' | 'xls' | 'utf16' | 'binary';

export interface FileSignature {
  kind: FileKind;
  /** what the file is, in words (e.g. "a PNG image") */
  what: string;
}

const starts = (b: Uint8Array, sig: readonly number[], at = 0) =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const BINARY: readonly { sig: readonly number[]; what: string; at?: number }[] = [
  { sig: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], what: 'a PNG image' },
  { sig: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { sig: ascii('GIF8'), what: 'a GIF image' },
  { sig: ascii('%PDF-'), what: 'a PDF document' },
  { sig: ascii('WEBP'), at: 8, what: 'a WebP image' },
  { sig: ascii('BM'), what: 'a BMP image' },
  { sig: [0x49, 0x49, 0x2a, 0x00], what: 'a TIFF image' },
  { sig: [0x4d, 0x4d, 0x00, 0x2a], what: 'a TIFF image' },
  { sig: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive' },
  { sig: ascii('Rar!'), what: 'a RAR archive' },
  { sig: ascii('BZh'), what: 'a bzip2-compressed file' },
  { sig: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'an xz-compressed file' },
  { sig: ascii('SQLite format 3'), what: 'an SQLite database' }
];

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** "EncryptionInfo" as UTF-16LE, the stream name an encrypted OOXML file's compound-file directory holds. */
const ENCRYPTION_INFO = new Uint8Array([...'EncryptionInfo'].flatMap((c) => [c.charCodeAt(0), 0]));

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * Classifies a file from its first bytes (4 KiB are plenty; an OLE2 file needs its
 * first 64 KiB to find the directory that names an encrypted package).
 * @param tail the last 4 bytes, when known (a Parquet file ends with 'PAR1' too)
 */
export function fileSignature(head: Uint8Array, tail?: Uint8Array): FileSignature {
  if (starts(head, [0x1f, 0x8b])) return { kind: 'gzip', what: 'a gzip-compressed file' };
  if (starts(head, ascii('PAR1')) && (!tail || starts(tail, ascii('PAR1'))))
    return { kind: 'parquet', what: 'a Parquet file' };
  if (starts(head, ascii('PK\x03\x04')) || starts(head, ascii('PK\x05\x06'))) {
    // an .xlsx is a ZIP whose entries are named xl/..., [Content_Types].xml, docProps/...
    const text = new TextDecoder('latin1').decode(head);
    if (/xl\/|\[Content_Types\]\.xml/.test(text) && !/word\/|ppt\//.test(text))
      return { kind: 'xlsx', what: 'an Excel workbook (.xlsx)' };
    if (/word\//.test(text)) return { kind: 'zip', what: 'a Word document (.docx)' };
    if (/ppt\//.test(text)) return { kind: 'zip', what: 'a PowerPoint presentation (.pptx)' };
    return { kind: 'zip', what: 'a ZIP archive' };
  }
  if (starts(head, OLE2)) {
    return contains(head, ENCRYPTION_INFO)
      ? { kind: 'encrypted-office', what: 'a password-protected (encrypted) Office file' }
      : { kind: 'xls', what: 'a legacy Excel 97-2003 workbook (.xls) or another old Office file' };
  }
  if (starts(head, [0xff, 0xfe]) || starts(head, [0xfe, 0xff])) return { kind: 'utf16', what: 'UTF-16 text' };
  for (const b of BINARY) if (starts(head, b.sig, b.at ?? 0)) return { kind: 'binary', what: b.what };
  // text: no NUL bytes and few control characters in the first bytes
  let control = 0;
  const n = Math.min(head.length, 4096);
  for (let i = 0; i < n; i++) {
    const c = head[i];
    if (c === 0) return { kind: 'binary', what: 'a binary file' };
    if (c < 9 || (c > 13 && c < 32)) control++;
  }
  return control > n * 0.01 ? { kind: 'binary', what: 'a binary file' } : { kind: 'text', what: 'a text file' };
}

/** The sentence the import shows for a file it cannot read as text, or null when it can read it. */
export function unreadableReason(signature: FileSignature): string | null {
  switch (signature.kind) {
    case 'text':
    case 'gzip':
    case 'parquet':
    case 'xlsx':
      return null;
    case 'encrypted-office':
      return 'this workbook is password-protected (encrypted): open it in Excel, remove the password (File > Info > Protect Workbook) and save it again, or export the sheet as CSV';
    case 'xls':
      return 'this is a legacy Excel 97-2003 workbook (.xls): save it as .xlsx or CSV and import that';
    case 'utf16':
      return 'this is UTF-16 text: save it as UTF-8 (CSV UTF-8 in Excel) and import that';
    case 'zip':
      return `this is ${signature.what}, not a data file: unpack it and import the CSV, Parquet or Excel file inside`;
    default:
      return `this is ${signature.what}, not a text file: choose a CSV, TSV, Parquet or Excel (.xlsx) file`;
  }
}
