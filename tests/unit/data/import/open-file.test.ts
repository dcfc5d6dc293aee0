// openImportFile: gzip unpacked (a damaged one says so, not "Failed to fetch"), files named
// like one format but holding another read as what they are, with a note.
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { gunzipBlob, openImportFile } from '$lib/data/import/open-file';
import { rowsSheet, sampleRows, xlsxBytes } from './format-files';

const blob = (b: Uint8Array | string) => new Blob([b as BlobPart]);

describe('openImportFile', () => {
  it('unpacks a .gz and reads what is inside', async () => {
    const opened = await openImportFile(blob(gzipSync('customer,date\nA,2020-01-01\n')), 'orders.csv.gz');
    expect(opened).toMatchObject({ kind: 'text', gzip: true, note: '' });
    expect(await opened.blob.text()).toBe('customer,date\nA,2020-01-01\n');
  });

  it('says a truncated .gz is damaged or incomplete', async () => {
    const gz = gzipSync('customer,date\n' + 'A,2020-01-01\n'.repeat(5000));
    const cut = gz.slice(0, Math.floor(gz.length / 2));
    await expect(openImportFile(blob(cut), 'orders.csv.gz')).rejects.toThrow(
      /^the \.gz file is damaged or incomplete.*: it could not be unpacked/
    );
    await expect(gunzipBlob(blob(cut))).rejects.not.toThrow(/fetch/i);
  });

  it('reads an Excel workbook named .csv as a workbook, and says so', async () => {
    const bytes = await xlsxBytes([{ sheet: 'S', data: rowsSheet(sampleRows(5, 1)) }]);
    const opened = await openImportFile(blob(bytes), 'orders.csv');
    expect(opened.kind).toBe('xlsx');
    expect(opened.note).toBe(
      '“orders.csv” is named like a text file but is an Excel workbook (.xlsx): it is read as one'
    );
  });

  it('refuses an empty file, an image and a Parquet file without its footer', async () => {
    await expect(openImportFile(blob(''), 'a.csv')).rejects.toThrow('the file is empty (0 bytes)');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    await expect(openImportFile(blob(png), 'chart.csv')).rejects.toThrow('this is a PNG image, not a text file');
    await expect(openImportFile(blob('PAR1 and then nothing'), 'x.parquet')).rejects.toThrow(
      'the Parquet file is incomplete: it does not end with the Parquet footer (PAR1)'
    );
  });

  it('tells the Data page JSON export from text', async () => {
    expect((await openImportFile(blob('  {"format":"lever-lab-export"}'), 'x.json')).kind).toBe('json');
  });
});
