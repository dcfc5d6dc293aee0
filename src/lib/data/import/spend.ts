/**
 * Media spend files (issue 16 item 1): long format (a date or week column, a channel column, a
 * spend/cost column) or wide (a date column and one numeric column per channel); daily, weekly or
 * monthly rows, aggregated to model weeks; channel names mapped onto the workbench's channels.
 *
 * - Layout: long when a channel column (channel / medium / source / platform) and a spend column
 *   (spend / cost / amount / budget / investment) are found; otherwise wide, every column but the
 *   date is a channel and must be numeric (blank = 0).
 * - Granularity: the median gap between distinct dates: 1 day (daily), 6-8 (weekly), 28-31
 *   (monthly). A row covers its period from its date on (a week from the date it carries, a
 *   calendar month from its first day); its spend is spread evenly over the days it covers and
 *   summed into model weeks, so weekly rows on the model's week boundaries stay exact and daily
 *   or monthly rows are apportioned by day.
 * - Amounts: currency as in the file; '1,234.50' (thousands commas) and a leading currency sign
 *   are accepted; a negative amount is an error naming its line.
 */
import Papa from 'papaparse';
import { civilFromDays, daysFromCivil, detectDateFormat, formatDay, parseDay, type DateFormat } from './dates.ts';

export type SpendGranularity = 'daily' | 'weekly' | 'monthly';

export interface SpendRow {
  /** first day of the period the row covers (days since 1970-01-01) */
  day: number;
  /** days the row covers */
  days: number;
  channel: string;
  spend: number;
}

export interface SpendFile {
  layout: 'long' | 'wide';
  granularity: SpendGranularity;
  dateFormat: DateFormat;
  /** the file's channel names, in order of first appearance */
  channels: string[];
  rows: SpendRow[];
  firstDay: number;
  /** last day covered (inclusive) */
  lastDay: number;
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const DATE_NAMES = ['week', 'date', 'day', 'weekstart', 'weekof', 'month', 'period', 'ds'];
const CHANNEL_NAMES = ['channel', 'medium', 'source', 'platform', 'mediachannel'];
const SPEND_NAMES = ['spend', 'cost', 'amount', 'budget', 'investment', 'mediaspend'];

function parseAmount(text: string): number {
  const s = text
    .trim()
    .replace(/^[$€£¥]/, '')
    .replace(/,(?=\d{3}(\D|$))/g, '');
  if (s === '') return 0;
  return /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s) ? Number(s) : NaN;
}

function median(values: number[]): number {
  const s = values.slice().sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor((s.length - 1) / 2)];
}

function daysInMonth(day: number): number {
  const { year, month } = civilFromDays(day);
  return daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - daysFromCivil(year, month, 1);
}

