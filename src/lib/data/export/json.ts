/**
 * JSON export: an envelope with a format name and version around plain data.
 * Typed arrays become arrays; non-finite numbers (NaN, Infinity), which JSON cannot
 * hold, become null, so a reader never sees a silently wrong 0.
 */

export const EXPORT_FORMAT = 'lever-lab-export';
export const EXPORT_VERSION = 1;

export interface ExportEnvelope<T> {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  /** what the data is, e.g. 'dataset-summary', 'scenario-results' */
  kind: string;
  /** ISO timestamp */
  exportedAt: string;
  data: T;
}

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>, (v) => (Number.isFinite(v) ? v : null));
  }
  return value;
}

export function toJson<T>(kind: string, data: T, exportedAt: string = new Date().toISOString(), indent = 2): string {
  const envelope: ExportEnvelope<T> = { format: EXPORT_FORMAT, version: EXPORT_VERSION, kind, exportedAt, data };
  return JSON.stringify(envelope, replacer, indent);
}
