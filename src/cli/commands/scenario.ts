/**
 * lever-lab scenario <scenario.json> [--data <file>] [--draws N] [--seed S] [--json]
 *
 * Projects a scenario: weekly series and KPIs, with 10/50/90 bands when --draws
 * is given. Without --data the baseline is the CDNOW published fit (Fader, Hardie
 * & Lee 2005), stated in the output; with --data the file is summarised and goes
 * through the app's one fit step (src/lib/pipeline/fit-step.ts: BG/NBD MLE or MAP +
 * Gamma-Gamma, or sBG for a cohort file), whose diagnostics are printed with the KPIs.
 * Also exports the helpers the sensitivity and optimise commands share.
 */
import { readFile, readdir } from 'node:fs/promises';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { choiceFlag, dateFlag, inputFile, numberFlag, parseFlags, type ParsedArgs } from '../args.ts';
import { parseScenarioJson } from '../../lib/model/scenario/scenario.ts';
import type { Scenario, Outcome } from '../../lib/model/scenario/scenario-types.ts';
import {
  cdnowDefaultBaseline,
  prepareBaseline,
  type BaselineSpec,
  type PreparedBaseline
} from '../../lib/model/scenario/engine/baseline.ts';
import { evaluateScenario } from '../../lib/model/scenario/engine/evaluate.ts';
import { evaluateWithBands } from '../../lib/model/scenario/montecarlo.ts';
import { toPlain } from '../../lib/model/scenario/engine/plain.ts';
import { KPIS } from '../../lib/model/scenario/engine/kpis.ts';
import type { FitDiagnostic } from '../../lib/pipeline/fit-diagnostics.ts';
import { fitBaseline, fitCohortBaseline, type EstimateChoice, type FitAnswer } from '../../lib/pipeline/fit-step.ts';
import { readOrUsage, summaryFromFile } from './load-summary.ts';

/** Flags shared by scenario, sensitivity and optimise. */
export const BASELINE_FLAGS = {
  data: { type: 'string' },
  'calibration-end': { type: 'string' },
  organic: { type: 'string' },
  estimate: { type: 'string' },
  'period-weeks': { type: 'string' },
  price: { type: 'string' },
  json: { type: 'boolean' }
} as const;

export const BASELINE_USAGE = `  --data <file>                 transactions, customer summary or sBG cohort file to fit the baseline
                                (default: CDNOW published parameters, Fader, Hardie & Lee 2005)
  --calibration-end YYYY-MM-DD  inclusive end of calibration for --data (default: last date)
  --estimate auto|mle|map       BG/NBD estimate for --data: maximum likelihood, MAP under
                                weakly-informative priors, or auto (MLE unless it leaves a
                                parameter unidentified; default)
  --organic N                   organic new customers per week (default: measured from the
                                first purchases in --data; 0 without --data)
  --period-weeks N              contract period in weeks for a cohort file (default 52)
  --price N                     price per contract period for a cohort file (default 100)
  --json                        machine-readable output`;

const ESTIMATES: readonly EstimateChoice[] = ['auto', 'mle', 'map'];

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

export interface ArgsBaseline {
  spec: BaselineSpec;
  prepared: PreparedBaseline;
  /** the fit step's answer with --data, null for the published CDNOW baseline */
  fit: FitAnswer | null;
  /** what the data cannot tell (empty without --data) */
  diagnostics: FitDiagnostic[];
}

