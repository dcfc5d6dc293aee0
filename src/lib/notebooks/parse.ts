/**
 * Notebook parser: Markdown a person can write in any editor, with front matter
 * and fenced cells, into a list of blocks with line numbers and per-cell errors.
 *
 *   ---
 *   title: Pricing levers and their hidden churn cost
 *   summary: ...
 *   audience: teacher            (teacher | consultant)
 *   dataset: sample:music        (sample:music | sbg:regular)
 *   sources:
 *     - Fader, Hardie & Lee (2005) ...
 *   ---
 *   Prose with inline expressions {{kpi clvPerNewCustomer scenario=cut}}.
 *   ```scenario id=cut extends=base
 *   levers.pricing.priceChange = -10%
 *   ```
 *   (a scenario cell is `path = value` lines over the default scenario, or over the
 *   cell named by extends=; or a JSON scenario, whose missing fields are neutral)
 *   ```chart scenario=cut,baseline series=activeCustomers title="Active customers"```
 *   ```kpis scenario=cut,baseline kpis=clvPerNewCustomer,churn1y```
 *   ```lever scenario=cut path=levers.pricing.priceChange min=-0.3 max=0.3 step=0.01```
 *   ```question
 *   Why ...?
 *   answer:
 *   Because ...
 *   ```
 *
 * A fence whose language is not a cell kind stays part of the prose (shown as code).
 * Pure TypeScript, no DOM: node tests parse every notebook in notebooks/.
 */
import { KPI_IDS, type KpiId } from '../model/scenario/scenario-types.ts';
import { defaultScenario, getPath, neutralScenario } from '../model/scenario/scenario.ts';
import { LEVERS } from '../model/scenario/levers/catalogue.ts';
import { applyAssignments, flattenScenarioJson, parseValue, type Assignment } from './assign.ts';
import { findInline, scenariosOf } from './inline.ts';
import { takeNeeds } from './needs.ts';
import { GRADE_ATTRS, gradeScenarios, parseGrade } from './grading.ts';
import { parseEstimationCell, parseExperimentCell } from './parse-classroom.ts';
import {
  CELL_KINDS,
  CHART_SERIES,
  NOTEBOOK_DATASETS,
  NOTEBOOK_VERSION,
  type Block,
  type Cell,
  type CellKind,
  type ChartSeriesId,
  type FrontMatter,
  type Notebook,
  type NotebookDataset,
  type NotebookError,
  type ScenarioCell
} from './types.ts';

