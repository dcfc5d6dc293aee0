/**
 * Graded questions: a question cell with `grade=` is checked, not only revealed.
 *
 *   ```question grade=number answer=2.5 tolerance=0.1          a number within ± tolerance
 *   ```question grade=number kpi=retention1y scenario=a tolerance=1 percent=true
 *                                                              the number is a KPI from the engine
 *   ```question grade=choice                                   options as "- [x] right" / "- [ ] wrong"
 *   ```question grade=wins scenario=a,b,c kpi=customerEquity   which scenario is best on that KPI
 *
 * `tolerance=` is absolute in the units the reader types, or relative with a % sign
 * (`tolerance=2%`); `percent=true` means the reader types a share as a percentage. KPI-based
 * expectations (grade=number with kpi=, grade=wins) are computed by the engine worker for
 * the scenarios as written (the levers a reader moved do not change the expected answer).
 *
 * Pure: parsing, checking and scoring take numbers, never an engine.
 */
import { KPI_IDS, type KpiId } from '../model/scenario/scenario-types.ts';
import { kpiById } from '../model/scenario/engine/kpis.ts';

export type Grade =
  | {
      type: 'number';
      /** a fixed number, or a KPI of a scenario from the engine */
      expected: { value: number } | { kpi: KpiId; scenario: string };
      tolerance: number;
      relative: boolean;
      percent: boolean;
    }
  | { type: 'choice'; options: string[]; correct: number[] }
  | { type: 'wins'; scenarios: string[]; kpi: KpiId };

export type GradeType = Grade['type'];

/** What a reader answered. */
export type GradedResponse = { type: 'number'; value: number } | { type: 'choice'; picked: number[] } | { type: 'wins'; picked: string };

export interface GradeResult {
  correct: boolean;
  /** the right answer, as the reader should read it */
  expected: string;
}

export const GRADE_ATTRS = ['grade', 'answer', 'tolerance', 'kpi', 'scenario', 'percent', 'id'];

const OPTION_RE = /^\s*[-*]\s+\[( |x|X)\]\s+(.+)$/;

/**
 * The grade of a question cell from its fence attributes and the question's lines; the
 * option lines of a choice question are taken out of the question text.
 */