export async function baselineFromArgs(parsed: ParsedArgs): Promise<ArgsBaseline> {
  const v = parsed.values;
  const organic = numberFlag(v.organic, 'organic', (x) => x >= 0, 'must be a number >= 0');
  const estimate = choiceFlag(v.estimate, 'estimate', ESTIMATES) ?? 'auto';
  let fit: FitAnswer | null = null;
  try {
    if (v.data === undefined) {
      const spec = cdnowDefaultBaseline(organic ?? 0);
      return { spec, prepared: prepareBaseline(spec), fit: null, diagnostics: [] };
    }
    const path = String(v.data);
    const file = await readOrUsage(path);
    if (file.kind === 'cohorts') {
      const cohort = file.cohorts[0];
      if (!cohort) throw new UsageError(`${path}: no cohort found`);
      fit = fitCohortBaseline(
        {
          name: `${cohort.cohort || 'cohort'} in ${path}`,
          survival: cohort.survival,
          periodWeeks: numberFlag(v['period-weeks'], 'period-weeks', (x) => x > 0, 'must be a number > 0') ?? 52,
          pricePerPeriod: numberFlag(v.price, 'price', (x) => x > 0, 'must be a number > 0') ?? 100
        },
        { organicNewPerWeek: organic }
      );
    } else {
      const { summary } = summaryFromFile(file, {
        unit: 'week',
        calibrationEnd: dateFlag(v['calibration-end'], 'calibration-end')
      });
      if (summary.customers.length === 0) throw new UsageError(`${path}: no customers in the calibration period`);
      fit = fitBaseline(
        { name: path, kind: 'transactions', unit: 'week', calibrationEnd: summary.calibrationEnd },
        summary.customers,
        { estimate, organicNewPerWeek: organic }
      );
    }
    return { spec: fit.spec, prepared: prepareBaseline(fit.spec), fit, diagnostics: fit.diagnostics };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/** The diagnostics as lines for a text report. */
export function formatDiagnostics(diagnostics: readonly FitDiagnostic[]): string[] {
  if (!diagnostics.length) return [];
  return [
    '',
    'fit diagnostics:',
    ...diagnostics.map((d) => `  ${d.level === 'warning' ? 'WARNING' : 'note'} [${d.code}] ${d.message}`)
  ];
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

/** The fit step's answer without its bulky parts: estimates, CLV of the base, organic acquisition. */
export function fitSummary(fit: FitAnswer) {
  const p = fit.purchase;
  return {
    source: fit.source,
    customers: fit.customers,
    estimateInUse: p?.inUse ?? null,
    mle: p?.mle ? { params: p.mle.params, stdErr: p.mle.stdErr, logLik: p.mle.logLik } : null,
    map: p ? { params: p.map.params, stdErr: p.map.stdErr, logLik: p.map.logLik } : null,
    prior: p?.prior.map((t) => `${t.parameter} ~ ${t.label}`) ?? null,
    fits: fit.fits.map((f) => ({ model: f.model, params: f.params, stdErr: f.stdErr })),
    baseClv: {
      customers: fit.clv.customers,
      meanClv: fit.clv.meanClv,
      totalClv: fit.clv.totalClv,
      horizonWeeks: fit.clv.horizonWeeks,
      annualDiscountRate: fit.clv.annualDiscountRate,
      marginShare: fit.clv.marginShare
    },
    organicNewPerWeek: fit.organic.perWeek,
    organic: fit.organic.note
  };
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
    const { prepared, fit, diagnostics } = await baselineFromArgs(parsed);
    const outcome =
      draws > 0 ? evaluateWithBands(prepared, scenario, { draws, seed }) : evaluateScenario(prepared, scenario);
    if (parsed.values.json) {
      process.stdout.write(
        JSON.stringify({
          baseline: prepared.source,
          scenario: scenario.name,
          outcome: toPlain(outcome),
          // what the data cannot tell, and the fit's estimates side by side
          diagnostics,
          warnings: diagnostics.filter((d) => d.level === 'warning').map((d) => `${d.code}: ${d.message}`),
          ...(fit ? { fit: fitSummary(fit) } : {})
        }) + '\n'
      );
    } else {
      process.stdout.write(
        [formatOutcome(outcome, prepared.source), ...formatDiagnostics(diagnostics)].join('\n') + '\n'
      );
    }
    return 0;
  }
};

export default command;
