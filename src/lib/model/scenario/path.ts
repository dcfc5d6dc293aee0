/**
 * Dotted paths into plain objects ('pricing.priceChange' under a scenario's levers):
 * the one reader and the one setter of the project. The setter never mutates: it
 * returns a copy with the objects along the path copied and everything else shared,
 * creating missing groups; `__proto__`, `constructor` and `prototype` are refused.
 */

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** The value at `path`, or undefined when a step is missing or not an object (own keys only). */
export function getPath(obj: unknown, path: string): unknown {
  let o = obj as Record<string, unknown> | undefined;
  for (const k of path.split('.')) {
    if (o === null || typeof o !== 'object' || !Object.hasOwn(o, k)) return undefined;
    o = o[k] as Record<string, unknown>;
  }
  return o;
}

/** A copy of `obj` with the dotted `path` set to `value` (structural sharing, no mutation). */
export function setPath<T>(obj: T, path: string, value: unknown): T {
  return setKeys(obj, path.split('.'), 0, value) as T;
}

function setKeys(obj: unknown, keys: readonly string[], i: number, value: unknown): unknown {
  const k = keys[i];
  if (FORBIDDEN.has(k)) throw new Error(`invalid path segment: ${k}`);
  const base = (obj !== null && typeof obj === 'object' ? obj : {}) as Record<string, unknown>;
  return {
    ...base,
    [k]: i + 1 < keys.length ? setKeys(Object.hasOwn(base, k) ? base[k] : undefined, keys, i + 1, value) : value
  };
}
