/**
 * `lever-lab predict <file> --model ... --horizon N`: fits a BTYD purchase model
 * (and Gamma-Gamma when the data has spend) on the calibration period and prints,
 * per customer: P(alive), expected transactions in the next N periods
 * (E[Y(N) | x, t_x, T]), expected spend per transaction (Gamma-Gamma E[M | x, m]),
 * expected revenue, and CLV = margin x E[M] x DERT (Fader, Hardie & Lee 2005,
 * "RFM and CLV", eq. 2 for DERT); plus the tracking series of cumulative repeat
 * transactions, actual vs expected (FHL 2005 "Counting your customers", Figure 2).
 */
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import {
  choiceFlag,
  dateFlag,
  inputFile,
  numberFlag,
  parseFlags,
  unitFlag,
  dataFileFlags,
  sheetFlag
} from '../args.ts';
import { FILE_FORMATS } from '../../lib/data/read-node.ts';
import { toRfmData, toSpendData } from '../../lib/data/rfm-data.ts';
import { expectedTracking, trackRepeatTransactions, type TrackingSeries } from '../../lib/data/summarize-tracking.ts';
import type { PurchaseModelName } from '../../lib/model/core/types.ts';
import { DECIMAL_USAGE, decimalFlag, loadSummary } from './load-summary.ts';
import { loadModelCore } from './model-core.ts';

const PURCHASE_MODELS: readonly PurchaseModelName[] = ['bgnbd', 'paretonbd', 'mbgnbd'];

const usage = `Usage: lever-lab predict <file> --model bgnbd|paretonbd|mbgnbd --horizon N [options]

Per-customer predictions from a model fitted on the calibration period.

Options:
  --model <model>               bgnbd, paretonbd or mbgnbd (required)
  --horizon N                   periods ahead (required, > 0)
  --calibration-end YYYY-MM-DD  inclusive end of calibration (default: last date)
  --unit day|week|month         model time unit (default week)
  --discount D                  continuous discount rate per period for CLV (default 0.0019 per week ~ 10%/year)
  --margin M                    gross margin share for CLV (default 1)
  --format <format>             ${FILE_FORMATS.join('|')} (default: detected)
  --sheet <name>                the sheet of an Excel workbook (default: the first with data)
${DECIMAL_USAGE}
  --csv                         per-customer predictions as CSV
  --json                        JSON: fits, customers and the tracking series`;

export interface CustomerPrediction {
  id: string;
  x: number;
  tx: number;
  T: number;
  pAlive: number;
  expectedTransactions: number;
  /** actual transactions in the holdout, NaN when none */
  holdoutTransactions: number;
  expectedSpendPerTransaction: number;
  expectedRevenue: number;
  clv: number;
}

