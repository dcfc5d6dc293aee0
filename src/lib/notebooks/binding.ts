/**
 * A notebook bound to a stored dataset ("Run this lesson on my data"): the binding is kept per
 * notebook in IndexedDB (binding-store.ts) as { kind: 'binding', datasetId, datasetName }; the
 * dataset's fit (pipeline/notebook-data.ts, in a worker) becomes the runtime's binding: its
 * baseline in place of the built-in one of the same kind, its fitted channel quality under every
 * scenario's assumptions, and its capabilities, against which each cell's needs are checked.
 * Pure TypeScript.
 */
import type { NotebookData } from '../pipeline/notebook-data.ts';
import { datasetReplacedBy, missingNeeds, type DataNeed, type MissingNeed } from './needs.ts';
import type { RuntimeBinding } from './runtime.ts';
import type { Block } from './types.ts';
import { storedFields } from './stored-state.ts';

export const BINDING_PREFIX = 'binding:';

/** The JSON kept for a notebook's binding. */
export interface BindingState {
  kind: 'binding';
  version: 1;
  datasetId: string;
  /** the dataset's name when it was bound (said when the dataset is gone) */
  datasetName: string;
  boundAt: string;
}

export function isBindingState(v: unknown): v is BindingState {
  const o = storedFields(v, 'binding');
  return o !== null && typeof o.datasetId === 'string' && o.datasetId !== '' && typeof o.datasetName === 'string';
}

export function bindingState(datasetId: string, datasetName: string, boundAt: string): BindingState {
  return { kind: 'binding', version: 1, datasetId, datasetName, boundAt };
}

/** What a saved binding comes to, given the datasets stored now. */
export type BindingResolution =
  | { status: 'unbound' }
  | { status: 'bound'; datasetId: string; datasetName: string }
  /** the dataset was deleted since: the notebook runs on its built-in data and says so */
  | { status: 'gone'; datasetName: string };

export function resolveBinding(saved: unknown, datasets: readonly { id: string; name: string }[]): BindingResolution {
  if (!isBindingState(saved)) return { status: 'unbound' };
  const d = datasets.find((x) => x.id === saved.datasetId);
  return d ? { status: 'bound', datasetId: d.id, datasetName: d.name } : { status: 'gone', datasetName: saved.datasetName };
}

/** The runtime's binding from a prepared dataset. */
export function runtimeBinding(data: NotebookData): RuntimeBinding {
  return {
    baselines: { [datasetReplacedBy(data.capabilities.kind)]: data.spec },
    assumptions: data.assumptions,
    capabilities: data.capabilities,
    channelQuality: data.channelQuality
  };
}

/** The scenarios a block reads (none for prose and questions: their inline expressions say so in place). */
export function scenariosRead(block: Block): string[] {
  switch (block.kind) {
    case 'scenario':
      return [block.id];
    case 'chart':
    case 'kpis':
      return block.scenarios;
    case 'lever':
      return [block.scenario];
    default:
      return [];
  }
}

/**
 * What a block needs that the bound dataset lacks: its own `needs=` and the needs of the
 * scenarios it reads. Empty when nothing is bound.
 */
export function missingForBlock(
  block: Block,
  binding: RuntimeBinding | null,
  scenarioNeeds: (id: string) => DataNeed[]
): MissingNeed[] {
  if (!binding) return [];
  const needs = [...(block.needs ?? [])];
  for (const id of scenariosRead(block)) if (id) needs.push(...scenarioNeeds(id));
  return missingNeeds(needs, binding.capabilities);
}
