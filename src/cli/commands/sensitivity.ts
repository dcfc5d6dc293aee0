/**
 * lever-lab sensitivity <scenario.json> [--kpi clvPerNewCustomer] [--top N] [--json]
 * One-at-a-time swings of every assumption and lever (tornado) and elasticities
 * of the chosen KPI (src/lib/model/scenario/sensitivity.ts).
 */
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { inputFile, parseFlags } from '../args.ts';
import { KPI_IDS, type KpiId } from '../../lib/model/scenario/scenario-types.ts';
import { sensitivity } from '../../lib/model/scenario/sensitivity.ts';
import {
  BASELINE_FLAGS,
  BASELINE_USAGE,
  baselineFromArgs,
  countFlag,
  formatDiagnostics,
  readScenarioFile
} from './scenario.ts';

const usage = `Usage: lever-lab sensitivity <scenario.json> [options]

Tornado data: each assumption at its low and high value, each lever swung around
its current value, sorted by the swing of the KPI; elasticities d ln KPI / d ln x.

Options:
  --kpi <id>                    ${KPI_IDS.join(', ')} (default clvPerNewCustomer)
  --top N                       print the N largest swings (default 15; --json prints all)
${BASELINE_USAGE}`;

const command: Command = {
  name: 'sensitivity',
  summary: 'tornado and elasticities of a KPI over every assumption and lever',
  usage,
  async run(args) {
    const parsed = parseFlags(args, { ...BASELINE_FLAGS, kpi: { type: 'string' }, top: { type: 'string' } });
    const scenario = await readScenarioFile(inputFile(parsed));
    const kpi = (parsed.values.kpi ?? 'clvPerNewCustomer') as KpiId;
    if (!KPI_IDS.includes(kpi)) throw new UsageError(`invalid --kpi: '${String(kpi)}' (one of ${KPI_IDS.join(', ')})`);
    const top = countFlag(parsed.values.top, 'top') ?? 15;
    const { prepared, diagnostics } = await baselineFromArgs(parsed);
    const r = sensitivity(prepared, scenario, { kpi });
    if (parsed.values.json) {
      process.stdout.write(JSON.stringify({ baseline: prepared.source, ...r, diagnostics }) + '\n');
      return 0;
    }
    const f = (x: number | null) => (x === null ? '-' : x.toPrecision(5));
    const input = (x: number | boolean) => (typeof x === 'number' ? String(Number(x.toPrecision(6))) : String(x));
    const lines = [`baseline: ${prepared.source}`, `${kpi} = ${f(r.base)} (${r.evaluations} evaluations)`, ''];
    for (const row of r.rows.slice(0, top)) {
      lines.push(
        `  ${row.id.padEnd(44)} ${input(row.inputLow).padStart(9)} -> ${f(row.kpiLow).padStart(11)}   ${input(row.inputHigh).padStart(9)} -> ${f(row.kpiHigh).padStart(11)}   swing ${f(row.swing)}${row.elasticity !== null ? `   elasticity ${row.elasticity.toFixed(3)}` : ''}`
      );
    }
    lines.push(...formatDiagnostics(diagnostics));
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  }
};

export default command;
