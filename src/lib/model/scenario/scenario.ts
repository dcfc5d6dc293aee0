/**
 * Scenario JSON: defaults, the neutral scenario, validation where a scenario
 * enters (URL, file, database) and compact URL encoding.
 *
 * - `neutralScenario()` sets every lever to the value that leaves the baseline
 *   unchanged (no paid media, no programmes), so its projection equals the
 *   baseline projection exactly (tests/unit/engine/neutral.test.ts).
 * - `parseScenario(unknown)` never throws: it returns the scenario, rebuilt
 *   field by field from a template (so no foreign key or prototype survives),
 *   or every error found, each naming the field, the value and the rule:
 *   `levers.channels.budgetPerWeek.search: -5 (must be >= 0)`. Keys `__proto__`,
 *   `constructor` and `prototype` are rejected anywhere; unknown fields are errors;
 *   missing fields take their neutral value. Measured `evidence` (evidence.ts) is
 *   validated the same way and travels in share links.
 * - URL form: base64url of the JSON of the fields that differ from neutral.
 */
import { SCENARIO_VERSION, type AssumptionOverride, type Levers, type Scenario } from './scenario-types.ts';
import { LEVERS, leverById, type LeverDef } from './levers/catalogue.ts';
import { resolveAssumptions } from './assumptions.ts';
import { parseEvidence } from './evidence.ts';
import { checkKeys, FORBIDDEN, isPlainObject, show } from './json-checks.ts';
import { getPath, setPath } from './path.ts';

export { getPath };

function leversFrom(pick: (d: LeverDef) => number | boolean | string): Levers {
  let root: Record<string, unknown> = {};
  for (const d of LEVERS) root = setPath(root, d.id, pick(d));
  return root as unknown as Levers;
}

export const DEFAULT_ECONOMICS = {
  grossMarginShare: 0.3,
  discountRatePerYear: 0.1,
  horizonWeeks: 156,
  clvWindowWeeks: 520,
  currency: 'USD'
} as const;

/** Every lever at its neutral value: projects to the baseline exactly. */
export function neutralScenario(name = 'Baseline'): Scenario {
  return {
    version: SCENARIO_VERSION,
    name,
    seed: 1,
    economics: { ...DEFAULT_ECONOMICS },
    levers: leversFrom((d) => d.neutral),
    assumptions: {}
  };
}

/** The scenario shown on first load: neutral levers plus a default media budget. */
export function defaultScenario(name = 'New scenario'): Scenario {
  return { ...neutralScenario(name), levers: leversFrom((d) => d.default) };
}

/** True when every lever equals its neutral value. */
export function isNeutral(s: Scenario): boolean {
  return LEVERS.every((d) => getPath(s.levers, d.id) === d.neutral);
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

function checkNumber(
  path: string,
  v: unknown,
  min: number,
  max: number,
  integer: boolean,
  errors: string[]
): number | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    errors.push(`${path}: ${show(v)} (must be a finite number)`);
    return undefined;
  }
  if (v < min) errors.push(`${path}: ${v} (must be >= ${min})`);
  else if (v > max) errors.push(`${path}: ${v} (must be <= ${max})`);
  else if (integer && !Number.isInteger(v)) errors.push(`${path}: ${v} (must be an integer)`);
  else return v;
  return undefined;
}

/** The levers of `input` over `defaults`, each checked against the catalogue. */
function parseLevers(input: unknown, defaults: Levers, errors: string[]): Levers {
  let out = defaults;
  if (!isPlainObject(input)) {
    errors.push(`levers: ${show(input)} (must be an object)`);
    return out;
  }
  // Walk the input: every leaf must be a catalogue lever, every branch a known prefix.
  const prefixes = new Set<string>();
  for (const d of LEVERS) {
    const parts = d.id.split('.');
    for (let i = 1; i < parts.length; i++) prefixes.add(parts.slice(0, i).join('.'));
  }
  const walk = (obj: Record<string, unknown>, prefix: string) => {
    for (const k of Object.keys(obj)) {
      const id = prefix ? `${prefix}.${k}` : k;
      const path = `levers.${id}`;
      if (FORBIDDEN.has(k)) {
        errors.push(`${path}: forbidden key`);
        continue;
      }
      const v = obj[k];
      const def = leverById(id);
      if (def) {
        const parsed = parseLeverValue(def, path, v, errors);
        if (parsed !== undefined) out = setPath(out, id, parsed);
      } else if (prefixes.has(id)) {
        if (isPlainObject(v)) walk(v, id);
        else errors.push(`${path}: ${show(v)} (must be an object)`);
      } else {
        errors.push(`${path}: unknown field`);
      }
    }
  };
  walk(input, '');
  return out;
}

function parseLeverValue(
  def: LeverDef,
  path: string,
  v: unknown,
  errors: string[]
): number | boolean | string | undefined {
  switch (def.kind) {
    case 'boolean':
      if (typeof v === 'boolean') return v;
      errors.push(`${path}: ${show(v)} (must be true or false)`);
      return undefined;
    case 'choice':
      if (typeof v === 'string' && def.choices?.includes(v)) return v;
      errors.push(`${path}: ${show(v)} (must be one of ${def.choices?.join(', ')})`);
      return undefined;
    default:
      return checkNumber(path, v, def.min ?? -Infinity, def.max ?? Infinity, def.kind === 'integer', errors);
  }
}