/** The reserved id of the neutral scenario. */
export const BASELINE_ID = 'baseline';
const ID_RE = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;
const FENCE_RE = /^(`{3,}|~{3,})\s*([A-Za-z]*)(.*)$/;

/** `key=value key="quoted value"` attributes of a fence's info string. */
export function parseAttrs(info: string): { attrs: Record<string, string>; errors: string[] } {
  const attrs: Record<string, string> = {};
  const errors: string[] = [];
  const re = /\s*([A-Za-z][A-Za-z0-9_-]*)=("([^"]*)"|\S+)|\s*(\S+)/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < info.length && (m = re.exec(info))) {
    if (m[4] !== undefined) {
      errors.push(`${JSON.stringify(m[4])}: expected key=value`);
      continue;
    }
    if (Object.hasOwn(attrs, m[1])) errors.push(`${m[1]}: given twice`);
    attrs[m[1]] = m[3] ?? m[2];
  }
  return { attrs, errors };
}

function parseFrontMatter(lines: string[]): { meta: FrontMatter; bodyStart: number; errors: NotebookError[] } {
  const errors: NotebookError[] = [];
  const meta: FrontMatter = { title: 'Untitled notebook', summary: '', audience: 'teacher', dataset: 'sample:music', sources: [] };
  if (lines[0]?.trim() !== '---') {
    errors.push({ line: 1, message: 'front matter: the notebook must start with a "---" line, then title:, summary:, audience:, sources:, then "---"' });
    return { meta, bodyStart: 0, errors };
  }
  let end = -1;
  for (let i = 1; i < lines.length; i++) if (lines[i].trim() === '---') {
    end = i;
    break;
  }
  if (end < 0) {
    errors.push({ line: 1, message: 'front matter: no closing "---" line' });
    return { meta, bodyStart: 0, errors };
  }
  const seen = new Set<string>();
  let inSources = false;
  for (let i = 1; i < end; i++) {
    const line = lines[i];
    const ln = i + 1;
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const item = /^\s+-\s+(.+)$/.exec(line);
    if (item) {
      if (inSources) meta.sources.push(item[1].trim());
      else errors.push({ line: ln, message: `front matter: list item outside "sources:" (${JSON.stringify(line.trim())})` });
      continue;
    }
    const kv = /^([A-Za-z]+):\s*(.*)$/.exec(line);
    if (!kv) {
      errors.push({ line: ln, message: `front matter: ${JSON.stringify(line)} (expected key: value)` });
      continue;
    }
    const [, key, rawValue] = kv;
    const value = rawValue.trim().replace(/^"(.*)"$/, '$1');
    inSources = key === 'sources';
    if (seen.has(key)) errors.push({ line: ln, message: `front matter: ${key} given twice` });
    seen.add(key);
    switch (key) {
      case 'title':
      case 'summary':
        if (value === '') errors.push({ line: ln, message: `front matter: ${key} is empty` });
        meta[key] = value;
        break;
      case 'audience':
        if (value === 'teacher' || value === 'consultant') meta.audience = value;
        else errors.push({ line: ln, message: `front matter: audience ${JSON.stringify(value)} (must be teacher or consultant)` });
        break;
      case 'dataset':
        if ((NOTEBOOK_DATASETS as readonly string[]).includes(value)) meta.dataset = value as NotebookDataset;
        else errors.push({ line: ln, message: `front matter: dataset ${JSON.stringify(value)} (one of ${NOTEBOOK_DATASETS.join(', ')})` });
        break;
      case 'sources':
        if (value !== '') meta.sources.push(value);
        break;
      default:
        errors.push({ line: ln, message: `front matter: unknown key ${JSON.stringify(key)} (title, summary, audience, dataset, sources)` });
    }
  }
  if (!seen.has('title')) errors.push({ line: 1, message: 'front matter: title is missing' });
  return { meta, bodyStart: end + 1, errors };
}

function list(v: string | undefined): string[] {
  return (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function numberAttr(attrs: Record<string, string>, key: string, line: number, errors: NotebookError[], fallback?: number): number {
  const raw = attrs[key];
  if (raw === undefined) {
    if (fallback === undefined) errors.push({ line, message: `${key}= is missing` });
    return fallback ?? NaN;
  }
  const v = Number(raw);
  if (!Number.isFinite(v)) errors.push({ line, message: `${key}=${raw} (must be a number)` });
  return v;
}

function checkKeys(kind: CellKind, attrs: Record<string, string>, allowed: string[], line: number, errors: NotebookError[]): void {
  for (const k of Object.keys(attrs)) if (!allowed.includes(k)) errors.push({ line, message: `${kind}: unknown attribute ${k}= (${allowed.join(', ')})` });
}

function parseCell(kind: CellKind, info: string, body: string[], line: number, endLine: number, scenarios: Map<string, ScenarioCell>): Cell {
  const errors: NotebookError[] = [];
  const { attrs, errors: attrErrors } = parseAttrs(info);
  for (const e of attrErrors) errors.push({ line, message: `${kind}: ${e}` });
  const base = { line, endLine, errors };
  switch (kind) {
    case 'scenario': {
      checkKeys(kind, attrs, ['id', 'extends', 'show', 'dataset'], line, errors);
      const dataset = attrs.dataset ?? null;
      if (dataset !== null && !(NOTEBOOK_DATASETS as readonly string[]).includes(dataset)) errors.push({ line, message: `scenario: dataset=${dataset} (one of ${NOTEBOOK_DATASETS.join(', ')})` });
      if (dataset !== null && attrs.extends !== undefined) errors.push({ line, message: 'scenario: dataset= and extends= together (a scenario takes the data set of the one it extends)' });
      const id = attrs.id ?? '';
      if (!ID_RE.test(id)) errors.push({ line, message: `scenario: id=${JSON.stringify(id)} (needs an id of letters, digits, - or _, starting with a letter)` });
      else if (id === BASELINE_ID) errors.push({ line, message: `scenario: id=${BASELINE_ID} is reserved for the neutral scenario` });
      else if (scenarios.has(id)) errors.push({ line, message: `scenario: id=${id} is already used on line ${scenarios.get(id)!.line}` });
      const ext = attrs.extends ?? null;
      let parent = defaultScenario();
      if (ext !== null) {
        const p = scenarios.get(ext);
        if (!p) errors.push({ line, message: `scenario: extends=${ext} (no scenario cell with that id above this one)` });
        else if (!p.scenario) errors.push({ line, message: `scenario: extends=${ext}, which has errors` });
        else parent = p.scenario;
      }
      const assignments: Assignment[] = [];
      const text = body.join('\n').trim();
      // JSON is a scenario as the workbench saves it (missing fields neutral, as in
      // parseScenario); the line form edits the default scenario shown on first load.
      if (text.startsWith('{') && ext === null) parent = neutralScenario();
      if (text.startsWith('{')) {
        try {
          const json: unknown = JSON.parse(text);
          if (json === null || typeof json !== 'object' || Array.isArray(json)) errors.push({ line: line + 1, message: 'scenario: JSON must be an object' });
          else assignments.push(...flattenScenarioJson(json as Record<string, unknown>, line + 1).filter((a) => a.path !== 'version'));
        } catch (e) {
          errors.push({ line: line + 1, message: `scenario: not valid JSON (${e instanceof Error ? e.message : String(e)})` });
        }
      } else {
        body.forEach((raw, i) => {
          const ln = line + 1 + i;
          const t = raw.trim();
          if (t === '' || t.startsWith('#')) return;
          const eq = t.indexOf('=');
          if (eq < 0) {
            errors.push({ line: ln, message: `scenario: ${JSON.stringify(t)} (expected path = value, e.g. levers.pricing.priceChange = -5%)` });
            return;
          }
          const path = t.slice(0, eq).trim();
          const v = parseValue(t.slice(eq + 1));
          if (!v.ok) errors.push({ line: ln, message: `scenario: ${path}: ${v.error}` });
          else assignments.push({ path, value: v.value, line: ln });
        });
      }
      let scenario = null;
      if (errors.length === 0) {
        const named = attrs.name === undefined && !assignments.some((a) => a.path === 'name') ? [{ path: 'name', value: id, line }, ...assignments] : assignments;
        const r = applyAssignments(parent, named, line);
        errors.push(...r.errors.map((e) => ({ line: e.line, message: `scenario: ${e.message}` })));
        scenario = r.scenario;
      }
      return { kind, ...base, id, extends: ext, assignments, scenario, show: attrs.show !== 'false', dataset: dataset as NotebookDataset | null };
    }
    case 'chart': {
      checkKeys(kind, attrs, ['scenario', 'series', 'title', 'compare'], line, errors);
      const ids = [...list(attrs.scenario), ...list(attrs.compare)];
      if (ids.length === 0) errors.push({ line, message: 'chart: scenario= is missing' });
      const series = attrs.series ?? '';
      if (!(CHART_SERIES as readonly string[]).includes(series)) errors.push({ line, message: `chart: series=${JSON.stringify(series)} (one of ${CHART_SERIES.join(', ')})` });
      if (body.some((l) => l.trim() !== '')) errors.push({ line: line + 1, message: 'chart: the cell takes no body; put everything in the fence line' });
      return { kind, ...base, scenarios: ids, series: series as ChartSeriesId, title: attrs.title ?? null };
    }
    case 'kpis': {
      checkKeys(kind, attrs, ['scenario', 'kpis'], line, errors);
      const ids = list(attrs.scenario);
      if (ids.length === 0) errors.push({ line, message: 'kpis: scenario= is missing' });
      const kpis = list(attrs.kpis);
      if (kpis.length === 0) errors.push({ line, message: 'kpis: kpis= is missing' });
      for (const k of kpis) if (!(KPI_IDS as readonly string[]).includes(k)) errors.push({ line, message: `kpis: unknown KPI ${JSON.stringify(k)} (one of ${KPI_IDS.join(', ')})` });
      if (body.some((l) => l.trim() !== '')) errors.push({ line: line + 1, message: 'kpis: the cell takes no body; put everything in the fence line' });
      return { kind, ...base, scenarios: ids, kpis: kpis as KpiId[] };
    }
    case 'lever': {
      checkKeys(kind, attrs, ['scenario', 'path', 'min', 'max', 'step', 'label'], line, errors);
      const path = attrs.path ?? '';
      const def = LEVERS.find((d) => `levers.${d.id}` === path);
      const econ = /^economics\.(grossMarginShare|discountRatePerYear|horizonWeeks|clvWindowWeeks)$/.test(path);
      if (!def && !econ) errors.push({ line, message: `lever: path=${JSON.stringify(path)} (must be levers.<lever id> of the catalogue or a numeric economics field)` });
      else if (def && def.kind !== 'number' && def.kind !== 'integer') errors.push({ line, message: `lever: path=${path} is a ${def.kind} lever; only numeric levers can be sliders` });
      const min = numberAttr(attrs, 'min', line, errors, def?.min);
      const max = numberAttr(attrs, 'max', line, errors, def?.max);
      const step = numberAttr(attrs, 'step', line, errors, def?.step ?? 1);
      if (min >= max) errors.push({ line, message: `lever: min=${min} must be below max=${max}` });
      if (!(step > 0)) errors.push({ line, message: `lever: step=${step} (must be > 0)` });
      if (def && def.min !== undefined && min < def.min) errors.push({ line, message: `lever: min=${min} is below the lever's range (${def.min})` });
      if (def && def.max !== undefined && max > def.max) errors.push({ line, message: `lever: max=${max} is above the lever's range (${def.max})` });
      const scenario = attrs.scenario ?? '';
      if (!scenario) errors.push({ line, message: 'lever: scenario= is missing' });
      return { kind, ...base, scenario, path, min, max, step, label: attrs.label ?? def?.label ?? null };
    }
    case 'question': {
      checkKeys(kind, attrs, GRADE_ATTRS, line, errors);
      const at = body.findIndex((l) => /^answer:\s*/i.test(l.trim()));
      if (at < 0) errors.push({ line, message: 'question: no "answer:" line (write the question, then a line "answer:", then the answer)' });
      const graded = parseGrade(attrs, at < 0 ? body : body.slice(0, at), line);
      errors.push(...graded.errors);
      if (attrs.id !== undefined && !ID_RE.test(attrs.id)) errors.push({ line, message: `question: id=${JSON.stringify(attrs.id)} (letters, digits, - or _, starting with a letter)` });
      const q = graded.question.join('\n').trim();
      const a = at < 0 ? '' : [body[at].trim().replace(/^answer:\s*/i, ''), ...body.slice(at + 1)].join('\n').trim();
      if (q === '') errors.push({ line, message: 'question: the question is empty' });
      if (at >= 0 && a === '') errors.push({ line: line + 1 + at, message: 'question: the answer is empty' });
      return { kind, ...base, question: q, answer: a, grade: graded.grade, qid: attrs.id ?? `line-${line}` };
    }
    case 'estimation':
      return parseEstimationCell(attrs, body, base);
    case 'experiment':
      return parseExperimentCell(attrs, body, base);
  }
}

