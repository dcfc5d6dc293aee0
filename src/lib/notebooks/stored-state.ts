/**
 * The JSON a notebook keeps in its state store (draft, binding, imported source) is
 * `{ kind, version: 1, ... }`; what was read back is checked before it is used.
 */

/** The fields of stored JSON that is an object of this `kind` at version 1; null for anything else. */
export function storedFields(v: unknown, kind: string): Record<string, unknown> | null {
  if (v === null || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  return o.kind === kind && o.version === 1 ? o : null;
}