const ECONOMICS_RULES: Record<string, { min: number; max: number; integer: boolean }> = {
  grossMarginShare: { min: 0.001, max: 1, integer: false },
  discountRatePerYear: { min: 0, max: 1, integer: false },
  horizonWeeks: { min: 1, max: 1040, integer: true },
  clvWindowWeeks: { min: 1, max: 1040, integer: true }
};

/** Validate a scenario from any source. Never throws. */
export function parseScenario(input: unknown): ParseResult {
  const errors: string[] = [];
  if (!isPlainObject(input)) return { ok: false, errors: [`scenario: ${show(input)} (must be an object)`] };
  checkKeys(input, '', new Set(['version', 'name', 'seed', 'economics', 'levers', 'assumptions', 'evidence']), errors);
  if (input.version !== SCENARIO_VERSION) {
    errors.push(
      `version: ${show(input.version)} (must be ${SCENARIO_VERSION}; this build reads scenario version ${SCENARIO_VERSION})`
    );
  }
  const s = neutralScenario();
  if (input.name !== undefined) {
    if (typeof input.name === 'string' && input.name.length <= 200) s.name = input.name;
    else errors.push(`name: ${show(input.name)} (must be a string of at most 200 characters)`);
  }
  if (input.seed !== undefined) {
    const seed = checkNumber('seed', input.seed, 0, 2 ** 32 - 1, true, errors);
    if (seed !== undefined) s.seed = seed;
  }
  if (input.economics !== undefined) {
    const e = input.economics;
    if (!isPlainObject(e)) errors.push(`economics: ${show(e)} (must be an object)`);
    else {
      checkKeys(e, 'economics', new Set([...Object.keys(ECONOMICS_RULES), 'currency']), errors);
      for (const [k, r] of Object.entries(ECONOMICS_RULES)) {
        if (e[k] === undefined) continue;
        const v = checkNumber(`economics.${k}`, e[k], r.min, r.max, r.integer, errors);
        if (v !== undefined) (s.economics as unknown as Record<string, number>)[k] = v;
      }
      if (e.currency !== undefined) {
        if (typeof e.currency === 'string' && /^[A-Za-z]{1,8}$/.test(e.currency)) s.economics.currency = e.currency;
        else errors.push(`economics.currency: ${show(e.currency)} (must be a currency code of 1-8 letters)`);
      }
    }
  }
  if (input.levers !== undefined) s.levers = parseLevers(input.levers, s.levers, errors);
  if (input.assumptions !== undefined) {
    const as = input.assumptions;
    if (!isPlainObject(as)) errors.push(`assumptions: ${show(as)} (must be an object)`);
    else {
      const clean: Record<string, AssumptionOverride> = {};
      for (const id of Object.keys(as)) {
        const path = `assumptions.${id}`;
        if (FORBIDDEN.has(id)) {
          errors.push(`${path}: forbidden key`);
          continue;
        }
        const o = as[id];
        if (!isPlainObject(o)) {
          errors.push(`${path}: ${show(o)} (must be an object with central, low and/or high)`);
          continue;
        }
        checkKeys(o, path, new Set(['central', 'low', 'high']), errors);
        const ov: AssumptionOverride = {};
        for (const k of ['central', 'low', 'high'] as const) {
          if (o[k] === undefined) continue;
          const v = checkNumber(`${path}.${k}`, o[k], -1e12, 1e12, false, errors);
          if (v !== undefined) ov[k] = v;
        }
        clean[id] = ov;
      }
      errors.push(...resolveAssumptions(clean).errors);
      s.assumptions = clean;
    }
  }
  if (input.evidence !== undefined) {
    const evidence = parseEvidence(input.evidence, errors);
    if (evidence && Object.keys(evidence).length) s.evidence = evidence;
  }
  return errors.length ? { ok: false, errors } : { ok: true, scenario: s };
}

/** Parse JSON text; syntax errors come back as a value too. */
export function parseScenarioJson(text: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`scenario: not valid JSON (${e instanceof Error ? e.message : String(e)})`] };
  }
  return parseScenario(data);
}

/** The fields of `s` that differ from the neutral scenario (always with version). */
export function scenarioDiff(s: Scenario): Record<string, unknown> {
  const n = neutralScenario();
  const out: Record<string, unknown> = { version: s.version };
  if (s.name !== n.name) out.name = s.name;
  if (s.seed !== n.seed) out.seed = s.seed;
  const econ: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s.economics))
    if ((n.economics as unknown as Record<string, unknown>)[k] !== v) econ[k] = v;
  if (Object.keys(econ).length) out.economics = econ;
  let levers: Record<string, unknown> = {};
  for (const d of LEVERS) {
    const v = getPath(s.levers, d.id);
    if (v !== d.neutral) levers = setPath(levers, d.id, v);
  }
  if (Object.keys(levers).length) out.levers = levers;
  if (Object.keys(s.assumptions).length) out.assumptions = s.assumptions;
  if (s.evidence && Object.keys(s.evidence).length) out.evidence = s.evidence;
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Compact URL parameter: base64url(JSON of the difference from neutral). */
export function encodeScenarioParam(s: Scenario): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify(scenarioDiff(s))));
}

/** Decode and validate a URL parameter. */
export function decodeScenarioParam(param: string): ParseResult {
  if (!/^[A-Za-z0-9_-]*$/.test(param)) return { ok: false, errors: ['scenario URL parameter: not base64url text'] };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(param));
  } catch {
    return { ok: false, errors: ['scenario URL parameter: not valid base64url UTF-8'] };
  }
  return parseScenarioJson(text);
}
