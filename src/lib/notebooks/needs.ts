/**
 * What a notebook cell needs of the data it runs on, and what a bound dataset has.
 *
 * A notebook runs on a built-in baseline (front matter `dataset:`) or on a stored dataset the
 * reader bound it to ("Run this lesson on my data"). Cells may say what they need with a
 * `needs=` attribute on the fence line (`needs=channels,spend`); a scenario's needs pass to
 * every scenario that extends it and to every cell and inline expression that reads it. The
 * data set a scenario projects from adds one need of its own: `sample:music` needs purchase
 * histories, `sbg:regular` needs contracts.
 *
 * Needs
 *   purchases  repeat-purchase histories (transactions or a per-customer summary): BG/NBD
 *   contracts  subscriptions with renewals and cancellations: sBG
 *   channels   the acquisition channel of each customer (per-channel quality)
 *   spend      the marketing spend history per channel and week (the channel response fit)
 *
 * Pure TypeScript: the parser, the runtime and the notebook view all use it.
 */
import type { DatasetCapabilities } from '../pipeline/notebook-data.ts';
import type { NotebookDataset, NotebookError } from './types.ts';

export const DATA_NEEDS = ['purchases', 'contracts', 'channels', 'spend'] as const;
export type DataNeed = (typeof DATA_NEEDS)[number];

export type { DatasetCapabilities };

/** The need a built-in data set's baseline stands for. */
export function needOfDataset(dataset: NotebookDataset): DataNeed {
  return dataset === 'sbg:regular' ? 'contracts' : 'purchases';
}

/** The built-in data set a bound dataset takes the place of. */
export function datasetReplacedBy(kind: DatasetCapabilities['kind']): NotebookDataset {
  return kind === 'subscription' ? 'sbg:regular' : 'sample:music';
}

export function hasNeed(caps: DatasetCapabilities, need: DataNeed): boolean {
  switch (need) {
    case 'purchases':
      return caps.kind !== 'subscription';
    case 'contracts':
      return caps.kind === 'subscription';
    case 'channels':
      // one labelled channel tells nothing about quality: customers must come from two or more
      return caps.channels.length >= 2;
    case 'spend':
      return caps.spendHistory;
  }
}

/** A need in a few words ("acquisition channels"), for the short notes in the text. */
export const NEED_LABELS: Record<DataNeed, string> = {
  purchases: 'purchase histories',
  contracts: 'subscriptions',
  channels: 'acquisition channels',
  spend: 'a spend history'
};

/** What is missing, in words: what the dataset lacks, and how to add it. */
export interface MissingNeed {
  need: DataNeed;
  /** "… has no acquisition channel per customer" */
  lacks: string;
  /** how to add it */
  fix: string;
}

function describe(need: DataNeed, caps: DatasetCapabilities): MissingNeed {
  const name = JSON.stringify(caps.name);
  switch (need) {
    case 'purchases':
      return {
        need,
        lacks: `${name} is a subscription dataset: it has no repeat-purchase histories`,
        fix: 'bind a dataset of transactions (one row per purchase) or a per-customer summary (x, t_x, T), imported on the Data page'
      };
    case 'contracts':
      return {
        need,
        lacks: `${name} has no subscriptions (renewals and cancellations)`,
        fix: 'bind a subscription dataset (one row per customer and period, or start and end dates), imported on the Data page'
      };
    case 'channels':
      return {
        need,
        lacks:
          caps.channels.length === 1
            ? `every customer of ${name} came through one channel (${caps.channels[0].channel})`
            : `${name} has no acquisition channel per customer`,
        fix: 'import the data again with a channel column (the channel that brought each customer, two or more channels), on the Data page'
      };
    case 'spend':
      return {
        need,
        lacks: `${name} has no marketing spend history`,
        fix: 'add a weekly spend file per channel on the Data page (Channel response fit: spend history)'
      };
  }
}

/** The needs the dataset does not meet, in the order given (each once). */
export function missingNeeds(needs: readonly DataNeed[], caps: DatasetCapabilities): MissingNeed[] {
  return [...new Set(needs)].filter((n) => !hasNeed(caps, n)).map((n) => describe(n, caps));
}

/** One sentence for a cell or an inline expression that cannot run on the bound data. */
export function missingMessage(missing: readonly MissingNeed[]): string {
  return missing.map((m) => `needs ${m.need}: ${m.lacks}; to add it, ${m.fix}`).join('. ');
}

/**
 * Takes `needs=a,b` out of a fence's info string (the rest goes to the cell's own parser).
 * Unknown needs are errors on the fence line.
 */
export function takeNeeds(info: string, line: number): { info: string; needs: DataNeed[]; errors: NotebookError[] } {
  const errors: NotebookError[] = [];
  const needs: DataNeed[] = [];
  const re = /(^|\s)needs=("([^"]*)"|\S*)/;
  const m = re.exec(info);
  if (!m) return { info, needs, errors };
  const rest = info.slice(0, m.index) + info.slice(m.index + m[0].length);
  if (re.test(rest)) errors.push({ line, message: 'needs: given twice' });
  const items = (m[3] ?? m[2])
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) errors.push({ line, message: `needs= is empty (one or more of ${DATA_NEEDS.join(', ')})` });
  for (const item of items) {
    if ((DATA_NEEDS as readonly string[]).includes(item)) {
      if (!needs.includes(item as DataNeed)) needs.push(item as DataNeed);
    } else errors.push({ line, message: `needs=${item} (one of ${DATA_NEEDS.join(', ')})` });
  }
  return { info: rest, needs, errors };
}
