/** Drafts of notebooks being written (the `notebooks` table, slug `draft:<notebook slug>`). */
import { deleteNotebookState, getNotebookState, setNotebookState, type LeverLabDb } from '$lib/data/db';
import { DRAFT_PREFIX, isDraftState, type DraftState } from './authoring';

export async function getDraft(db: LeverLabDb, slug: string): Promise<DraftState | null> {
  const state = await getNotebookState(db, DRAFT_PREFIX + slug);
  return isDraftState(state) ? state : null;
}

export async function saveDraft(db: LeverLabDb, slug: string, source: string): Promise<void> {
  const state: DraftState = { kind: 'draft', version: 1, source, savedAt: db.isoNow() };
  await setNotebookState(db, DRAFT_PREFIX + slug, { ...state });
}

export async function removeDraft(db: LeverLabDb, slug: string): Promise<void> {
  await deleteNotebookState(db, DRAFT_PREFIX + slug);
}
