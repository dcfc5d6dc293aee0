/**
 * LeverLabDb: the Dexie 4 database of the browser data layer, and openDb().
 *
 * The platform sits behind options (an IndexedDB factory, a StorageManager, a clock),
 * so the same code runs in browsers and in node tests on fake-indexeddb.
 * Version changes are explicit: when this tab's upgrade is blocked by another tab
 * holding the old schema, `onBlocked` gets a readable message (the open resumes once
 * the other tab closes or reloads); when another tab upgrades or deletes the database,
 * this connection closes (so it never blocks that tab) and `onVersionChange` is told.
 */
import { Dexie, type Table } from 'dexie';
import {
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3,
  SCHEMA_V4,
  SCHEMA_V5,
  SCHEMA_V6,
  upgradeToV2,
  upgradeToV3
} from './schema.ts';
import {
  BLOCKED_MESSAGE,
  StorageError,
  UNAVAILABLE_MESSAGE,
  VERSION_CHANGE_MESSAGE,
  toStorageError
} from './errors.ts';
import { defaultStorageManager, storageEstimate, type StorageManagerLike } from './storage.ts';
import type {
  AnswersRecord,
  CustomerChunk,
  DatasetRecord,
  EvidenceRecord,
  FitRecord,
  ModelRecord,
  NotebookRecord,
  ScenarioRecord,
  SettingRecord,
  TransactionChunk
} from './records.ts';

export const DEFAULT_DB_NAME = 'lever-lab';

export interface DbOptions {
  /** IndexedDB factory; defaults to globalThis.indexedDB. Pass null to model a browser without one. */
  indexedDB?: IDBFactory | null;
  IDBKeyRange?: typeof IDBKeyRange;
  /** StorageManager for quota messages; defaults to navigator.storage */
  storage?: StorageManagerLike;
  /** clock for timestamps (ms since epoch); defaults to Date.now */
  now?: () => number;
  /** called when an upgrade waits for another tab that has the old version open */
  onBlocked?: (message: string) => void;
  /**
   * give up instead of waiting when the upgrade is blocked: openDb rejects with a StorageError
   * (code 'blocked'). For workers, which cannot show the onBlocked notice and must answer.
   */
  failWhenBlocked?: boolean;
  /** called after this connection was closed because another tab upgraded or deleted the database */
  onVersionChange?: (message: string) => void;
}

export class LeverLabDb extends Dexie {
  datasets!: Table<DatasetRecord, string>;
  customerChunks!: Table<CustomerChunk, [string, number]>;
  transactions!: Table<TransactionChunk, [string, number]>;
  fits!: Table<FitRecord, [string, string]>;
  scenarios!: Table<ScenarioRecord, string>;
  notebooks!: Table<NotebookRecord, string>;
  models!: Table<ModelRecord, string>;
  settings!: Table<SettingRecord, string>;
  evidence!: Table<EvidenceRecord, [string, string]>;
  answers!: Table<AnswersRecord, string>;

  readonly storage: StorageManagerLike | undefined;
  readonly now: () => number;

  constructor(name: string = DEFAULT_DB_NAME, options: DbOptions = {}) {
    const factory = 'indexedDB' in options ? options.indexedDB : (globalThis as { indexedDB?: IDBFactory }).indexedDB;
    if (!factory) throw new StorageError('unavailable', UNAVAILABLE_MESSAGE);
    const keyRange = options.IDBKeyRange ?? (globalThis as { IDBKeyRange?: typeof IDBKeyRange }).IDBKeyRange;
    super(name, { indexedDB: factory, IDBKeyRange: keyRange });
    this.storage = 'storage' in options ? options.storage : defaultStorageManager();
    this.now = options.now ?? Date.now;
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
    this.version(3).stores(SCHEMA_V3).upgrade(upgradeToV3);
    this.version(4).stores(SCHEMA_V4);
    this.version(5).stores(SCHEMA_V5);
    this.version(6).stores(SCHEMA_V6); // = CURRENT_SCHEMA_VERSION
    const { onBlocked, onVersionChange } = options;
    this.on('blocked', () => onBlocked?.(BLOCKED_MESSAGE));
    // Dexie's own subscriber closes the connection but would silently reopen it on the next
    // query, against a schema this code does not know. Close for good instead, so later calls
    // fail with DatabaseClosedError, which toStorageError explains ("reload this tab"); returning
    // false stops Dexie's default subscriber (its events run newest subscriber first).
    this.on('versionchange', () => {
      this.close({ disableAutoOpen: true });
      onVersionChange?.(VERSION_CHANGE_MESSAGE);
      return false;
    });
  }

  /** ISO timestamp from the injected clock. */
  isoNow(): string {
    return new Date(this.now()).toISOString();
  }

  /**
   * Runs a storage operation and rethrows any failure as a StorageError; a quota failure
   * is reported with the origin's usage and quota.
   */
  async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (err) {
      if (err instanceof StorageError) throw err;
      const translated = toStorageError(err);
      if (translated.code === 'quota') throw toStorageError(err, await storageEstimate(this.storage));
      throw translated;
    }
  }
}

/** Opens (creating or upgrading as needed) the Lever Lab database; failures are StorageErrors. */
export async function openDb(name: string = DEFAULT_DB_NAME, options: DbOptions = {}): Promise<LeverLabDb> {
  let db: LeverLabDb;
  try {
    db = new LeverLabDb(name, options);
  } catch (err) {
    throw toStorageError(err, undefined, true);
  }
  let blocked = false;
  if (options.failWhenBlocked) {
    db.on('blocked', () => {
      blocked = true;
      db.close();
    });
  }
  try {
    await db.open();
  } catch (err) {
    db.close();
    if (blocked) throw new StorageError('blocked', BLOCKED_MESSAGE, { cause: err });
    const translated = toStorageError(err, undefined, true);
    if (translated.code === 'quota') throw toStorageError(err, await storageEstimate(db.storage), true);
    throw translated;
  }
  return db;
}
