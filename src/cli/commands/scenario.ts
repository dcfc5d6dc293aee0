/**
 * lever-lab scenario <scenario.json> [--data <file>] [--draws N] [--seed S] [--json]
 *
 * Projects a scenario: weekly series and KPIs, with 10/50/90 bands when --draws
 * is given. Without --data the baseline is the CDNOW published fit (Fader, Hardie
 * & Lee 2005), stated in the output; with --data the file is summarised
 * (engineer B's reader and summariser) and fitted with BG/NBD + Gamma-Gamma, or
 * sBG for a cohort file (engineer A's model core).
 * Also exports the helpers the sensitivity and optimise commands share.
 */
import { readFile, readdir } from 'node:fs/promises';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { dateFlag, inputFile, numberFlag, parseFlags, type ParsedArgs } from '../args.ts';
import { parseScenarioJson } from '../../lib/model/scenario/scenario.ts';
import type { Scenario, Outcome } from '../../lib/model/scenario/scenario-types.ts';
import {
  cdnowDefaultBaseline,
  prepareBaseline,
  type BaselineSpec,
  type PreparedBaseline
} from '../../lib/model/scenario/engine/baseline.ts';
import { baselineFromFits, baselineFromSbg } from '../../lib/model/scenario/engine/baseline-from-fit.ts';
import { evaluateScenario } from '../../lib/model/scenario/engine/evaluate.ts';
import { evaluateWithBands } from '../../lib/model/scenario/montecarlo.ts';
import { toPlain } from '../../lib/model/scenario/engine/plain.ts';
import { KPIS } from '../../lib/model/scenario/engine/kpis.ts';
import { toRfmData, toSpendData } from '../../lib/data/rfm-data.ts';
import type { BgNbdParams, FitResult, SbgParams } from '../../lib/model/core/types.ts';
import { readOrUsage, summaryFromFile } from './load-summary.ts';
import { loadModelCore } from './model-core.ts';

/** Flags shared by scenario, sensitivity and optimise. */
export const BASELINE_FLAGS = {
  data: { type: 'string' },
  'calibration-end': { type: 'string' },
  organic: { type: 'string' },
  'period-weeks': { type: 'string' },
  price: { type: 'string' },
  json: { type: 'boolean' }
} as const;

export const BASELINE_USAGE = `  --data <file>                 transactions, customer summary or sBG cohort file to fit the baseline
                                (default: CDNOW published parameters, Fader, Hardie & Lee 2005)
  --calibration-end YYYY-MM-DD  inclusive end of calibration for --data (default: last date)
  --organic N                   organic new customers per week (default 0)
  --period-weeks N              contract period in weeks for a cohort file (default 52)
  --price N                     price per contract period for a cohort file (default 100)
  --json                        machine-readable output`;

export async function readScenarioFile(path: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read scenario ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const r = parseScenarioJson(text);
  if (!r.ok) throw new UsageError(`invalid scenario ${path}:\n  ${r.errors.join('\n  ')}`);
  return r.scenario;
}