const command: Command = {
  name: 'predict',
  summary: 'per-customer P(alive), expected transactions, spend and CLV, with the tracking series',
  usage,
  async run(args) {
    const parsed = parseFlags(args, dataFileFlags(['model', 'horizon', 'unit', 'discount', 'margin'], ['csv']));
    const file = inputFile(parsed);
    const v = parsed.values;
    const model = choiceFlag(v.model, 'model', PURCHASE_MODELS);
    if (!model) throw new UsageError(`missing --model (one of ${PURCHASE_MODELS.join(', ')})`);
    const horizon = numberFlag(v.horizon, 'horizon', (h) => h > 0, 'a number of periods > 0');
    if (horizon === undefined) throw new UsageError('missing --horizon (periods ahead, > 0)');
    const unit = unitFlag(v.unit);
    const discountFlag = numberFlag(v.discount, 'discount', (d) => d >= 0, 'a rate per period >= 0');
    const margin = numberFlag(v.margin, 'margin', (m) => m > 0 && m <= 1, 'a share in (0, 1]') ?? 1;
    const calibrationEnd = dateFlag(v['calibration-end'], 'calibration-end');
    const loaded = await loadSummary(file, {
      calibrationEnd,
      unit,
      unitGiven: v.unit !== undefined,
      sheet: sheetFlag(v.sheet),
      decimal: decimalFlag(v.decimal),
      format: choiceFlag(v.format, 'format', FILE_FORMATS)
    });
    const customers = loaded.summary.customers;
    // per period of the summary's unit (a summary file may count in its own unit)
    const periodUnit = loaded.summary.unit;
    const discount = discountFlag ?? (periodUnit === 'week' ? 0.0019 : periodUnit === 'day' ? 0.1 / 365 : 0.1 / 12);
    const core = await loadModelCore();
    const purchase = core.purchaseModels[model];
    const fit = core.fitPurchase(model, toRfmData(customers));
    const spendData = toSpendData(customers);
    const spendFit = loaded.summary.hasSpend && spendData.customers > 0 ? core.fitSpend(spendData) : null;
    const p = fit.params;
    const predictions: CustomerPrediction[] = customers.map((c) => {
      const expectedTransactions = purchase.conditionalExpected(p, c.x, c.tx, c.T, horizon);
      const spend = spendFit ? core.conditionalExpectedSpend(spendFit.params, c.x, c.m) : NaN;
      return {
        id: c.id,
        x: c.x,
        tx: c.tx,
        T: c.T,
        pAlive: purchase.pAlive(p, c.x, c.tx, c.T),
        expectedTransactions,
        holdoutTransactions: c.xHoldout,
        expectedSpendPerTransaction: spend,
        expectedRevenue: expectedTransactions * spend,
        clv: spendFit ? margin * spend * purchase.dert(p, c.x, c.tx, c.T, discount) : NaN
      };
    });
    let tracking: (TrackingSeries & { expected: number[] }) | null = null;
    if (loaded.table && loaded.days) {
      const { series, cohort } = trackRepeatTransactions(
        loaded.table,
        { calibrationEnd: loaded.summary.calibrationEnd },
        loaded.days
      );
      tracking = { ...series, expected: expectedTracking(cohort, purchase, p, loaded.summary.unitDays) };
    }
    if (v.csv) {
      const cols: (keyof CustomerPrediction)[] = [
        'id',
        'x',
        'tx',
        'T',
        'pAlive',
        'expectedTransactions',
        'holdoutTransactions',
        'expectedSpendPerTransaction',
        'expectedRevenue',
        'clv'
      ];
      const cell = (x: string | number) =>
        typeof x === 'number'
          ? Number.isNaN(x)
            ? ''
            : String(x)
          : /[",\n]/.test(x)
            ? `"${x.replace(/"/g, '""')}"`
            : x;
      process.stdout.write(
        [cols.join(','), ...predictions.map((r) => cols.map((k) => cell(r[k])).join(','))].join('\n') + '\n'
      );
      return 0;
    }
    const result = {
      version: 1,
      model,
      horizon,
      unit: periodUnit,
      discount,
      margin,
      calibrationEnd: loaded.summary.calibrationEnd,
      fit: { params: fit.params, logLik: fit.logLik, n: fit.n, stdErr: fit.stdErr, fitMs: fit.fitMs },
      spendFit: spendFit && {
        params: spendFit.params,
        logLik: spendFit.logLik,
        n: spendFit.n,
        stdErr: spendFit.stdErr,
        fitMs: spendFit.fitMs
      },
      customers: predictions,
      tracking
    };
    if (v.json) {
      process.stdout.write(JSON.stringify(result) + '\n');
      return 0;
    }
    const sum = (f: (r: CustomerPrediction) => number) =>
      predictions.reduce((a, r) => a + (Number.isNaN(f(r)) ? 0 : f(r)), 0);
    const lines = [
      `${model} on ${customers.length} customers, calibration to ${loaded.summary.calibrationEnd}; params ${Object.entries(
        fit.params
      )
        .map(([k, x]) => `${k} = ${(x as number).toPrecision(4)}`)
        .join(', ')}`,
      `expected transactions in the next ${horizon} ${periodUnit}s: ${sum((r) => r.expectedTransactions).toFixed(1)}` +
        (loaded.summary.holdoutEnd ? ` (actual in the holdout: ${sum((r) => r.holdoutTransactions)})` : ''),
      `mean P(alive): ${(sum((r) => r.pAlive) / predictions.length).toFixed(3)}`,
      ...(spendFit
        ? [`total CLV (margin ${margin}, discount ${discount}/${periodUnit}): ${sum((r) => r.clv).toFixed(2)}`]
        : [])
    ];
    if (tracking) {
      const k = tracking.calibrationPeriods - 1;
      const last = tracking.actual.length - 1;
      lines.push(
        `cumulative repeat transactions, actual vs expected: end of calibration (${tracking.endDates[k]}) ${tracking.actual[k]} vs ${tracking.expected[k].toFixed(1)}; ` +
          `end (${tracking.endDates[last]}) ${tracking.actual[last]} vs ${tracking.expected[last].toFixed(1)}`
      );
    }
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  }
};

export default command;
