/**
 * The budget optimiser page's pure logic: the form (text fields, as typed) and its
 * checks, the OptimiseOptions it becomes, and what is shown and exported of a
 * result: per-channel rows (current, recommended, equal split, marginal return), the
 * lever changes to apply, and CSV / JSON files. The numbers (equal split, marginal
 * returns, marked response curves) come computed in the optimiser's result.
 *
 * Limits come from the lever catalogue (src/lib/model/scenario/levers/catalogue.ts): a
 * channel budget is at most 1e7 per week, the list price change within
 * [-0.5, 1], personalisation coverage within [0, 1]. The form shows shares as
 * percentages, like the lever panel.
 */
import { CHANNEL_IDS, type ChannelId, type KpiId, type Scenario } from '$lib/model/scenario/scenario-types';
import { MINIMISED_KPIS, type OptimiseOptions, type OptimiseResult } from '$lib/model/scenario/optimise';
import { leverById } from '$lib/model/scenario/levers/catalogue';
import { formatWholeMoney, MINUS } from '$lib/charts/format';
import { toCsv, type CsvValue } from '$lib/files/csv';
import { toJson } from '$lib/data/export/json';
import { csvFile, jsonFile, type ExportFile } from '$lib/files/download';

/** A range of a lever: [min, max] in model units, from the catalogue. */
function leverRange(id: string): { min: number; max: number } {
  const d = leverById(id);
  if (!d || d.min === undefined || d.max === undefined) throw new Error(`lever ${id} has no range in the catalogue`);
  return { min: d.min, max: d.max };
}

/** Highest weekly budget of one channel (the lever's maximum). */
export const MAX_CHANNEL_BUDGET = leverRange('channels.budgetPerWeek.search').max;
/** List price change range, in percent. */
export const PRICE_LIMITS_PCT = {
  min: leverRange('pricing.priceChange').min * 100,
  max: leverRange('pricing.priceChange').max * 100
};
/** Personalisation coverage range, in percent. */
export const COVERAGE_LIMITS_PCT = {
  min: leverRange('personalisation.coverage').min * 100,
  max: leverRange('personalisation.coverage').max * 100
};

export const DEFAULT_KPI: KpiId = 'customerEquity';

export interface RangeField {
  on: boolean;
  /** percent, as typed */
  min: string;
  max: string;
}

/** The form as typed: every number is text until it is checked. */
export interface OptimiseForm {
  kpi: KpiId;
  /** total media budget per week */
  total: string;
  /** per-channel minimum and maximum per week; empty = open */
  min: Record<ChannelId, string>;
  max: Record<ChannelId, string>;
  price: RangeField;
  coverage: RangeField;
}

/** Field keys of the messages: 'kpi', 'total', 'min.search', 'max.search', 'price.min', 'coverage.max', ... */
export type FieldErrors = Record<string, string>;

export function direction(kpi: KpiId): 'maximise' | 'minimise' {
  return MINIMISED_KPIS.has(kpi) ? 'minimise' : 'maximise';
}

/** The scenario's current total media budget per week. */
export function currentTotal(scenario: Scenario): number {
  return CHANNEL_IDS.reduce((s, c) => s + (scenario.levers.channels.budgetPerWeek[c] ?? 0), 0);
}

/** A number as the form shows it: no grouping, at most two decimals ("6500", "12.5"). */
export function fieldText(value: number): string {
  return String(Number(value.toFixed(2)));
}

/**
 * The form for a scenario: customer equity, the scenario's total, open limits, the
 * price change within 10 points of today's setting (inside the lever's range),
 * coverage over its whole range; price and coverage off.
 */
export function defaultForm(scenario: Scenario): OptimiseForm {
  const empty = () => Object.fromEntries(CHANNEL_IDS.map((c) => [c, ''])) as Record<ChannelId, string>;
  const price = scenario.levers.pricing.priceChange * 100;
  return {
    kpi: DEFAULT_KPI,
    total: fieldText(currentTotal(scenario)),
    min: empty(),
    max: empty(),
    price: {
      on: false,
      min: fieldText(Math.max(PRICE_LIMITS_PCT.min, price - 10)),
      max: fieldText(Math.min(PRICE_LIMITS_PCT.max, price + 10))
    },
    coverage: { on: false, min: fieldText(COVERAGE_LIMITS_PCT.min), max: fieldText(COVERAGE_LIMITS_PCT.max) }
  };
}

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$/;

/**
 * A typed number: spaces ignored, commas only as thousands separators ("6,500"),
 * a typographic minus accepted, a trailing % ignored. Empty text is null; text that
 * is not a number is NaN.
 */
export function parseNumber(text: string): number | null {
  const t = text
    .replace(/\s/g, '')
    .replace(/\u2212/g, '-')
    .replace(/%$/, '');
  if (t === '') return null;
  if (!NUMBER.test(t) || !/\d/.test(t)) return NaN;
  return Number(t.replace(/,/g, ''));
}

const grouped2 = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

/** Money to the unit with grouping ("$6,500", "−$1,739"): budgets are planned in whole amounts. */
export function formatBudget(value: number, currency = 'USD', explicitPlus = false): string {
  return formatWholeMoney(value, { currency }, explicitPlus);
}

