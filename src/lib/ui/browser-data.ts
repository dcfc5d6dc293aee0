/**
 * The workspace's data port in the browser: datasets from IndexedDB, fits in the fit
 * worker, the fitted baseline handed to the engine worker.
 */
import {
  deleteDataset,
  deleteScenario,
  getSetting,
  listDatasets,
  listScenarios,
  saveScenario,
  setDatasetCurrency,
  setSetting,
  type JsonValue
} from '$lib/data/db';
import { parseScenario } from '$lib/model/scenario/scenario';
import { generateAndSaveSample } from './sample-data';
import { FitClient } from '$lib/workers/fit-client';
import { appDb } from './app-db';
import { appEngine } from './app-engine';
import type { DataPort } from './workspace.svelte';

let fitter: FitClient | null = null;
/** the fit now running (the dataset being put to use), if any */
let fitting: FitClient | null = null;

export const browserData: DataPort = {
  async list() {
    return listDatasets(await appDb());
  },
  async activate(id, terms, onProgress) {
    // choosing another dataset while a fit runs stops that fit at once: its worker is ended
    // (the superseded call rejects with an AbortError) and a fresh one fits the new choice
    if (fitting) {
      fitting.terminate();
      if (fitter === fitting) fitter = null;
    }
    const client = (fitter ??= FitClient.spawn());
    fitting = client;
    let fitted;
    try {
      fitted = await client.fit(id, onProgress, undefined, terms);
    } finally {
      if (fitting === client) fitting = null;
    }
    const r = await appEngine().setBaseline(fitted.spec);
    if (r.status === 'error') throw new Error(r.errors.join('; '));
    const { diagnostics, purchase, organic, customers, source } = fitted;
    return { source, clv: fitted.clv, report: { diagnostics, purchase, organic, customers, source } };
  },
  async valueBase(id, terms) {
    fitter ??= FitClient.spawn();
    // the worker keeps the fitted models: this values the base again without refitting
    return (await fitter.fit(id, undefined, undefined, terms)).clv;
  },
  async remove(id) {
    await deleteDataset(await appDb(), id);
  },
  async setCurrency(id, currency) {
    await setDatasetCurrency(await appDb(), id, currency);
  },
  async createSample(onStage) {
    // the fit comes right after: its worker loads its code while the sample is drawn and saved
    fitter ??= FitClient.spawn();
    const job = generateAndSaveSample({ preset: 'music', customers: 10_000, seed: 42 }, (p) => onStage(p.stage));
    return (await job.result).id;
  },
  async listScenarios() {
    const records = await listScenarios(await appDb());
    // scenarios read from the database are validated like any other way in
    return records
      .map((r) => ({ ...r, parsed: parseScenario(r.scenario) }))
      .filter((r) => r.parsed.ok)
      .map(({ parsed, ...r }) => ({ ...r, scenario: (parsed as { ok: true; scenario: typeof r.scenario }).scenario }))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  },
  async saveScenario(input) {
    return saveScenario(await appDb(), input);
  },
  async deleteScenario(id) {
    await deleteScenario(await appDb(), id);
  },
  async loadSession() {
    const db = await appDb();
    const activeDatasetId = await getSetting<string | null>(db, 'activeDatasetId', null);
    const scenario = await getSetting<JsonValue>(db, 'workingScenario', null);
    return { activeDatasetId, scenario };
  },
  async saveSession(state) {
    const db = await appDb();
    await setSetting(db, 'activeDatasetId', state.activeDatasetId);
    await setSetting(db, 'workingScenario', state.scenario as JsonValue);
  }
};
