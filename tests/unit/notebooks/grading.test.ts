/**
 * Graded questions: parsing of the three forms, checking against tolerances and against
 * the engine (the winner and the KPI computed independently on this thread), the score,
 * and the answers kept through a store and exported as the file a student hands in.
 */
import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { parseNotebook, allErrors } from '$lib/notebooks/parse';
import { checkAnswer, type Grade } from '$lib/notebooks/grading';
import { NotebookState } from '$lib/notebooks/state.svelte';
import { ANSWERS_KIND, type AnswerStore, type SavedAnswers } from '$lib/notebooks/answers.svelte';
import { baselineSpecFor } from '$lib/notebooks/runtime';
import { evaluateScenario, prepareBaseline } from '$lib/model/scenario/engine/index';
import type { QuestionCell } from '$lib/notebooks/types';
import { openDb, getAnswers, setAnswers, CURRENT_SCHEMA_VERSION } from '$lib/data/db';
import { inProcessEngine } from './in-process-engine';

const source = [
  '---',
  'title: Graded',
  '---',
  '```scenario id=cut',
  'levers.pricing.priceChange = -10%',
  '```',
  '```scenario id=rise',
  'levers.pricing.priceChange = 10%',
  '```',
  '```question grade=wins scenario=cut,rise kpi=newCustomers id=wins',
  'Which brings more new customers?',
  'answer:',
  'The cheaper one.',
  '```',
  '```question grade=number kpi=retention1y scenario=cut tolerance=0.5 percent=true id=ret',
  'One-year retention, in percent?',
  'answer:',
  'Read the table.',
  '```',
  '```question grade=choice id=pick',
  'Which is a lever?',
  '- [x] List price change',
  '- [ ] The discount rate',
  'answer:',
  'Price is a lever.',
  '```',
  '```question',
  'An open question.',
  'answer:',
  'Talk about it.',
  '```'
].join('\n');

const questions = (src: string) => parseNotebook(src).blocks.filter((b): b is QuestionCell => b.kind === 'question');

describe('parsing graded questions', () => {
  it('reads the three forms and leaves open questions ungraded', () => {
    const nb = parseNotebook(source);
    expect(allErrors(nb)).toEqual([]);
    const [wins, num, choice, open] = questions(source);
    expect(wins.grade).toEqual({ type: 'wins', scenarios: ['cut', 'rise'], kpi: 'newCustomers' });
    expect(num.grade).toEqual({ type: 'number', expected: { kpi: 'retention1y', scenario: 'cut' }, tolerance: 0.5, relative: false, percent: true });
    expect(choice.grade).toEqual({ type: 'choice', options: ['List price change', 'The discount rate'], correct: [0] });
    expect(choice.question).toBe('Which is a lever?'); // the options are not part of the question text
    expect(open.grade).toBeNull();
    expect(open.qid).toBe(`line-${open.line}`);
  });

  it('names what is wrong, with the line', () => {
    const bad = [
      '---',
      'title: Bad',
      '---',
      '```question grade=number answer=abc',
      'Q?',
      'answer:',
      'A.',
      '```',
      '```question grade=choice',
      'Q?',
      '- [ ] one',
      '- [ ] two',
      'answer:',
      'A.',
      '```',
      '```question grade=wins scenario=nope,baseline kpi=customerEquity',
      'Q?',
      'answer:',
      'A.',
      '```',
      '```question grade=guess',
      'Q?',
      'answer:',
      'A.',
      '```'
    ].join('\n');
    const msgs = allErrors(parseNotebook(bad)).map((e) => `${e.line}: ${e.message}`);
    expect(msgs).toContain('4: question: tolerance=(missing) (a number >= 0, or a percentage like 2%)');
    expect(msgs).toContain('4: question: answer=abc (must be a number)');
    expect(msgs).toContain('9: question: grade=choice: no option is marked right ("- [x] ...")');
    expect(msgs.some((m) => m.startsWith('16: question: scenario=nope (no scenario cell with that id'))).toBe(true);
    expect(msgs).toContain('21: question: grade=guess (one of number, choice, wins)');
  });
});

