/**
 * Export a chart: its SVG as a standalone file and a PNG at 2x, both carrying the
 * chart's title, legend and a source line (dataset, scenario, date) around the drawing;
 * and its data table as CSV, numbers rounded to the precision the table shows (or at
 * full precision on request), through the writer of src/lib/files/csv.ts (RFC 4180, with
 * spreadsheet formula injection neutralised following OWASP, "CSV Injection": a text
 * cell that starts with = + - @ tab or CR gets a leading apostrophe). Downloads go
 * through an <a download> with an object URL that is revoked afterwards. The app's CSP allows img-src blob: and data:, which the PNG
 * path needs.
 */
import type { ChartTable } from './table.ts';
import { cellText } from './table.ts';
import type { LegendItem } from './legend.ts';
import { palette } from './palette.ts';
import { formatCsvField, toCsv as writeCsv, type CsvValue } from '../files/csv.ts';
import { shownValue } from './format.ts';
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

export type CsvPrecision = 'shown' | 'full';

/**
 * The table as CSV: a header of column labels, then one line per row, CRLF line ends.
 * Numbers at the precision the table shows them (default), or at full precision.
 */
export function toCsv(table: ChartTable, precision: CsvPrecision = 'shown'): string {
  return writeCsv(
    table.columns.map((c) => c.label),
    table.rows.map((row) =>
      table.columns.map((c) => {
        const v = row[c.key];
        if (precision === 'shown' && typeof v === 'number' && Number.isFinite(v))
          return shownValue(v, cellText(c, row));
        return asCsvValue(v);
      })
    )
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
  return XML_HEADER + new XMLSerializer().serializeToString(standaloneClone(svg));
}

const XML_HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n';

function standaloneClone(svg: SVGSVGElement): SVGSVGElement {
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
  return clone;
}

/** What an exported image carries around the drawing. */
export interface ExportDecoration {
  title: string;
  subtitle?: string;
  legend: LegendItem[];
  /** e.g. "Lever Lab · dataset Music sample · scenario Baseline · 2026-12-02" */
  source: string;
}

/** Text width in px at a font size: the canvas's measure where there is one, else 0.6 em a character. */
export type MeasureText = (text: string, fontPx: number, bold?: boolean) => number;

export const approximateMeasure: MeasureText = (text, fontPx) => text.length * fontPx * 0.6;

function canvasMeasure(fontFamily: string): MeasureText {
  const ctx = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!ctx) return approximateMeasure;
  return (text, fontPx, bold) => {
    ctx.font = `${bold ? 700 : 400} ${fontPx}px ${fontFamily}`;
    return ctx.measureText(text).width;
  };
}

/** Words of `text` in lines no wider than `maxPx` (a word wider than the line stands alone). */
export function wrapText(text: string, maxPx: number, fontPx: number, measure: MeasureText, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && measure(next, fontPx, bold) > maxPx) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

export interface PlacedLegendItem extends LegendItem {
  x: number;
  y: number;
}

export const LEGEND_FONT_PX = 12;
const MARK_PX = 16;
const MARK_GAP_PX = 5;
const ITEM_GAP_PX = 16;

/** Legend items placed in rows from the left, wrapping at `maxPx`; y is the row's baseline offset. */
export function layoutLegend(
  items: LegendItem[],
  maxPx: number,
  measure: MeasureText
): { items: PlacedLegendItem[]; rows: number } {
  const rowPx = LEGEND_FONT_PX * 1.6;
  const placed: PlacedLegendItem[] = [];
  let x = 0;
  let row = 0;
  for (const item of items) {
    const w = (item.mark === 'none' ? 0 : MARK_PX + MARK_GAP_PX) + measure(item.label, LEGEND_FONT_PX);
    if (x > 0 && x + w > maxPx) {
      row++;
      x = 0;
    }
    placed.push({ ...item, x, y: row * rowPx });
    x += w + ITEM_GAP_PX;
  }
  return { items: placed, rows: items.length ? row + 1 : 0 };
}

