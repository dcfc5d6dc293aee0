/**
 * Weekly acquisitions out of the transactions, lined up with a spend file for the channel fit
 * (issue 16 items 2 and 9):
 * - a customer's acquisition week is the week of their first purchase, and their acquisition
 *   channel the channel of that purchase's row (mapped onto the workbench's channels by the same
 *   case-insensitive match as the spend); customers whose first purchase carries no channel, or
 *   one that has no spend, are organic;
 * - attributed mode when at least one customer was acquired through a channel with spend,
 *   otherwise aggregate mode (all first purchases against all channels' spend);
 * - the model weeks start at the spend file's first period (moved on by whole weeks to the first
 *   transaction when the spend starts earlier) and end at the last full week both cover.
 * Bad input, each with its own sentence: no overlap of spend and transactions, fewer than 26
 * common weeks (errors); a channel with spend but no customers (attributed mode) and a channel
 * whose spend never varies (excluded from the fit, reported).
 */
import type { TransactionTable } from './types.ts';
import { formatDay } from './import/dates.ts';
import { mapChannels, weeklySpend, type ChannelMapping, type SpendFile } from './import/spend.ts';

export const MIN_FIT_WEEKS = 26;

export interface ChannelFitData {
  mode: 'attributed' | 'aggregate';
  /** first day of model week 0 */
  startDay: number;
  weeks: number;
  /** the workbench channels fitted, in order */
  channels: string[];
  spend: Float64Array[];
  /** attributed mode: first purchases per fitted channel */
  newCustomers?: Float64Array[];
  organic: Float64Array;
  total: Float64Array;
  spendMapping: ChannelMapping;
  /** customer id -> workbench acquisition channel ('' = organic) */
  acquisitionChannel: Map<string, string>;
  /** sentences for the user: unmapped and excluded channels */
  messages: string[];
}

export function prepareChannelFitData(
  transactions: TransactionTable,
  spendFile: SpendFile,
  workbenchChannels: readonly string[],
  overrides: Record<string, string> = {}
): ChannelFitData {
  const messages: string[] = [];
  const spendMapping = mapChannels(spendFile.channels, workbenchChannels, overrides);
  if (spendMapping.unmapped.length > 0) {
    messages.push(
      `Spend of ${spendMapping.unmapped.join(', ')} is not used: no workbench channel of that name (${workbenchChannels.join(', ')}); map it in the mapping step.`
    );
  }
  // first purchase of every customer
  const first = new Map<string, { day: number; channel: string }>();
  for (let i = 0; i < transactions.length; i++) {
    const id = transactions.customerId[i];
    const day = transactions.day[i];
    const seen = first.get(id);
    if (!seen || day < seen.day || (day === seen.day && !seen.channel && transactions.channel[i])) {
      first.set(id, { day, channel: transactions.channel[i] ?? '' });
    }
  }
  if (first.size === 0) throw new RangeError('The transactions hold no customers to count new customers from.');
  let txFirst = Infinity;
  let txLast = -Infinity;
  for (let i = 0; i < transactions.length; i++) {
    txFirst = Math.min(txFirst, transactions.day[i]);
    txLast = Math.max(txLast, transactions.day[i]);
  }
  const startDay = spendFile.firstDay + 7 * Math.ceil(Math.max(0, txFirst - spendFile.firstDay) / 7);
  const endDay = Math.min(spendFile.lastDay, txLast);
  if (endDay < startDay) {
    throw new RangeError(
      `The spend (${formatDay(spendFile.firstDay)} to ${formatDay(spendFile.lastDay)}) does not overlap the transactions (${formatDay(txFirst)} to ${formatDay(txLast)}).`
    );
  }
  const weeks = Math.floor((endDay - startDay + 1) / 7);
  if (weeks < MIN_FIT_WEEKS) {
    throw new RangeError(
      `Spend and transactions share ${weeks} full week${weeks === 1 ? '' : 's'} (${formatDay(startDay)} to ${formatDay(endDay)}); the channel fit needs at least ${MIN_FIT_WEEKS}.`
    );
  }
  const spendByChannel = weeklySpend(spendFile, spendMapping, startDay, weeks);
  const txChannels = [...new Set([...first.values()].map((f) => f.channel).filter(Boolean))];
  const txMapping = mapChannels(txChannels, workbenchChannels, overrides);
  const acquisitionChannel = new Map<string, string>();
  const perChannel = new Map<string, Float64Array>();
  const organic = new Float64Array(weeks);
  const total = new Float64Array(weeks);
  for (const [id, f] of first) {
    const mapped = f.channel ? txMapping.map[f.channel] : '';
    const paid = mapped && spendByChannel.has(mapped) ? mapped : '';
    acquisitionChannel.set(id, paid);
    const k = Math.floor((f.day - startDay) / 7);
    if (k < 0 || k >= weeks) continue;
    total[k]++;
    if (paid) {
      let s = perChannel.get(paid);
      if (!s) {
        s = new Float64Array(weeks);
        perChannel.set(paid, s);
      }
      s[k]++;
    } else organic[k]++;
  }
  const mode = perChannel.size > 0 ? 'attributed' : 'aggregate';
  const channels: string[] = [];
  for (const ch of workbenchChannels) {
    const s = spendByChannel.get(ch);
    if (!s) continue;
    let min = Infinity;
    let max = -Infinity;
    for (const v of s) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (!(max > 0)) {
      messages.push(`${ch} is left out of the fit: it has no spend in the ${weeks} weeks the data share.`);
      continue;
    }
    if (max - min <= 1e-9 * max) {
      messages.push(
        `${ch} is left out of the fit: its spend is the same every week (${max.toFixed(2)}), so its response cannot be told apart from the organic baseline.`
      );
      continue;
    }
    if (mode === 'attributed' && !(perChannel.get(ch)?.some((v) => v > 0) ?? false)) {
      messages.push(`${ch} is left out of the fit: it has spend but no customer's first purchase came through it.`);
      continue;
    }
    channels.push(ch);
  }
  if (channels.length === 0) throw new RangeError(`No channel has spend to fit: ${messages.join(' ')}`);
  if (mode === 'attributed') {
    // customers of left-out channels count as organic (the fit explains them by no spend)
    for (const [ch, s] of perChannel) if (!channels.includes(ch)) for (let k = 0; k < weeks; k++) organic[k] += s[k];
  }
  return {
    mode,
    startDay,
    weeks,
    channels,
    spend: channels.map((c) => spendByChannel.get(c)!),
    newCustomers: mode === 'attributed' ? channels.map((c) => perChannel.get(c) ?? new Float64Array(weeks)) : undefined,
    organic,
    total,
    spendMapping,
    acquisitionChannel,
    messages
  };
}
