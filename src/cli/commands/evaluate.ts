/**
 * `lever-lab evaluate <transactions> [--calibration-end D] [--holdout-end D] [--models ...] [--json]`:
 * fits BG/NBD, Pareto/NBD and MBG/NBD (and Gamma-Gamma where spend exists) on the calibration
 * period and scores them on the holdout (src/lib/pipeline/holdout-evaluation.ts): parameters with
 * standard errors, log-likelihood, AIC/BIC, predicted vs actual holdout repeat transactions,
 * per-customer MAE and RMSE, the conditional-expectation table and the tracking series; the
 * proposed model (lowest holdout RMSE) is `chosen` at the top level. A model that fails is
 * reported with its reason; the others still report. Exit code 1 when no model could be proposed.
 */
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { choiceFlag, dateFlag, inputFile, parseFlags, dataFileFlags, sheetFlag } from '../args.ts';
import { FILE_FORMATS } from '../../lib/data/read-node.ts';
import type { PurchaseModelName } from '../../lib/model/core/types.ts';
import { DECIMAL_USAGE, decimalFlag, readOrUsage } from './load-summary.ts';
import type { CompressedFile } from '../../lib/data/import/compressed-file.ts';
import type { ModelEvaluation } from '../../lib/pipeline/holdout-evaluation.ts';

const MODELS: readonly PurchaseModelName[] = ['bgnbd', 'paretonbd', 'mbgnbd'];

const usage = `Usage: lever-lab evaluate <transactions | compressed summary> [options]

Fits BG/NBD, Pareto/NBD and MBG/NBD on the calibration period (weeks, same-day purchases merged)
and compares their forecasts of the holdout; proposes the model with the lowest per-customer
holdout RMSE. A compressed summary (sql/compressed.*.sql, CSV or Parquet) is fitted on its
groups and scored on its own split (the date options do not apply).

Options:
  --calibration-end YYYY-MM-DD  inclusive end of calibration (default: two thirds of the span)
  --holdout-end YYYY-MM-DD      inclusive end of the holdout (default: the last date)
  --models a,b,...              among ${MODELS.join(', ')} (default: all three)
  --format <format>             ${FILE_FORMATS.join('|')} (default: detected)
  --sheet <name>                the sheet of an Excel workbook (default: the first with data)
${DECIMAL_USAGE}
  --json                        JSON: one entry per model, and the chosen model`;

const fixed = (v: number, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : '-');

const command: Command = {
  name: 'evaluate',
  summary: 'compare BG/NBD, Pareto/NBD and MBG/NBD on a calibration / holdout split, propose one',
  usage,
  async run(args) {
    const parsed = parseFlags(args, dataFileFlags(['holdout-end', 'models']));
    const path = inputFile(parsed);
    const v = parsed.values;
    const calibrationEnd = dateFlag(v['calibration-end'], 'calibration-end');
    const holdoutEnd = dateFlag(v['holdout-end'], 'holdout-end');
    const models =
      v.models === undefined
        ? MODELS
        : String(v.models)
            .split(',')
            .map((m) => choiceFlag(m.trim(), 'models', MODELS)!);
    const file = await readOrUsage(path, {
      format: choiceFlag(v.format, 'format', FILE_FORMATS),
      sheet: sheetFlag(v.sheet),
      decimal: decimalFlag(v.decimal)
    });
    if (file.kind === 'compressed') return evaluateCompressedFile(file, models, Boolean(v.json));
    if (file.kind !== 'transactions')
      throw new UsageError(
        `${path} is a ${file.kind} file: evaluate needs transactions (customer, date, optionally amount) to split into calibration and holdout`
      );
    const { evaluateHoldout } = await import('../../lib/pipeline/holdout-evaluation.ts');
    let result;
    try {
      result = evaluateHoldout(file.table, { calibrationEnd, holdoutEnd, models });
    } catch (error) {
      if (error instanceof RangeError) throw new UsageError(error.message);
      throw error;
    }
    if (v.json) {
      const out = {
        version: result.version,
        calibrationEnd: result.calibrationEnd,
        holdoutEnd: result.holdoutEnd,
        holdoutWeeks: result.holdoutWeeks,
        customers: result.customers,
        chosen: result.chosen,
        reason: result.reason,
        models: result.models.map((m) => ({
          model: m.model,
          error: m.error,
          warning: m.warning,
          params: m.params,
          stdErr: m.stdErr,
          logLik: m.logLik,
          aic: m.aic,
          bic: m.bic,
          n: m.n,
          predicted: m.holdout.predicted,
          actual: m.holdout.actual,
          mae: m.holdout.mae,
          rmse: m.holdout.rmse,
          conditional: m.conditional,
          tracking: result.tracking.map((t, k) => ({
            week: t.week,
            endDate: t.endDate,
            actual: t.actual,
            expected: m.trackingCumulative[k] ?? null
          }))
        })),
        spend: result.spend
      };
      process.stdout.write(JSON.stringify(out) + '\n');
      return result.chosen ? 0 : 1;
    }
    const lines = [
      `${result.customers} customers; calibration to ${result.calibrationEnd}, holdout to ${result.holdoutEnd} (${fixed(result.holdoutWeeks, 1)} weeks)`,
      ...modelLines(result.models)
    ];
    lines.push(result.chosen ? `proposed: ${result.chosen}. ${result.reason}` : result.reason);
    process.stdout.write(lines.join('\n') + '\n');
    return result.chosen ? 0 : 1;
  }
};

