/**
 * The checks every way into a scenario shares (the scenario itself, its evidence): a
 * value as an error message shows it, plain objects, and keys that are forbidden
 * (prototype pollution) or unknown, reported by their dotted path.
 */

/** Keys no parsed object may carry. */
export const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** A value as an error message shows it; strings longer than `maxText` are cut there. */
export function show(v: unknown, maxText = Infinity): string {
  if (typeof v === 'string') return JSON.stringify(v.length > maxText ? `${v.slice(0, maxText)}…` : v);
  if (v === null || typeof v !== 'object') return String(v);
  return Array.isArray(v) ? 'an array' : 'an object';
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Errors for forbidden keys and, with `allowed`, keys not in it; `path` '' is the top level. */
export function checkKeys(
  obj: Record<string, unknown>,
  path: string,
  allowed: Set<string> | null,
  errors: string[]
): void {
  for (const k of Object.keys(obj)) {
    const p = path ? `${path}.${k}` : k;
    if (FORBIDDEN.has(k)) errors.push(`${p}: forbidden key`);
    else if (allowed && !allowed.has(k)) errors.push(`${p}: unknown field`);
  }
}