function plain(value: number): string {
  return grouped2.format(value).replace('-', MINUS);
}

/** A share as a short percentage for lever settings: "0%", "+10%", "−4.5%" (at most one decimal). */
export function formatShare(share: number, explicitPlus = false): string {
  if (!Number.isFinite(share)) return '\u2014';
  const pct = Number((share * 100).toFixed(1));
  const sign = pct < 0 ? MINUS : explicitPlus && pct > 0 ? '+' : '';
  return `${sign}${Math.abs(pct)}%`;
}

/**
 * Checks the form; returns the optimiser's options or a message per field.
 * Channel maximums default to the lever's limit, so the recommendation can always
 * be applied to the scenario.
 */
export function buildOptions(
  form: OptimiseForm,
  currency = 'USD'
): { ok: true; options: OptimiseOptions } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const money = (v: number) => formatBudget(v, currency);

  const total = parseNumber(form.total);
  if (total === null) errors.total = 'Enter the total weekly media budget.';
  else if (Number.isNaN(total)) errors.total = `“${form.total.trim()}” is not a number.`;
  else if (!(total > 0)) errors.total = 'The total budget must be more than 0.';

  const minPerWeek: Partial<Record<ChannelId, number>> = {};
  const maxPerWeek: Partial<Record<ChannelId, number>> = {};
  for (const c of CHANNEL_IDS) {
    const lo = parseNumber(form.min[c]);
    const hi = parseNumber(form.max[c]);
    let loOk = true;
    if (lo !== null) {
      if (Number.isNaN(lo)) errors[`min.${c}`] = `“${form.min[c].trim()}” is not a number.`;
      else if (lo < 0) errors[`min.${c}`] = 'The minimum cannot be negative.';
      else if (lo > MAX_CHANNEL_BUDGET)
        errors[`min.${c}`] = `At most ${money(MAX_CHANNEL_BUDGET)} a week (the lever's limit).`;
      else minPerWeek[c] = lo;
      loOk = !errors[`min.${c}`];
    }
    if (hi !== null) {
      if (Number.isNaN(hi)) errors[`max.${c}`] = `“${form.max[c].trim()}” is not a number.`;
      else if (hi < 0) errors[`max.${c}`] = 'The maximum cannot be negative.';
      else if (hi > MAX_CHANNEL_BUDGET)
        errors[`max.${c}`] = `At most ${money(MAX_CHANNEL_BUDGET)} a week (the lever's limit).`;
      else if (loOk && lo !== null && hi < lo) errors[`max.${c}`] = `The maximum is below the minimum (${money(lo)}).`;
    }
    maxPerWeek[c] = hi !== null && !errors[`max.${c}`] ? hi : MAX_CHANNEL_BUDGET;
  }

  if (!errors.total && total !== null) {
    const sumMin = CHANNEL_IDS.reduce((s, c) => s + (minPerWeek[c] ?? 0), 0);
    const sumMax = CHANNEL_IDS.reduce((s, c) => s + (maxPerWeek[c] ?? MAX_CHANNEL_BUDGET), 0);
    if (sumMin > total)
      errors.total = `The channel minimums add up to ${money(sumMin)}, more than the total of ${money(total)}.`;
    else if (sumMax < total)
      errors.total = `The channel maximums allow at most ${money(sumMax)}, less than the total of ${money(total)}.`;
  }

  const range = (key: 'price' | 'coverage', limits: { min: number; max: number }, what: string) => {
    const field = form[key];
    if (!field.on) return undefined;
    const parsed: number[] = [];
    for (const end of ['min', 'max'] as const) {
      const v = parseNumber(field[end]);
      const k = `${key}.${end}`;
      if (v === null) errors[k] = `Enter the ${end === 'min' ? 'lowest' : 'highest'} ${what} to try.`;
      else if (Number.isNaN(v)) errors[k] = `“${field[end].trim()}” is not a number.`;
      else if (v < limits.min || v > limits.max)
        errors[k] = `Between ${plain(limits.min)}% and ${plain(limits.max)}% (the lever's range).`;
      else parsed.push(v);
    }
    if (parsed.length !== 2) return undefined;
    if (parsed[1] < parsed[0]) {
      errors[`${key}.max`] = `The highest is below the lowest (${plain(parsed[0])}%).`;
      return undefined;
    }
    return { min: parsed[0] / 100, max: parsed[1] / 100 };
  };
  const priceChange = range('price', PRICE_LIMITS_PCT, 'price change');
  const coverage = range('coverage', COVERAGE_LIMITS_PCT, 'coverage');

  if (Object.keys(errors).length) return { ok: false, errors };
  const options: OptimiseOptions = {
    kpi: form.kpi,
    totalBudgetPerWeek: total as number,
    channels: [...CHANNEL_IDS],
    minPerWeek,
    maxPerWeek
  };
  if (priceChange) options.priceChange = priceChange;
  if (coverage) options.coverage = coverage;
  return { ok: true, options };
}

