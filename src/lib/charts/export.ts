/**
 * Export a chart: its SVG as a standalone file, a PNG at 2x, and its data table as
 * CSV through the data layer's writer (src/lib/data/export/csv.ts: RFC 4180, with
 * spreadsheet formula injection neutralised following OWASP, "CSV Injection": a text
 * cell that starts with = + - @ tab or CR gets a leading apostrophe). Downloads go
 * through an <a download> with an object URL that is revoked afterwards. The app's CSP allows img-src blob: and data:, which the PNG
 * path needs.
 */
import type { ChartTable } from './table.ts';
import { formatCsvField, toCsv as writeCsv, type CsvValue } from '../files/csv.ts';
import { csvFile, safeFilename as dataSafeFilename, triggerDownload } from '../files/download.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** A table cell as a value the CSV writer knows; anything else is written as its text. */
function asCsvValue(value: unknown): CsvValue {
  if (value === null || value === undefined) return value;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' || value instanceof Date)
    return value;
  return String(value);
}

/** One CSV cell: numbers at full precision, dates as ISO, text quoted when needed and neutralised. */
export function csvCell(value: unknown): string {
  return formatCsvField(asCsvValue(value));
}

/** The table as CSV: a header of column labels, then one line per row, CRLF line ends. */
export function toCsv(table: ChartTable): string {
  return writeCsv(
    table.columns.map((c) => c.label),
    table.rows.map((row) => table.columns.map((c) => asCsvValue(row[c.key])))
  );
}

/** A lower-case, dash-separated file stem safe on every OS; "chart" if nothing is left. */
export function safeFilename(name: string): string {
  return dataSafeFilename(name, 'chart');
}

/** Download a blob as a file named `filename` (an <a download> with an object URL, revoked afterwards). */
export function downloadBlob(blob: Blob, filename: string): void {
  triggerDownload({ blob, filename, mimeType: blob.type });
}

export interface SvgSize {
  widthPx: number;
  heightPx: number;
}

/** The rendered size of an SVG element (its viewBox, then its attributes, then its box). */
export function svgSize(svg: SVGSVGElement): SvgSize {
  const box = svg.viewBox?.baseVal;
  const rect = svg.getBoundingClientRect();
  const widthPx = Number(svg.getAttribute('width')) || rect.width || box?.width || 640;
  const heightPx = Number(svg.getAttribute('height')) || rect.height || box?.height || 400;
  return { widthPx, heightPx };
}

/**
 * The SVG as a standalone document: namespaces declared, explicit width/height,
 * the computed font family, size and colour inlined on the root (the page's CSS
 * does not travel with the file), and a white background so the PNG is not transparent.
 */
export function serialiseSvg(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const { widthPx, heightPx } = svgSize(svg);
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('xmlns:xlink', XLINK_NS);
  clone.setAttribute('width', String(Math.round(widthPx)));
  clone.setAttribute('height', String(Math.round(heightPx)));
  if (!clone.getAttribute('viewBox'))
    clone.setAttribute('viewBox', `0 0 ${Math.round(widthPx)} ${Math.round(heightPx)}`);
  const computed = getComputedStyle(svg);
  clone.style.fontFamily = computed.fontFamily;
  clone.style.fontSize = computed.fontSize;
  clone.style.color = computed.color;
  clone.style.background = '#ffffff';
  // Resolve CSS variables and inherited colours that currentColor depends on, element by element.
  const source = svg.querySelectorAll<SVGElement>('text, tspan');
  const target = clone.querySelectorAll<SVGElement>('text, tspan');
  source.forEach((el, i) => {
    const cs = getComputedStyle(el);
    const t = target[i];
    if (!t) return;
    t.style.fontFamily = cs.fontFamily;
    t.style.fontSize = cs.fontSize;
    t.style.fontWeight = cs.fontWeight;
  });
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  clone.insertBefore(background, clone.firstChild);
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(clone);
}

/** Render SVG text to a PNG blob at `scale` times its size (via an <img> of the SVG blob drawn to a canvas). */
export async function svgToPng(svgText: string, size: SvgSize, scale = 2): Promise<Blob> {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`invalid PNG scale: ${scale} (must be > 0)`);
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the chart SVG could not be loaded as an image for PNG export'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(size.widthPx * scale));
    canvas.height = Math.max(1, Math.round(size.heightPx * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('PNG export needs a 2D canvas, which this browser did not provide');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the canvas could not be encoded as PNG'))), 'image/png')
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The main chart SVG inside a container: the largest by area (Plot may add small legend swatches). */
export function findChartSvg(container: Element): SVGSVGElement | null {
  let best: SVGSVGElement | null = null;
  let bestArea = -1;
  for (const svg of container.querySelectorAll<SVGSVGElement>('svg')) {
    if (svg.ownerSVGElement) continue; // nested svg
    const { widthPx, heightPx } = svgSize(svg);
    if (widthPx * heightPx > bestArea) {
      best = svg;
      bestArea = widthPx * heightPx;
    }
  }
  return best;
}

export function downloadSvg(svg: SVGSVGElement, filename: string): void {
  downloadBlob(new Blob([serialiseSvg(svg)], { type: 'image/svg+xml;charset=utf-8' }), `${safeFilename(filename)}.svg`);
}

export async function downloadPng(svg: SVGSVGElement, filename: string, scale = 2): Promise<void> {
  const blob = await svgToPng(serialiseSvg(svg), svgSize(svg), scale);
  downloadBlob(blob, `${safeFilename(filename)}.png`);
}

export function downloadCsv(table: ChartTable, filename: string): void {
  // csvFile adds a UTF-8 byte-order mark so spreadsheet programs read accents and currency symbols correctly
  triggerDownload(csvFile(safeFilename(filename), toCsv(table)));
}
