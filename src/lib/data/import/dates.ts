/**
 * Calendar dates as integer days since 1970-01-01 (UTC), parsed without `Date`
 * (no time zones, no locale): the importer calls `parseDay` once per row, so it
 * reads character codes directly.
 *
 * Civil-from-days and days-from-civil follow H. Hinnant, "chrono-Compatible
 * Low-Level Date Algorithms" (2013), proleptic Gregorian calendar.
 *
 * Formats:
 *  - 'iso'  YYYY-MM-DD, optionally followed by a time (`T` or space) which is ignored; `/` also accepted
 *  - 'ymd8' YYYYMMDD (CDNOW)
 *  - 'dmy'  D/M/YYYY (`/`, `.` or `-`), optional trailing time
 *  - 'mdy'  M/D/YYYY, optional trailing time
 */

export type DateFormat = 'iso' | 'ymd8' | 'dmy' | 'mdy';
export const DATE_FORMATS: readonly DateFormat[] = ['iso', 'ymd8', 'dmy', 'mdy'];

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1..12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of `daysFromCivil`. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));

/** YYYY-MM-DD of a day number. */
export function formatDay(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function valid(year: number, month: number, day: number): boolean {
  return year >= 1000 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Reads an unsigned integer of 1..maxLen digits at `i`; returns [value, nextIndex] or [-1, i]. */
function digits(s: string, i: number, minLen: number, maxLen: number): [number, number] {
  let v = 0;
  let j = i;
  while (j < s.length && j - i < maxLen) {
    const c = s.charCodeAt(j) - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
    j++;
  }
  return j - i >= minLen ? [v, j] : [-1, i];
}

const isSep = (c: number) => c === 47 /* / */ || c === 45 /* - */ || c === 46; /* . */
/** After the date: end of string, or a space / 'T' introducing a time that we ignore. */
const endsDate = (s: string, j: number) => j === s.length || s.charCodeAt(j) === 32 || s.charCodeAt(j) === 84;

/**
 * Parses a date in the given format to days since 1970-01-01; NaN when the text
 * is not a valid date in that format. Leading/trailing spaces are ignored.
 */
export function parseDay(text: string, format: DateFormat): number {
  const s =
    text.length > 0 && (text.charCodeAt(0) === 32 || text.charCodeAt(text.length - 1) === 32) ? text.trim() : text;
  let year: number, month: number, day: number, j: number;
  if (format === 'ymd8') {
    if (s.length !== 8) return NaN;
    [year, j] = digits(s, 0, 4, 4);
    [month, j] = digits(s, 4, 2, 2);
    [day, j] = digits(s, 6, 2, 2);
    if (year < 0 || month < 0 || day < 0) return NaN;
  } else if (format === 'iso') {
    [year, j] = digits(s, 0, 4, 4);
    if (year < 0 || !(s.charCodeAt(j) === 45 || s.charCodeAt(j) === 47)) return NaN;
    [month, j] = digits(s, j + 1, 1, 2);
    if (month < 0 || !(s.charCodeAt(j) === 45 || s.charCodeAt(j) === 47)) return NaN;
    [day, j] = digits(s, j + 1, 1, 2);
    if (day < 0 || !endsDate(s, j)) return NaN;
  } else {
    let a: number, b: number;
    [a, j] = digits(s, 0, 1, 2);
    if (a < 0 || !isSep(s.charCodeAt(j))) return NaN;
    [b, j] = digits(s, j + 1, 1, 2);
    if (b < 0 || !isSep(s.charCodeAt(j))) return NaN;
    [year, j] = digits(s, j + 1, 4, 4);
    if (year < 0 || !endsDate(s, j)) return NaN;
    if (format === 'dmy') {
      day = a;
      month = b;
    } else {
      month = a;
      day = b;
    }
  }
  return valid(year, month, day) ? daysFromCivil(year, month, day) : NaN;
}

/** Strict YYYY-MM-DD (as used for options such as the calibration end); throws with the offending value. */
export function parseIsoDateOption(value: string, what: string): number {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseDay(value, 'iso') : NaN;
  if (Number.isNaN(day)) throw new RangeError(`invalid ${what}: '${value}' (expected a calendar date YYYY-MM-DD)`);
  return day;
}

export interface DateDetection {
  /** the format to use, or null when none fits or the sample is ambiguous */
  format: DateFormat | null;
  /** true when several formats parse every sample value (typically D/M/Y vs M/D/Y): ask the user */
  ambiguous: boolean;
  /** every format that parses all non-empty sample values */
  candidates: DateFormat[];
}

/**
 * Detects the date format of a column from sample values: the formats that parse
 * the most non-empty values (at least 80% of them, so a stray bad row does not
 * hide the format; the importer rejects it later). D/M/Y vs M/D/Y is decided only
 * by a value whose first or second part exceeds 12; otherwise the result is
 * `ambiguous` with both candidates.
 */
export function detectDateFormat(samples: readonly string[]): DateDetection {
  const values = samples.map((s) => s.trim()).filter((s) => s.length > 0);
  if (values.length === 0) return { format: null, ambiguous: false, candidates: [] };
  const parsed = DATE_FORMATS.map((f) => values.filter((v) => !Number.isNaN(parseDay(v, f))).length);
  const best = Math.max(...parsed);
  if (best < 0.8 * values.length) return { format: null, ambiguous: false, candidates: [] };
  const candidates = DATE_FORMATS.filter((_, i) => parsed[i] === best);
  if (candidates.length === 1) return { format: candidates[0], ambiguous: false, candidates };
  return { format: null, ambiguous: true, candidates };
}