/** Parses a spend file's text; throws a RangeError with a sentence for every bad input. */
export function parseSpendFile(text: string, name = 'spend file'): SpendFile {
  const parsed = Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { skipEmptyLines: true });
  const [header, ...body] = parsed.data;
  if (!header || body.length === 0) throw new RangeError(`${name}: no rows (expected a header and one row per period)`);
  const names = header.map(norm);
  const dateCol = names.findIndex((n) => DATE_NAMES.includes(n));
  if (dateCol < 0) {
    throw new RangeError(`${name}: no date column (expected one named ${DATE_NAMES.slice(0, 3).join(', ')} or month)`);
  }
  const channelCol = names.findIndex((n) => CHANNEL_NAMES.includes(n));
  const spendCol = names.findIndex((n) => SPEND_NAMES.includes(n));
  const layout: 'long' | 'wide' = channelCol >= 0 && spendCol >= 0 ? 'long' : 'wide';
  const detection = detectDateFormat(body.slice(0, 500).map((r) => r[dateCol] ?? ''));
  const dateFormat = detection.format ?? (detection.ambiguous ? detection.candidates[0] : null);
  if (!dateFormat) throw new RangeError(`${name}: the ${header[dateCol]} column holds no dates I can read`);
  const raw: { day: number; channel: string; spend: number; line: number }[] = [];
  const channels: string[] = [];
  const seen = new Set<string>();
  const addChannel = (c: string) => {
    if (!seen.has(c)) {
      seen.add(c);
      channels.push(c);
    }
  };
  body.forEach((row, i) => {
    const line = i + 2;
    const day = parseDay(row[dateCol] ?? '', dateFormat);
    if (Number.isNaN(day)) throw new RangeError(`${name}, line ${line}: '${row[dateCol]}' is not a date`);
    const cells: [string, string][] =
      layout === 'long'
        ? [[(row[channelCol] ?? '').trim(), row[spendCol] ?? '']]
        : header.map((h, j) => [h.trim(), row[j] ?? ''] as [string, string]).filter((_, j) => j !== dateCol);
    for (const [channel, cell] of cells) {
      if (channel === '') throw new RangeError(`${name}, line ${line}: no channel name`);
      const spend = parseAmount(cell);
      if (Number.isNaN(spend))
        throw new RangeError(`${name}, line ${line}: spend '${cell}' for ${channel} is not a number`);
      if (spend < 0)
        throw new RangeError(`${name}, line ${line}: negative spend ${cell} for ${channel} (spend must be >= 0)`);
      addChannel(channel);
      raw.push({ day, channel, spend, line });
    }
  });
  const dates = [...new Set(raw.map((r) => r.day))].sort((a, b) => a - b);
  const gap = dates.length > 1 ? median(dates.slice(1).map((d, i) => d - dates[i])) : 7;
  const granularity: SpendGranularity =
    gap <= 1 ? 'daily' : gap >= 6 && gap <= 8 ? 'weekly' : gap >= 28 && gap <= 31 ? 'monthly' : 'weekly';
  if (!(gap <= 1 || (gap >= 6 && gap <= 8) || (gap >= 28 && gap <= 31))) {
    throw new RangeError(`${name}: rows are ${gap} days apart; expected daily, weekly or monthly rows`);
  }
  const rows: SpendRow[] = raw.map((r) => {
    if (granularity === 'monthly') {
      const { year, month } = civilFromDays(r.day);
      const start = daysFromCivil(year, month, 1);
      return { day: start, days: daysInMonth(start), channel: r.channel, spend: r.spend };
    }
    return { day: r.day, days: granularity === 'daily' ? 1 : 7, channel: r.channel, spend: r.spend };
  });
  const firstDay = Math.min(...rows.map((r) => r.day));
  const lastDay = Math.max(...rows.map((r) => r.day + r.days - 1));
  return { layout, granularity, dateFormat, channels, rows, firstDay, lastDay };
}

export interface ChannelMapping {
  /** file channel -> workbench channel ('' = not mapped) */
  map: Record<string, string>;
  /** file channels with no workbench channel (reported, never dropped silently) */
  unmapped: string[];
}

/**
 * Case-insensitive name match of the file's channels onto the workbench's (spaces, dashes and
 * underscores ignored, so 'E-mail' -> 'email'); `overrides` (from the mapping step) win.
 */
export function mapChannels(
  fileChannels: readonly string[],
  workbench: readonly string[],
  overrides: Record<string, string> = {}
): ChannelMapping {
  const byName = new Map(workbench.map((w) => [norm(w), w]));
  const map: Record<string, string> = {};
  const unmapped: string[] = [];
  for (const c of fileChannels) {
    const target = c in overrides ? overrides[c] : (byName.get(norm(c)) ?? '');
    map[c] = target;
    if (!target) unmapped.push(c);
  }
  return { map, unmapped };
}

/**
 * Weekly spend per workbench channel over `weeks` model weeks from `startDay` (week k = days
 * startDay + 7k .. startDay + 7k + 6). Spend of unmapped channels is left out (the caller
 * reports it); several file channels mapped onto one workbench channel are summed.
 */
export function weeklySpend(
  file: SpendFile,
  mapping: ChannelMapping,
  startDay: number,
  weeks: number
): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  for (const row of file.rows) {
    const target = mapping.map[row.channel];
    if (!target) continue;
    let series = out.get(target);
    if (!series) {
      series = new Float64Array(weeks);
      out.set(target, series);
    }
    const perDay = row.spend / row.days;
    for (let d = row.day; d < row.day + row.days; d++) {
      const k = Math.floor((d - startDay) / 7);
      if (k >= 0 && k < weeks) series[k] += perDay;
    }
  }
  return out;
}

export const describeSpendFile = (f: SpendFile): string =>
  `${f.layout} ${f.granularity} spend, ${f.channels.length} channels (${f.channels.join(', ')}), ${formatDay(f.firstDay)} to ${formatDay(f.lastDay)}`;
