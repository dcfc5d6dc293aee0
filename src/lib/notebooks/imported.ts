/**
 * Imported notebooks in IndexedDB (the `notebooks` table). The caller passes the
 * connection (in the app: the one from `$lib/ui/app-db`), so this layer needs no UI.
 */
import { getNotebookState, setNotebookState, deleteNotebookState, type LeverLabDb } from '$lib/data/db';
import { IMPORTED_PREFIX, entryOf, isImportedState, type ImportedState, type NotebookEntry } from './library';

export async function listImported(db: LeverLabDb): Promise<NotebookEntry[]> {
  const rows = await db.guard(() => db.notebooks.where('slug').startsWith(IMPORTED_PREFIX).toArray());
  return rows.flatMap((r) => (isImportedState(r.state) ? [entryOf(r.slug, r.state.source, true)] : []));
}

export async function getImported(db: LeverLabDb, slug: string): Promise<NotebookEntry | null> {
  const state = await getNotebookState(db, slug);
  return isImportedState(state) ? entryOf(slug, state.source, true) : null;
}

export async function saveImported(db: LeverLabDb, entry: NotebookEntry): Promise<void> {
  const state: ImportedState = { kind: 'imported', version: 1, title: entry.notebook.meta.title, source: entry.source, importedAt: new Date().toISOString() };
  await setNotebookState(db, entry.slug, { ...state });
}

export async function removeImported(db: LeverLabDb, slug: string): Promise<void> {
  await deleteNotebookState(db, slug);
}
