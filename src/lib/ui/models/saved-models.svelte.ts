/**
 * The models saved in this browser (the database's `models` table), newest first, and
 * the actions on them. Only plain rows cross into Svelte state: the weights stay in
 * IndexedDB until a model is loaded, and no tensor is ever held here.
 */
import { appDb } from '$lib/ui/app-db';
import { deleteModel, listModels, loadModel, saveModel, type ModelRecord, type SaveModelInput } from '$lib/data/db';
import { summaryFromRecord, type ModelSummary } from './saved-model';

export interface SavedModelRow {
  id: string;
  name: string;
  kind: string;
  datasetId: string | null;
  createdAt: string;
  metrics: Record<string, number>;
}

function row(r: ModelRecord): SavedModelRow {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    datasetId: r.datasetId,
    createdAt: r.createdAt,
    metrics: { ...r.metrics }
  };
}

class SavedModels {
  rows: SavedModelRow[] = $state.raw([]);
  error = $state('');

  async refresh(): Promise<void> {
    try {
      const records = await listModels(await appDb());
      this.rows = records.map(row).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      this.error = '';
    } catch (e) {
      this.error = `Could not list the saved models: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  async save(input: SaveModelInput): Promise<void> {
    await saveModel(await appDb(), input);
    await this.refresh();
  }

  /** The stored summary of a model (its held-out evaluation and evidence). */
  async open(id: string): Promise<{ name: string; summary: ModelSummary }> {
    const record = await loadModel(await appDb(), id);
    if (!record) throw new RangeError(`no saved model with id ${id}`);
    return { name: record.name, summary: summaryFromRecord(record) };
  }

  async remove(id: string): Promise<void> {
    await deleteModel(await appDb(), id);
    await this.refresh();
  }
}

export const savedModels = new SavedModels();
