/**
 * Imported notebooks in IndexedDB (engineer C's `notebooks` table, through the
 * app's one connection). Browser only.
 */
import { appDb } from '$lib/ui/app-db';
import { getNotebookState, setNotebookState, deleteNotebookState } from '$lib/data/db';
import { IMPORTED_PREFIX, entryOf, isImportedState, type ImportedState, type NotebookEntry } from './library';

export async function listImported(): Promise<NotebookEntry[]> {
  const db = await appDb();
  const rows = await db.guard(() => db.notebooks.where('slug').startsWith(IMPORTED_PREFIX).toArray());
  return rows.flatMap((r) => (isImportedState(r.state) ? [entryOf(r.slug, r.state.source, true)] : []));
}

export async function getImported(slug: string): Promise<NotebookEntry | null> {
  const db = await appDb();
  const state = await getNotebookState(db, slug);
  return isImportedState(state) ? entryOf(slug, state.source, true) : null;
}

export async function saveImported(entry: NotebookEntry): Promise<void> {
  const db = await appDb();
  const state: ImportedState = { kind: 'imported', version: 1, title: entry.notebook.meta.title, source: entry.source, importedAt: new Date().toISOString() };
  await setNotebookState(db, entry.slug, { ...state });
}

export async function removeImported(slug: string): Promise<void> {
  const db = await appDb();
  await deleteNotebookState(db, slug);
}
