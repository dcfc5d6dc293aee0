/**
 * Messages between the app and the sample-data worker. Every message carries the
 * request id; replies to a cancelled request are dropped by the client. Results carry
 * typed arrays that are transferred, not copied.
 */
import type { SampleOptions } from '../data/sample/generate.ts';
import type { SampleResult } from '../data/sample/columns.ts';
import type { WireError } from './rpc.ts';

export type SampleRequest =
  { id: number; type: 'generate'; options: SampleOptions } | { id: number; type: 'cancel'; target: number };

export type SampleResponse =
  | { id: number; type: 'progress'; done: number; total: number }
  | { id: number; type: 'result'; result: SampleResult; ms: number }
  | { id: number; type: 'cancelled' }
  | { id: number; type: 'error'; error: WireError };
