// A file is what its first bytes say (signatures as listed in src/lib/data/import/magic.ts),
// whatever its name; each unreadable kind has its own sentence.
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { fileSignature, unreadableReason } from '$lib/data/import/magic';

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (s: string) => new TextEncoder().encode(s);

describe('fileSignature', () => {
  it.each([
    [
      'PNG',
      bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0),
      'binary',
      'this is a PNG image, not a text file'
    ],
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0), 'binary', 'this is a JPEG image, not a text file'],
    ['PDF', text('%PDF-1.7\n%âãÏÓ'), 'binary', 'this is a PDF document, not a text file'],
    ['SQLite', text('SQLite format 3\0'), 'binary', 'this is an SQLite database, not a text file'],
    ['NUL bytes', bytes(0x41, 0x42, 0, 0x43), 'binary', 'this is a binary file, not a text file'],
    ['UTF-16', bytes(0xff, 0xfe, 0x41, 0), 'utf16', 'this is UTF-16 text: save it as UTF-8']
  ])('%s is refused with what it is', (_name, head, kind, reason) => {
    const signature = fileSignature(head);
    expect(signature.kind).toBe(kind);
    expect(unreadableReason(signature)).toMatch(new RegExp(`^${reason.replace(/[()]/g, '\\$&')}`));
  });

  it('tells an .xlsx from another ZIP (a .docx, an archive of CSVs)', () => {
    const xlsx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>') });
    const docx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w/>') });
    const zip = zipSync({ 'orders.csv': strToU8('a,b\n1,2\n') });
    expect(fileSignature(xlsx).kind).toBe('xlsx');
    expect(unreadableReason(fileSignature(xlsx))).toBeNull();
    expect(unreadableReason(fileSignature(docx))).toBe(
      'this is a Word document (.docx), not a data file: unpack it and import the CSV, Parquet or Excel file inside'
    );
    expect(unreadableReason(fileSignature(zip))).toMatch(/^this is a ZIP archive, not a data file/);
  });

  it('reads gzip, Parquet (PAR1 at both ends) and text as importable', () => {
    expect(fileSignature(gzipSync('a,b\n'))).toMatchObject({ kind: 'gzip' });
    expect(fileSignature(text('PAR1xxxx'), text('PAR1')).kind).toBe('parquet');
    expect(fileSignature(text('PAR1xxxx'), text('xxxx')).kind).not.toBe('parquet');
    expect(fileSignature(text('\ufeffcustomer,date\n1,2020-01-01\n')).kind).toBe('text');
    for (const kind of ['gzip', 'parquet', 'text', 'xlsx'] as const)
      expect(unreadableReason({ kind, what: '' })).toBeNull();
  });

  it('tells a password-protected workbook (EncryptionInfo stream) from a legacy .xls', () => {
    const encrypted = new Uint8Array(readFileSync(path.join(__dirname, 'fixtures/encrypted.xlsx')));
    expect(fileSignature(encrypted).kind).toBe('encrypted-office');
    const xls = new Uint8Array(512);
    xls.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(unreadableReason(fileSignature(xls))).toBe(
      'this is a legacy Excel 97-2003 workbook (.xls): save it as .xlsx or CSV and import that'
    );
  });
});
