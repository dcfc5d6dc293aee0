/**
 * Evidence stored with the dataset in use (a spend file, lift tests), read for a panel: handed
 * on only if that dataset is still the one in use when the read comes back, so a quick switch
 * of datasets never shows one dataset's evidence on another.
 */
import type { LeverLabDb } from '$lib/data/db';
import { appDb } from '../app-db';
import { workspace } from '../workspace-instance.svelte';

export async function readStoredEvidence<T>(
  datasetId: string,
  read: (db: LeverLabDb, datasetId: string) => Promise<T | undefined>,
  use: (stored: T) => void
): Promise<void> {
  const stored = await read(await appDb(), datasetId);
  if (stored && workspace.activeDatasetId === datasetId) use(stored);
}