/** Errors of the inline expressions in a piece of prose (line = the line the expression is on). */
function inlineErrors(markdown: string, firstLine: number, scenarioIds: Set<string>): NotebookError[] {
  const errors: NotebookError[] = [];
  for (const m of findInline(markdown)) {
    const line = firstLine + (markdown.slice(0, m.start).match(/\n/g)?.length ?? 0);
    if (m.error) errors.push({ line, message: `${m.source}: ${m.error}` });
    else if (m.expr) for (const id of scenariosOf(m.expr)) if (!scenarioIds.has(id)) errors.push({ line, message: `${m.source}: no scenario with id ${JSON.stringify(id)}` });
  }
  return errors;
}

/** Parse a notebook. Never throws: every problem is an error with its line. */
export function parseNotebook(source: string): Notebook {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const fm = parseFrontMatter(lines);
  const blocks: Block[] = [];
  const scenarios = new Map<string, ScenarioCell>();
  const errors = [...fm.errors];
  let prose: string[] = [];
  let proseStart = fm.bodyStart;
  const flush = (endIndex: number) => {
    if (prose.some((l) => l.trim() !== '')) blocks.push({ kind: 'prose', line: proseStart + 1, endLine: endIndex, markdown: prose.join('\n'), errors: [] });
    prose = [];
  };
  let i = fm.bodyStart;
  while (i < lines.length) {
    const m = FENCE_RE.exec(lines[i]);
    if (!m) {
      if (prose.length === 0) proseStart = i;
      prose.push(lines[i]);
      i++;
      continue;
    }
    const fence = m[1];
    const lang = m[2];
    let info = m[3];
    // single-line cell: ```chart scenario=a series=revenue```
    const closeSameLine = info.trimEnd().endsWith(fence[0].repeat(3));
    let close = -1;
    if (closeSameLine) {
      info = info.trimEnd().replace(new RegExp(`${fence[0] === '`' ? '`' : '~'}{3,}$`), '');
      close = i;
    } else {
      for (let j = i + 1; j < lines.length; j++) {
        if (lines[j].trim().startsWith(fence) && lines[j].trim().replace(/[`~]/g, '') === '') {
          close = j;
          break;
        }
      }
    }
    if (!(CELL_KINDS as readonly string[]).includes(lang)) {
      // ordinary code fence: part of the prose, cells inside it are not cells
      if (prose.length === 0) proseStart = i;
      const endAt = close < 0 ? lines.length - 1 : close;
      prose.push(...lines.slice(i, endAt + 1));
      i = endAt + 1;
      continue;
    }
    flush(i);
    if (close < 0) {
      blocks.push({ kind: 'prose', line: i + 1, endLine: lines.length, markdown: '', errors: [{ line: i + 1, message: `${lang}: the cell is never closed (no ${fence} line)` }] });
      break;
    }
    const body = closeSameLine ? [] : lines.slice(i + 1, close);
    // `needs=` is open to every cell kind: taken out before the cell's own attributes are checked
    const taken = takeNeeds(info, i + 1);
    const cell = parseCell(lang as CellKind, taken.info, body, i + 1, close + 1, scenarios);
    if (taken.needs.length) cell.needs = taken.needs;
    cell.errors.unshift(...taken.errors);
    if (cell.kind === 'scenario' && cell.id && !scenarios.has(cell.id)) scenarios.set(cell.id, cell);
    blocks.push(cell);
    i = close + 1;
    proseStart = i;
  }
  flush(lines.length);

  // references between cells, and inline expressions in the prose and questions
  const ids = new Set([...scenarios.keys(), BASELINE_ID]);
  for (const b of blocks) {
    if (b.kind === 'chart' || b.kind === 'kpis') {
      for (const id of b.scenarios) if (!ids.has(id)) b.errors.push({ line: b.line, message: `${b.kind}: scenario=${id} (no scenario cell with that id; known: ${[...ids].join(', ')})` });
    } else if (b.kind === 'lever') {
      const target = scenarios.get(b.scenario);
      if (b.scenario && !target) b.errors.push({ line: b.line, message: `lever: scenario=${b.scenario} (no scenario cell with that id${b.scenario === BASELINE_ID ? '; the baseline cannot be moved' : ''})` });
      else if (target?.scenario && typeof getPath(target.scenario, b.path) !== 'number') b.errors.push({ line: b.line, message: `lever: path=${b.path} is not a number in scenario ${b.scenario}` });
    } else if (b.kind === 'prose') {
      b.errors.push(...inlineErrors(b.markdown, b.line, ids));
    } else if (b.kind === 'question') {
      b.errors.push(...inlineErrors(b.question, b.line + 1, ids), ...inlineErrors(b.answer, b.line + 1, ids));
      for (const id of b.grade ? gradeScenarios(b.grade) : []) if (!ids.has(id)) b.errors.push({ line: b.line, message: `question: scenario=${id} (no scenario cell with that id; known: ${[...ids].join(', ')})` });
    }
  }
  return { version: NOTEBOOK_VERSION, meta: fm.meta, blocks, errors };
}

/** Every error of a notebook (front matter and blocks), in line order. */
export function allErrors(nb: Notebook): NotebookError[] {
  return [...nb.errors, ...nb.blocks.flatMap((b) => b.errors)].sort((a, b) => a.line - b.line);
}
