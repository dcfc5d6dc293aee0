import { resolve } from 'node:path';

/** The public reference data: DATA_DIR, or ../shared/data beside the project. */
export const dataDir = resolve(process.env.DATA_DIR ?? '../shared/data');
