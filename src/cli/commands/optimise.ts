/**
 * lever-lab optimise <scenario.json> --budget N [--kpi customerEquity] [--min ch=N] [--max ch=N] [--json]
 * Allocates a weekly media budget across channels to maximise (or minimise) a KPI
 * (src/lib/model/scenario/optimise.ts), with marginal returns and response curves.
 */
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { inputFile, numberFlag, parseFlags } from '../args.ts';
import { CHANNEL_IDS, KPI_IDS, type ChannelId, type KpiId } from '../../lib/model/scenario/scenario-types.ts';
import { optimiseBudget } from '../../lib/model/scenario/optimise.ts';
import { BASELINE_FLAGS, BASELINE_USAGE, baselineFromArgs, formatDiagnostics, readScenarioFile } from './scenario.ts';

const usage = `Usage: lever-lab optimise <scenario.json> --budget N [options]

Allocate a total media budget per week across channels to optimise a KPI,
starting from the equal split; prints the allocation, the KPI against the equal
split, the marginal return per channel and the response curves (--json).

Options:
  --budget N                    total budget per week (required)
  --kpi <id>                    ${KPI_IDS.join(', ')} (default customerEquity)
  --min channel=N               minimum budget of a channel (repeatable)
  --max channel=N               maximum budget of a channel (repeatable)
  --price MIN:MAX               also optimise the list price change in [MIN, MAX]
  --coverage MIN:MAX            also optimise personalisation coverage in [MIN, MAX]
${BASELINE_USAGE.split('\n')
  .filter((l) => !l.includes('--price N') && !l.includes('per contract period'))
  .join('\n')}`;

function bounds(values: string[] | undefined, flag: string): Partial<Record<ChannelId, number>> {
  const out: Partial<Record<ChannelId, number>> = {};
  for (const v of values ?? []) {
    const m = /^([a-z]+)=(.+)$/.exec(v);
    const ch = m?.[1] as ChannelId | undefined;
    const n = m ? Number(m[2]) : NaN;
    if (!m || !CHANNEL_IDS.includes(ch!) || !(n >= 0) || !Number.isFinite(n)) {
      throw new UsageError(
        `invalid --${flag}: '${v}' (expected channel=N with channel one of ${CHANNEL_IDS.join(', ')} and N >= 0)`
      );
    }
    out[ch!] = n;
  }
  return out;
}

function range(
  value: string | boolean | undefined,
  flag: string,
  lo: number,
  hi: number
): { min: number; max: number } | undefined {
  if (value === undefined) return undefined;
  const m = /^(-?[\d.]+):(-?[\d.]+)$/.exec(String(value));
  const a = m ? Number(m[1]) : NaN;
  const b = m ? Number(m[2]) : NaN;
  if (!m || !(a >= lo) || !(b <= hi) || !(a <= b))
    throw new UsageError(`invalid --${flag}: '${String(value)}' (expected MIN:MAX within ${lo}:${hi})`);
  return { min: a, max: b };
}

const command: Command = {
  name: 'optimise',
  summary: 'allocate a media budget across channels to optimise a KPI',
  usage,
  async run(args) {
    const { price: _price, ...flags } = BASELINE_FLAGS;
    void _price;
    const parsed = parseFlags(args, {
      ...flags,
      budget: { type: 'string' },
      kpi: { type: 'string' },
      min: { type: 'string', multiple: true },
      max: { type: 'string', multiple: true },
      price: { type: 'string' },
      coverage: { type: 'string' }
    });
    const scenario = await readScenarioFile(inputFile(parsed));
    const v = parsed.values as Record<string, string | boolean | string[] | undefined>;
    const budget = numberFlag(v.budget as string | undefined, 'budget', (x) => x >= 0, 'must be a number >= 0');
    if (budget === undefined) throw new UsageError('missing --budget N (total media budget per week)');
    const kpi = ((v.kpi as string | undefined) ?? 'customerEquity') as KpiId;
    if (!KPI_IDS.includes(kpi)) throw new UsageError(`invalid --kpi: '${String(kpi)}' (one of ${KPI_IDS.join(', ')})`);
    const { prepared, diagnostics } = await baselineFromArgs({
      ...parsed,
      values: { ...parsed.values, price: undefined }
    });
    let r;
    try {
      r = optimiseBudget(prepared, scenario, {
        kpi,
        totalBudgetPerWeek: budget,
        minPerWeek: bounds(v.min as string[] | undefined, 'min'),
        maxPerWeek: bounds(v.max as string[] | undefined, 'max'),
        priceChange: range(v.price as string | undefined, 'price', -0.5, 1),
        coverage: range(v.coverage as string | undefined, 'coverage', 0, 1)
      });
    } catch (e) {
      if (e instanceof RangeError) throw new UsageError(e.message);
      throw e;
    }
    if (v.json) {
      process.stdout.write(JSON.stringify({ baseline: prepared.source, ...r, diagnostics }) + '\n');
      return 0;
    }
    const f = (x: number | null) => (x === null ? '-' : x.toPrecision(6));
    const lines = [
      `baseline: ${prepared.source}`,
      `${r.direction} ${kpi}: ${f(r.value)} (equal split ${f(r.equalSplitValue)}; scenario as given ${f(r.currentValue)}; ${r.evaluations} evaluations)`,
      ''
    ];
    for (const c of CHANNEL_IDS)
      lines.push(
        `  ${c.padEnd(11)} ${r.budgetPerWeek[c].toFixed(0).padStart(10)} per week   marginal ${f(r.marginalReturn[c])}`
      );
    if (r.priceChange !== undefined) lines.push(`  price change ${(r.priceChange * 100).toFixed(1)}%`);
    if (r.coverage !== undefined) lines.push(`  personalisation coverage ${(r.coverage * 100).toFixed(0)}%`);
    if (r.warnings.length) lines.push('', ...r.warnings);
    lines.push(...formatDiagnostics(diagnostics));
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  }
};

export default command;