/** One optimisation as the page keeps it: the scenario it ran on (a snapshot), the options and the answer. */
export interface OptimiseRun {
  scenario: Scenario;
  options: OptimiseOptions;
  result: OptimiseResult;
  /** ms the worker took */
  ms?: number;
}

export interface ChannelRow {
  channel: ChannelId;
  current: number;
  recommended: number;
  /** recommended - current */
  change: number;
  equalSplit: number;
  /** KPI change per extra currency unit per week at the recommendation; null when undefined */
  marginalReturn: number | null;
}

export function channelRows(run: OptimiseRun): ChannelRow[] {
  const equal = run.result.equalSplitBudgetPerWeek;
  return (run.options.channels ?? CHANNEL_IDS).map((channel) => {
    const current = run.scenario.levers.channels.budgetPerWeek[channel] ?? 0;
    const recommended = run.result.budgetPerWeek[channel];
    return {
      channel,
      current,
      recommended,
      change: recommended - current,
      equalSplit: equal[channel],
      marginalReturn: run.result.marginalReturn[channel]
    };
  });
}

/**
 * How much better `value` is than `reference` in the KPI's direction: positive is
 * better; `relative` is null when the reference is zero or a value is missing.
 */
export function improvement(
  value: number | null,
  reference: number | null,
  dir: 'maximise' | 'minimise'
): { absolute: number; relative: number | null } | null {
  if (value === null || reference === null || !Number.isFinite(value) || !Number.isFinite(reference)) return null;
  const absolute = dir === 'maximise' ? value - reference : reference - value;
  return { absolute, relative: reference === 0 ? null : absolute / Math.abs(reference) };
}

/**
 * The spend step the marginal return is quoted per: the largest power of ten at most
 * a fifth of the total, between 1 and 1,000 (6,500 a week -> 1,000; 400 -> 10).
 */
export function marginalUnit(total: number): number {
  if (!(total > 0) || !Number.isFinite(total)) return 1;
  return Math.min(1000, Math.max(1, 10 ** Math.floor(Math.log10(total / 5))));
}

/** The lever changes that apply a result to a scenario: [path under `levers`, value]. */
export function applyChanges(result: OptimiseResult): [string, number][] {
  const out: [string, number][] = CHANNEL_IDS.map((c) => [`channels.budgetPerWeek.${c}`, result.budgetPerWeek[c]]);
  if (result.priceChange !== undefined) out.push(['pricing.priceChange', result.priceChange]);
  if (result.coverage !== undefined) out.push(['personalisation.coverage', result.coverage]);
  return out;
}

export const CSV_HEADER = [
  'scenario',
  'kind',
  'item',
  'unit',
  'current',
  'recommended',
  'equal_split',
  'marginal_return_per_unit'
] as const;

/** The lever value the equal split was evaluated at: the current one, clamped to the searched range. */
function startValue(current: number, range: { min: number; max: number }): number {
  return Math.min(range.max, Math.max(range.min, current));
}

/**
 * The result as CSV rows: the KPI (current scenario, recommended, equal split),
 * one row per channel budget (with the marginal return per extra currency unit a
 * week), and the price change and coverage when they were optimised. Text cells
 * are neutralised against spreadsheet formulas by the CSV writer.
 */
export function resultCsvRows(run: OptimiseRun): CsvValue[][] {
  const { scenario, options, result } = run;
  const name = scenario.name;
  const rows: CsvValue[][] = [
    [name, 'kpi', result.kpi, result.direction, result.currentValue, result.value, result.equalSplitValue, null]
  ];
  for (const r of channelRows(run))
    rows.push([
      name,
      'budget_per_week',
      r.channel,
      scenario.economics.currency,
      r.current,
      r.recommended,
      r.equalSplit,
      r.marginalReturn
    ]);
  const leverRow = (id: string, current: number, found: number | undefined, range?: { min: number; max: number }) => {
    if (range && found !== undefined)
      rows.push([name, 'lever', id, 'share', current, found, startValue(current, range), null]);
  };
  leverRow('pricing.priceChange', scenario.levers.pricing.priceChange, result.priceChange, options.priceChange);
  leverRow('personalisation.coverage', scenario.levers.personalisation.coverage, result.coverage, options.coverage);
  return rows;
}

export function resultCsv(run: OptimiseRun): string {
  return toCsv(CSV_HEADER, resultCsvRows(run));
}

/** The whole run as JSON (the lever-lab export envelope): scenario, options, result, equal split. */
export function resultJson(run: OptimiseRun, exportedAt?: string): string {
  return toJson(
    'budget-optimisation',
    {
      scenario: run.scenario,
      options: run.options,
      result: run.result,
      equalSplitBudgetPerWeek: run.result.equalSplitBudgetPerWeek
    },
    exportedAt
  );
}

export function exportResult(run: OptimiseRun, format: 'csv' | 'json', exportedAt?: string): ExportFile {
  const stem = `${run.scenario.name}-optimised-${run.result.kpi}`;
  return format === 'csv' ? csvFile(stem, resultCsv(run)) : jsonFile(stem, resultJson(run, exportedAt));
}
