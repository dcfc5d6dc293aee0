/**
 * Where notebooks come from: the bundled ones in notebooks/*.md (Vite glob, raw
 * text), and the ones a reader imported from disk, validated by the parser and
 * kept in IndexedDB in the database's `notebooks` table under the slug
 * `imported:<name>` with state { kind: 'imported', source, title, importedAt }.
 */
import { parseNotebook, allErrors } from './parse.ts';
import type { Notebook, NotebookError } from './types.ts';
import { storedFields } from './stored-state.ts';

export interface NotebookEntry {
  slug: string;
  source: string;
  notebook: Notebook;
  imported: boolean;
}

export const IMPORTED_PREFIX = 'imported:';
/** Largest notebook accepted from disk, bytes. */
export const MAX_NOTEBOOK_BYTES = 512 * 1024;

/** Slug of a notebook file name: `03-pricing-churn.md` -> `03-pricing-churn`. */
export function slugOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base
    .replace(/\.md$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

export function entryOf(slug: string, source: string, imported: boolean): NotebookEntry {
  return { slug, source, notebook: parseNotebook(source), imported };
}

/** The notebooks shipped with the app, in file-name order. */
export function bundledNotebooks(): NotebookEntry[] {
  const files = import.meta.glob<string>('/notebooks/*.md', { query: '?raw', import: 'default', eager: true });
  return Object.keys(files)
    .sort()
    .map((path) => entryOf(slugOf(path), files[path], false));
}

/**
 * Validate a notebook file from disk. Accepts it only when it parses without
 * errors (so a broken file is explained at import, not at reading time).
 */
export function validateImport(fileName: string, text: string): { ok: true; entry: NotebookEntry } | { ok: false; errors: NotebookError[] } {
  if (!/\.md$/i.test(fileName)) return { ok: false, errors: [{ line: 1, message: `${fileName}: not a .md file` }] };
  if (text.length > MAX_NOTEBOOK_BYTES) return { ok: false, errors: [{ line: 1, message: `${fileName}: ${text.length} characters (at most ${MAX_NOTEBOOK_BYTES})` }] };
  const slug = slugOf(fileName);
  if (!slug) return { ok: false, errors: [{ line: 1, message: `${fileName}: no usable name` }] };
  const entry = entryOf(IMPORTED_PREFIX + slug, text, true);
  const errors = allErrors(entry.notebook);
  return errors.length ? { ok: false, errors } : { ok: true, entry };
}

/** The JSON stored for an imported notebook. */
export interface ImportedState {
  kind: 'imported';
  version: 1;
  title: string;
  source: string;
  importedAt: string;
}

export function isImportedState(v: unknown): v is ImportedState {
  const o = storedFields(v, 'imported');
  return o !== null && typeof o.source === 'string' && typeof o.title === 'string';
}
