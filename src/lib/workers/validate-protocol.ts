/**
 * Messages between the /validate page and its worker: run the CDNOW checks of
 * Fader, Hardie & Lee (2005) on a file in CDNOW_sample.txt format. Errors come back as values.
 */
import type { CdnowFileStage, CdnowFileValidation } from '../validate/cdnow-import.ts';
import type { WireError } from './rpc.ts';

export type ValidateRequest = { id: number; type: 'cdnow'; file: Blob };

export type ValidateResponse =
  | { id: number; type: 'progress'; stage: CdnowFileStage }
  | { id: number; type: 'done'; result: CdnowFileValidation }
  | { id: number; type: 'error'; error: WireError };
