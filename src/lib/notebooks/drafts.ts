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

/** The notebooks with a draft kept (slug and source), newest first: saved or not yet. */
export async function listDrafts(db: LeverLabDb): Promise<{ slug: string; source: string; savedAt: string }[]> {
  const rows = await db.guard(() => db.notebooks.where('slug').startsWith(DRAFT_PREFIX).toArray());
  return rows
    .flatMap((r) => (isDraftState(r.state) ? [{ slug: r.slug.slice(DRAFT_PREFIX.length), source: r.state.source, savedAt: r.state.savedAt }] : []))
    .sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}
