/**
 * `lever-lab summarize <file>`: reads a transaction file and prints the
 * per-customer calibration summary (x, t_x, T, m; Fader, Hardie & Lee 2005
 * conventions, see src/lib/data/summarize.ts) as totals, JSON or summary CSV.
 */
import type { Command } from '../command.ts';
import { choiceFlag, dateFlag, inputFile, parseFlags, unitFlag, dataFileFlags, sheetFlag } from '../args.ts';
import { FILE_FORMATS } from '../../lib/data/read-node.ts';
import type { SummaryResult } from '../../lib/data/summarize.ts';
import { summaryToCsv } from '../../lib/data/import/summary-file.ts';
import { DECIMAL_USAGE, decimalFlag, loadSummary } from './load-summary.ts';

const usage = `Usage: lever-lab summarize <file> [options]

Per-customer calibration summary of a transaction file (same-day purchases merged).

Options:
  --calibration-end YYYY-MM-DD  inclusive end of calibration (default: last date)
  --holdout-end YYYY-MM-DD      inclusive end of the holdout (default: last date)
  --unit day|week|month         model time unit (default week = days / 7)
  --format <format>             ${FILE_FORMATS.join('|')} (default: detected)
  --sheet <name>                the sheet of an Excel workbook (default: the first with data)
${DECIMAL_USAGE}
  --returns drop|net            cancellations/returns: drop them or net them into spend (default drop)
  --json                        JSON: totals and every customer
  --csv                         summary CSV (the format sql/summary.*.sql produces)`;

export function summaryTotals(s: SummaryResult) {
  let repeat = 0;
  let holdout = 0;
  let zero = 0;
  for (const c of s.customers) {
    repeat += c.x;
    holdout += Number.isNaN(c.xHoldout) ? 0 : c.xHoldout;
    if (c.x === 0) zero++;
  }
  return {
    customers: s.customers.length,
    excludedAfterCalibration: s.excludedAfterCalibration,
    excludedNoPurchase: s.excludedNoPurchase,
    transactionRows: s.transactionRows,
    transactionDays: s.transactionDays,
    repeatTransactionsCalibration: repeat,
    repeatTransactionsHoldout: s.holdoutEnd ? holdout : null,
    customersWithoutRepeat: zero,
    firstDate: s.firstDate,
    lastDate: s.lastDate,
    calibrationEnd: s.calibrationEnd,
    holdoutEnd: s.holdoutEnd,
    unit: s.unit,
    holdoutLength: s.holdoutLength
  };
}

const command: Command = {
  name: 'summarize',
  summary: 'per-customer (x, t_x, T, m) summary of a transaction file',
  usage,
  async run(args) {
    const parsed = parseFlags(args, dataFileFlags(['holdout-end', 'unit', 'returns'], ['csv']));
    const file = inputFile(parsed);
    const v = parsed.values;
    const options = {
      calibrationEnd: dateFlag(v['calibration-end'], 'calibration-end'),
      holdoutEnd: dateFlag(v['holdout-end'], 'holdout-end'),
      unit: unitFlag(v.unit)
    };
    const format = choiceFlag(v.format, 'format', FILE_FORMATS);
    const returns = choiceFlag(v.returns, 'returns', ['drop', 'net'] as const);
    const sheet = sheetFlag(v.sheet);
    const loaded = await loadSummary(file, {
      ...options,
      format,
      returns,
      sheet,
      decimal: decimalFlag(v.decimal),
      unitGiven: v.unit !== undefined
    });
    const summary = loaded.summary;
    if (v.csv) {
      process.stdout.write(summaryToCsv(summary.customers));
      return 0;
    }
    const totals = summaryTotals(summary);
    if (v.json) {
      process.stdout.write(
        JSON.stringify({
          version: 1,
          file,
          ...totals,
          rejected: loaded.rejected,
          customersSummary: summary.customers
        }) + '\n'
      );
      return 0;
    }
    const lines = [
      `${file}`,
      `  customers (calibration cohort)   ${totals.customers}`,
      `  first purchase after calibration ${totals.excludedAfterCalibration} (excluded)`,
      `  rows / transaction days          ${totals.transactionRows} / ${totals.transactionDays}`,
      `  rejected rows                    ${loaded.rejected}`,
      `  dates                            ${totals.firstDate} .. ${totals.lastDate}`,
      `  calibration end                  ${totals.calibrationEnd}${totals.holdoutEnd ? `, holdout to ${totals.holdoutEnd} (${totals.holdoutLength.toFixed(2)} ${totals.unit}s)` : ', no holdout'}`,
      `  repeat transactions, calibration ${totals.repeatTransactionsCalibration}`,
      `  repeat transactions, holdout     ${totals.repeatTransactionsHoldout ?? '-'}`,
      `  customers with no repeat         ${totals.customersWithoutRepeat}`
    ];
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  }
};

export default command;
