/**
 * How the results table prints a check: the published value with the decimals the
 * paper printed, the reproduced value and the difference with one more, so a
 * reader sees the agreement at the precision of the tolerance. Minus signs are U+2212.
 */
import type { Check } from './checks.ts';

/** Decimals of a number as written (0.243 -> 3, -9582.4 -> 1, 2357 -> 0), at most `max`. */
export function decimalsOf(value: number, max = 3): number {
  if (!Number.isFinite(value)) return 0;
  for (let d = 0; d < max; d++) {
    const scaled = value * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, Math.abs(scaled))) return d;
  }
  return max;
}

/** Fixed decimals, thousands separators, a true minus sign; "—" for non-finite values. */
export function formatFixed(value: number, digits: number, signed = false): string {
  if (!Number.isFinite(value)) return '—';
  const text = Math.abs(value).toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits
  });
  const zero = Number(text.replace(/,/g, '')) === 0;
  if (zero) return signed ? `±${text}` : text;
  if (value < 0) return `\u2212${text}`;
  return signed ? `+${text}` : text;
}

export interface CheckText {
  published: string;
  reproduced: string;
  difference: string;
}

/** The printed cells of one check. */
export function checkText(check: Check): CheckText {
  const shown = decimalsOf(check.published);
  const finer = check.tolerance.absolute === 0 ? shown : shown + 1;
  return {
    published: formatFixed(check.published, shown),
    reproduced: formatFixed(check.reproduced, finer),
    difference: formatFixed(check.difference, finer, true)
  };
}
