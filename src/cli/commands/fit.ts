/**
 * `lever-lab fit <file> --model ...`: maximum-likelihood fit of one model to a
 * data file, printing parameters (names as in the papers), log-likelihood, n,
 * standard errors and fit time.
 *  - bgnbd / paretonbd / mbgnbd: on the calibration (x, t_x, T) of a transaction
 *    file or summary CSV (Fader, Hardie & Lee 2005; Schmittlein et al. 1987;
 *    Batislam et al. 2007);
 *  - gammagamma: on (x, m) of customers with repeat purchases (FHL 2005, "RFM and CLV");
 *  - sbg: on a cohort file, one fit per cohort (Fader & Hardie 2007); on a contracts file
 *    (start, end or status, plan), the sBG with each subscriber censored at the observation
 *    end (--calibration-end, default the file's last date), one fit per plan and one of all;
 *  - bgbb: on a recency/frequency table (Fader, Hardie & Shang 2010).
 */
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { choiceFlag, dateFlag, inputFile, parseFlags, unitFlag, dataFileFlags, sheetFlag } from '../args.ts';
import { FILE_FORMATS } from '../../lib/data/read-node.ts';
import { toRfmData, toSpendData } from '../../lib/data/rfm-data.ts';
import type { FitResult, ModelName } from '../../lib/model/core/types.ts';
import { DECIMAL_USAGE, decimalFlag, readOrUsage, summaryFromFile } from './load-summary.ts';
import { loadModelCore, type ModelCore } from './model-core.ts';
import type { DataFile } from '../../lib/data/read-node.ts';
import type { TimeUnit } from '../../lib/model/core/types.ts';
import { summaryProblemsMessage } from '../../lib/data/import/summary-file.ts';
import { contractsToSubscribers, describeSubscribers } from '../../lib/data/import/contracts-file.ts';
import { formatChannelsFit, runChannelsFit } from './fit-channels.ts';

export const MODEL_NAMES: readonly ModelName[] = ['bgnbd', 'paretonbd', 'mbgnbd', 'gammagamma', 'sbg', 'bgbb'];

const usage = `Usage: lever-lab fit <file> --model <model> [options]

Maximum-likelihood fit; parameters named as in the papers.

Models:
  bgnbd, paretonbd, mbgnbd  purchase process, from transactions or a summary CSV
  gammagamma                spend per transaction, from transactions or a summary CSV
  sbg                       contractual retention, from a cohort file (one fit per cohort) or a
                            contracts file (start, end or status[, plan][, price]: one fit per
                            plan and one of all; --unit is the billing period, default month;
                            --calibration-end is the observation end, default the last date)
  bgbb                      discrete-time, from a frequency/recency/periods/weights table
  channels                  channel response (adstock, Hill, max new customers) from transactions
                            and --spend, with the BG/NBD of the customers each channel brought

Options:
  --model <model>               required
  --calibration-end YYYY-MM-DD  inclusive end of calibration (default: last date)
  --unit day|week|month         model time unit (default week; for a summary file: the unit of its
                                recency and T, default the one its dates show, else week)
  --format <format>             ${FILE_FORMATS.join('|')} (default: detected)
  --sheet <name>                the sheet of an Excel workbook (default: the first with data)
${DECIMAL_USAGE}
  --spend <file>                weekly/daily/monthly spend by channel (--model channels)
  --json                        JSON: {model, params, logLik, n, stdErr, fitMs}; for channels
                                {model, mode, weeks, organicPerWeek, channels: [{channel, adstockDecay,
                                hillSlope, halfSaturation, maxNewCustomers, r, alpha, a, b, ...}]}`;

export interface FitOutput {
  model: ModelName;
  cohort?: string;
  params: Record<string, number>;
  logLik: number;
  n: number;
  stdErr: Record<string, number>;
  fitMs: number;
  converged: boolean;
}

const output = (fit: FitResult<object>, cohort?: string): FitOutput => ({
  model: fit.model,
  ...(cohort !== undefined ? { cohort } : {}),
  params: fit.params as Record<string, number>,
  logLik: fit.logLik,
  n: fit.n,
  stdErr: fit.stdErr as Record<string, number>,
  fitMs: fit.fitMs,
  converged: fit.converged
});

export function formatFit(f: FitOutput): string {
  const lines = [
    `${f.model}${f.cohort !== undefined ? ` (cohort ${f.cohort})` : ''}: n = ${f.n}, log-likelihood = ${f.logLik.toFixed(4)}, ${f.fitMs.toFixed(0)} ms${f.converged ? '' : ', NOT CONVERGED'}`
  ];
  for (const [name, value] of Object.entries(f.params)) {
    lines.push(
      `  ${name.padEnd(6)} ${value.toPrecision(6).padStart(12)}  (s.e. ${(f.stdErr[name] ?? NaN).toPrecision(3)})`
    );
  }
  return lines.join('\n');
}

