/** Messages between a notebook page and the notebook-data worker: a stored dataset's fitted baseline and what it provides. */
import type { NotebookData } from '../pipeline/notebook-data.ts';
import type { WireError } from './rpc.ts';

export type { NotebookData };

export type NotebookDataRequest = { id: number; type: 'prepare'; datasetId: string; dbName?: string };

export type NotebookDataResponse =
  | { id: number; type: 'progress'; stage: string; fraction: number }
  | { id: number; type: 'prepared'; result: NotebookData }
  | { id: number; type: 'error'; error: WireError };
