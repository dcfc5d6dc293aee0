/**
 * A reader's answers to a notebook's graded questions: what they answered, whether it was
 * right, the notebook's score, and the JSON file a student hands in. KPI-based questions are
 * checked on the notebook's engine worker (the runtime's batch lane), for the scenarios as
 * written. Answers are kept through an AnswerStore (IndexedDB in the app, given by the route,
 * since notebooks do not import the UI), keyed by the notebook's slug.
 */
import { checkAnswer, gradeKpi, gradeScenarios, nowIso, scoreOf, type GradeResult, type GradedResponse } from './grading.ts';
import type { NotebookRuntime } from './runtime.ts';
import type { Notebook, QuestionCell } from './types.ts';

export interface CheckedAnswer extends GradeResult {
  response: GradedResponse;
  checkedAt: string;
  /** how many times the question was checked */
  attempts: number;
}

/** What is saved per notebook. */
export interface SavedAnswers {
  student: string;
  answers: Record<string, CheckedAnswer>;
}

export interface AnswerStore {
  load(key: string): Promise<SavedAnswers | null>;
  save(key: string, saved: SavedAnswers): Promise<void>;
}

export const ANSWERS_KIND = 'lever-lab-answers';

export interface AnswersFile {
  kind: typeof ANSWERS_KIND;
  v: 1;
  notebook: { key: string; title: string };
  student: string;
  exportedAt: string;
  score: { correct: number; answered: number; graded: number };
  answers: {
    id: string;
    line: number;
    question: string;
    type: string;
    response: GradedResponse | null;
    correct: boolean | null;
    expected: string | null;
    checkedAt: string | null;
    attempts: number;
  }[];
}

export function gradedQuestions(nb: Notebook): (QuestionCell & { grade: NonNullable<QuestionCell['grade']>; qid: string })[] {
  return nb.blocks.filter((b): b is QuestionCell & { grade: NonNullable<QuestionCell['grade']>; qid: string } => b.kind === 'question' && !!b.grade && b.errors.length === 0 && !!b.qid);
}

export class AnswerSheet {
  answers: Record<string, CheckedAnswer> = $state({});
  student = $state('');
  /** questions being checked (their KPIs on their way from the engine) */
  checking: Record<string, boolean> = $state({});
  errors: Record<string, string> = $state({});
  saveError = $state('');
  #store: AnswerStore | null = null;
  #key = '';

  constructor(
    readonly notebook: Notebook,
    private readonly runtime: NotebookRuntime
  ) {}

  /** Loads the saved answers of `key` and saves every later change there. */
  async attach(store: AnswerStore, key: string): Promise<void> {
    this.#store = store;
    this.#key = key;
    try {
      const saved = await store.load(key);
      if (saved && this.#key === key) {
        this.answers = { ...saved.answers, ...this.answers };
        if (!this.student) this.student = saved.student;
      }
    } catch (e) {
      this.saveError = `Saved answers could not be read: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  get score(): { correct: number; answered: number; graded: number } {
    return scoreOf(gradedQuestions(this.notebook).map((q) => this.answers[q.qid]));
  }

  async check(cell: QuestionCell, response: GradedResponse): Promise<void> {
    const grade = cell.grade;
    const id = cell.qid;
    if (!grade || !id) return;
    this.checking[id] = true;
    delete this.errors[id];
    try {
      const kpi = gradeKpi(grade);
      const kpis: Record<string, number | null> = {};
      if (kpi)
        for (const s of gradeScenarios(grade)) {
          const r = await this.runtime.settled(s);
          if (r.status === 'error') throw new Error(r.errors.map((e) => e.message).join('; '));
          kpis[s] = r.outcome.kpis[kpi] ?? null;
        }
      const result = checkAnswer(grade, response, kpis);
      this.answers[id] = { ...result, response, checkedAt: nowIso(), attempts: (this.answers[id]?.attempts ?? 0) + 1 };
      await this.persist();
    } catch (e) {
      this.errors[id] = e instanceof Error ? e.message : String(e);
    } finally {
      this.checking[id] = false;
    }
  }

  async setStudent(name: string): Promise<void> {
    this.student = name;
    await this.persist();
  }

  async clear(): Promise<void> {
    this.answers = {};
    await this.persist();
  }

  async persist(): Promise<void> {
    if (!this.#store) return;
    try {
      await this.#store.save(this.#key, JSON.parse(JSON.stringify({ student: this.student, answers: this.answers })) as SavedAnswers);
      this.saveError = '';
    } catch (e) {
      this.saveError = `Answers could not be saved in this browser: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  /** The file a student hands in: every graded question with the answer given (or none). */
  toFile(exportedAt = nowIso()): AnswersFile {
    const plain = JSON.parse(JSON.stringify(this.answers)) as Record<string, CheckedAnswer>;
    return {
      kind: ANSWERS_KIND,
      v: 1,
      notebook: { key: this.#key, title: this.notebook.meta.title },
      student: this.student.trim(),
      exportedAt,
      score: this.score,
      answers: gradedQuestions(this.notebook).map((q) => {
        const a = plain[q.qid];
        return {
          id: q.qid,
          line: q.line,
          question: q.question,
          type: q.grade.type,
          response: a?.response ?? null,
          correct: a ? a.correct : null,
          expected: a ? a.expected : null,
          checkedAt: a?.checkedAt ?? null,
          attempts: a?.attempts ?? 0
        };
      })
    };
  }
}
