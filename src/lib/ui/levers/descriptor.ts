/**
 * How a lever is shown: the UI renders every lever from one of these, so the panel,
 * notebooks and presenter mode stay in step with the engine's lever catalogue.
 */
export type LeverKind = 'number' | 'boolean' | 'choice';

export interface LeverDescriptor {
  /** dotted path into Scenario.levers, e.g. 'pricing.priceChange' */
  path: string;
  family: string;
  label: string;
  kind: LeverKind;
  /** shown after the number, e.g. '%' or '€/week' */
  unit?: string;
  /** model value -> shown value factor (100 for shares shown as %) */
  displayScale?: number;
  min?: number;
  max?: number;
  step?: number;
  options?: readonly { value: string; label: string }[];
  help: string;
}

/** Reads a dotted path of a plain object. */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Returns a copy of `obj` with `path` set to `value` (structural sharing, no mutation). */
export function setPath<T>(obj: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.');
  if (head === '__proto__' || head === 'constructor' || head === 'prototype')
    throw new Error(`invalid path segment: ${head}`);
  const base = (obj ?? {}) as Record<string, unknown>;
  return {
    ...base,
    [head]: rest.length ? setPath(base[head], rest.join('.'), value) : value
  } as T;
}

/** Rounds a shown number to the descriptor's step, avoiding 0.30000000000000004. */
export function roundToStep(value: number, step = 0.01): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return Number(value.toFixed(Math.min(decimals + 1, 10)));
}
