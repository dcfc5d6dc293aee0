/**
 * Lift-test files (issue 16 item 5): one experiment a row, read into model/scenario/lift-tests.ts
 * tests. Two kinds of row, told apart by which of the naming columns is filled:
 *
 * - lever test (`lever_or_assumption_id`, or `assumption`): `control_size`,
 *   `control_conversions`, `treatment_size`, `treatment_conversions` (whole counts, conversions
 *   <= size), `start`, `end`, `note` — the layout of examples/lift-tests.csv;
 * - channel test (`channel`, a workbench channel): `start`, `end`, `spend_change` (extra spend on
 *   the channel over the whole test; negative for a holdout or go-dark test),
 *   `incremental_customers` (the incremental new customers it caused over the test), its
 *   uncertainty as `se` or as a 95% interval `ci_low` and `ci_high`, and optionally
 *   `baseline_spend_per_week` (the channel's weekly spend without the change; blank = taken from
 *   the stored spend history over the test's weeks), `note`.
 *
 * Dates are YYYY-MM-DD; a test covers start..end inclusive, so its weeks are (end - start + 1) / 7.
 * Every bad cell is an error naming its line and column.
 */
import Papa from 'papaparse';
import { parseDay } from './dates.ts';
import { CHANNEL_IDS } from '../../model/scenario/scenario-types.ts';
import { Z95, liftMeasureOf, type ChannelLiftObservation, type LiftTest } from '../../model/scenario/lift-tests.ts';

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const ALIASES: Record<string, string[]> = {
  assumption: ['leverorassumptionid', 'assumption', 'assumptionid'],
  channel: ['channel'],
  controlSize: ['controlsize'],
  controlConversions: ['controlconversions', 'controloutcome', 'controlretained'],
  treatmentSize: ['treatmentsize'],
  treatmentConversions: ['treatmentconversions', 'treatmentoutcome', 'treatmentretained'],
  start: ['start', 'startdate', 'from'],
  end: ['end', 'enddate', 'to'],
  note: ['note', 'notes', 'description'],
  spendChange: ['spendchange', 'extraspend', 'deltaspend'],
  incremental: ['incrementalcustomers', 'incremental', 'incrementalconversions', 'lift'],
  se: ['se', 'standarderror', 'sigma'],
  ciLow: ['cilow', 'lower', 'low'],
  ciHigh: ['cihigh', 'upper', 'high'],
  baseline: ['baselinespendperweek', 'baselinespend']
};

export interface LiftTestFile {
  tests: LiftTest[];
  levers: number;
  channels: number;
}

