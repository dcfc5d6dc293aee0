/**
 * Importing a notebook from disk: only valid .md files are accepted, with every
 * error and its line returned otherwise.
 */
import { describe, expect, it } from 'vitest';
import { slugOf, validateImport, isImportedState, IMPORTED_PREFIX, MAX_NOTEBOOK_BYTES } from '$lib/notebooks/library';

const good = '---\ntitle: Mine\nsummary: A test notebook\n---\n```scenario id=a\n```\nCLV {{kpi clvPerNewCustomer scenario=a}}\n';

describe('notebook import', () => {
  it('derives a URL-safe slug from the file name', () => {
    expect(slugOf('C:\\Users\\me\\My Lesson (v2).md')).toBe('my-lesson-v2');
    expect(slugOf('/notebooks/03-pricing-churn.md')).toBe('03-pricing-churn');
  });

  it('accepts a valid notebook under the imported: prefix', () => {
    const r = validateImport('mine.md', good);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.entry).toMatchObject({ slug: `${IMPORTED_PREFIX}mine`, imported: true, notebook: { meta: { title: 'Mine' } } });
  });

  it('refuses a notebook with errors and says which line is wrong', () => {
    const r = validateImport('bad.md', good.replace('```scenario id=a\n```', '```scenario id=a\nlevers.pricing.priceChange = lots\n```'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([{ line: 6, message: expect.stringContaining('levers.pricing.priceChange: "lots"') }]);
  });

  it('refuses other file types and files above the size limit', () => {
    expect(validateImport('x.html', good).ok).toBe(false);
    const r = validateImport('big.md', good + 'x'.repeat(MAX_NOTEBOOK_BYTES));
    expect(!r.ok && r.errors[0].message).toContain('at most');
  });

  it('recognises only well-formed stored state', () => {
    expect(isImportedState({ kind: 'imported', version: 1, title: 't', source: 's', importedAt: 'now' })).toBe(true);
    expect(isImportedState({ kind: 'imported', version: 2, title: 't', source: 's' })).toBe(false);
    expect(isImportedState(null)).toBe(false);
  });
});
