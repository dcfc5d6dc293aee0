/**
 * Storage failures translated into messages a person understands.
 *
 * IndexedDB reports trouble as DOMExceptions (QuotaExceededError, InvalidStateError,
 * VersionError, SecurityError ...) which Dexie wraps (AbortError with `inner`,
 * MissingAPIError, DatabaseClosedError, OpenFailedError). `toStorageError` walks the
 * wrapper chain (`inner`, `cause`, `failures`) and returns a StorageError whose `code`
 * the UI can switch on and whose `message` it can show as is.
 */

export type StorageErrorCode =
  /** the origin's storage quota is used up */
  | 'quota'
  /** an upgrade waits for another tab holding the old schema open */
  | 'blocked'
  /** another tab upgraded or deleted the database; this tab's connection was closed */
  | 'versionchange'
  /** the stored data was written by a newer Lever Lab than this tab runs */
  | 'version'
  /** no usable IndexedDB (private browsing in some browsers, blocked site data, file://) */
  | 'unavailable'
  /** anything else; the message carries the browser's own text */
  | 'unknown';

/** Usage and quota in bytes, as navigator.storage.estimate() reports them. */
export interface StorageUsage {
  usage?: number;
  quota?: number;
}

export class StorageError extends Error {
  readonly code: StorageErrorCode;
  constructor(code: StorageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
    this.code = code;
  }
}

/** 1536 -> "1.5 KB", 3.2e9 -> "3.2 GB" (decimal units, as browsers report quotas). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return 'an unknown amount';
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  inner?: unknown;
  cause?: unknown;
  failures?: unknown;
}

/** The error and everything it wraps (Dexie `inner`, ES `cause`, bulk `failures`), depth-first. */
function chain(err: unknown, seen = new Set<unknown>()): ErrorLike[] {
  if (err === null || typeof err !== 'object' || seen.has(err)) return [];
  seen.add(err);
  const e = err as ErrorLike;
  const out: ErrorLike[] = [e];
  out.push(...chain(e.inner, seen), ...chain(e.cause, seen));
  if (Array.isArray(e.failures)) for (const f of e.failures) out.push(...chain(f, seen));
  else if (e.failures && typeof e.failures === 'object')
    for (const f of Object.values(e.failures)) out.push(...chain(f, seen));
  return out;
}

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED', 'NS_ERROR_FILE_NO_DEVICE_SPACE']);
const UNAVAILABLE_NAMES = new Set(['MissingAPIError', 'SecurityError', 'NotAllowedError']);

/** True when the error (or anything it wraps) is a storage-quota failure. */
export function isQuotaError(err: unknown): boolean {
  // legacy DOMException codes: 22 (QUOTA_EXCEEDED_ERR), 1014 (Firefox NS_ERROR_DOM_QUOTA_REACHED)
  return chain(err).some((e) => QUOTA_NAMES.has(String(e.name)) || e.code === 22 || e.code === 1014);
}

export function quotaMessage(usage?: StorageUsage): string {
  const known = usage && Number.isFinite(usage.usage) && Number.isFinite(usage.quota);
  const used = known ? ` (used ${formatBytes(usage!.usage!)} of ${formatBytes(usage!.quota!)})` : '';
  return `Your browser's storage for this site is full${used}. Delete a dataset on the Data page or free disk space, then try again.`;
}

export const BLOCKED_MESSAGE =
  'Lever Lab was updated, but another tab still has the old version open. Close or reload the other Lever Lab tabs to continue; nothing has been lost.';

export const VERSION_CHANGE_MESSAGE =
  'Lever Lab was updated (or its data deleted) in another tab, so this tab stopped using the stored data. Reload this tab to continue.';

export const VERSION_MESSAGE =
  'The data stored in this browser was written by a newer version of Lever Lab than this tab runs. Reload the page to get the newer version.';

export const UNAVAILABLE_MESSAGE =
  'This browser does not let Lever Lab store data (IndexedDB is unavailable, which happens in some private-browsing windows or when site data is blocked). Open Lever Lab in a normal window or allow site data; until then nothing can be saved.';

/**
 * Translates any storage failure into a StorageError with a readable message.
 * `usage` (from storageEstimate()) fills in the numbers of a quota message.
 * `opening` marks failures of the open request itself, where InvalidStateError means
 * "no IndexedDB here" (Firefox private browsing before version 115).
 */
export function toStorageError(err: unknown, usage?: StorageUsage, opening = false): StorageError {
  if (err instanceof StorageError) return err;
  if (isQuotaError(err)) return new StorageError('quota', quotaMessage(usage), { cause: err });
  const links = chain(err);
  const names = links.map((e) => String(e.name));
  if (names.some((n) => UNAVAILABLE_NAMES.has(n)) || (opening && names.includes('InvalidStateError'))) {
    return new StorageError('unavailable', UNAVAILABLE_MESSAGE, { cause: err });
  }
  if (names.includes('VersionError')) return new StorageError('version', VERSION_MESSAGE, { cause: err });
  if (names.includes('DatabaseClosedError'))
    return new StorageError('versionchange', VERSION_CHANGE_MESSAGE, { cause: err });
  const text = links.map((e) => (typeof e.message === 'string' ? e.message : '')).find((m) => m.length > 0);
  return new StorageError('unknown', `Saving or reading data in this browser failed: ${text ?? String(err)}`, {
    cause: err
  });
}
