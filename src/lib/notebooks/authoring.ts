/**
 * Writing notebooks in the app: a copy of a built-in notebook to edit, a new one from a
 * template, the draft kept while a person types (so nothing is lost on reload) and the file
 * it exports as. The saved notebook is an imported one (library.ts, `imported:<name>`): it
 * exports as the same .md file the Notebooks page imports. Pure TypeScript.
 */
import { IMPORTED_PREFIX, slugOf } from './library.ts';
import { parseNotebook, allErrors } from './parse.ts';
import type { NotebookError } from './types.ts';
import { storedFields } from './stored-state.ts';

export const DRAFT_PREFIX = 'draft:';

/** A notebook's unsaved text, kept per slug. */
export interface DraftState {
  kind: 'draft';
  version: 1;
  source: string;
  savedAt: string;
}

export function isDraftState(v: unknown): v is DraftState {
  const o = storedFields(v, 'draft');
  return o !== null && typeof o.source === 'string';
}

/** A slug under `imported:` that no notebook uses yet: `imported:<stem>`, then `-2`, `-3` … */
export function freeSlug(stem: string, taken: ReadonlySet<string>): string {
  const base = slugOf(stem) || 'notebook';
  for (let n = 1; ; n++) {
    const slug = IMPORTED_PREFIX + (n === 1 ? base : `${base}-${n}`);
    if (!taken.has(slug)) return slug;
  }
}

/** The slug a copy of a notebook is saved under. */
export function copySlug(slug: string, taken: ReadonlySet<string>): string {
  return freeSlug(`${slug.replace(IMPORTED_PREFIX, '')}-copy`, taken);
}

/** The source of a copy: the same notebook, its title marked as a copy. */
export function copySource(source: string): string {
  return source.replace(/^(---\r?\n(?:[\s\S]*?\r?\n)?title:\s*)(.+)$/m, (_, head: string, title: string) => `${head}${title.replace(/^"(.*)"$/, '$1')} (copy)`);
}

/** The file a notebook exports as: its slug without the prefix, `.md`. */
export function exportFileName(slug: string): string {
  return `${slug.replace(IMPORTED_PREFIX, '') || 'notebook'}.md`;
}

/** Every error of a source, in line order (front matter, cells, references, inline expressions). */
export function sourceErrors(source: string): NotebookError[] {
  return allErrors(parseNotebook(source));
}

/** 0-based character offsets of a 1-based line (for moving the editor's cursor to an error). */
export function lineRange(source: string, line: number): { start: number; end: number } {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = source.indexOf('\n', start);
    if (nl < 0) return { start: source.length, end: source.length };
    start = nl + 1;
  }
  const nl = source.indexOf('\n', start);
  return { start, end: nl < 0 ? source.length : nl };
}

export const NEW_NOTEBOOK = `---
title: My notebook
summary: One or two sentences shown on the notebook card.
audience: teacher
dataset: sample:music
sources:
  - Fader, Hardie & Lee (2005), "Counting your customers" the easy way, Marketing Science 24(2).
---

## A first scenario

\`\`\`scenario id=cut
name = "Price cut"
levers.pricing.priceChange = -10%
\`\`\`

A price cut changes the CLV of a new customer from {{kpi clvPerNewCustomer scenario=baseline}}
to {{kpi clvPerNewCustomer scenario=cut}}.

\`\`\`lever scenario=cut path=levers.pricing.priceChange\`\`\`

\`\`\`kpis scenario=cut,baseline kpis=clvPerNewCustomer,churn1y\`\`\`
`;
