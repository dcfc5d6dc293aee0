/**
 * `lever-lab fit <transactions> --model channels --spend <spend file> [--json]`: the channel
 * response fit (adstock, Hill, maximum new customers, with standard errors) on weekly spend and
 * the weekly first purchases of the transactions, and the BG/NBD and Gamma-Gamma of the customers
 * each channel brought (partially pooled, pipeline/channel-quality.ts).
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../command.ts';
import { parseSpendFile, describeSpendFile } from '../../lib/data/import/spend.ts';
import { prepareChannelFitData } from '../../lib/data/acquisitions.ts';
import { formatDay } from '../../lib/data/import/dates.ts';
import type { DataFile } from '../../lib/data/read-node.ts';
import { summarize } from '../../lib/data/summarize.ts';
import { fitChannelResponse } from '../../lib/model/scenario/channel-fit.ts';
import { CHANNEL_IDS } from '../../lib/model/scenario/scenario-types.ts';
import { fitChannelQuality, type ChannelQuality } from '../../lib/pipeline/channel-quality.ts';

interface WithSe {
  value: number;
  se: number;
}

export interface ChannelFitEntry {
  channel: string;
  adstockDecay: WithSe;
  hillSlope: WithSe;
  halfSaturation: WithSe;
  maxNewCustomers: WithSe;
  identified: boolean;
  identificationNote: string;
  spendRange: [number, number];
  /** customers whose first purchase came through the channel */
  customers: number;
  /** BG/NBD of those customers (Fader, Hardie & Lee 2005), partially pooled */
  r: number;
  alpha: number;
  a: number;
  b: number;
  bgnbdEstimate: 'fitted' | 'pooled' | 'none';
  dropoutMultiplier: WithSe;
  rateMultiplier: WithSe;
  spendMultiplier: WithSe;
}

export interface ChannelFitOutput {
  model: 'channels';
  mode: 'attributed' | 'aggregate';
  weeks: number;
  start: string;
  organicPerWeek: number;
  converged: boolean;
  channels: ChannelFitEntry[];
  messages: string[];
  fitMs: number;
}

const ws = (value: number, se: number): WithSe => ({ value, se });

export function runChannelsFit(file: string, data: DataFile, spendPath: string): ChannelFitOutput {
  if (data.kind !== 'transactions') {
    throw new UsageError(`--model channels needs a transaction file (one row per purchase); ${file} is ${data.format}`);
  }
  let spendText: string;
  try {
    spendText = readFileSync(spendPath, 'utf8');
  } catch {
    throw new UsageError(`cannot read the spend file ${spendPath}`);
  }
  const started = performance.now();
  try {
    const spend = parseSpendFile(spendText, spendPath);
    process.stderr.write(describeSpendFile(spend) + '\n');
    const prepared = prepareChannelFitData(data.table, spend, CHANNEL_IDS);
    for (const m of prepared.messages) process.stderr.write(`  ${m}\n`);
    const fit = fitChannelResponse({
      channels: prepared.channels,
      spend: prepared.spend,
      ...(prepared.mode === 'attributed'
        ? { newCustomers: prepared.newCustomers, organic: prepared.organic }
        : { total: prepared.total })
    });
    const summary = summarize(data.table, { unit: 'week' });
    const quality = fitChannelQuality(summary.customers, (c) => prepared.acquisitionChannel.get(c.id) ?? '');
    for (const n of quality.notes) process.stderr.write(`  ${n}\n`);
    const byChannel = new Map<string, ChannelQuality>(quality.channels.map((q) => [q.channel, q]));
    const channels = fit.channels.map((c): ChannelFitEntry => {
      const q = byChannel.get(c.channel);
      const bg = q?.bgnbd ?? quality.pooled.bgnbd;
      return {
        channel: c.channel,
        adstockDecay: ws(c.params.adstockDecay, c.se.adstockDecay),
        hillSlope: ws(c.params.hillSlope, c.se.hillSlope),
        halfSaturation: ws(c.params.halfSaturation, c.se.halfSaturation),
        maxNewCustomers: ws(c.params.maxNewCustomers, c.se.maxNewCustomers),
        identified: c.identified,
        identificationNote: c.identificationNote,
        spendRange: c.spendRange,
        customers: q?.customers ?? 0,
        r: bg.r,
        alpha: bg.alpha,
        a: bg.a,
        b: bg.b,
        bgnbdEstimate: q?.estimate ?? 'none',
        dropoutMultiplier: ws(q?.dropout.value ?? 1, q?.dropout.se ?? NaN),
        rateMultiplier: ws(q?.rate.value ?? 1, q?.rate.se ?? NaN),
        spendMultiplier: ws(q?.spend.value ?? 1, q?.spend.se ?? NaN)
      };
    });
    return {
      model: 'channels',
      mode: fit.mode,
      weeks: fit.weeks,
      start: formatDay(prepared.startDay),
      organicPerWeek: fit.organic.perWeek,
      converged: fit.converged,
      channels,
      messages: [...prepared.messages, ...fit.warnings, ...quality.notes],
      fitMs: performance.now() - started
    };
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}

const f = (v: WithSe, digits = 3) =>
  `${v.value.toPrecision(digits + 1)} (s.e. ${Number.isFinite(v.se) ? v.se.toPrecision(2) : 'n/a'})`;

export function formatChannelsFit(o: ChannelFitOutput): string {
  const lines = [
    `channels (${o.mode}): ${o.weeks} weeks from ${o.start}, organic ${o.organicPerWeek.toFixed(1)} new customers/week, ${o.fitMs.toFixed(0)} ms${o.converged ? '' : ', NOT CONVERGED'}`
  ];
  for (const c of o.channels) {
    lines.push(
      `  ${c.channel}${c.identified ? '' : ' (not identified: ' + c.identificationNote + ')'}`,
      `    adstock decay ${f(c.adstockDecay)}, Hill slope ${f(c.hillSlope)}, half-saturation ${f(c.halfSaturation)}, max new customers/week ${f(c.maxNewCustomers)}`,
      `    ${c.customers} customers: BG/NBD r ${c.r.toPrecision(4)}, alpha ${c.alpha.toPrecision(4)}, a ${c.a.toPrecision(4)}, b ${c.b.toPrecision(4)} (${c.bgnbdEstimate}); dropout x${f(c.dropoutMultiplier, 2)}, rate x${f(c.rateMultiplier, 2)}, spend x${f(c.spendMultiplier, 2)}`
    );
  }
  return lines.join('\n');
}