export function parseGrade(
  attrs: Record<string, string>,
  questionLines: string[],
  line: number
): { grade: Grade | null; question: string[]; errors: { line: number; message: string }[] } {
  const errors: { line: number; message: string }[] = [];
  const err = (message: string, at = line) => errors.push({ line: at, message: `question: ${message}` });
  const type = attrs.grade;
  const stray = (keys: string[]) => {
    for (const k of keys) if (attrs[k] !== undefined) err(`${k}= does not apply to grade=${type ?? '(none)'}`);
  };
  if (type === undefined) {
    stray(['answer', 'tolerance', 'kpi', 'scenario', 'percent']);
    return { grade: null, question: questionLines, errors };
  }
  const kpiOf = (): KpiId | null => {
    const k = attrs.kpi;
    if (k === undefined) return null;
    if (!(KPI_IDS as readonly string[]).includes(k)) {
      err(`kpi=${k} (one of ${KPI_IDS.join(', ')})`);
      return null;
    }
    return k as KpiId;
  };
  switch (type) {
    case 'number': {
      stray([]);
      const tol = attrs.tolerance ?? '';
      const relative = tol.endsWith('%');
      const tolerance = Number(relative ? tol.slice(0, -1) : tol);
      if (tol === '' || !Number.isFinite(tolerance) || tolerance < 0) err(`tolerance=${tol || '(missing)'} (a number >= 0, or a percentage like 2%)`);
      if (attrs.percent !== undefined && attrs.percent !== 'true' && attrs.percent !== 'false') err(`percent=${attrs.percent} (true or false)`);
      const percent = attrs.percent === 'true';
      let expected: Extract<Grade, { type: 'number' }>['expected'] | null = null;
      if (attrs.answer !== undefined && attrs.kpi !== undefined) err('answer= and kpi= together (a fixed number, or a KPI from the engine)');
      else if (attrs.answer !== undefined) {
        const v = Number(attrs.answer);
        if (!Number.isFinite(v)) err(`answer=${attrs.answer} (must be a number)`);
        else expected = { value: v };
      } else if (attrs.kpi !== undefined) {
        const kpi = kpiOf();
        const scenario = attrs.scenario ?? '';
        if (!scenario || scenario.includes(',')) err('scenario= must name the one scenario whose KPI is the answer');
        else if (kpi) expected = { kpi, scenario };
      } else err('grade=number needs answer=<number> or kpi=<KPI id> scenario=<id>');
      if (errors.length || !expected) return { grade: null, question: questionLines, errors };
      return { grade: { type: 'number', expected, tolerance, relative, percent }, question: questionLines, errors };
    }
    case 'choice': {
      stray(['answer', 'tolerance', 'kpi', 'scenario', 'percent']);
      const options: string[] = [];
      const correct: number[] = [];
      const question: string[] = [];
      questionLines.forEach((l, i) => {
        const m = OPTION_RE.exec(l);
        if (!m) return void question.push(l);
        if (m[1] !== ' ') correct.push(options.length);
        options.push(m[2].trim());
        void i;
      });
      if (options.length < 2) err('grade=choice needs at least two options, one a line "- [x] ..." (right) and others "- [ ] ..."');
      else if (correct.length === 0) err('grade=choice: no option is marked right ("- [x] ...")');
      if (errors.length) return { grade: null, question: questionLines, errors };
      return { grade: { type: 'choice', options, correct }, question, errors };
    }
    case 'wins': {
      stray(['answer', 'tolerance', 'percent']);
      const scenarios = (attrs.scenario ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (scenarios.length < 2) err('grade=wins needs scenario= with two or more scenario ids');
      if (new Set(scenarios).size !== scenarios.length) err('grade=wins: a scenario is listed twice');
      const kpi = kpiOf();
      if (attrs.kpi === undefined) err('grade=wins needs kpi= (the KPI that decides)');
      if (errors.length || !kpi) return { grade: null, question: questionLines, errors };
      return { grade: { type: 'wins', scenarios, kpi }, question: questionLines, errors };
    }
    default:
      err(`grade=${type} (one of number, choice, wins)`);
      return { grade: null, question: questionLines, errors };
  }
}

/** The scenario ids a grade reads from the engine. */
export function gradeScenarios(g: Grade): string[] {
  if (g.type === 'wins') return g.scenarios;
  if (g.type === 'number' && 'kpi' in g.expected) return [g.expected.scenario];
  return [];
}

/** The KPI a grade reads from the engine, if any. */
export function gradeKpi(g: Grade): KpiId | null {
  if (g.type === 'wins') return g.kpi;
  if (g.type === 'number' && 'kpi' in g.expected) return g.expected.kpi;
  return null;
}

function round(v: number): string {
  return String(Number(v.toPrecision(6)));
}

/**
 * Checks an answer. `kpis` holds the engine's value of the grade's KPI for each scenario it
 * reads (gradeScenarios); a scenario without a value cannot win.
 */
export function checkAnswer(g: Grade, r: GradedResponse, kpis: Record<string, number | null> = {}): GradeResult {
  switch (g.type) {
    case 'number': {
      const raw = 'value' in g.expected ? g.expected.value : kpis[g.expected.scenario];
      if (raw === null || raw === undefined || !Number.isFinite(raw)) return { correct: false, expected: 'no value (the scenario has none for this KPI)' };
      const want = 'kpi' in g.expected && g.percent ? raw * 100 : raw;
      const tol = g.relative ? (Math.abs(want) * g.tolerance) / 100 : g.tolerance;
      const got = r.type === 'number' ? r.value : NaN;
      // a hair of slack for decimals typed as text (0.1 + 0.2)
      const correct = Number.isFinite(got) && Math.abs(got - want) <= tol * (1 + 1e-12) + 1e-12 * Math.abs(want);
      const unit = g.percent ? '%' : '';
      return { correct, expected: `${round(want)}${unit} (± ${g.relative ? `${g.tolerance}%` : `${round(tol)}${unit}`})` };
    }
    case 'choice': {
      const picked = r.type === 'choice' ? [...new Set(r.picked)].sort((a, b) => a - b) : [];
      const correct = picked.length === g.correct.length && picked.every((p, i) => p === g.correct[i]);
      return { correct, expected: g.correct.map((i) => g.options[i]).join('; ') };
    }
    case 'wins': {
      const higher = kpiById(g.kpi)?.higherIsBetter ?? true;
      const valued = g.scenarios.filter((s) => typeof kpis[s] === 'number' && Number.isFinite(kpis[s]));
      if (valued.length === 0) return { correct: false, expected: 'no scenario has a value for this KPI' };
      const best = valued.reduce((a, b) => ((higher ? kpis[b]! > kpis[a]! : kpis[b]! < kpis[a]!) ? b : a));
      const winners = valued.filter((s) => kpis[s] === kpis[best]);
      return { correct: r.type === 'wins' && winners.includes(r.picked), expected: winners.join(' or ') };
    }
  }
}

/** The time now as ISO text (when an answer was checked or a file exported). */
export function nowIso(): string {
  return new Date().toISOString();
}

/** A notebook's score: right answers of the graded questions. */
export function scoreOf(results: readonly (GradeResult | null | undefined)[]): { correct: number; answered: number; graded: number } {
  return {
    correct: results.filter((r) => r?.correct).length,
    answered: results.filter((r) => r).length,
    graded: results.length
  };
}