type Row = Pick<ModelEvaluation, 'label' | 'error' | 'warning' | 'aic' | 'bic' | 'logLik'> & {
  holdout: Pick<ModelEvaluation['holdout'], 'predicted' | 'actual' | 'mae' | 'rmse'>;
};

/** The table of models: fit and holdout scores, one line each. */
function modelLines(models: readonly Row[]): string[] {
  const lines = ['model        logLik      AIC       BIC       predicted  actual  MAE     RMSE'];
  for (const m of models) {
    if (m.error) {
      lines.push(`${m.label.padEnd(12)} failed: ${m.error}`);
      continue;
    }
    lines.push(
      [
        m.label.padEnd(12),
        fixed(m.logLik, 1).padStart(10),
        fixed(m.aic, 1).padStart(9),
        fixed(m.bic, 1).padStart(9),
        fixed(m.holdout.predicted, 1).padStart(10),
        String(m.holdout.actual).padStart(7),
        fixed(m.holdout.mae).padStart(7),
        fixed(m.holdout.rmse).padStart(7)
      ].join(' ') + (m.warning ? `  (${m.warning})` : '')
    );
  }
  return lines;
}

/** A compressed summary (sql/compressed.*.sql): fits on its groups, scored on its holdout counts. */
async function evaluateCompressedFile(
  file: CompressedFile,
  models: readonly PurchaseModelName[],
  json: boolean
): Promise<number> {
  const { evaluateCompressed } = await import('../../lib/pipeline/compressed-evaluation.ts');
  const result = evaluateCompressed(file, { unit: 'week', models });
  const rows = result.models.map((m) => ({ ...m, logLik: m.fit?.logLik ?? NaN }));
  if (json) {
    const out = {
      calibrationEnd: file.calibrationEnd,
      holdoutEnd: file.holdoutEnd || null,
      holdoutWeeks: result.holdoutLength,
      customers: result.customers,
      groups: file.groups.length,
      triples: result.triples,
      chosen: result.chosen,
      reason: result.reason,
      models: rows.map((m) => ({
        model: m.model,
        error: m.error,
        warning: m.warning,
        params: m.fit?.params ?? {},
        stdErr: m.fit?.stdErr ?? {},
        logLik: m.logLik,
        aic: m.aic,
        bic: m.bic,
        n: m.fit?.n ?? 0,
        ...m.holdout
      })),
      spend: {
        error: result.spend.error,
        params: result.spend.fit?.params ?? null,
        logLik: result.spend.fit?.logLik ?? null,
        n: result.spend.customers
      }
    };
    process.stdout.write(JSON.stringify(out) + '\n');
    return result.chosen ? 0 : 1;
  }
  const gg = result.spend.fit;
  const lines = [
    `${result.customers.toLocaleString('en-US')} customers in ${file.groups.length.toLocaleString('en-US')} groups (${result.triples.toLocaleString('en-US')} distinct x, t_x, T); ` +
      `calibration to ${file.calibrationEnd}` +
      (file.holdoutEnd ? `, holdout to ${file.holdoutEnd} (${fixed(result.holdoutLength, 1)} weeks)` : ', no holdout'),
    ...modelLines(rows),
    gg
      ? `Gamma-Gamma on ${result.spend.customers.toLocaleString('en-US')} repeat buyers (${result.spend.pairs.toLocaleString('en-US')} distinct x, m): ` +
        Object.entries(gg.params)
          .map(([k, v]) => `${k} ${fixed(v)}`)
          .join(', ')
      : `Gamma-Gamma: ${result.spend.error}`,
    result.chosen ? `proposed: ${result.chosen}. ${result.reason}` : result.reason
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return result.chosen ? 0 : 1;
}

export default command;
