/** Per-notebook saved state (plain JSON), keyed by the notebook's slug. */
import type { LeverLabDb } from './database.ts';
import type { JsonValue, NotebookRecord } from './records.ts';

export async function getNotebookState(db: LeverLabDb, slug: string): Promise<JsonValue | undefined> {
  const row = await db.guard(() => db.notebooks.get(slug));
  return row?.state;
}

export async function setNotebookState(db: LeverLabDb, slug: string, state: JsonValue): Promise<NotebookRecord> {
  if (slug.length === 0) throw new TypeError('invalid notebook slug: "" (must not be empty)');
  const record: NotebookRecord = { slug, state, updatedAt: db.isoNow() };
  await db.guard(() => db.notebooks.put(record));
  return record;
}

export async function deleteNotebookState(db: LeverLabDb, slug: string): Promise<void> {
  await db.guard(() => db.notebooks.delete(slug));
}
