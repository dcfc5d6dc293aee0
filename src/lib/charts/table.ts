/**
 * The data table behind a chart: the text alternative shown by ChartFrame's
 * "Table" toggle and the content of its CSV export. Plain JSON-able data.
 */
export interface TableColumn {
  /** key into each row */
  key: string;
  /** column header */
  label: string;
  /** how the cell is shown in the HTML table (the CSV keeps the raw value) */
  format?: (value: unknown, row: Record<string, unknown>) => string;
  /** right-align (numbers); default: true when the first non-null cell is a number */
  numeric?: boolean;
}

export interface ChartTable {
  columns: TableColumn[];
  rows: Record<string, unknown>[];
}

/** The text of one cell as shown in the HTML table. */
export function cellText(column: TableColumn, row: Record<string, unknown>): string {
  const value = row[column.key];
  if (column.format) return column.format(value, row);
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/** Whether a column holds numbers (right-aligned). */
export function isNumericColumn(column: TableColumn, rows: Record<string, unknown>[]): boolean {
  if (column.numeric !== undefined) return column.numeric;
  for (const row of rows) {
    const v = row[column.key];
    if (v !== null && v !== undefined) return typeof v === 'number';
  }
  return false;
}