describe('checking an answer', () => {
  const fixed: Grade = { type: 'number', expected: { value: 12.5 }, tolerance: 0.5, relative: false, percent: false };
  it('accepts a number within the tolerance, at its edge, and refuses one beyond it', () => {
    expect(checkAnswer(fixed, { type: 'number', value: 12.9 }).correct).toBe(true);
    expect(checkAnswer(fixed, { type: 'number', value: 13 }).correct).toBe(true);
    expect(checkAnswer(fixed, { type: 'number', value: 13.01 }).correct).toBe(false);
    expect(checkAnswer(fixed, { type: 'number', value: 12 }).expected).toBe('12.5 (± 0.5)');
    const rel: Grade = { ...fixed, tolerance: 2, relative: true };
    expect(checkAnswer(rel, { type: 'number', value: 12.75 }).correct).toBe(true); // 2% of 12.5 = 0.25
    expect(checkAnswer(rel, { type: 'number', value: 12.76 }).correct).toBe(false);
  });

  it('needs exactly the right options', () => {
    const g: Grade = { type: 'choice', options: ['a', 'b', 'c'], correct: [0, 2] };
    expect(checkAnswer(g, { type: 'choice', picked: [2, 0] }).correct).toBe(true);
    expect(checkAnswer(g, { type: 'choice', picked: [0] }).correct).toBe(false);
    expect(checkAnswer(g, { type: 'choice', picked: [0, 1, 2] }).correct).toBe(false);
  });

  it('picks the winner by the direction of the KPI', () => {
    const hi: Grade = { type: 'wins', scenarios: ['a', 'b'], kpi: 'customerEquity' };
    const lo: Grade = { type: 'wins', scenarios: ['a', 'b'], kpi: 'cac' };
    const kpis = { a: 10, b: 20 };
    expect(checkAnswer(hi, { type: 'wins', picked: 'b' }, kpis).correct).toBe(true);
    expect(checkAnswer(lo, { type: 'wins', picked: 'a' }, kpis).correct).toBe(true);
    expect(checkAnswer(lo, { type: 'wins', picked: 'b' }, kpis).expected).toBe('a');
    expect(checkAnswer(hi, { type: 'wins', picked: 'a' }, { a: 5, b: null }).correct).toBe(true); // no value cannot win
  });
});

describe('answers on the engine, the score and the file', () => {
  it('checks against the engine, keeps the answers through the store and exports them', async () => {
    const nb = parseNotebook(source);
    const saved = new Map<string, SavedAnswers>();
    const store: AnswerStore = {
      load: async (k) => saved.get(k) ?? null,
      save: async (k, v) => void saved.set(k, structuredClone(v))
    };
    const state = new NotebookState(nb, undefined, inProcessEngine);
    await state.graded.attach(store, 'graded');
    const [wins, num, choice] = questions(source);

    // the truth, computed on this thread from the same baseline without the worker protocol
    const base = prepareBaseline(baselineSpecFor('sample:music'));
    const kpi = (id: string) => evaluateScenario(base, state.scenario(id)!).kpis;
    const winner = kpi('cut').newCustomers! > kpi('rise').newCustomers! ? 'cut' : 'rise';
    expect(winner).toBe('cut'); // a lower price converts more prospects (negative price elasticity in the registry)
    const loser = winner === 'cut' ? 'rise' : 'cut';
    const retention = kpi('cut').retention1y! * 100;

    await state.graded.check(wins, { type: 'wins', picked: loser });
    expect(state.graded.answers.wins.correct).toBe(false);
    expect(state.graded.answers.wins.expected).toBe(winner);
    await state.graded.check(wins, { type: 'wins', picked: winner });
    expect(state.graded.answers.wins).toMatchObject({ correct: true, attempts: 2 });
    await state.graded.check(num, { type: 'number', value: Number((retention + 0.4).toFixed(2)) });
    expect(state.graded.answers.ret.correct).toBe(true);
    await state.graded.check(choice, { type: 'choice', picked: [1] });
    expect(state.graded.score).toEqual({ correct: 2, answered: 3, graded: 3 });

    await state.graded.setStudent('Ada');
    // a new visit reads them back
    const again = new NotebookState(nb, undefined, inProcessEngine);
    await again.graded.attach(store, 'graded');
    expect(again.graded.score).toEqual({ correct: 2, answered: 3, graded: 3 });
    expect(again.graded.student).toBe('Ada');

    const file = again.graded.toFile('2026-12-03T12:00:00Z');
    expect(file).toMatchObject({ kind: ANSWERS_KIND, v: 1, student: 'Ada', notebook: { key: 'graded', title: 'Graded' }, score: { correct: 2, graded: 3 } });
    expect(file.answers.map((a) => [a.id, a.correct])).toEqual([
      ['wins', true],
      ['ret', true],
      ['pick', false]
    ]);
    expect(JSON.parse(JSON.stringify(file))).toEqual(file);
    state.dispose();
    again.dispose();
  });

  it('keeps answers in the IndexedDB answers table (schema v6)', async () => {
    const db = await openDb(`answers-${Math.random()}`, { storage: undefined });
    expect(CURRENT_SCHEMA_VERSION).toBe(6);
    expect(db.verno).toBe(6);
    await setAnswers(db, 'nb', { student: 'Ben', answers: { q: { correct: true } } });
    expect(await getAnswers(db, 'nb')).toMatchObject({ key: 'nb', student: 'Ben', answers: { q: { correct: true } } });
    await expect(setAnswers(db, '', { student: '', answers: {} })).rejects.toThrow(/must not be empty/);
    db.close();
  });
});
