/**
 * Writing notebooks in the app: copies of built-in notebooks get a slug of their own, errors
 * point at their line (and the editor can select that line), drafts survive in IndexedDB until
 * the notebook is saved, and the live preview shares one engine per baseline.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type LeverLabDb } from '$lib/data/db';
import { copySlug, copySource, exportFileName, freeSlug, lineRange, NEW_NOTEBOOK, sourceErrors } from '$lib/notebooks/authoring';
import { getDraft, listDrafts, removeDraft, saveDraft } from '$lib/notebooks/drafts';
import { enginePool } from '$lib/notebooks/engine-pool';
import { entryOf, bundledNotebooks } from '$lib/notebooks/library';
import { getImported, saveImported } from '$lib/notebooks/imported';
import { NotebookRuntime } from '$lib/notebooks/runtime';
import { parseNotebook } from '$lib/notebooks/parse';
import type { NotebookEngine } from '$lib/notebooks/runtime';
import { inProcessEngine } from './in-process-engine';

describe('slugs and files', () => {
  it('gives a copy a slug no notebook uses', () => {
    const taken = new Set(['03-pricing-churn', 'imported:03-pricing-churn-copy']);
    expect(copySlug('03-pricing-churn', taken)).toBe('imported:03-pricing-churn-copy-2');
    expect(copySlug('imported:mine', new Set())).toBe('imported:mine-copy');
    expect(freeSlug('My Notebook!', new Set())).toBe('imported:my-notebook');
    expect(exportFileName('imported:03-pricing-churn-copy-2')).toBe('03-pricing-churn-copy-2.md');
  });

  it('marks the copy’s title and leaves the rest of the notebook as it was', () => {
    const original = bundledNotebooks().find((e) => e.slug === '03-pricing-churn')!;
    const copy = copySource(original.source);
    const nb = parseNotebook(copy);
    expect(nb.meta.title).toBe(`${original.notebook.meta.title} (copy)`);
    expect(copy.split('\n').length).toBe(original.source.split('\n').length);
    expect(sourceErrors(copy)).toEqual([]);
  });
});

describe('errors with lines', () => {
  it('starts a new notebook from a template without errors', () => {
    expect(sourceErrors(NEW_NOTEBOOK)).toEqual([]);
  });

  it('names the line of each error, in line order, and the editor selects that line', () => {
    const lines = NEW_NOTEBOOK.split('\n');
    const at = lines.findIndex((l) => l.startsWith('levers.pricing.priceChange'));
    lines[at] = 'levers.pricing.priceChang = -10%';
    const kpiAt = lines.findIndex((l) => l.startsWith('```kpis'));
    lines[kpiAt] = '```kpis scenario=cut,nowhere kpis=clvPerNewCustomer```';
    const source = lines.join('\n');
    const errors = sourceErrors(source);
    expect(errors.map((e) => e.line)).toEqual([at + 1, kpiAt + 1]);
    expect(errors[0].message).toContain('levers.pricing.priceChang');
    expect(errors[1].message).toContain('scenario=nowhere');
    const r = lineRange(source, at + 1);
    expect(source.slice(r.start, r.end)).toBe('levers.pricing.priceChang = -10%');
    expect(lineRange(source, 1)).toEqual({ start: 0, end: 3 });
  });
});

describe('drafts and saving', () => {
  let db: LeverLabDb;
  beforeEach(async () => {
    db = await openDb(`authoring-${Math.random().toString(36).slice(2)}`);
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  it('keeps a draft apart from the saved notebook until it is saved', async () => {
    const slug = 'imported:my-notebook';
    await saveImported(db, entryOf(slug, NEW_NOTEBOOK, true));
    const edited = NEW_NOTEBOOK.replace('title: My notebook', 'title: Edited');
    await saveDraft(db, slug, edited);
    // a new connection, as after a reload
    const again = await openDb(db.name);
    try {
      expect((await getDraft(again, slug))?.source).toBe(edited);
      expect((await getImported(again, slug))?.notebook.meta.title).toBe('My notebook');
      await saveImported(again, entryOf(slug, edited, true));
      await removeDraft(again, slug);
      expect(await getDraft(again, slug)).toBeNull();
      expect((await getImported(again, slug))?.notebook.meta.title).toBe('Edited');
      // an unsaved new notebook holds its slug: the next new one is given another
      await saveDraft(again, 'imported:my-notebook-2', NEW_NOTEBOOK);
      const drafts = await listDrafts(again);
      expect(drafts.map((d) => d.slug)).toEqual(['imported:my-notebook-2']);
      expect(freeSlug('my-notebook', new Set([slug, ...drafts.map((d) => d.slug)]))).toBe('imported:my-notebook-3');
    } finally {
      again.close();
    }
  });
});

describe('enginePool', () => {
  it('gives notebooks parsed one after another the same engine for the same baseline', async () => {
    let created = 0;
    const pool = enginePool((): NotebookEngine => {
      created++;
      return inProcessEngine();
    });
    const nb = parseNotebook(NEW_NOTEBOOK);
    for (let i = 0; i < 3; i++) {
      const rt = new NotebookRuntime(nb, { createEngine: pool.createEngine });
      expect((await rt.settled('cut')).status).toBe('ok');
      rt.dispose();
    }
    expect(created).toBe(1);
    pool.dispose();
  });
});
