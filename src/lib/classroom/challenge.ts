/**
 * Classroom challenges: a task a teacher sets (a preset baseline, a starting scenario, the
 * levers a student may move and their limits, a weekly media budget, a goal KPI and a
 * deadline text), the submission a student hands back, and the teacher's review of a
 * class's submissions.
 *
 * A submission carries its scenario, the goal KPI's value as the student's engine gave it,
 * the seed and the challenge id, and a SHA-256 hash (crypto.subtle) of the canonical JSON
 * of those fields and the student's name. The hash detects a file edited after export; it
 * is not a secret signature (anyone can recompute it), so the review also re-evaluates
 * every scenario on the teacher's own engine: a KPI that differs from the recomputed one
 * by even the last digit is flagged, and so is a scenario that breaks the challenge's rules.
 *
 * Pure TypeScript (the engine comes in as a function), so node tests run it over the real
 * engine handler in process and the browser over the engine worker.
 */
import { KPI_IDS, type KpiId, type Scenario } from '../model/scenario/scenario-types.ts';
import { CHANNEL_IDS } from '../model/scenario/scenario-types.ts';
import { getPath, parseScenario, scenarioDiff } from '../model/scenario/scenario.ts';
import { LEVERS, leverById, type LeverDef } from '../model/scenario/levers/catalogue.ts';
import { kpiById } from '../model/scenario/engine/kpis.ts';

export const CHALLENGE_KIND = 'lever-lab-challenge';
export const SUBMISSION_KIND = 'lever-lab-submission';

/** Baselines a challenge can run on: the notebooks' presets (population parameters, no fit). */
export const CHALLENGE_DATASETS = ['sample:music', 'sbg:regular'] as const;
export type ChallengeDataset = (typeof CHALLENGE_DATASETS)[number];

export const DATASET_LABELS: Record<ChallengeDataset, string> = {
  'sample:music': 'Music retailer (BG/NBD + Gamma-Gamma at the CDNOW estimates)',
  'sbg:regular': 'Subscription, "regular" cohort (sBG, Fader & Hardie 2007)'
};

/** A lever the student may move; numeric levers within [min, max]. */
export interface ChallengeLever {
  /** lever id of the catalogue, e.g. 'pricing.priceChange' */
  id: string;
  min?: number;
  max?: number;
}

export interface Challenge {
  kind: typeof CHALLENGE_KIND;
  v: 1;
  id: string;
  title: string;
  /** the task in the teacher's words */
  brief: string;
  /** deadline as the teacher wrote it ("Friday 12:00") */
  deadline: string;
  dataset: ChallengeDataset;
  /** the scenario's random seed (Monte Carlo); every submission carries the same */
  seed: number;
  /** the scenario every student starts from; every lever not unlocked stays at its value */
  start: Scenario;
  levers: ChallengeLever[];
  /** cap on the total paid media budget, currency per week (null: no cap) */
  budgetPerWeek: number | null;
  goal: KpiId;
}

