/**
 * Scenario assignments: the short form of a scenario cell, one `path = value` per
 * line over a base scenario (the default scenario, or the cell it extends), and
 * the JSON form flattened to the same assignments, so both forms, and a lever a
 * reader moves, go through one code path and one validator (parseScenario).
 *
 * Paths are dotted from the scenario root: `levers.pricing.priceChange`,
 * `economics.horizonWeeks`, `name`, `seed`. Assumption ids contain dots
 * themselves, so an assumption edit is `assumptions.<id>.central|low|high`:
 * the last segment is the field, everything between is the id.
 */
import { parseScenario } from '../model/scenario/scenario.ts';
import type { Scenario } from '../model/scenario/scenario-types.ts';
import { getPath, setPath } from '../model/scenario/path.ts';

export interface Assignment {
  path: string;
  value: unknown;
  /** 1-based source line */
  line: number;
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const PATH_RE = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

export function isValidPath(path: string): boolean {
  return PATH_RE.test(path) && !path.split('.').some((k) => FORBIDDEN.has(k));
}

/**
 * Parse the value of one assignment: JSON (numbers, true/false, "strings"),
 * a percentage like `-5%` (= -0.05), or a bare word (a choice such as `discount`).
 */
export function parseValue(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const t = text.trim();
  if (t === '') return { ok: false, error: 'missing value after "="' };
  const pct = /^([+-]?\d+(?:\.\d+)?)%$/.exec(t);
  if (pct) return { ok: true, value: Number(pct[1]) / 100 };
  try {
    const v: unknown = JSON.parse(t);
    if (v !== null && typeof v === 'object') return { ok: false, error: `${t} (a value must be a number, true/false or a string, not an object)` };
    return { ok: true, value: v };
  } catch {
    if (/^[A-Za-z][A-Za-z0-9_-]*$/.test(t)) return { ok: true, value: t };
    return { ok: false, error: `${JSON.stringify(t)} (not a number, true/false, percentage or "quoted string")` };
  }
}

/** Flatten a JSON scenario (or part of one) into assignments; arrays and nulls are left for the validator. */
export function flattenScenarioJson(input: Record<string, unknown>, line: number): Assignment[] {
  const out: Assignment[] = [];
  const walk = (o: unknown, path: string) => {
    if (o !== null && typeof o === 'object' && !Array.isArray(o)) {
      for (const [k, v] of Object.entries(o)) walk(v, path ? `${path}.${k}` : k);
    } else out.push({ path, value: o, line });
  };
  for (const [k, v] of Object.entries(input)) {
    if (k === 'assumptions' && v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [id, ov] of Object.entries(v)) {
        if (ov !== null && typeof ov === 'object' && !Array.isArray(ov)) {
          for (const [field, x] of Object.entries(ov)) out.push({ path: `assumptions.${id}.${field}`, value: x, line });
        } else out.push({ path: `assumptions.${id}`, value: ov, line });
      }
    } else walk(v, k);
  }
  return out;
}

/** Deep copy of a plain scenario (numbers, strings, booleans, plain objects). */
function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/**
 * Apply assignments to a copy of `base` and validate the result. Errors name the
 * line of the assignment they concern (by the path in the validator's message),
 * else `fallbackLine`.
 */
export function applyAssignments(
  base: Scenario,
  assignments: readonly Assignment[],
  fallbackLine: number
): { scenario: Scenario | null; errors: { line: number; message: string }[] } {
  let raw = clone(base) as unknown as Record<string, unknown>;
  const errors: { line: number; message: string }[] = [];
  for (const a of assignments) {
    if (!isValidPath(a.path)) {
      errors.push({ line: a.line, message: `${a.path}: not a valid scenario path` });
      continue;
    }
    const keys = a.path.split('.');
    if (keys[0] === 'assumptions') {
      if (keys.length < 3) {
        errors.push({ line: a.line, message: `${a.path}: an assumption edit is assumptions.<id>.central, .low or .high` });
        continue;
      }
      const field = keys[keys.length - 1];
      const id = keys.slice(1, -1).join('.');
      const as = raw.assumptions as Record<string, Record<string, unknown>>;
      as[id] = { ...(as[id] ?? {}), [field]: a.value };
      continue;
    }
    // only fields the scenario has: every step a group, the last one present
    let parent: unknown = raw;
    let i = 0;
    for (; i < keys.length - 1; i++) {
      parent = getPath(raw, keys.slice(0, i + 1).join('.'));
      if (parent === null || typeof parent !== 'object' || Array.isArray(parent)) break;
    }
    if (i < keys.length - 1) {
      errors.push({ line: a.line, message: `${a.path}: no such scenario field (${keys.slice(0, i + 1).join('.')} is not a group)` });
      continue;
    }
    if (!Object.hasOwn(parent as object, keys[keys.length - 1])) {
      errors.push({ line: a.line, message: `${a.path}: no such scenario field` });
      continue;
    }
    raw = setPath(raw, a.path, a.value);
  }
  if (errors.length) return { scenario: null, errors };
  const r = parseScenario(raw);
  if (r.ok) return { scenario: r.scenario, errors: [] };
  return {
    scenario: null,
    errors: r.errors.map((message) => {
      const hit = [...assignments].reverse().find((a) => message.startsWith(`${a.path}:`) || message.startsWith(`${a.path.replace(/^(assumptions\.[^:]+)\.(central|low|high)$/, '$1')}`));
      return { line: hit?.line ?? fallbackLine, message };
    })
  };
}
