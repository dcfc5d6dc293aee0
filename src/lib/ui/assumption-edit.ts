/** One edit of an assumption's low / central / high, checked where it enters. */
import type { Assumption } from '$lib/model/scenario/assumptions';

export type AssumptionField = 'low' | 'central' | 'high';

export type AssumptionEdit =
  { ok: true; value: { central: number; low: number; high: number } } | { ok: false; error: string };

export function editAssumption(
  a: Pick<Assumption, 'central' | 'low' | 'high'>,
  field: AssumptionField,
  text: string
): AssumptionEdit {
  const v = Number(text.trim().replace(',', '.'));
  if (text.trim() === '' || !Number.isFinite(v)) return { ok: false, error: `${field}: “${text}” is not a number` };
  const next = { central: a.central, low: a.low, high: a.high, [field]: v };
  if (!(next.low <= next.central && next.central <= next.high)) {
    return { ok: false, error: `needs low ≤ central ≤ high (got ${next.low} ≤ ${next.central} ≤ ${next.high})` };
  }
  return { ok: true, value: next };
}

/** Shown value of an assumption: 4 significant digits, thousands separated. */
export function assumptionText(v: number): string {
  return Math.abs(v) >= 1000 ? v.toLocaleString('en') : String(Number(v.toPrecision(4)));
}