export interface Submission {
  kind: typeof SUBMISSION_KIND;
  v: 1;
  challengeId: string;
  student: string;
  submittedAt: string;
  seed: number;
  scenario: Scenario;
  kpi: { id: KpiId; value: number | null };
  /** SHA-256 (hex) of the canonical JSON of challengeId, kpi, scenario, seed and student */
  hash: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** A parse that fails for these reasons. */
const refused = (...errors: string[]): Parsed<never> => ({ ok: false, errors });

// ---------------------------------------------------------------- canonical JSON and hash

/**
 * Canonical JSON: object keys sorted (code-unit order), no whitespace, undefined fields
 * dropped, numbers as JavaScript writes them (the shortest text that reads back to the
 * same double, so a value survives the round trip to the last digit). Refuses NaN and
 * infinities, which JSON cannot carry.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError(`canonical JSON: ${value} is not a finite number`);
      return JSON.stringify(value);
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      if (ArrayBuffer.isView(value)) return canonicalJson(Array.from(value as unknown as ArrayLike<number>));
      const o = value as Record<string, unknown>;
      const keys = Object.keys(o)
        .filter((k) => o[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON: cannot write a ${typeof value}`);
  }
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** What the hash covers. */
export function hashedFields(s: Omit<Submission, 'hash' | 'kind' | 'v' | 'submittedAt'>): unknown {
  return { challengeId: s.challengeId, kpi: s.kpi, scenario: s.scenario, seed: s.seed, student: s.student };
}

export function submissionHash(s: Omit<Submission, 'hash' | 'kind' | 'v' | 'submittedAt'>): Promise<string> {
  return sha256Hex(canonicalJson(hashedFields(s)));
}

// ---------------------------------------------------------------- challenge: make, check, codec

const ID_RE = /^[a-z0-9][a-z0-9-]{3,39}$/;

/** A fresh challenge id: "ch-" and 8 random hex digits. */
export function newChallengeId(): string {
  const b = globalThis.crypto.getRandomValues(new Uint8Array(4));
  return `ch-${[...b].map((x) => x.toString(16).padStart(2, '0')).join('')}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isText(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length <= max;
}

/** The limits of an unlocked numeric lever (its own, else the catalogue's range). */
export function leverLimits(l: ChallengeLever): { min: number; max: number } | null {
  const d = leverById(l.id);
  if (!d || (d.kind !== 'number' && d.kind !== 'integer')) return null;
  return { min: l.min ?? d.min ?? -Infinity, max: l.max ?? d.max ?? Infinity };
}

/** Total paid media budget of a scenario, currency per week. */
export function mediaBudget(s: Scenario): number {
  return CHANNEL_IDS.reduce((sum, c) => sum + (s.levers.channels.budgetPerWeek[c] ?? 0), 0);
}

/** Validates a challenge from any source (link, file); never throws, names every bad field. */
export function parseChallenge(input: unknown): Parsed<Challenge> {
  if (!isObject(input)) return refused('challenge: must be a JSON object');
  if (input.kind !== CHALLENGE_KIND)
    return refused(
      input.kind === SUBMISSION_KIND
        ? 'challenge: this is a student submission, not a challenge'
        : `challenge: kind ${JSON.stringify(input.kind)} (must be "${CHALLENGE_KIND}")`
    );
  const errors: string[] = [];
  const known = [
    'kind',
    'v',
    'id',
    'title',
    'brief',
    'deadline',
    'dataset',
    'seed',
    'start',
    'levers',
    'budgetPerWeek',
    'goal'
  ];
  for (const k of Object.keys(input)) if (!known.includes(k)) errors.push(`challenge.${k}: unknown field`);
  if (input.v !== 1) errors.push(`challenge.v: ${JSON.stringify(input.v)} (must be 1)`);
  if (typeof input.id !== 'string' || !ID_RE.test(input.id))
    errors.push('challenge.id: must be 4-40 lowercase letters, digits or -');
  if (!isText(input.title, 200) || input.title.trim() === '')
    errors.push('challenge.title: must be a text of 1-200 characters');
  if (!isText(input.brief, 4000)) errors.push('challenge.brief: must be a text of at most 4000 characters');
  if (!isText(input.deadline, 200)) errors.push('challenge.deadline: must be a text of at most 200 characters');
  if (!(CHALLENGE_DATASETS as readonly unknown[]).includes(input.dataset))
    errors.push(`challenge.dataset: ${JSON.stringify(input.dataset)} (one of ${CHALLENGE_DATASETS.join(', ')})`);
  const seed = input.seed;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1)
    errors.push('challenge.seed: must be a whole number from 0 to 4294967295');
  if (!(KPI_IDS as readonly unknown[]).includes(input.goal))
    errors.push(`challenge.goal: ${JSON.stringify(input.goal)} (a KPI id: ${KPI_IDS.join(', ')})`);
  const budget = input.budgetPerWeek;
  if (budget !== null && (typeof budget !== 'number' || !Number.isFinite(budget) || budget < 0))
    errors.push('challenge.budgetPerWeek: must be a number >= 0, or null for no cap');
  let start: Scenario | null = null;
  const parsed = parseScenario(input.start);
  if (parsed.ok) start = parsed.scenario;
  else errors.push(...parsed.errors.map((e) => `challenge.start: ${e}`));
  if (start && typeof seed === 'number' && start.seed !== seed)
    errors.push(`challenge.start.seed: ${start.seed} (must be the challenge's seed, ${seed})`);
  const levers: ChallengeLever[] = [];
  if (!Array.isArray(input.levers) || input.levers.length === 0)
    errors.push('challenge.levers: must list at least one lever');
  else
    input.levers.forEach((raw, i) => {
      const at = `challenge.levers[${i}]`;
      if (!isObject(raw) || typeof raw.id !== 'string') return void errors.push(`${at}: must be { id, min?, max? }`);
      const d = leverById(raw.id);
      if (!d) return void errors.push(`${at}.id: ${JSON.stringify(raw.id)} is not a lever of the catalogue`);
      if (levers.some((l) => l.id === raw.id)) return void errors.push(`${at}.id: ${raw.id} listed twice`);
      for (const k of Object.keys(raw)) if (!['id', 'min', 'max'].includes(k)) errors.push(`${at}.${k}: unknown field`);
      const l: ChallengeLever = { id: raw.id };
      const numeric = d.kind === 'number' || d.kind === 'integer';
      for (const k of ['min', 'max'] as const) {
        const v = raw[k];
        if (v === undefined) continue;
        if (!numeric) errors.push(`${at}.${k}: ${d.label} is not a numeric lever`);
        else if (typeof v !== 'number' || !Number.isFinite(v)) errors.push(`${at}.${k}: must be a number`);
        else if ((d.min !== undefined && v < d.min) || (d.max !== undefined && v > d.max))
          errors.push(`${at}.${k}: ${v} is outside the lever's range [${d.min}, ${d.max}]`);
        else l[k] = v;
      }
      if (l.min !== undefined && l.max !== undefined && l.min > l.max)
        errors.push(`${at}: min ${l.min} is above max ${l.max}`);
      levers.push(l);
    });
  if (errors.length) return { ok: false, errors };
  const c: Challenge = {
    kind: CHALLENGE_KIND,
    v: 1,
    id: input.id as string,
    title: (input.title as string).trim(),
    brief: input.brief as string,
    deadline: input.deadline as string,
    dataset: input.dataset as ChallengeDataset,
    seed: seed as number,
    start: start!,
    levers,
    budgetPerWeek: budget as number | null,
    goal: input.goal as KpiId
  };
  const startErrors = ruleBreaks(c, c.start);
  if (startErrors.length) return { ok: false, errors: startErrors.map((e) => `challenge.start: ${e}`) };
  return { ok: true, value: c };
}

function toBase64Url(text: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(param: string): string {
  const b64 = param.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (param.length % 4)) % 4);
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)));
}

