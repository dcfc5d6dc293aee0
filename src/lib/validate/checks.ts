/**
 * A check is one published number against the value reproduced here, passed when
 * |reproduced - published| is within the tolerance the validation tests use
 * (tests/validate/model/*.test.ts). Vitest's `toBeCloseTo(v, d)` passes when
 * |a - v| < 10^-d / 2, so `closeTo(d)` gives that tolerance; other checks state theirs.
 * Plain JSON-able data, versioned, so a worker can send it and a page can show it.
 */

export interface Tolerance {
  /** largest |reproduced - published| that passes (strict: difference < absolute) */
  absolute: number;
  /** how the tolerance reads, e.g. "±0.0005 (3 decimals)" */
  text: string;
}

/** Vitest's `toBeCloseTo(value, digits)`: |difference| < 10^-digits / 2. */
export function closeTo(digits: number): Tolerance {
  if (!Number.isInteger(digits)) throw new RangeError(`invalid digits: ${digits} (must be an integer)`);
  const absolute = 10 ** -digits / 2;
  return { absolute, text: `±${absolute} (${digits} decimal${digits === 1 ? '' : 's'})` };
}

/** An absolute tolerance stated in the check's own unit, e.g. "±2 points". */
export function within(absolute: number, unit = ''): Tolerance {
  if (!(absolute >= 0)) throw new RangeError(`invalid tolerance: ${absolute} (must be >= 0)`);
  return { absolute, text: `±${absolute}${unit ? ` ${unit}` : ''}` };
}

/** Exact equality (counts). */
export const EXACT: Tolerance = { absolute: 0, text: 'exact' };

export interface PublishedValue {
  /** stable key, e.g. "bgnbd.r" */
  id: string;
  /** the group the check belongs to, e.g. "BG/NBD on CDNOW" */
  group: string;
  /** the quantity, e.g. "r" or "log-likelihood" */
  label: string;
  published: number;
  tolerance: Tolerance;
  /** paper, section / table / equation */
  source: string;
}

export interface Check extends PublishedValue {
  version: 1;
  /** NaN when it could not be computed */
  reproduced: number;
  /** reproduced - published */
  difference: number;
  pass: boolean;
}

/** Compares a reproduced value with its published one; a non-finite reproduction fails. */
export function check(published: PublishedValue, reproduced: number): Check {
  const difference = reproduced - published.published;
  const { absolute } = published.tolerance;
  const pass = Number.isFinite(difference) && (absolute === 0 ? difference === 0 : Math.abs(difference) < absolute);
  return { version: 1, ...published, reproduced, difference, pass };
}

export interface CheckSummary {
  passed: number;
  total: number;
  /** "N of M checks pass" */
  text: string;
}

export function summarizeChecks(checks: readonly Check[]): CheckSummary {
  const passed = checks.filter((c) => c.pass).length;
  const total = checks.length;
  return { passed, total, text: `${passed} of ${total} check${total === 1 ? '' : 's'} pass` };
}

/** Checks grouped by their `group`, in first-seen order. */
export function groupChecks(checks: readonly Check[]): { group: string; checks: Check[] }[] {
  const groups = new Map<string, Check[]>();
  for (const c of checks) {
    const list = groups.get(c.group);
    if (list) list.push(c);
    else groups.set(c.group, [c]);
  }
  return [...groups].map(([group, list]) => ({ group, checks: list }));
}
