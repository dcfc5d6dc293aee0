/**
 * The StorageManager seam: persistence and usage estimates (navigator.storage), behind a
 * small interface so node tests and browsers without the API behave predictably.
 *
 * persist(): asks the browser not to evict this origin's data under storage pressure
 * (Chrome grants it silently for installed / bookmarked / engaged sites; Firefox asks).
 * estimate(): bytes used and the origin's quota.
 */
import type { StorageUsage } from './errors.ts';

export interface StorageManagerLike {
  persist?(): Promise<boolean>;
  persisted?(): Promise<boolean>;
  estimate?(): Promise<StorageUsage>;
}

/** navigator.storage where it exists, else undefined. */
export function defaultStorageManager(): StorageManagerLike | undefined {
  const nav = (globalThis as { navigator?: { storage?: StorageManagerLike } }).navigator;
  return nav?.storage;
}

export type PersistenceState = 'persisted' | 'best-effort' | 'unsupported';

/**
 * Asks for persistent storage. 'persisted' when granted (or already granted),
 * 'best-effort' when refused (data may be evicted under pressure), 'unsupported'
 * when the browser has no StorageManager.
 */
export async function requestPersistence(
  storage: StorageManagerLike | undefined = defaultStorageManager()
): Promise<PersistenceState> {
  if (!storage?.persist) return 'unsupported';
  try {
    if (storage.persisted && (await storage.persisted())) return 'persisted';
    return (await storage.persist()) ? 'persisted' : 'best-effort';
  } catch {
    return 'best-effort';
  }
}

/** Bytes used and quota; fields are undefined when the browser cannot tell. */
export async function storageEstimate(
  storage: StorageManagerLike | undefined = defaultStorageManager()
): Promise<StorageUsage> {
  if (!storage?.estimate) return {};
  try {
    const { usage, quota } = await storage.estimate();
    return { usage, quota };
  } catch {
    return {};
  }
}
