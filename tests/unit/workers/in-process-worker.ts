// The import worker boundary in one process (shared by the import-handler tests): messages are
// structured-cloned and delivered asynchronously, as postMessage does.
import type { WorkerLike } from '$lib/workers/import-client';
import { createImportHandler, type SaveDataset } from '$lib/workers/import-handler';
import type { ImportResponse } from '$lib/workers/import-protocol';

export function inProcessWorker(save: SaveDataset): WorkerLike {
  const listeners: ((event: { data: ImportResponse }) => void)[] = [];
  const handler = createImportHandler({
    post: (response) => {
      const data = structuredClone(response);
      setTimeout(() => listeners.forEach((l) => l({ data })), 0);
    },
    save,
    newId: () => 'dataset-1',
    now: () => new Date('2026-01-01T00:00:00Z')
  });
  return {
    postMessage: (message) => {
      const data = structuredClone(message);
      setTimeout(() => void handler.handle(data), 0);
    },
    addEventListener: (_type, listener) => listeners.push(listener)
  };
}
