/**
 * A stored dataset made ready for a notebook ("Run this lesson on my data"): its fitted
 * baseline (the one fit step, fit-step.ts, as the workbench fits it; read only, the dataset's
 * stored fits are left as they are), what it provides
 * (purchases or contracts, acquisition channels, a spend history) and, when its customers came
 * through two or more channels, the channel quality of each (channel-quality.ts) as assumption
 * overrides of the engine's channel-quality multipliers. Runs in the notebook-data worker and in
 * node tests (fake-indexeddb); the answer is plain JSON.
 */
import type { LeverLabDb } from '../data/db/database.ts';
import { getDataset, getSummaries } from '../data/db/datasets.ts';
import { getSpendEvidence, getSpendGroups } from '../data/db/evidence.ts';
import type { CustomerSummary } from '../data/types.ts';
import type { BaselineSpec } from '../model/scenario/engine/baseline.ts';
import { fittedQualityAssumptions } from '../model/scenario/fitted-assumptions.ts';
import type { AssumptionOverride } from '../model/scenario/scenario-types.ts';
import { fitChannelQuality, type Multiplier } from './channel-quality.ts';
import { fitBaseline, WEEKS_PER_UNIT, type FitProgress } from './fit-step.ts';

export const NOTEBOOK_DATA_VERSION = 1;

/** What a bound dataset provides (from its record, its customer summaries and its evidence). */
export interface DatasetCapabilities {
  name: string;
  kind: 'transactions' | 'subscription' | 'summary';
  customers: number;
  /** acquisition channels with at least one customer, most customers first */
  channels: { channel: string; customers: number }[];
  /** a spend history (weekly spend per channel) is stored with the dataset */
  spendHistory: boolean;
  /** the ISO 4217 code of the dataset's money, when it was set (import or Data page) */
  currency: string | null;
}

export interface ChannelQualityRow {
  channel: string;
  customers: number;
  estimate: 'fitted' | 'pooled';
  dropout: Multiplier;
  rate: Multiplier;
  spend: Multiplier;
}

export interface NotebookData {
  version: typeof NOTEBOOK_DATA_VERSION;
  datasetId: string;
  capabilities: DatasetCapabilities;
  /** the engine's baseline fitted on the dataset */
  spec: BaselineSpec;
  /** a sentence naming the data and the models */
  source: string;
  /** per acquisition channel (empty without two or more channels, or for subscriptions) */
  channelQuality: ChannelQualityRow[];
  notes: string[];
  /** channels.c.qualityDropout / .qualityRate fitted on the dataset (fitted channels only) */
  assumptions: Record<string, AssumptionOverride>;
  fittedAt: string;
}

/** Channels with customers, most customers first ('' = no channel recorded). */
export function channelCounts(
  rows: readonly (Pick<CustomerSummary, 'channel'> & Partial<Pick<CustomerSummary, 'count'>>)[]
): DatasetCapabilities['channels'] {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.channel) counts.set(r.channel, (counts.get(r.channel) ?? 0) + (r.count ?? 1));
  return [...counts]
    .map(([channel, customers]) => ({ channel, customers }))
    .sort((a, b) => b.customers - a.customers || a.channel.localeCompare(b.channel));
}

export async function prepareNotebookData(
  db: LeverLabDb,
  datasetId: string,
  options: { onProgress?: (p: FitProgress) => void; today?: string } = {}
): Promise<NotebookData> {
  const meta = await getDataset(db, datasetId);
  if (!meta) throw new Error(`no dataset with id ${datasetId}`);
  options.onProgress?.({ stage: 'Reading customers', fraction: 0 });
  const rows = await getSummaries(db, datasetId);
  // a compressed summary: Gamma-Gamma on its stored spend groups, as the workbench's fit
  const spendGroups = meta.grouped ? ((await getSpendGroups(db, datasetId)) ?? null) : null;
  const fit = fitBaseline(meta, rows, { onProgress: options.onProgress, spendGroups });
  const spend = await getSpendEvidence(db, datasetId);
  const channels = channelCounts(rows);
  const capabilities: DatasetCapabilities = {
    name: meta.name,
    kind: meta.kind,
    customers: meta.customers,
    channels,
    spendHistory: spend !== undefined,
    currency: meta.currency ?? null
  };
  const fittedAt = options.today ?? new Date().toISOString().slice(0, 10);
  const notes: string[] = [];
  let channelQuality: ChannelQualityRow[] = [];
  let assumptions: Record<string, AssumptionOverride> = {};
  if (meta.kind !== 'subscription' && channels.length >= 2) {
    options.onProgress?.({ stage: 'Channel quality', fraction: 0.9 });
    const toWeeks = WEEKS_PER_UNIT[meta.unit];
    // channel-quality.ts fits in weeks, as the engine's baseline is
    const weekly = rows.map((r) => ({ ...r, tx: r.tx * toWeeks, T: r.T * toWeeks }));
    const q = fitChannelQuality(weekly);
    notes.push(...q.notes);
    channelQuality = q.channels.map(({ channel, customers, estimate, dropout, rate, spend }) => ({
      channel,
      customers,
      estimate,
      dropout,
      rate,
      spend
    }));
    assumptions = fittedQualityAssumptions(q.channels, fittedAt).overrides;
  }
  return {
    version: NOTEBOOK_DATA_VERSION,
    datasetId,
    capabilities,
    spec: fit.spec,
    source: fit.source,
    channelQuality,
    notes,
    assumptions,
    fittedAt
  };
}