function el(name: string, attrs: Record<string, string | number | undefined>, text?: string): SVGElement {
  const e = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function legendMark(item: PlacedLegendItem, baseline: number): SVGElement | null {
  const c = item.colour ?? palette.inkMuted;
  const mid = baseline - LEGEND_FONT_PX * 0.35;
  const x = item.x;
  switch (item.mark) {
    case 'swatch':
      return el('rect', { x: x + 2, y: mid - 5.5, width: 11, height: 11, rx: 2, fill: c });
    case 'outline':
      return el('rect', { x: x + 3, y: mid - 4.5, width: 9, height: 9, fill: 'none', stroke: c, 'stroke-width': 2 });
    case 'line':
    case 'dashed':
      return el('line', {
        x1: x,
        x2: x + MARK_PX,
        y1: mid,
        y2: mid,
        stroke: c,
        'stroke-width': 2.5,
        'stroke-dasharray': item.mark === 'dashed' ? '5,3' : undefined
      });
    case 'dot':
      return el('circle', { cx: x + 8, cy: mid, r: 4.5, fill: c });
    case 'ring':
      return el('circle', { cx: x + 8, cy: mid, r: 5, fill: 'none', stroke: c, 'stroke-width': 2 });
    case 'rule':
      return el('rect', { x: x + 7, y: mid - 7, width: 2, height: 14, fill: c });
    default:
      return null;
  }
}

/**
 * The chart as an image file: title (wrapped), subtitle, legend, the drawing, and the
 * source line under it, on white, as one standalone SVG of the chart's width.
 */
export function composeExportSvg(svg: SVGSVGElement, deco: ExportDecoration): { text: string; size: SvgSize } {
  const chart = standaloneClone(svg);
  const { widthPx: chartW, heightPx: chartH } = svgSize(svg);
  const fontFamily = getComputedStyle(svg).fontFamily || 'sans-serif';
  const measure = canvasMeasure(fontFamily);
  const pad = 12;
  const W = Math.max(Math.round(chartW), 240);
  const inner = W - 2 * pad;
  const titlePx = 16;
  const smallPx = 12;
  const root = el('svg', { xmlns: SVG_NS, width: W, viewBox: undefined });
  root.style.fontFamily = fontFamily;
  root.appendChild(el('rect', { width: '100%', height: '100%', fill: '#ffffff' }));
  let y = pad;
  for (const line of wrapText(deco.title, inner, titlePx, measure, true)) {
    y += titlePx * 1.25;
    root.appendChild(el('text', { x: pad, y, 'font-size': titlePx, 'font-weight': 700, fill: palette.ink }, line));
  }
  if (deco.subtitle)
    for (const line of wrapText(deco.subtitle, inner, smallPx, measure)) {
      y += smallPx * 1.4;
      root.appendChild(el('text', { x: pad, y, 'font-size': smallPx, fill: palette.inkMuted }, line));
    }
  if (deco.legend.length) {
    y += 6;
    const legend = layoutLegend(deco.legend, inner, measure);
    for (const item of legend.items) {
      const baseline = y + item.y + LEGEND_FONT_PX * 1.2;
      const mark = legendMark({ ...item, x: pad + item.x }, baseline);
      if (mark) root.appendChild(mark);
      const tx = pad + item.x + (item.mark === 'none' ? 0 : MARK_PX + MARK_GAP_PX);
      root.appendChild(
        el('text', { x: tx, y: baseline, 'font-size': LEGEND_FONT_PX, fill: palette.inkMuted }, item.label)
      );
    }
    y += legend.rows * LEGEND_FONT_PX * 1.6;
  }
  y += 8;
  chart.setAttribute('x', '0');
  chart.setAttribute('y', String(Math.round(y)));
  chart.setAttribute('overflow', 'visible');
  chart.removeAttribute('aria-hidden');
  root.appendChild(chart);
  y += chartH + 8;
  for (const line of wrapText(deco.source, inner, 11, measure)) {
    y += 11 * 1.4;
    root.appendChild(el('text', { x: pad, y, 'font-size': 11, fill: palette.inkMuted }, line));
  }
  const H = Math.round(y + pad);
  root.setAttribute('height', String(H));
  root.setAttribute('viewBox', `0 0 ${W} ${H}`);
  root.setAttribute('xmlns:xlink', XLINK_NS);
  return { text: XML_HEADER + new XMLSerializer().serializeToString(root), size: { widthPx: W, heightPx: H } };
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

export function downloadSvg(svg: SVGSVGElement, filename: string, deco: ExportDecoration): void {
  const { text } = composeExportSvg(svg, deco);
  downloadBlob(new Blob([text], { type: 'image/svg+xml;charset=utf-8' }), `${safeFilename(filename)}.svg`);
}

export async function downloadPng(
  svg: SVGSVGElement,
  filename: string,
  deco: ExportDecoration,
  scale = 2
): Promise<void> {
  const { text, size } = composeExportSvg(svg, deco);
  downloadBlob(await svgToPng(text, size, scale), `${safeFilename(filename)}.png`);
}

export function downloadCsv(table: ChartTable, filename: string, precision: CsvPrecision = 'shown'): void {
  // csvFile adds a UTF-8 byte-order mark so spreadsheet programs read accents and currency symbols correctly
  triggerDownload(csvFile(safeFilename(filename), toCsv(table, precision)));
}
