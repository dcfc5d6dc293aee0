/** Small app settings (theme, last dataset, persistence asked ...) as JSON values by key. */
import type { LeverLabDb } from './database.ts';
import type { JsonValue } from './records.ts';

export async function getSetting<T extends JsonValue>(db: LeverLabDb, key: string, fallback: T): Promise<T> {
  const row = await db.guard(() => db.settings.get(key));
  return row === undefined ? fallback : (row.value as T);
}

export async function setSetting(db: LeverLabDb, key: string, value: JsonValue): Promise<void> {
  await db.guard(() => db.settings.put({ key, value }));
}
