/**
 * Shapes of the rows Lever Lab keeps in IndexedDB (schema version 5, see schema.ts).
 *
 * Every row is plain structured-cloneable data: strings, numbers, typed arrays,
 * ArrayBuffers and JSON-able objects. Large columns are typed arrays so a dataset of
 * a million transactions is a few dozen rows, not a million objects.
 */
import type { CustomerSummary, DatasetMeta } from '../types.ts';
import type { FitResult, ModelName } from '../../model/core/types.ts';
import type { Scenario } from '../../model/scenario/scenario-types.ts';
import type { LiftTest } from '../../model/scenario/lift-tests.ts';
import type { SpendFile } from '../import/spend.ts';

/** A dataset as stored: its metadata plus bookkeeping added by the data layer. */
export interface DatasetRecord extends DatasetMeta {
  /**
   * approximate bytes of the dataset's stored transaction chunks (typed arrays + UTF-16 ids)
   * and customer summary rows (saved since summary-only imports; records from before count
   * the chunks only); added in schema v2
   */
  storageBytes: number;
}

/** One customer summary row, keyed by [datasetId+id] (schema v1-v2; read by the v3 upgrade). */
export interface CustomerRecord extends CustomerSummary {
  datasetId: string;
}

/**
 * A columnar slice of a dataset's transactions, keyed by [datasetId+chunk].
 * Customer ids and channels are dictionary-encoded per chunk: row i belongs to
 * customerIds[customerIndex[i]] and was bought through channels[channelIndex[i]].
 */
export interface TransactionChunk {
  datasetId: string;
  /** 0-based chunk number; rows of chunk k follow those of chunk k - 1 */
  chunk: number;
  rows: number;
  customerIds: string[];
  customerIndex: Int32Array;
  /** days since 1970-01-01 (UTC) */
  day: Int32Array;
  amount: Float64Array;
  quantity: Float64Array;
  channels: string[];
  channelIndex: Uint16Array;
}

/** A saved model fit for one dataset, keyed by [datasetId+model]. */
export interface FitRecord {
  datasetId: string;
  model: ModelName;
  fit: FitResult;
  /** ISO timestamp */
  savedAt: string;
}

/** A saved scenario. */
export interface ScenarioRecord {
  id: string;
  name: string;
  /** ISO timestamps */
  createdAt: string;
  updatedAt: string;
  /** dataset the scenario was built on, null when none; added in schema v2 */
  datasetId: string | null;
  scenario: Scenario;
}

/** JSON values (what a notebook or a setting may hold). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A notebook's saved state (cell inputs, outputs the author pinned, scroll position ...). */
/** A reader's answers to one notebook's graded questions (plain JSON as the notebook writes it). */
export interface AnswersRecord {
  /** the notebook's slug */
  key: string;
  student: string;
  answers: Record<string, JsonValue>;
  updatedAt: string;
}

export interface NotebookRecord {
  slug: string;
  state: JsonValue;
  updatedAt: string;
}

/** tfjs weight manifest entry (structural copy of tfjs' WeightsManifestEntry; no tfjs import here). */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool' | 'string' | 'complex64';
  [extra: string]: unknown;
}

/** A learned (tfjs) model: JSON topology, weight specs and weights as one ArrayBuffer, plus metrics. */
export interface ModelRecord {
  version: 1;
  id: string;
  name: string;
  /** what the model predicts, e.g. 'propensity', 'churn', 'uplift' */
  kind: string;
  datasetId: string | null;
  createdAt: string;
  /** tfjs model topology (JSON) */
  modelTopology: unknown;
  weightSpecs: WeightSpec[];
  weightData: ArrayBuffer;
  /** e.g. { auc: 0.74, logLoss: 0.41, qini: 0.05 } */
  metrics: Record<string, number>;
  /** tfjs format / generatedBy / convertedBy / trainingConfig / userDefinedMetadata, as given */
  extra?: Record<string, unknown>;
}

export interface SettingRecord {
  key: string;
  value: JsonValue;
}

/** A dictionary-encoded string column: row i holds values[index[i]]. */
export interface DictionaryColumn {
  values: string[];
  index: Int32Array;
}

/**
 * A columnar slice of a dataset's customer summaries, keyed by [datasetId+chunk] (schema v3;
 * before, one CustomerRecord per customer). Numbers are Float64 columns (exactly the
 * numbers saved, NaN included); the ids are one string with end offsets (id i is
 * idText.slice(idEnd[i - 1] ?? 0, idEnd[i])); the other strings are dictionary-encoded.
 */
export interface CustomerChunk {
  datasetId: string;
  /** 0-based chunk number; chunk k's customers follow chunk k - 1's, in id order */
  chunk: number;
  rows: number;
  idText: string;
  idEnd: Int32Array;
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  m: Float64Array;
  firstSpend: Float64Array;
  xHoldout: Float64Array;
  holdoutSpend: Float64Array;
  treatment: Float64Array;
  /** customers each row stands for (a compressed summary's groups); absent: 1 each */
  count?: Float64Array;
  firstDate: DictionaryColumn;
  lastDate: DictionaryColumn;
  channel: DictionaryColumn;
  segment: DictionaryColumn;
  region: DictionaryColumn;
}

/** A dataset's media spend history: the file as read and its channel mapping (schema v5). */
export interface SpendEvidence {
  datasetId: string;
  kind: 'spend';
  /** the file's name, or the sample's description */
  name: string;
  savedAt: string;
  file: SpendFile;
  /** file channel -> workbench channel ('' = not used) */
  mapping: Record<string, string>;
}

/** A dataset's lift tests (schema v5). */
export interface LiftTestEvidence {
  datasetId: string;
  kind: 'lift-tests';
  name: string;
  savedAt: string;
  tests: LiftTest[];
}

/**
 * The Gamma-Gamma spend groups of a compressed summary: every distinct (segment, channel, x, m)
 * of the repeat buyers with its count, as columns (the rows of the summary are groups of
 * (x, t_x, T), whose mean m is not enough for the Gamma-Gamma likelihood).
 */
export interface SpendGroupsEvidence {
  datasetId: string;
  kind: 'spend-groups';
  name: string;
  savedAt: string;
  x: Float64Array;
  m: Float64Array;
  customers: Float64Array;
}

/** What a dataset brings besides its transactions, keyed by [datasetId+kind]. */
export type EvidenceRecord = SpendEvidence | LiftTestEvidence | SpendGroupsEvidence;
