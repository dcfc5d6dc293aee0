import { afterEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import {
  openDb,
  saveDataset,
  getDataset,
  toStorageError,
  isQuotaError,
  formatBytes,
  StorageError,
  requestPersistence,
  storageEstimate,
  type LeverLabDb
} from '$lib/data/db';
import { freshName, meta, summaries, table } from './fixtures';

const opened: LeverLabDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('quota errors', () => {
  it('recognises QuotaExceededError directly and wrapped by Dexie', () => {
    expect(isQuotaError(quota())).toBe(true);
    expect(isQuotaError(new Dexie.AbortError('Transaction aborted', quota()))).toBe(true);
    expect(isQuotaError(new DOMException('no', 'NotFoundError'))).toBe(false);
  });

  it('formats sizes in decimal units as browsers report quotas', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1_536)).toBe('1.5 KB');
    expect(formatBytes(1.9e9)).toBe('1.9 GB');
    expect(formatBytes(250e6)).toBe('250 MB');
  });

  it('turns a quota failure during saveDataset into a readable message with usage and quota, and saves nothing', async () => {
    const db = await openDb(freshName('quota'), {
      storage: { estimate: async () => ({ usage: 1.9e9, quota: 2e9 }) }
    });
    opened.push(db);
    db.customerChunks.hook('creating', () => {
      throw quota();
    });
    const failure = await saveDataset(db, meta('d1'), table(), summaries()).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as StorageError).code).toBe('quota');
    expect((failure as StorageError).message).toBe(
      "Your browser's storage for this site is full (used 1.9 GB of 2.0 GB). Delete a dataset on the Data page or free disk space, then try again."
    );
    expect(await getDataset(db, 'd1')).toBeUndefined();
    expect(await db.transactions.count()).toBe(0);
  });

  it('still explains a quota failure when the browser cannot estimate usage', () => {
    const e = toStorageError(quota(), {});
    expect(e.message).toMatch(/^Your browser's storage for this site is full\. Delete a dataset/);
  });
});

describe('missing or unusable IndexedDB', () => {
  it('says storage is unavailable when the browser has no IndexedDB', async () => {
    const failure = await openDb(freshName(), { indexedDB: null }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as StorageError).code).toBe('unavailable');
    expect((failure as StorageError).message).toMatch(/private-browsing/);
  });

  it('says storage is unavailable when opening throws InvalidStateError (old Firefox private mode)', async () => {
    const factory = {
      open() {
        throw new DOMException(
          'A mutation operation was attempted on a database that did not allow mutations.',
          'InvalidStateError'
        );
      },
      deleteDatabase() {
        throw new DOMException('no', 'InvalidStateError');
      },
      cmp: indexedDB.cmp.bind(indexedDB),
      databases: async () => []
    } as unknown as IDBFactory;
    const failure = await openDb(freshName(), { indexedDB: factory }).catch((e: unknown) => e);
    expect((failure as StorageError).code).toBe('unavailable');
  });

  it('passes unknown failures on with the browser text attached', () => {
    const e = toStorageError(new DOMException('disk on fire', 'UnknownError'));
    expect(e.code).toBe('unknown');
    expect(e.message).toMatch(/disk on fire/);
  });

  it('explains a VersionError as data from a newer Lever Lab', () => {
    expect(toStorageError(new Dexie.VersionError('bad version')).code).toBe('version');
  });
});

describe('StorageManager seam', () => {
  it('asks for persistence only when it is not granted already', async () => {
    let asked = 0;
    const granted = { persisted: async () => true, persist: async () => (asked++, true) };
    expect(await requestPersistence(granted)).toBe('persisted');
    expect(asked).toBe(0);
    expect(await requestPersistence({ persisted: async () => false, persist: async () => false })).toBe('best-effort');
    expect(await requestPersistence(undefined)).toBe('unsupported');
  });

  it('returns usage and quota, or nothing when the browser cannot tell', async () => {
    expect(await storageEstimate({ estimate: async () => ({ usage: 10, quota: 100 }) })).toEqual({
      usage: 10,
      quota: 100
    });
    expect(await storageEstimate({ estimate: async () => Promise.reject(new Error('no')) })).toEqual({});
    expect(await storageEstimate(undefined)).toEqual({});
  });
});