export async function baselineFromArgs(
  parsed: ParsedArgs
): Promise<{ spec: BaselineSpec; prepared: PreparedBaseline }> {
  const v = parsed.values;
  const organic = numberFlag(v.organic, 'organic', (x) => x >= 0, 'must be a number >= 0') ?? 0;
  let spec: BaselineSpec;
  if (v.data === undefined) {
    spec = cdnowDefaultBaseline(organic);
  } else {
    const path = String(v.data);
    const file = await readOrUsage(path);
    const core = await loadModelCore();
    if (file.kind === 'cohorts') {
      const cohort = file.cohorts[0];
      if (!cohort) throw new UsageError(`${path}: no cohort found`);
      const fit = core.fitSbg(cohort.survival) as FitResult<SbgParams>;
      const active = cohort.survival.active;
      spec = baselineFromSbg(
        fit,
        { renewals: [active.length - 1], count: [active[active.length - 1]] },
        {
          source: `sBG fit of cohort ${cohort.cohort} in ${path}`,
          periodWeeks: numberFlag(v['period-weeks'], 'period-weeks', (x) => x > 0, 'must be a number > 0') ?? 52,
          pricePerPeriod: numberFlag(v.price, 'price', (x) => x > 0, 'must be a number > 0') ?? 100,
          organicNewPerWeek: organic
        }
      );
    } else {
      const { summary } = summaryFromFile(file, {
        unit: 'week',
        calibrationEnd: dateFlag(v['calibration-end'], 'calibration-end')
      });
      if (summary.customers.length === 0) throw new UsageError(`${path}: no customers in the calibration period`);
      const purchase = core.purchaseModels.bgnbd.fit(toRfmData(summary.customers)) as FitResult<BgNbdParams>;
      const spendData = toSpendData(summary.customers);
      const spend = spendData.customers > 1 ? core.fitGammaGamma(spendData) : null;
      const firsts = summary.customers.map((c) => c.firstSpend).filter((x) => x > 0);
      spec = baselineFromFits(summary.customers, purchase, spend, {
        source: `BG/NBD${spend ? ' + Gamma-Gamma' : ''} fit of ${path} (${summary.customers.length} customers, calibration to ${summary.calibrationEnd})`,
        organicNewPerWeek: organic,
        meanSpendFallback: firsts.length ? firsts.reduce((a, b) => a + b, 0) / firsts.length : 1
      });
    }
  }
  try {
    return { spec, prepared: prepareBaseline(spec) };
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

export function countFlag(value: string | boolean | undefined, flag: string): number | undefined {
  return numberFlag(
    value,
    flag,
    (x) => Number.isInteger(x) && x >= 0 && x <= 100000,
    'must be an integer in 0..100000'
  );
}

function formatOutcome(o: Outcome, source: string): string {
  const lines = [`baseline: ${source}`, `horizon: ${o.horizonWeeks} weeks${o.contractual ? ' (contractual)' : ''}`, ''];
  for (const k of KPIS) {
    const v = o.kpis[k.id];
    const band = o.bands?.kpis[k.id];
    const f = (x: number | null | undefined) =>
      x === null || x === undefined ? '-' : Math.abs(x) >= 1000 ? x.toFixed(0) : x.toPrecision(4);
    lines.push(
      `  ${k.label.padEnd(30)} ${f(v).padStart(14)}${band && band.p50 !== null ? `   [${f(band.p10)} .. ${f(band.p90)}]` : ''}`
    );
  }
  if (o.warnings.length) lines.push('', 'notes:', ...o.warnings.map((w) => `  ${w}`));
  return lines.join('\n');
}

/** The examples/ folder shipped with the project: one scenario JSON per sample preset. */
export const EXAMPLES_DIR = new URL('../../../examples/', import.meta.url);

/** The example scenarios by name (file name without .json), sorted. */
export async function exampleNames(): Promise<string[]> {
  return (await readdir(EXAMPLES_DIR))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** `--example` alone lists the examples; `--example <name>` prints that one (to save and edit). */
async function printExample(name: string | undefined): Promise<number> {
  const names = await exampleNames();
  if (name === undefined) {
    const lines = ['Example scenarios (lever-lab scenario --example <name> > my-scenario.json):'];
    for (const n of names) {
      const parsed = parseScenarioJson(await readFile(new URL(`${n}.json`, EXAMPLES_DIR), 'utf8'));
      lines.push(`  ${n.padEnd(14)} ${parsed.ok ? parsed.scenario.name : '(invalid)'}`);
    }
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  }
  if (!names.includes(name))
    throw new UsageError(`no example '${name}' (examples: ${names.join(', ')}; --example alone lists them)`);
  process.stdout.write(await readFile(new URL(`${name}.json`, EXAMPLES_DIR), 'utf8'));
  return 0;
}

const usage = `Usage: lever-lab scenario <scenario.json> [options]
       lever-lab scenario --example [name]

Project a scenario (levers, assumptions, economics) over its horizon: weekly
series of new and active customers, transactions, revenue, margin, costs by
lever and contribution, and the KPIs (CLV, customer equity, CAC, payback, ...).

Options:
  --example [name]              print an example scenario to start from (alone: list them)
  --draws N                     Monte Carlo draws for 10/50/90 bands (default 0: none)
  --seed S                      seed of the draws (default: the scenario's seed)
${BASELINE_USAGE}`;

const command: Command = {
  name: 'scenario',
  summary: 'project a scenario: weekly outcomes and KPIs, with bands',
  usage,
  async run(args) {
    const at = args.indexOf('--example');
    if (at >= 0) {
      const next = args[at + 1];
      const rest = args.filter((_, i) => i !== at && !(i === at + 1 && next !== undefined && !next.startsWith('-')));
      if (rest.length > 0) throw new UsageError(`--example takes only a name, not ${rest.join(' ')}`);
      return printExample(next !== undefined && !next.startsWith('-') ? next : undefined);
    }
    const parsed = parseFlags(args, { ...BASELINE_FLAGS, draws: { type: 'string' }, seed: { type: 'string' } });
    const scenario = await readScenarioFile(inputFile(parsed));
    const draws = countFlag(parsed.values.draws, 'draws') ?? 0;
    const seed =
      numberFlag(
        parsed.values.seed,
        'seed',
        (x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32,
        'must be an integer in 0..2^32-1'
      ) ?? scenario.seed;
    const { prepared } = await baselineFromArgs(parsed);
    const outcome =
      draws > 0 ? evaluateWithBands(prepared, scenario, { draws, seed }) : evaluateScenario(prepared, scenario);
    if (parsed.values.json) {
      process.stdout.write(
        JSON.stringify({ baseline: prepared.source, scenario: scenario.name, outcome: toPlain(outcome) }) + '\n'
      );
    } else {
      process.stdout.write(formatOutcome(outcome, prepared.source) + '\n');
    }
    return 0;
  }
};

export default command;
