/** The validation worker: reads a CDNOW-format file, fits BG/NBD, Pareto/NBD and Gamma-Gamma, answers with the checks. */
import { validateCdnowFile } from '../validate/cdnow-import.ts';
import type { ValidateRequest, ValidateResponse } from './validate-protocol.ts';
import { toWireError } from './rpc.ts';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ValidateRequest>) => void) | null;
  postMessage(m: ValidateResponse): void;
};

scope.onmessage = async (e) => {
  const { id, file } = e.data;
  try {
    const result = await validateCdnowFile(file, (stage) => scope.postMessage({ id, type: 'progress', stage }));
    scope.postMessage({ id, type: 'done', result });
  } catch (error) {
    scope.postMessage({ id, type: 'error', error: toWireError(error) });
  }
};