/** sBG fits of a contracts file: one per plan (when it has several) and one of all subscribers, last. */
function contractFits(
  data: DataFile & { kind: 'contracts' },
  unit: TimeUnit,
  observationEnd: string | undefined,
  core: ModelCore
): FitOutput[] {
  if (unit === 'day') throw new UsageError('a contracts file is billed every week or month: --unit week|month');
  const s = contractsToSubscribers(data, unit, observationEnd ?? data.lastDate);
  if (s.rejects.length > 0) throw new UsageError(`${data.path}: ${summaryProblemsMessage(s)}`);
  process.stderr.write(`  ${describeSubscribers(s, unit)}\n`);
  const plans = [...new Set(s.customers.map((c) => c.segment))].sort();
  const fitOf = (keep: (i: number) => boolean, cohort?: string): FitOutput => {
    const paid: number[] = [];
    const subscribed: boolean[] = [];
    s.customers.forEach((_, i) => {
      if (!keep(i)) return;
      paid.push(s.periodsPaid[i]);
      subscribed.push(s.subscribed[i]);
    });
    try {
      return output(core.fitSubscribers(paid, subscribed), cohort);
    } catch (error) {
      throw new UsageError(`${data.path}${cohort ? ` (plan ${cohort})` : ''}: ${(error as Error).message}`);
    }
  };
  const all = fitOf(() => true, plans.length > 1 ? 'all plans' : undefined);
  if (plans.length === 1) return [all];
  return [...plans.map((plan) => fitOf((i) => s.customers[i].segment === plan, plan)), all];
}

const command: Command = {
  name: 'fit',
  summary: 'fit BG/NBD, Pareto/NBD, MBG/NBD, Gamma-Gamma, sBG or BG/BB to a data file',
  usage,
  async run(args) {
    const parsed = parseFlags(args, dataFileFlags(['model', 'unit', 'spend']));
    const file = inputFile(parsed);
    const v = parsed.values;
    if (v.model === 'channels') {
      if (typeof v.spend !== 'string') throw new UsageError('--model channels needs --spend <spend file>');
      const data = await readOrUsage(file, {
        format: choiceFlag(v.format, 'format', FILE_FORMATS),
        decimal: decimalFlag(v.decimal)
      });
      const out = runChannelsFit(file, data, v.spend);
      process.stdout.write((v.json ? JSON.stringify(out) : formatChannelsFit(out)) + '\n');
      return 0;
    }
    const model = choiceFlag(v.model, 'model', MODEL_NAMES);
    if (!model) throw new UsageError(`missing --model (one of ${MODEL_NAMES.join(', ')}, channels)`);
    const calibrationEnd = dateFlag(v['calibration-end'], 'calibration-end');
    const unit = unitFlag(v.unit);
    const sheet = sheetFlag(v.sheet);
    const data = await readOrUsage(file, {
      format: choiceFlag(v.format, 'format', FILE_FORMATS),
      sheet,
      decimal: decimalFlag(v.decimal)
    });
    const core = await loadModelCore();
    let results: FitOutput[];
    if (model === 'sbg' && data.kind === 'contracts') {
      results = contractFits(data, v.unit === undefined ? 'month' : unit, calibrationEnd, core);
    } else if (model === 'sbg') {
      if (data.kind !== 'cohorts')
        throw new UsageError(
          `sbg needs a cohort file (customer_id,recency,T[,cohort]) or a contracts file (start, end or status); ${file} is ${data.format}`
        );
      results = data.cohorts.map((c) => output(core.fitCohort(c.survival), c.cohort === '' ? undefined : c.cohort));
    } else if (model === 'bgbb') {
      if (data.kind !== 'rf-table')
        throw new UsageError(`bgbb needs a frequency,recency,periods,weights table; ${file} is ${data.format}`);
      results = [output(core.fitDiscreteTime(data.data))];
    } else {
      const { summary } = summaryFromFile(data, { calibrationEnd, unit, unitGiven: v.unit !== undefined });
      if (model === 'gammagamma') {
        const spend = toSpendData(summary.customers);
        if (spend.customers === 0)
          throw new UsageError(
            `gammagamma needs spend: ${file} has no customer with a repeat purchase and positive spend`
          );
        results = [output(core.fitSpend(spend))];
      } else {
        results = [output(core.fitPurchase(model, toRfmData(summary.customers)))];
      }
    }
    if (v.json) {
      process.stdout.write(
        JSON.stringify(results.length === 1 && results[0].cohort === undefined ? results[0] : results) + '\n'
      );
    } else {
      process.stdout.write(results.map(formatFit).join('\n') + '\n');
    }
    return 0;
  }
};

export default command;
