/**
 * Notebook bindings in IndexedDB (the `notebooks` table, slug `binding:<notebook slug>`). The
 * caller passes the connection (in the app: the one from `$lib/ui/app-db`).
 */
import { deleteNotebookState, getNotebookState, setNotebookState, type LeverLabDb } from '$lib/data/db';
import { BINDING_PREFIX, bindingState, isBindingState, type BindingState } from './binding';

export async function getBinding(db: LeverLabDb, slug: string): Promise<BindingState | null> {
  const state = await getNotebookState(db, BINDING_PREFIX + slug);
  return isBindingState(state) ? state : null;
}

export async function saveBinding(db: LeverLabDb, slug: string, datasetId: string, datasetName: string): Promise<BindingState> {
  const state = bindingState(datasetId, datasetName, db.isoNow());
  await setNotebookState(db, BINDING_PREFIX + slug, { ...state });
  return state;
}

export async function removeBinding(db: LeverLabDb, slug: string): Promise<void> {
  await deleteNotebookState(db, BINDING_PREFIX + slug);
}
