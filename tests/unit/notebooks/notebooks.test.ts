/**
 * Every notebook in notebooks/ parses without errors, every cell evaluates with
 * the scenario engine (its worker's client and handler, in process), every inline expression has a value, and the numbers in
 * the prose that describe model outputs are inline expressions, not typed.
 * (Figures quoted from the literature or the seeds go in blockquotes, marked illustrative.)
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Lexer, type Token } from 'marked';
import { parseNotebook, allErrors } from '$lib/notebooks/parse';
import { NotebookRuntime } from '$lib/notebooks/runtime';
import { findInline, INLINE_RE } from '$lib/notebooks/inline';
import { bundledNotebooks } from '$lib/notebooks/library';
import { inProcessEngine } from './in-process-engine';

const DIR = join(process.cwd(), 'notebooks');
const files = readdirSync(DIR).filter((f) => f.endsWith('.md')).sort();
const notebooks = files.map((f) => ({ file: f, nb: parseNotebook(readFileSync(join(DIR, f), 'utf8')) }));

/** Text of prose tokens a reader sees as the lesson's own statements (not quotes, not code). */
function statementText(tokens: Token[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    if (t.type === 'blockquote' || t.type === 'code' || t.type === 'codespan') continue;
    if ('tokens' in t && Array.isArray(t.tokens) && t.tokens.length) out.push(...statementText(t.tokens));
    else if (t.type === 'list') for (const it of t.items) out.push(...statementText(it.tokens));
    else if (t.type === 'table') {
      for (const c of [...t.header, ...t.rows.flat()]) out.push(...statementText(c.tokens));
    } else if ('text' in t && typeof t.text === 'string') out.push(t.text);
  }
  return out;
}

/** Percentages, currency amounts and decimal numbers: the forms a model output takes. */
const TYPED_OUTPUT = /\d\s*%|[$€£]\s*\d|\b\d+\.\d+\b/;

describe('the notebook library', () => {
  it('holds at least six notebooks, each with a title, summary and sources', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const { file, nb } of notebooks) {
      expect(nb.meta.title, file).not.toBe('Untitled notebook');
      expect(nb.meta.summary.length, file).toBeGreaterThan(20);
      expect(nb.meta.sources.length, file).toBeGreaterThanOrEqual(2);
    }
  });

  it('covers both audiences: lessons with questions for teachers and a consultant template', () => {
    const teacher = notebooks.filter(({ nb }) => nb.meta.audience === 'teacher');
    expect(teacher.length).toBeGreaterThanOrEqual(5);
    for (const { file, nb } of teacher) expect(nb.blocks.some((b) => b.kind === 'question'), file).toBe(true);
    expect(notebooks.some(({ nb }) => nb.meta.audience === 'consultant')).toBe(true);
  });

  it('is what the app bundles (the Vite glob lists the same files)', () => {
    expect(bundledNotebooks().map((e) => `${e.slug}.md`)).toEqual(files);
  });
});

describe.each(notebooks)('$file', ({ nb }) => {
  const rt = new NotebookRuntime(nb, { createEngine: inProcessEngine });
  afterAll(() => rt.dispose());

  it('parses without errors', () => {
    expect(allErrors(nb)).toEqual([]);
  });

  it('has scenarios, a chart, a KPI table and a lever the reader can move', () => {
    const kinds = new Set(nb.blocks.map((b) => b.kind));
    for (const k of ['scenario', 'chart', 'kpis', 'lever'] as const) expect(kinds.has(k), k).toBe(true);
  });

  it('evaluates every scenario a cell reads with the engine, to finite KPIs', async () => {
    const ids = new Set<string>();
    for (const b of nb.blocks) {
      if (b.kind === 'chart' || b.kind === 'kpis') b.scenarios.forEach((s) => ids.add(s));
      if (b.kind === 'lever' || b.kind === 'scenario') ids.add(b.kind === 'lever' ? b.scenario : b.id);
    }
    for (const id of ids) {
      const r = await rt.settled(id);
      expect(r.status, `${id}: ${r.status === 'error' ? r.errors.map((e) => e.message).join('; ') : ''}`).toBe('ok');
      if (r.status === 'ok') expect(Number.isFinite(r.outcome.kpis.clvPerNewCustomer), id).toBe(true);
    }
  });

  it('moves every lever cell across its range without errors', async () => {
    for (const b of nb.blocks) {
      if (b.kind !== 'lever') continue;
      for (const v of [b.min, b.max]) {
        const r = await rt.settled(b.scenario, { [b.scenario]: { [b.path]: v } });
        expect(r.status, `${b.scenario} ${b.path}=${v}`).toBe('ok');
      }
    }
  });

  it('gives every inline expression a value', async () => {
    for (const b of nb.blocks) {
      const texts = b.kind === 'prose' ? [b.markdown] : b.kind === 'question' ? [b.question, b.answer] : [];
      for (const m of texts.flatMap(findInline)) {
        expect(m.error, m.source).toBeNull();
        const v = await rt.inlineSettled(m.expr!);
        expect(v, m.source).toMatch(/\d/);
      }
    }
  });

  it('types no model output into its prose: percentages, amounts and decimals come from inline expressions', () => {
    for (const b of nb.blocks) {
      const texts = b.kind === 'prose' ? [b.markdown] : b.kind === 'question' ? [b.question, b.answer] : [];
      for (const text of texts) {
        const stripped = text.replace(INLINE_RE, '⟨value⟩');
        for (const s of statementText(new Lexer({ gfm: true }).lex(stripped))) expect(s, `line ${b.line}`).not.toMatch(TYPED_OUTPUT);
      }
    }
  });
});