/** The `c=` fragment parameter of a challenge link (the start scenario as its difference from neutral). */
export function encodeChallengeParam(c: Challenge): string {
  return toBase64Url(JSON.stringify({ ...c, start: scenarioDiff(c.start) }));
}

export function decodeChallengeParam(param: string): Parsed<Challenge> {
  if (!/^[A-Za-z0-9_-]+$/.test(param)) return refused('challenge link: not base64url text (was the link cut short?)');
  let data: unknown;
  try {
    data = JSON.parse(fromBase64Url(param));
  } catch {
    return refused('challenge link: not valid base64url JSON (was the link cut short?)');
  }
  return parseChallenge(data);
}

export function parseChallengeText(text: string): Parsed<Challenge> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return refused(`not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  return parseChallenge(data);
}

// ---------------------------------------------------------------- rules

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

function shown(d: LeverDef, v: unknown): string {
  return typeof v === 'number' ? String(Number(v.toPrecision(6))) : JSON.stringify(v);
}

/** How a scenario breaks the challenge's rules (empty when it keeps them all). */
export function ruleBreaks(c: Challenge, s: Scenario): string[] {
  const out: string[] = [];
  if (s.seed !== c.seed) out.push(`seed ${s.seed} (the challenge's seed is ${c.seed})`);
  if (!same(s.economics, c.start.economics))
    out.push('economics differ from the challenge (margin, discount rate, horizons and currency are fixed)');
  if (!same(s.assumptions, c.start.assumptions))
    out.push('assumption edits differ from the challenge (the assumptions are fixed)');
  if (!same(s.evidence, c.start.evidence)) out.push('evidence differs from the challenge');
  const open = new Map(c.levers.map((l) => [l.id, l]));
  for (const d of LEVERS) {
    const v = getPath(s.levers, d.id);
    const l = open.get(d.id);
    if (!l) {
      const locked = getPath(c.start.levers, d.id);
      if (!same(v, locked)) out.push(`${d.label} is locked at ${shown(d, locked)} (submitted ${shown(d, v)})`);
      continue;
    }
    const lim = leverLimits(l);
    if (lim && typeof v === 'number' && (v < lim.min - 1e-12 || v > lim.max + 1e-12))
      out.push(`${d.label} ${shown(d, v)} is outside the challenge's limits [${lim.min}, ${lim.max}]`);
  }
  if (c.budgetPerWeek !== null) {
    const spent = mediaBudget(s);
    if (spent > c.budgetPerWeek + 1e-9)
      out.push(`media budget ${Number(spent.toPrecision(8))} a week is above the cap of ${c.budgetPerWeek}`);
  }
  return out;
}

/** The challenge's start scenario with the unlocked levers set from `values` (clamped to their limits). */
export function withLevers(c: Challenge, s: Scenario, id: string, value: unknown): Scenario {
  const l = c.levers.find((x) => x.id === id);
  if (!l) return s;
  const lim = leverLimits(l);
  const v = lim && typeof value === 'number' ? Math.min(lim.max, Math.max(lim.min, value)) : value;
  const next = structuredClone(s);
  const keys = id.split('.');
  let o = next.levers as unknown as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
  o[keys[keys.length - 1]] = v;
  return next;
}

// ---------------------------------------------------------------- submission

export async function makeSubmission(
  c: Challenge,
  student: string,
  scenario: Scenario,
  kpiValue: number | null,
  submittedAt = new Date().toISOString()
): Promise<Submission> {
  const fields = {
    challengeId: c.id,
    student: student.trim(),
    seed: c.seed,
    scenario,
    kpi: { id: c.goal, value: kpiValue }
  };
  return { kind: SUBMISSION_KIND, v: 1, ...fields, submittedAt, hash: await submissionHash(fields) };
}

/** Validates a submission file's JSON; the scenario is checked like any scenario coming in. */
export function parseSubmission(input: unknown): Parsed<Submission> {
  if (!isObject(input)) return refused('must be a JSON object');
  if (input.kind !== SUBMISSION_KIND)
    return refused(
      input.kind === CHALLENGE_KIND
        ? 'this is the challenge itself, not a student submission'
        : `kind ${JSON.stringify(input.kind)} (a submission has "kind": "${SUBMISSION_KIND}")`
    );
  const errors: string[] = [];
  const known = ['kind', 'v', 'challengeId', 'student', 'submittedAt', 'seed', 'scenario', 'kpi', 'hash'];
  for (const k of Object.keys(input)) if (!known.includes(k)) errors.push(`${k}: unknown field`);
  if (input.v !== 1) errors.push(`v: ${JSON.stringify(input.v)} (must be 1)`);
  if (typeof input.challengeId !== 'string') errors.push('challengeId: must be a text');
  if (!isText(input.student, 200) || input.student.trim() === '')
    errors.push('student: must be a name of 1-200 characters');
  if (!isText(input.submittedAt, 40)) errors.push('submittedAt: must be a date text');
  if (typeof input.seed !== 'number' || !Number.isInteger(input.seed)) errors.push('seed: must be a whole number');
  if (typeof input.hash !== 'string' || !/^[0-9a-f]{64}$/.test(input.hash))
    errors.push('hash: must be 64 hex digits (SHA-256)');
  const kpi = input.kpi;
  if (
    !isObject(kpi) ||
    !(KPI_IDS as readonly unknown[]).includes(kpi.id) ||
    !(kpi.value === null || (typeof kpi.value === 'number' && Number.isFinite(kpi.value)))
  )
    errors.push('kpi: must be { id: a KPI id, value: a number or null }');
  const parsed = parseScenario(input.scenario);
  if (!parsed.ok) errors.push(...parsed.errors.map((e) => `scenario: ${e}`));
  if (errors.length || !parsed.ok) return { ok: false, errors };
  return {
    ok: true,
    value: {
      kind: SUBMISSION_KIND,
      v: 1,
      challengeId: input.challengeId as string,
      student: (input.student as string).trim(),
      submittedAt: input.submittedAt as string,
      seed: input.seed as number,
      // the scenario as written: the hash is checked over what the student's file holds
      scenario: input.scenario as Scenario,
      kpi: {
        id: (kpi as Record<string, unknown>).id as KpiId,
        value: (kpi as Record<string, unknown>).value as number | null
      },
      hash: input.hash as string
    }
  };
}

// ---------------------------------------------------------------- review and ranking

export type FlagCode = 'other-challenge' | 'hash' | 'kpi' | 'rules' | 'engine';

export interface Flag {
  code: FlagCode;
  message: string;
}

export interface ReviewRow {
  file: string;
  student: string;
  submittedAt: string;
  scenario: Scenario;
  submittedKpi: number | null;
  /** the goal KPI recomputed by the teacher's engine (null when it has none or the engine failed) */
  recomputedKpi: number | null;
  hashOk: boolean;
  flags: Flag[];
  /** 1-based place among the unflagged submissions; null when flagged */
  rank: number | null;
}

export interface FileError {
  file: string;
  errors: string[];
}

export interface Review {
  rows: ReviewRow[];
  /** files that could not be read as a submission, with why */
  unreadable: FileError[];
}

/** Evaluates scenarios on the challenge's baseline, one KPI set per scenario, or throws the engine's error. */
export type EvaluateKpis = (scenarios: Scenario[]) => Promise<Record<string, number | null>[]>;

/**
 * Reads every file, checks each submission's hash, rules and KPI against a fresh evaluation of
 * its scenario, and ranks the submissions that pass by the goal KPI (best first, by the KPI's
 * direction; ties by earlier submission).
 */
export async function reviewSubmissions(
  c: Challenge,
  files: readonly { name: string; text: string }[],
  evaluate: EvaluateKpis
): Promise<Review> {
  const unreadable: FileError[] = [];
  const subs: { file: string; sub: Submission; scenario: Scenario }[] = [];
  for (const f of files) {
    let data: unknown;
    try {
      data = JSON.parse(f.text);
    } catch (e) {
      unreadable.push({ file: f.name, errors: [`not a JSON file (${e instanceof Error ? e.message : String(e)})`] });
      continue;
    }
    const p = parseSubmission(data);
    if (!p.ok) {
      unreadable.push({ file: f.name, errors: p.errors });
      continue;
    }
    subs.push({
      file: f.name,
      sub: p.value,
      scenario: (parseScenario(p.value.scenario) as { ok: true; scenario: Scenario }).scenario
    });
  }
  let kpis: (Record<string, number | null> | null)[] = subs.map(() => null);
  let engineError = '';
  if (subs.length) {
    try {
      kpis = await evaluate(subs.map((s) => s.scenario));
    } catch (e) {
      engineError = e instanceof Error ? e.message : String(e);
    }
  }
  const rows: ReviewRow[] = [];
  for (const [i, { file, sub, scenario }] of subs.entries()) {
    const flags: Flag[] = [];
    if (sub.challengeId !== c.id)
      flags.push({ code: 'other-challenge', message: `made for challenge ${sub.challengeId}, not ${c.id}` });
    const hashOk = (await submissionHash(sub)) === sub.hash;
    if (!hashOk) flags.push({ code: 'hash', message: 'hash does not match: the file was changed after export' });
    const breaks = ruleBreaks(c, scenario);
    if (breaks.length) flags.push({ code: 'rules', message: `breaks the rules: ${breaks.join('; ')}` });
    if (sub.kpi.id !== c.goal)
      flags.push({ code: 'kpi', message: `reports ${sub.kpi.id}, the challenge's goal is ${c.goal}` });
    const got = kpis[i];
    const recomputed = got ? (got[c.goal] ?? null) : null;
    if (engineError) flags.push({ code: 'engine', message: `could not re-evaluate: ${engineError}` });
    else if (sub.kpi.id === c.goal && !Object.is(recomputed, sub.kpi.value))
      flags.push({
        code: 'kpi',
        message: `submitted ${sub.kpi.value ?? 'no value'}, recomputed ${recomputed ?? 'no value'}`
      });
    rows.push({
      file,
      student: sub.student,
      submittedAt: sub.submittedAt,
      scenario,
      submittedKpi: sub.kpi.value,
      recomputedKpi: recomputed,
      hashOk,
      flags,
      rank: null
    });
  }
  return { rows: rankRows(c.goal, rows), unreadable };
}

/** Unflagged rows first, best goal KPI first (no value last), then flagged rows; ranks on the unflagged. */
export function rankRows(goal: KpiId, rows: readonly ReviewRow[]): ReviewRow[] {
  const higher = kpiById(goal)?.higherIsBetter ?? true;
  const score = (r: ReviewRow) => (r.recomputedKpi === null ? -Infinity : higher ? r.recomputedKpi : -r.recomputedKpi);
  const order = (a: ReviewRow, b: ReviewRow) =>
    score(b) - score(a) || a.submittedAt.localeCompare(b.submittedAt) || a.student.localeCompare(b.student);
  const clean = rows.filter((r) => r.flags.length === 0).sort(order);
  const flagged = rows.filter((r) => r.flags.length > 0).sort(order);
  return [...clean.map((r, i) => ({ ...r, rank: i + 1 })), ...flagged.map((r) => ({ ...r, rank: null }))];
}
