/**
 * Plain-data shapes of a notebook: Markdown prose with fenced cells that hold a
 * scenario, a chart of an outcome, a KPI table, a lever the reader can move, or a
 * question with a revealed answer. A parsed notebook is JSON-able and versioned;
 * every block carries the 1-based line of the source it came from, and every cell
 * carries its own errors, so an error shows in place with its line.
 */
import type { KpiId, Scenario } from '../model/scenario/scenario-types.ts';
import type { Assignment } from './assign.ts';
import type { DataNeed } from './needs.ts';
import type { Grade } from './grading.ts';
import type { EstimationCell, ExperimentCell } from './classroom-types.ts';

export type { EstimationCell, ExperimentCell };

export const NOTEBOOK_VERSION = 1 as const;

export type Audience = 'teacher' | 'consultant';

/** Data sets a notebook may project from (front matter `dataset:`). */
export const NOTEBOOK_DATASETS = ['sample:music', 'sbg:regular'] as const;
export type NotebookDataset = (typeof NOTEBOOK_DATASETS)[number];

export interface FrontMatter {
  title: string;
  summary: string;
  audience: Audience;
  dataset: NotebookDataset;
  /** citations, one per entry, as written */
  sources: string[];
}

/** An error in the notebook source, with the 1-based line it refers to. */
export interface NotebookError {
  line: number;
  message: string;
}

export interface BlockBase {
  /** 1-based first line of the block in the source */
  line: number;
  /** 1-based last line (inclusive) */
  endLine: number;
  errors: NotebookError[];
  /** what the cell needs of a bound dataset (fence attribute `needs=`, see needs.ts); absent: nothing beyond its data set */
  needs?: DataNeed[];
}

export interface ProseBlock extends BlockBase {
  kind: 'prose';
  markdown: string;
}

export interface ScenarioCell extends BlockBase {
  kind: 'scenario';
  id: string;
  /** another scenario cell this one starts from (default: the default scenario) */
  extends: string | null;
  /** the cell's assignments over its base (the JSON form is flattened to the same) */
  assignments: Assignment[];
  /** the scenario as written (before the reader moves levers); null when invalid */
  scenario: Scenario | null;
  /** show the cell's source in the rendered notebook */
  show: boolean;
  /** data set this scenario projects from when not the notebook's (attribute `dataset=`); inherited through `extends` */
  dataset: NotebookDataset | null;
}

/** Outcome series a chart cell can draw (keys of OutcomeSeries with one value per week). */
export const CHART_SERIES = [
  'activeCustomers',
  'newCustomers',
  'retention',
  'transactions',
  'revenue',
  'margin',
  'costs',
  'contribution',
  'satisfaction',
  'trust',
  'conversionRate',
  'survivalNewCustomer'
] as const;
export type ChartSeriesId = (typeof CHART_SERIES)[number];

export interface ChartCell extends BlockBase {
  kind: 'chart';
  /** scenarios drawn, in order; 'baseline' is the neutral scenario with the first scenario's economics */
  scenarios: string[];
  series: ChartSeriesId;
  title: string | null;
}

export interface KpiCell extends BlockBase {
  kind: 'kpis';
  scenarios: string[];
  kpis: KpiId[];
}

export interface LeverCell extends BlockBase {
  kind: 'lever';
  scenario: string;
  /** dotted path under the scenario, e.g. 'levers.pricing.priceChange' */
  path: string;
  min: number;
  max: number;
  step: number;
  label: string | null;
}

export interface QuestionCell extends BlockBase {
  kind: 'question';
  question: string;
  answer: string;
  /** how the reader's answer is checked (grading.ts); null or absent: the answer is only revealed */
  grade?: Grade | null;
  /** the question's id for saved answers (attribute `id=`, else `line-<n>`) */
  qid?: string;
}

export type Cell = ScenarioCell | ChartCell | KpiCell | LeverCell | QuestionCell | EstimationCell | ExperimentCell;
export type Block = ProseBlock | Cell;
export type CellKind = Cell['kind'];
export const CELL_KINDS: readonly CellKind[] = ['scenario', 'chart', 'kpis', 'lever', 'question', 'estimation', 'experiment'];

export interface Notebook {
  version: typeof NOTEBOOK_VERSION;
  meta: FrontMatter;
  blocks: Block[];
  /** errors of the front matter and of references between cells */
  errors: NotebookError[];
}