/** Parses a lift-test file's text; throws a RangeError naming the line (and column) of bad input. */
export function parseLiftTestFile(text: string, name = 'lift-test file'): LiftTestFile {
  const parsed = Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { skipEmptyLines: 'greedy' });
  const [header, ...body] = parsed.data;
  if (!header || body.length === 0) throw new RangeError(`${name}: no rows (expected a header and one test a row)`);
  const names = header.map(norm);
  const col: Record<string, number> = {};
  for (const [key, aliases] of Object.entries(ALIASES)) col[key] = names.findIndex((n) => aliases.includes(n));
  if (col.assumption < 0 && col.channel < 0) {
    throw new RangeError(`${name}: no lever_or_assumption_id or channel column (one names what each test measured)`);
  }
  if (col.start < 0 || col.end < 0) throw new RangeError(`${name}: needs start and end columns (YYYY-MM-DD)`);
  const tests: LiftTest[] = [];
  body.forEach((row, i) => {
    const line = i + 2;
    const at = (key: string) => (col[key] >= 0 ? (row[col[key]] ?? '').trim() : '');
    const fail = (what: string): never => {
      throw new RangeError(`${name}, line ${line}: ${what}`);
    };
    const number = (key: string, column: string, required: boolean): number | null => {
      const cell = at(key);
      if (cell === '') return required ? fail(`${column} is empty`) : null;
      const v = Number(cell.replace(/,(?=\d{3}(\D|$))/g, ''));
      return Number.isFinite(v) ? v : fail(`${column} '${cell}' is not a number`);
    };
    const count = (key: string, column: string): number => {
      const v = number(key, column, true)!;
      return Number.isInteger(v) && v >= 0 ? v : fail(`${column} ${v} is not a whole count >= 0`);
    };
    const startText = at('start');
    const endText = at('end');
    const start = parseDay(startText, 'iso');
    const end = parseDay(endText, 'iso');
    if (Number.isNaN(start)) fail(`start '${startText}' is not a date (YYYY-MM-DD)`);
    if (Number.isNaN(end)) fail(`end '${endText}' is not a date (YYYY-MM-DD)`);
    if (end < start) fail(`end ${endText} is before start ${startText}`);
    const note = at('note').slice(0, 500);
    const assumptionId = at('assumption');
    const channel = at('channel');
    if (assumptionId && channel) fail('names both an assumption and a channel (one test a row)');
    if (assumptionId) {
      const m = liftMeasureOf(assumptionId);
      if ('error' in m) fail(m.error);
      const control = {
        size: count('controlSize', 'control_size'),
        conversions: count('controlConversions', 'control_conversions')
      };
      const treatment = {
        size: count('treatmentSize', 'treatment_size'),
        conversions: count('treatmentConversions', 'treatment_conversions')
      };
      for (const [g, label] of [
        [control, 'control'],
        [treatment, 'treatment']
      ] as const) {
        if (g.size === 0) fail(`${label}_size is 0 (a group needs members)`);
        if (g.conversions > g.size) fail(`${label}_conversions ${g.conversions} exceeds ${label}_size ${g.size}`);
      }
      tests.push({ kind: 'lever', assumptionId, control, treatment, start: startText, end: endText, note });
      return;
    }
    if (!channel) fail('names neither an assumption nor a channel');
    if (!(CHANNEL_IDS as readonly string[]).includes(channel.toLowerCase())) {
      fail(`channel '${channel}' is not a workbench channel (${CHANNEL_IDS.join(', ')})`);
    }
    const weeks = (end - start + 1) / 7;
    if (weeks < 1) fail(`the test ran ${end - start + 1} days; a channel test needs at least a week`);
    const spendChange = number('spendChange', 'spend_change', true)!;
    if (spendChange === 0) fail('spend_change is 0 (a channel test changes the spend)');
    const incremental = number('incremental', 'incremental_customers', true)!;
    const se = number('se', 'se', false);
    const lo = number('ciLow', 'ci_low', false);
    const hi = number('ciHigh', 'ci_high', false);
    let sd: number;
    if (se !== null) sd = se > 0 ? se : fail(`se ${se} must be > 0`);
    else if (lo !== null && hi !== null) {
      if (!(lo < hi)) fail(`ci_low ${lo} must be below ci_high ${hi}`);
      if (incremental < lo || incremental > hi) fail(`incremental_customers ${incremental} is outside ci_low..ci_high`);
      sd = (hi - lo) / (2 * Z95);
    } else sd = fail('needs se, or ci_low and ci_high (a 95% interval), for incremental_customers');
    // as Meridian's ExperimentResult: a wrong-signed result whose 95% interval excludes zero is an error
    if (Math.sign(incremental) !== Math.sign(spendChange) && Math.abs(incremental) > Z95 * sd) {
      fail(
        `incremental_customers ${incremental} ± ${sd.toPrecision(3)} goes against spend_change ${spendChange} beyond its 95% interval (more spend, fewer customers or the reverse)`
      );
    }
    const baseline = number('baseline', 'baseline_spend_per_week', false);
    if (baseline !== null && baseline < 0) fail(`baseline_spend_per_week ${baseline} must be >= 0`);
    if (baseline !== null && baseline + spendChange / weeks < 0) {
      fail(`spend_change ${spendChange} over ${weeks} weeks takes the weekly spend ${baseline} below 0`);
    }
    tests.push({
      kind: 'channel',
      channel: channel.toLowerCase(),
      start: startText,
      end: endText,
      weeks,
      baselineSpendPerWeek: baseline,
      spendChangePerWeek: spendChange / weeks,
      incrementalPerWeek: incremental / weeks,
      sePerWeek: sd / weeks,
      note
    });
  });
  return {
    tests,
    levers: tests.filter((t) => t.kind === 'lever').length,
    channels: tests.filter((t) => t.kind === 'channel').length
  };
}

/**
 * The channel tests as observations for the channel fit. A test without a baseline spend takes
 * the mean weekly spend of its channel over the model weeks the test overlaps (week k covers
 * startDay + 7k .. + 6); a test the spend does not cover needs `baseline_spend_per_week`.
 */
export function channelLiftObservations(
  tests: readonly LiftTest[],
  startDay: number,
  channels: readonly string[],
  spend: readonly ArrayLike<number>[]
): { observations: ChannelLiftObservation[]; messages: string[] } {
  const observations: ChannelLiftObservation[] = [];
  const messages: string[] = [];
  for (const t of tests) {
    if (t.kind !== 'channel') continue;
    const c = channels.indexOf(t.channel);
    let baseline = t.baselineSpendPerWeek;
    if (baseline === null) {
      if (c < 0) {
        messages.push(
          `The ${t.channel} test (${t.start} to ${t.end}) is not used: ${t.channel} has no spend in the fit.`
        );
        continue;
      }
      const first = Math.max(0, Math.floor((parseDay(t.start, 'iso') - startDay) / 7));
      const last = Math.min(spend[c].length - 1, Math.floor((parseDay(t.end, 'iso') - startDay) / 7));
      if (last < first) {
        messages.push(
          `The ${t.channel} test (${t.start} to ${t.end}) is not used: the spend history does not cover it; give baseline_spend_per_week.`
        );
        continue;
      }
      let sum = 0;
      for (let k = first; k <= last; k++) sum += spend[c][k];
      baseline = sum / (last - first + 1);
    }
    if (baseline + t.spendChangePerWeek < 0) {
      messages.push(
        `The ${t.channel} test (${t.start} to ${t.end}) is not used: its spend change ${t.spendChangePerWeek.toFixed(0)} a week exceeds the weekly spend ${baseline.toFixed(0)}.`
      );
      continue;
    }
    observations.push({
      channel: t.channel,
      spendPerWeek: baseline,
      spendChangePerWeek: t.spendChangePerWeek,
      incrementalPerWeek: t.incrementalPerWeek,
      sePerWeek: t.sePerWeek
    });
  }
  return { observations, messages };
}
