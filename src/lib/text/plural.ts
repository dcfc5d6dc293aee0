/**
 * Counts in words: "1 customer", "2 customers", "12,345 rows". The one helper for
 * every count the app and the CLI print, so no message says "1 customers".
 * Numbers are grouped in English ("12,345"), as the rest of the app's messages.
 */

/** `n` and the noun in the singular for exactly 1 (and -1), the plural otherwise (0 customers, 2.5 weeks). */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  const text = Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: 2 }) : String(n);
  return `${text} ${Math.abs(n) === 1 ? singular : pluralForm}`;
}
