/**
 * The notebook components render every bundled notebook (Svelte server render in
 * node, before any answer of the engine worker has arrived: the cells that read an
 * outcome are pending) with no cell error in the markup; the print view renders answers
 * and lever values without sliders or buttons.
 */
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import NotebookView from '$lib/notebooks/components/NotebookView.svelte';
import { bundledNotebooks } from '$lib/notebooks/library';
import { parseNotebook } from '$lib/notebooks/parse';
import { inProcessEngine } from './in-process-engine';

const entries = bundledNotebooks();

describe('NotebookView', () => {
  it.each(entries.map((e) => [e.slug, e] as const))('renders %s with pending values and no cell errors', (_, e) => {
    const { body } = render(NotebookView, { props: { notebook: e.notebook, createEngine: inProcessEngine } });
    expect(body).not.toContain('cell-error');
    expect(body).toContain('class="nb-value nb-pending" aria-busy="true"');
    expect(body).toContain('the engine is projecting');
    expect(body).toContain('type="range"');
  });

  it('renders the print view with answers shown and lever values instead of sliders', () => {
    const e = entries.find((x) => x.notebook.blocks.some((b) => b.kind === 'question'))!;
    const { body } = render(NotebookView, { props: { notebook: e.notebook, printing: true, createEngine: inProcessEngine } });
    expect(body).not.toContain('type="range"');
    expect(body).not.toContain('Show the answer');
    expect(body).not.toMatch(/class="answer[^"]*"[^>]*hidden/);
  });

  it('shows a broken cell in place with its line and keeps rendering the rest', () => {
    const nb = parseNotebook('---\ntitle: t\n---\nBefore\n```kpis scenario=nope kpis=cac```\nAfter {{param r}}');
    const { body } = render(NotebookView, { props: { notebook: nb, createEngine: inProcessEngine } });
    expect(body).toContain('cell-error');
    expect(body).toContain('line 5:');
    expect(body).toContain('After <span class="nb-value" title="param r">0.243</span>');
  });
});
