/**
 * Files to download: a Blob plus a safe file name, and the browser click that saves it.
 * CSV gets a UTF-8 byte-order mark so Excel reads accents and currency signs correctly.
 */

export interface ExportFile {
  blob: Blob;
  filename: string;
  mimeType: string;
}

/** Lower-case, dash-separated, ASCII-safe file stem of at most `maxLength` characters ("Fashion: Q3 plan!" -> "fashion-q3-plan"). */
export function safeFilename(text: string, fallback = 'lever-lab-export', maxLength = 80): string {
  const stem = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength);
  return stem.length > 0 ? stem : fallback;
}

export function csvFile(stem: string, csv: string): ExportFile {
  const mimeType = 'text/csv;charset=utf-8';
  return { blob: new Blob(['\uFEFF', csv], { type: mimeType }), filename: `${safeFilename(stem)}.csv`, mimeType };
}

export function jsonFile(stem: string, json: string): ExportFile {
  const mimeType = 'application/json';
  return { blob: new Blob([json], { type: mimeType }), filename: `${safeFilename(stem)}.json`, mimeType };
}

/** The text of an export in each format; only the chosen one is built. */
export interface ExportTexts {
  csv(): string;
  json(): string;
}

/** One export as a CSV or a JSON file named after `stem`. */
export function exportFile(stem: string, format: 'csv' | 'json', texts: ExportTexts): ExportFile {
  return format === 'csv' ? csvFile(stem, texts.csv()) : jsonFile(stem, texts.json());
}

/** Saves the file through a temporary object URL and <a download> (browser only). */
export function triggerDownload(file: ExportFile, doc: Document = document): void {
  const url = URL.createObjectURL(file.blob);
  try {
    const a = doc.createElement('a');
    a.href = url;
    a.download = file.filename;
    a.rel = 'noopener';
    a.style.display = 'none';
    doc.body.appendChild(a);
    a.click();
    a.remove();
  } finally {
    // revoke after the click has been handled
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
